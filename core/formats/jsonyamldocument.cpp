#include "jsonyamldocument.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <yaml-cpp/yaml.h>

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

class YamlConverter
{
public:
    explicit YamlConverter(JsonPositions *positions)
        : m_positions(positions)
    {}

    bool exhausted() const { return m_budget < 0 || m_repeatBudget < 0; }

    QJsonValue convert(const YAML::Node &node, const QString &pointer, int depth)
    {
        if (exhausted() || depth > 256)
            return QJsonValue();
        --m_budget;
        // Aliases can make a small document expand enormously: a node met again (the same
        // place in the text) is an alias's copy, and copies have a budget of their own.
        const YAML::Mark mark = node.Mark();
        const bool repeated = mark.pos >= 0 && m_seen.contains(mark.pos);
        if (repeated) {
            m_repeatBudget -= 1 + (node.IsScalar() ? qsizetype(node.Scalar().size() / 64) : 0);
        } else if (mark.pos >= 0) {
            m_seen.insert(mark.pos);
            if (mark.line >= 0 && mark.column >= 0)
                m_positions->add(pointer, mark.line + 1, mark.column + 1);
        }
        switch (node.Type()) {
        case YAML::NodeType::Map: {
            QJsonObject object;
            for (auto it = node.begin(); it != node.end() && !exhausted(); ++it) {
                const QString key =
                    it->first.IsScalar() ? QString::fromStdString(it->first.Scalar()) : QString();
                object.insert(key,
                              convert(it->second, JsonPositions::child(pointer, key), depth + 1));
            }
            return object;
        }
        case YAML::NodeType::Sequence: {
            QJsonArray array;
            qsizetype index = 0;
            for (auto it = node.begin(); it != node.end() && !exhausted(); ++it, ++index)
                array.append(convert(*it, JsonPositions::child(pointer, index), depth + 1));
            return array;
        }
        case YAML::NodeType::Scalar: return scalar(node);
        case YAML::NodeType::Null:
        case YAML::NodeType::Undefined: return QJsonValue();
        }
        return QJsonValue();
    }

private:
    QJsonValue scalar(const YAML::Node &node)
    {
        const std::string &raw = node.Scalar();
        m_budget -= qsizetype(raw.size() / 64);
        const QString text = QString::fromStdString(raw);
        if (node.Tag() != "?") // quoted or explicitly tagged: a string
            return text;
        static const QRegularExpression number(
            QStringLiteral(R"(^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$)"));
        if (text == QLatin1String("true") || text == QLatin1String("True") ||
            text == QLatin1String("TRUE"))
            return true;
        if (text == QLatin1String("false") || text == QLatin1String("False") ||
            text == QLatin1String("FALSE"))
            return false;
        if (text.isEmpty() || text == QLatin1String("~") || text == QLatin1String("null") ||
            text == QLatin1String("Null") || text == QLatin1String("NULL"))
            return QJsonValue();
        if (number.match(text).hasMatch())
            return text.toDouble();
        return text;
    }

    JsonPositions *m_positions;
    QSet<int> m_seen;
    qsizetype m_budget = 2'000'000;
    qsizetype m_repeatBudget = 100'000;
};

} // namespace

bool JsonYamlDocument::read(const QByteArray &input, const QString &path,
                            JsonYamlDocument *document, Diagnostic *error)
{
    // A UTF-8 byte order mark is allowed (HAR, editors on Windows); QJsonDocument refuses it.
    const QByteArray data = input.startsWith("\xEF\xBB\xBF") ? input.mid(3) : input;
    if (startsLikeJson(data)) {
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
    try {
        const YAML::Node node = YAML::Load(data.toStdString());
        YamlConverter converter(&document->positions);
        document->root = converter.convert(node, QString(), 0);
        if (converter.exhausted()) {
            *error = Diagnostic();
            error->file = path;
            error->line = 1;
            error->column = 1;
            error->message = QStringLiteral("the YAML document is too large once its aliases "
                                            "are expanded; export it as JSON");
            return false;
        }
        return true;
    } catch (const YAML::Exception &e) {
        *error = Diagnostic();
        error->file = path;
        error->line = e.mark.line >= 0 ? e.mark.line + 1 : 1;
        error->column = e.mark.column >= 0 ? e.mark.column + 1 : 1;
        error->message = QString::fromStdString(e.msg) + QStringLiteral(" (invalid YAML)");
        return false;
    }
}

} // namespace mr
