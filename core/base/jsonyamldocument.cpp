#include "jsonyamldocument.h"

#include "yamldocument.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace mr {

namespace {

bool startsLikeJson(const QByteArray &data)
{
    for (const char c : data) {
        if (c == '{' || c == '[')
            return true;
        if (!QByteArrayView(" \t\r\n").contains(c))
            return false;
    }
    return false;
}

} // namespace

bool JsonYamlDocument::readJson(const QByteArray &input, const QString &path,
                                JsonYamlDocument *document, Diagnostic *error)
{
    // A UTF-8 byte order mark is allowed (HAR, editors on Windows); QJsonDocument refuses it.
    const QByteArray data = input.startsWith("\xEF\xBB\xBF") ? input.mid(3) : input;
    QJsonParseError parseError{};
    const QJsonDocument json = QJsonDocument::fromJson(data, &parseError);
    const QString text = QString::fromUtf8(data);
    if (parseError.error != QJsonParseError::NoError) {
        // The offset counts UTF-8 bytes; the column counts characters.
        const qsizetype offset = QString::fromUtf8(data.left(parseError.offset)).size();
        *error = Diagnostic::at(path, text, offset,
                                parseError.errorString() + QStringLiteral(" (invalid JSON)"));
        return false;
    }
    document->root = json.isObject() ? QJsonValue(json.object()) : QJsonValue(json.array());
    document->positions = JsonPositions::scan(text);
    return true;
}

bool JsonYamlDocument::read(const QByteArray &input, const QString &path,
                            JsonYamlDocument *document, Diagnostic *error)
{
    const QByteArray data = input.startsWith("\xEF\xBB\xBF") ? input.mid(3) : input;
    if (startsLikeJson(data))
        return readJson(data, path, document, error);
    // YAML through the one YAML reader (event-based: yaml-cpp 0.7's LoadAll can hang).
    const YamlDocument yaml = YamlDocument::parse(data, path);
    if (yaml.hasErrors()) {
        *error = yaml.errors().first();
        return false;
    }
    document->root = yaml.value();
    document->positions = yaml.positions();
    document->warnings = yaml.warnings();
    return true;
}

} // namespace mr
