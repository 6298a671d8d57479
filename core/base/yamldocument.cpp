#include "yamldocument.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <cmath>
#include <sstream>
#include <tuple>
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

// Stops the parser from inside the event handler (caught in parse()).
struct Abort {
};

// Builds the JSON tree from yaml-cpp's parse events. (Not YAML::LoadAll: yaml-cpp 0.7's loop
// over documents never ends on input such as "{}," — its parser keeps returning an empty
// document at the same place, https://github.com/jbeder/yaml-cpp/issues/1040.)
class Builder : public YAML::EventHandler
{
public:
    Builder(const QByteArray &text, const QString &file)
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

    void fail(const YAML::Mark &mark, const QString &message)
    {
        m_errors.append(at(mark, message));
    }

    // After the first document, the others are only counted.
    void stopBuilding() { m_building = false; }
    const YAML::Mark &documentMark() const { return m_documentMark; }
    const YAML::Mark &laterDocumentMark() const { return m_laterMark; }
    bool laterDocumentHasContent() const { return m_laterContent; }

    QJsonValue m_root;
    JsonPositions m_positions;
    QList<Diagnostic> m_errors;
    QList<Diagnostic> m_warnings;

    void OnDocumentStart(const YAML::Mark &mark) override
    {
        m_documentMark = mark;
        if (!m_building && m_laterMark.is_null())
            m_laterMark = mark;
    }
    void OnDocumentEnd() override {}

    void OnNull(const YAML::Mark &mark, YAML::anchor_t anchor) override
    {
        if (!m_building)
            return;
        YAML::Mark place = mark;
        // An empty value ("key:" at a line's end) is marked where the next token starts.
        if (!m_stack.empty() && m_stack.back().map && !m_stack.back().expectKey &&
            mark.line > m_stack.back().keyMark.line)
            place = m_stack.back().keyMark;
        const QJsonValue value(QJsonValue::Null);
        begin(place, 1);
        remember(anchor, value, 1);
        deliver(value, 1, place, QStringLiteral("null"));
    }

    void OnAlias(const YAML::Mark &mark, YAML::anchor_t anchor) override
    {
        if (!m_building) {
            m_laterContent = true;
            return;
        }
        for (const Frame &frame : m_stack) {
            if (frame.anchor == anchor) {
                fail(mark, QStringLiteral("an alias refers to the value that contains it; the "
                                          "document is not read"));
                throw Abort();
            }
        }
        const auto found = m_anchors.constFind(anchor);
        const QJsonValue value = found == m_anchors.cend() ? QJsonValue() : found->first;
        const qsizetype size = found == m_anchors.cend() ? 1 : found->second;
        begin(mark, size);
        deliver(value, size, mark, keyText(value));
    }

    void OnScalar(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor,
                  const std::string &text) override
    {
        if (!m_building) {
            m_laterContent = true;
            return;
        }
        begin(mark, 1);
        const QString string = QString::fromStdString(text);
        const QJsonValue value = scalar(mark, tag, string);
        remember(anchor, value, 1);
        deliver(value, 1, mark, string);
    }

    void OnSequenceStart(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override
    {
        start(mark, tag, anchor, false);
    }
    void OnSequenceEnd() override { end(); }
    void OnMapStart(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override
    {
        start(mark, tag, anchor, true);
    }
    void OnMapEnd() override { end(); }

private:
    struct Frame {
        bool map = false;
        bool quiet = false; // inside a key or a skipped value: no positions
        QJsonArray array;
        QJsonObject object;
        QString pointer;
        YAML::anchor_t anchor = YAML::NullAnchor;
        qsizetype size = 1; // values it holds when aliases are expanded, itself included
        YAML::Mark mark;
        bool expectKey = true;
        bool skipValue = false;
        QString key;
        YAML::Mark keyMark;
        QHash<QString, YAML::Mark> seen;
    };

    // Where a new value goes: its JSON pointer, and whether it is quiet.
    std::pair<QString, bool> place() const
    {
        if (m_stack.empty())
            return {QString(), false};
        const Frame &parent = m_stack.back();
        if (!parent.map)
            return {JsonPositions::child(parent.pointer, parent.array.size()), parent.quiet};
        if (parent.expectKey || parent.skipValue)
            return {QString(), true};
        return {JsonPositions::child(parent.pointer, parent.key), parent.quiet};
    }

    // Counts a new value (an alias counts what it repeats) and records its position.
    void begin(const YAML::Mark &mark, qsizetype size)
    {
        m_values += size;
        if (m_values > YamlDocument::MaxValues) {
            fail(mark, QStringLiteral("the document expands to more than %1 values (aliases "
                                      "repeating aliases?); it is not read")
                           .arg(YamlDocument::MaxValues));
            throw Abort();
        }
        const auto [pointer, quiet] = place();
        if (!quiet)
            m_positions.add(pointer, mark.line + 1, column(mark.line, mark.column));
    }

    void start(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor, bool map)
    {
        if (!m_building) {
            m_laterContent = true;
            return;
        }
        if (int(m_stack.size()) >= YamlDocument::MaxDepth) {
            fail(mark, QStringLiteral("nested more than %1 levels deep; the document is not read")
                           .arg(YamlDocument::MaxDepth));
            throw Abort();
        }
        begin(mark, 1);
        warnAboutTag(mark, tag);
        Frame frame;
        frame.map = map;
        std::tie(frame.pointer, frame.quiet) = place();
        frame.anchor = anchor;
        frame.mark = mark;
        m_stack.push_back(std::move(frame));
    }

    void end()
    {
        if (!m_building || m_stack.empty())
            return;
        Frame frame = std::move(m_stack.back());
        m_stack.pop_back();
        const QJsonValue value =
            frame.map ? QJsonValue(std::move(frame.object)) : QJsonValue(std::move(frame.array));
        remember(frame.anchor, value, frame.size);
        deliver(value, frame.size, frame.mark, QString());
    }

    void remember(YAML::anchor_t anchor, const QJsonValue &value, qsizetype size)
    {
        if (anchor != YAML::NullAnchor)
            m_anchors.insert(anchor, {value, size});
    }

    // Hands a finished value to its parent: an item, a key or a value of a mapping.
    void deliver(const QJsonValue &value, qsizetype size, const YAML::Mark &mark,
                 const QString &text)
    {
        if (m_stack.empty()) {
            m_root = value;
            return;
        }
        Frame &parent = m_stack.back();
        if (!parent.map) {
            parent.array.append(value);
            parent.size += size;
            return;
        }
        if (parent.expectKey) {
            parent.expectKey = false;
            parent.keyMark = mark;
            if (value.isArray() || value.isObject()) {
                m_warnings.append(at(mark,
                                     QStringLiteral("a mapping or sequence as a key has no JSON "
                                                    "equivalent; this entry is skipped"),
                                     Diagnostic::Severity::Warning));
                parent.skipValue = true;
                return;
            }
            // Keys are text in JSON: "200:" and "true:" name the keys "200" and "true".
            parent.key = text;
            const auto previous = parent.seen.constFind(text);
            if (previous != parent.seen.cend()) {
                const Diagnostic first = at(*previous, QString());
                m_errors.append(at(mark, QStringLiteral("duplicate key \"%1\" (also at line %2, "
                                                        "column %3); YAML keys must be unique")
                                             .arg(text, QString::number(first.line),
                                                  QString::number(first.column))));
                parent.skipValue = true;
                return;
            }
            parent.seen.insert(text, mark);
            return;
        }
        if (!parent.skipValue) {
            parent.object.insert(parent.key, value);
            parent.size += size;
        }
        parent.expectKey = true;
        parent.skipValue = false;
    }

    static QString keyText(const QJsonValue &value)
    {
        if (value.isString())
            return value.toString();
        if (value.isNull() || value.isUndefined())
            return QStringLiteral("null");
        if (value.isBool())
            return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        if (value.isDouble())
            return QString::number(value.toDouble(), 'g', 17);
        return QString();
    }

    bool warnAboutTag(const YAML::Mark &mark, const std::string &tag)
    {
        const bool custom = !tag.empty() && tag != "?" && tag != "!" &&
                            tag.compare(0, CoreTag.size(), CoreTag) != 0;
        if (custom)
            m_warnings.append(at(mark,
                                 QStringLiteral("the tag %1 is ignored; the value is read as "
                                                "if it had none")
                                     .arg(QString::fromStdString(tag)),
                                 Diagnostic::Severity::Warning));
        return custom;
    }

    QJsonValue scalar(const YAML::Mark &mark, const std::string &tag, const QString &text)
    {
        if (warnAboutTag(mark, tag) || tag == "!") // quoted, block, or a tag we do not know
            return QJsonValue(text);
        if (tag == "?" || tag.empty())
            return resolvePlain(text);
        const std::string core = tag.substr(CoreTag.size());
        if (core == "str" || core == "binary" || core == "timestamp")
            return QJsonValue(text);
        const QJsonValue resolved = resolvePlain(text);
        const bool fits = (core == "null" && resolved.isNull()) ||
                          (core == "bool" && resolved.isBool()) ||
                          ((core == "int" || core == "float") && resolved.isDouble());
        if (!fits)
            m_warnings.append(at(mark,
                                 QStringLiteral("\"%1\" is not a valid !!%2; read as text")
                                     .arg(text, QString::fromStdString(core)),
                                 Diagnostic::Severity::Warning));
        return fits ? resolved : QJsonValue(text);
    }

    int column(int line, int byteColumn)
    {
        if (line < 0 || size_t(line) >= m_lineStarts.size() || byteColumn < 0)
            return qMax(byteColumn, 0) + 1;
        // Values come in document order: continue counting from the last mark on the same
        // line instead of from the line's start (long one-line documents stay linear).
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
    std::vector<Frame> m_stack;
    QHash<YAML::anchor_t, std::pair<QJsonValue, qsizetype>> m_anchors;
    qsizetype m_values = 0;
    bool m_building = true;
    bool m_laterContent = false;
    YAML::Mark m_documentMark = YAML::Mark::null_mark();
    YAML::Mark m_laterMark = YAML::Mark::null_mark();
    int m_cursorLine = -1;
    int m_cursorByte = 0;
    int m_cursorChar = 0;
};

} // namespace

YamlDocument YamlDocument::parse(const QByteArray &yaml, const QString &file)
{
    YamlDocument document;
    Builder builder(yaml, file);
    if (yaml.size() > MaxBytes) {
        builder.fail(YAML::Mark(), QStringLiteral("the file is larger than %1 MB; it is not read")
                                       .arg(MaxBytes / (1024 * 1024)));
        document.m_errors = builder.m_errors;
        return document;
    }
    try {
        std::istringstream stream(std::string(yaml.constData(), size_t(yaml.size())));
        YAML::Parser parser(stream);
        int documents = 0;
        int lastStart = -1;
        // The first document is built; the others are only counted. A "document" that starts
        // where the previous one did is yaml-cpp stuck on text it cannot read.
        while (documents < 1000 && parser.HandleNextDocument(builder)) {
            if (builder.documentMark().pos == lastStart) {
                builder.fail(builder.documentMark(),
                             QStringLiteral("YAML: unexpected text; the document cannot be read "
                                            "from here on"));
                break;
            }
            lastStart = builder.documentMark().pos;
            ++documents;
            builder.stopBuilding();
        }
        if (builder.laterDocumentHasContent())
            builder.m_warnings.append(
                builder.at(builder.laterDocumentMark(),
                           QStringLiteral("only the first of several YAML documents is read"),
                           Diagnostic::Severity::Warning));
    } catch (const Abort &) {
        // reported by the builder
    } catch (const YAML::DeepRecursion &e) {
        builder.fail(e.mark, QStringLiteral("nested too deeply; the document is not read"));
    } catch (const YAML::Exception &e) {
        builder.fail(e.mark, QStringLiteral("YAML: %1").arg(QString::fromStdString(e.msg)));
    } catch (const std::exception &e) {
        builder.fail(YAML::Mark(), QStringLiteral("YAML: %1").arg(QString::fromUtf8(e.what())));
    } catch (...) {
        builder.fail(YAML::Mark(), QStringLiteral("YAML: the text cannot be read"));
    }
    document.m_positions = builder.m_positions;
    document.m_errors = builder.m_errors;
    document.m_warnings = builder.m_warnings;
    if (!document.hasErrors())
        document.m_value = builder.m_root;
    return document;
}

} // namespace mr
