#include "yamldocument.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

// GCC 12 flags yaml-cpp 0.7's own inline node code (a false positive after inlining).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdangling-pointer"
#endif
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

#include <cmath>
#include <limits>
#include <vector>

namespace mr {

namespace {

const std::string CoreTag = "tag:yaml.org,2002:";

// A plain scalar as the YAML 1.2 core schema reads it. JSON has no infinity or NaN: those
// stay the text they were.
QJsonValue resolvePlain(const QString &text)
{
    static const QRegularExpression boolean(QStringLiteral("^(true|True|TRUE|false|False|FALSE)$"));
    static const QRegularExpression decimal(QStringLiteral("^[-+]?[0-9]+$"));
    static const QRegularExpression octal(QStringLiteral("^0o[0-7]+$"));
    static const QRegularExpression hex(QStringLiteral("^0x[0-9a-fA-F]+$"));
    static const QRegularExpression real(
        QStringLiteral(R"(^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$)"));
    static const QRegularExpression null(QStringLiteral("^(~|null|Null|NULL)?$"));
    if (null.match(text).hasMatch())
        return QJsonValue(QJsonValue::Null);
    if (boolean.match(text).hasMatch())
        return QJsonValue(text.front().toLower() == QLatin1Char('t'));
    bool ok = false;
    if (decimal.match(text).hasMatch()) {
        const qint64 number = text.toLongLong(&ok);
        return ok ? QJsonValue(number) : QJsonValue(text.toDouble()); // beyond 64 bits
    }
    if (octal.match(text).hasMatch() || hex.match(text).hasMatch()) {
        const qint64 number = text.mid(2).toLongLong(&ok, text[1] == QLatin1Char('o') ? 8 : 16);
        if (ok)
            return QJsonValue(number);
        return QJsonValue(text);
    }
    if (real.match(text).hasMatch()) {
        const double number = text.toDouble(&ok);
        if (ok && std::isfinite(number))
            return QJsonValue(number);
    }
    return QJsonValue(text);
}

class Converter
{
public:
    Converter(const QByteArray &text, const QString &file)
        : m_text(text)
        , m_file(file)
    {
        // yaml-cpp's columns on the first line do not count a byte order mark.
        m_lineStarts.push_back(text.startsWith("\xef\xbb\xbf") ? 3 : 0);
        for (qsizetype i = 0; i < text.size(); ++i) {
            if (text[i] == '\n')
                m_lineStarts.push_back(i + 1);
        }
    }

    // yaml-cpp counts from 0 and its columns are bytes; ours count from 1, in characters.
    Diagnostic at(const YAML::Mark &mark, const QString &message,
                  Diagnostic::Severity severity = Diagnostic::Severity::Error)
    {
        Diagnostic d;
        d.file = m_file;
        d.message = message;
        d.severity = severity;
        d.line = mark.line >= 0 ? mark.line + 1 : 1;
        d.column = mark.line >= 0 && mark.column >= 0 ? column(mark.line, mark.column) : 1;
        return d;
    }

    QJsonValue convert(const YAML::Node &node, const QString &pointer, int depth,
                       const YAML::Mark &keyMark)
    {
        if (m_failed)
            return QJsonValue();
        YAML::Mark mark = node.Mark();
        // An empty value ("key:" at a line's end) is marked where the next token starts.
        if (mark.is_null() || (node.IsNull() && !keyMark.is_null() && mark.line > keyMark.line))
            mark = keyMark;
        if (!mark.is_null())
            m_positions.add(pointer, mark.line + 1, column(mark.line, mark.column));
        if (++m_values > YamlDocument::MaxValues) {
            fail(mark, QStringLiteral("the document expands to more than %1 values (aliases "
                                      "repeating aliases?); it is not read")
                           .arg(YamlDocument::MaxValues));
            return QJsonValue();
        }
        if (depth > YamlDocument::MaxDepth) {
            fail(mark, QStringLiteral("nested more than %1 levels deep (a recursive alias?); it "
                                      "is not read")
                           .arg(YamlDocument::MaxDepth));
            return QJsonValue();
        }
        const std::string &tag = node.Tag();
        const bool customTag = !tag.empty() && tag != "?" && tag != "!" &&
                               tag.compare(0, CoreTag.size(), CoreTag) != 0;
        if (customTag)
            m_warnings.append(at(mark,
                                 QStringLiteral("the tag %1 is ignored; the value is read as "
                                                "if it had none")
                                     .arg(QString::fromStdString(tag)),
                                 Diagnostic::Severity::Warning));
        switch (node.Type()) {
        case YAML::NodeType::Undefined:
        case YAML::NodeType::Null: return QJsonValue(QJsonValue::Null);
        case YAML::NodeType::Scalar: return scalar(node, mark, customTag);
        case YAML::NodeType::Sequence: {
            QJsonArray array;
            qsizetype index = 0;
            for (const YAML::Node &item : node) {
                array.append(convert(item, JsonPositions::child(pointer, index++), depth + 1,
                                     YAML::Mark::null_mark()));
                if (m_failed)
                    return QJsonValue();
            }
            return array;
        }
        case YAML::NodeType::Map: {
            QJsonObject object;
            QHash<QString, YAML::Mark> seen;
            for (auto it = node.begin(); it != node.end(); ++it) {
                const YAML::Node &keyNode = it->first;
                if (!keyNode.IsScalar() && !keyNode.IsNull()) {
                    m_warnings.append(at(keyNode.Mark(),
                                         QStringLiteral("a mapping or sequence as a key has no "
                                                        "JSON equivalent; this entry is skipped"),
                                         Diagnostic::Severity::Warning));
                    continue;
                }
                // Keys are text in JSON: "200:" and "true:" name the keys "200" and "true".
                const QString key = keyNode.IsNull() ? QStringLiteral("null")
                                                     : QString::fromStdString(keyNode.Scalar());
                const auto previous = seen.constFind(key);
                if (previous != seen.cend()) {
                    const Diagnostic first = at(*previous, QString());
                    m_errors.append(
                        at(keyNode.Mark(), QStringLiteral("duplicate key \"%1\" (also at line %2, "
                                                          "column %3); YAML keys must be unique")
                                               .arg(key)
                                               .arg(first.line)
                                               .arg(first.column)));
                    continue;
                }
                seen.insert(key, keyNode.Mark());
                object.insert(key, convert(it->second, JsonPositions::child(pointer, key),
                                           depth + 1, keyNode.Mark()));
                if (m_failed)
                    return QJsonValue();
            }
            return object;
        }
        }
        return QJsonValue();
    }

    void fail(const YAML::Mark &mark, const QString &message)
    {
        m_errors.append(at(mark, message));
        m_failed = true;
    }

    JsonPositions m_positions;
    QList<Diagnostic> m_errors;
    QList<Diagnostic> m_warnings;

private:
    QJsonValue scalar(const YAML::Node &node, const YAML::Mark &mark, bool customTag)
    {
        const QString text = QString::fromStdString(node.Scalar());
        const std::string &tag = node.Tag();
        if (tag == "!" || customTag) // quoted, block, or a tag we do not know: text
            return QJsonValue(text);
        if (tag == "?")
            return resolvePlain(text);
        const std::string core = tag.substr(CoreTag.size());
        if (core == "str" || core == "binary" || core == "timestamp")
            return QJsonValue(text);
        const QJsonValue resolved = resolvePlain(text);
        const bool fits = (core == "null" && resolved.isNull()) ||
                          (core == "bool" && resolved.isBool()) ||
                          ((core == "int" || core == "float") && resolved.isDouble());
        if (!fits && core != "map" && core != "seq")
            m_warnings.append(at(mark,
                                 QStringLiteral("\"%1\" is not a valid !!%2; read as text")
                                     .arg(text, QString::fromStdString(core)),
                                 Diagnostic::Severity::Warning));
        return fits ? resolved : QJsonValue(text);
    }

    int column(int line, int byteColumn)
    {
        if (line < 0 || size_t(line) >= m_lineStarts.size() || byteColumn < 0)
            return byteColumn + 1;
        // Nodes come mostly in document order: continue counting from the last mark on the
        // same line instead of from the line's start (long one-line documents stay linear).
        if (line != m_cursorLine || byteColumn < m_cursorByte) {
            m_cursorLine = line;
            m_cursorByte = 0;
            m_cursorChar = 0;
        }
        const qsizetype start = m_lineStarts[size_t(line)];
        for (qsizetype i = start + m_cursorByte; i < start + byteColumn && i < m_text.size(); ++i) {
            const uchar byte = uchar(m_text[i]);
            if ((byte & 0xC0) != 0x80)                // not a continuation byte: a new character
                m_cursorChar += byte >= 0xF0 ? 2 : 1; // astral characters are two UTF-16 units
        }
        m_cursorByte = byteColumn;
        return m_cursorChar + 1;
    }

    const QByteArray &m_text;
    QString m_file;
    std::vector<qsizetype> m_lineStarts;
    qsizetype m_values = 0;
    bool m_failed = false;
    int m_cursorLine = -1;
    int m_cursorByte = 0;
    int m_cursorChar = 0;
};

} // namespace

YamlDocument YamlDocument::parse(const QByteArray &yaml, const QString &file)
{
    YamlDocument document;
    Converter converter(yaml, file);
    if (yaml.size() > MaxBytes) {
        converter.fail(YAML::Mark(), QStringLiteral("the file is larger than %1 MB; it is not read")
                                         .arg(MaxBytes / (1024 * 1024)));
        document.m_errors = converter.m_errors;
        return document;
    }
    try {
        const std::vector<YAML::Node> documents =
            YAML::LoadAll(std::string(yaml.constData(), size_t(yaml.size())));
        if (!documents.empty()) {
            document.m_value =
                converter.convert(documents.front(), QString(), 0, YAML::Mark::null_mark());
            if (documents.size() > 1)
                converter.m_warnings.append(
                    converter.at(documents[1].Mark(),
                                 QStringLiteral("only the first of %1 YAML documents is read")
                                     .arg(documents.size()),
                                 Diagnostic::Severity::Warning));
        }
    } catch (const YAML::DeepRecursion &e) {
        converter.fail(e.mark, QStringLiteral("nested too deeply; it is not read"));
    } catch (const YAML::Exception &e) {
        converter.fail(e.mark, QStringLiteral("YAML: %1").arg(QString::fromStdString(e.msg)));
    } catch (const std::exception &e) {
        converter.fail(YAML::Mark(), QStringLiteral("YAML: %1").arg(QString::fromUtf8(e.what())));
    } catch (...) {
        converter.fail(YAML::Mark(), QStringLiteral("YAML: the text cannot be read"));
    }
    document.m_positions = converter.m_positions;
    document.m_errors = converter.m_errors;
    document.m_warnings = converter.m_warnings;
    if (document.hasErrors())
        document.m_value = QJsonValue();
    return document;
}

} // namespace mr
