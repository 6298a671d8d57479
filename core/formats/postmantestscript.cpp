#include "postmantestscript.h"

#include "postmanexporter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <cmath>

namespace mr {

namespace {

using P = RequestAssertion::Predicate;

// Helpers the tests share, written once above them when a test uses them. They mirror
// AssertionEvaluator: asActual is httpyac's convertToType, asText JavaScript's String() with
// JSON for objects and arrays, includes httpyac's "includes" (an array holds an item equal to
// the expected text read as that item's type; else the text contains it).
enum Helper { ResponseJson = 1, ResponseHeader = 2, AsActual = 4, AsText = 8, Includes = 16 };

const QStringList &helperLines(Helper helper)
{
    static const QStringList asActual = {
        QStringLiteral("// httpyac reads an assertion's expected text as the type of the value "
                       "it checks."),
        QStringLiteral("const asActual = (actual, expected) => {"),
        QStringLiteral("    if (typeof actual === \"number\") return expected.trim() === \"\" ? "
                       "NaN : Number(expected);"),
        QStringLiteral("    if (typeof actual === \"boolean\") return ![\"false\", \"0\", "
                       "\"\"].includes(expected.trim().toLowerCase());"),
        QStringLiteral("    if (actual === null) return expected === \"null\" ? null : expected;"),
        QStringLiteral("    if (actual === undefined) return expected === \"undefined\" ? "
                       "undefined : expected;"),
        QStringLiteral("    if (typeof actual === \"object\") { try { return JSON.parse(expected); "
                       "} catch (e) { return expected; } }"),
        QStringLiteral("    return expected;"),
        QStringLiteral("};"),
    };
    static const QStringList asText = {
        QStringLiteral("const asText = (value) => (typeof value === \"object\" && value !== null "
                       "? JSON.stringify(value) : String(value));"),
    };
    static const QStringList includes = {
        QStringLiteral("const includes = (actual, expected) => Array.isArray(actual)"),
        QStringLiteral("    ? actual.some((item) => _.isEqual(item, asActual(item, expected)))"),
        QStringLiteral("    : actual !== undefined && expected !== \"\" && "
                       "asText(actual).includes(expected);"),
    };
    static const QStringList responseJson = {
        QStringLiteral("// The parsed body, or undefined when it is not JSON: a body path then "
                       "finds nothing."),
        QStringLiteral("const responseJson = () => { try { return pm.response.json(); } catch "
                       "(e) { return undefined; } };"),
    };
    // pm.response.headers.get gives a repeated header's last value only.
    static const QStringList responseHeader = {
        QStringLiteral("// A header's values joined by \", \" as HTTP combines them, or undefined "
                       "when it is missing."),
        QStringLiteral("const responseHeader = (name) => {"),
        QStringLiteral("    const values = pm.response.headers.all().filter((header) => "
                       "header.key.toLowerCase() === name.toLowerCase());"),
        QStringLiteral("    return values.length ? values.map((header) => header.value).join(\", "
                       "\") : undefined;"),
        QStringLiteral("};"),
    };
    switch (helper) {
    case ResponseJson: return responseJson;
    case ResponseHeader: return responseHeader;
    case AsActual: return asActual;
    case AsText: return asText;
    case Includes: return includes;
    }
    return asActual;
}

const Helper helperOrder[] = {ResponseJson, ResponseHeader, AsActual, AsText, Includes};

// A JavaScript string literal (JSON's, which JavaScript reads the same).
QString literal(const QString &text)
{
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    QString out = QString::fromUtf8(array.mid(1, array.size() - 2));
    // Line separators end a line in older JavaScript string literals.
    out.replace(QChar(0x2028), QLatin1String("\\u2028"));
    out.replace(QChar(0x2029), QLatin1String("\\u2029"));
    return out;
}

// The expected text as a JavaScript expression: a literal, or its {{variables}} expanded by
// Postman when the test runs.
QString expectedExpression(const QString &expected)
{
    if (!expected.contains(QLatin1String("{{")))
        return literal(expected);
    return QStringLiteral("pm.variables.replaceIn(%1)")
        .arg(literal(PostmanExporter::postmanVariables(expected, nullptr)));
}

bool isIdentifier(const QString &name)
{
    static const QRegularExpression identifier(QStringLiteral("^[A-Za-z_$][A-Za-z0-9_$]*$"));
    return identifier.match(name).hasMatch();
}

// "$.a.b[0]" (or httpyac's "a.b[0]") as optional-chained property access on the parsed body
// (responseJson()), so a missing step gives undefined as our JSONPath does; empty when the
// path uses JSONPath that plain property access cannot follow (wildcards, filters, slices…).
QString jsonAccess(const QString &argument)
{
    QString path = argument;
    if (!path.startsWith(QLatin1Char('$')))
        path = (path.startsWith(QLatin1Char('[')) || path.startsWith(QLatin1Char('.')))
                   ? QLatin1Char('$') + path
                   : QStringLiteral("$.") + path;
    static const QRegularExpression step(QStringLiteral(
        "\\G(?:\\.([^.\\[\\]*'\"?()@:, ]+)|\\[\\s*'([^'\\\\]*)'\\s*\\]|\\[\\s*\"([^\"\\\\]*)\"\\s*"
        "\\]|\\[\\s*(\\d+)\\s*\\])"));
    QString access = QStringLiteral("responseJson()");
    qsizetype at = 1;
    while (at < path.size()) {
        const QRegularExpressionMatch m = step.match(path, at);
        if (!m.hasMatch() || m.capturedStart() != at)
            return {};
        if (m.hasCaptured(4)) {
            access += QStringLiteral("?.[%1]").arg(m.captured(4));
        } else {
            const QString name = m.hasCaptured(1)   ? m.captured(1)
                                 : m.hasCaptured(2) ? m.captured(2)
                                                    : m.captured(3);
            access += isIdentifier(name) ? QStringLiteral("?.") + name
                                         : QStringLiteral("?.[%1]").arg(literal(name));
        }
        at = m.capturedEnd();
    }
    return access;
}

// Our JSON number text for a literal expected value, when it reads as one.
std::optional<QString> numberLiteral(const QString &expected)
{
    if (expected.contains(QLatin1String("{{")))
        return std::nullopt;
    bool ok = false;
    const double d = expected.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(d))
        return std::nullopt;
    if (d == std::floor(d) && std::fabs(d) < 1e15)
        return QString::number(qint64(d));
    return QString::number(d, 'g', 17);
}

int subjectColumn(const RequestAssertion &assertion)
{
    const qsizetype marks = assertion.text.indexOf(QLatin1String("??"));
    qsizetype i = marks + 2;
    while (i < assertion.text.size() && assertion.text[i].isSpace())
        ++i;
    return int(i) + 1;
}

// The test's lines and the helpers they use.
QStringList testLines(const RequestAssertion &assertion, int *helpers, QString *whyNot)
{
    *helpers = 0;
    const QString description = assertion.description();
    if (!assertion.isValid()) {
        *whyNot = QStringLiteral("\"%1\" is not exported: %2").arg(description, assertion.problem);
        return {};
    }
    enum class Kind { Number, Text, Any } kind = Kind::Any;
    QString actual;
    switch (assertion.subject) {
    case RequestAssertion::Subject::Status:
        kind = Kind::Number;
        actual = QStringLiteral("pm.response.code");
        break;
    case RequestAssertion::Subject::Duration:
        kind = Kind::Number;
        actual = QStringLiteral("pm.response.responseTime");
        break;
    case RequestAssertion::Subject::Header:
        kind = Kind::Text;
        actual = QStringLiteral("responseHeader(%1)").arg(literal(assertion.argument));
        *helpers |= ResponseHeader;
        break;
    case RequestAssertion::Subject::Body:
        if (assertion.argument.isEmpty()) {
            kind = Kind::Text;
            actual = QStringLiteral("pm.response.text()");
            break;
        }
        actual = jsonAccess(assertion.argument);
        *helpers |= ResponseJson;
        if (actual.isEmpty()) {
            *whyNot = QStringLiteral("\"%1\" is not exported: the body path \"%2\" uses JSONPath "
                                     "that plain property access cannot follow (only .name, "
                                     "['name'] and [index] steps are exported); write it as a "
                                     "Postman test")
                          .arg(description, assertion.argument);
            return {};
        }
        break;
    case RequestAssertion::Subject::Connection:
        *whyNot = QStringLiteral("\"%1\" is not exported: Postman's scripts cannot see whether a "
                                 "connection was new or reused (only Microrequests checks it)")
                      .arg(description);
        return {};
    case RequestAssertion::Subject::Unsupported:
        *whyNot = assertion.subjectName.compare(QLatin1String("js"), Qt::CaseInsensitive) == 0
                      ? QStringLiteral("\"%1\" is not exported: its JavaScript is written for "
                                       "httpyac's objects, not Postman's; write it as a Postman "
                                       "test")
                            .arg(description)
                      : QStringLiteral("\"%1\" is not exported: Postman has no %2 assertions; "
                                       "write it as a Postman test")
                            .arg(description, assertion.subjectName);
        return {};
    }

    const QString expected = expectedExpression(assertion.expected);
    const bool literalExpected = !assertion.expected.contains(QLatin1String("{{"));
    QStringList body;
    const auto oneLine = [&](const QString &check) {
        body.append(QStringLiteral("pm.expect(%1).%2;").arg(actual, check));
    };

    // The common cases read as one pm.expect.
    const std::optional<QString> number =
        kind == Kind::Number ? numberLiteral(assertion.expected) : std::nullopt;
    const bool textEquality =
        kind == Kind::Text && literalExpected && assertion.expected != QLatin1String("undefined");
    switch (assertion.predicate) {
    case P::Exists: oneLine(QStringLiteral("to.be.ok")); break;
    case P::IsFalse: oneLine(QStringLiteral("to.not.be.ok")); break;
    case P::IsNumber: oneLine(QStringLiteral("to.be.a(\"number\")")); break;
    case P::IsString: oneLine(QStringLiteral("to.be.a(\"string\")")); break;
    case P::IsBoolean: oneLine(QStringLiteral("to.be.a(\"boolean\")")); break;
    case P::IsArray: oneLine(QStringLiteral("to.be.an(\"array\")")); break;
    case P::Equals:
        if (number)
            oneLine(QStringLiteral("to.eql(%1)").arg(*number));
        else if (textEquality)
            oneLine(QStringLiteral("to.eql(%1)").arg(expected));
        break;
    case P::NotEquals:
        if (number)
            oneLine(QStringLiteral("to.not.eql(%1)").arg(*number));
        else if (textEquality)
            oneLine(QStringLiteral("to.not.eql(%1)").arg(expected));
        break;
    case P::Less:
        if (number)
            oneLine(QStringLiteral("to.be.below(%1)").arg(*number));
        break;
    case P::LessOrEqual:
        if (number)
            oneLine(QStringLiteral("to.be.at.most(%1)").arg(*number));
        break;
    case P::Greater:
        if (number)
            oneLine(QStringLiteral("to.be.above(%1)").arg(*number));
        break;
    case P::GreaterOrEqual:
        if (number)
            oneLine(QStringLiteral("to.be.at.least(%1)").arg(*number));
        break;
    case P::Includes:
        if (kind == Kind::Text && literalExpected)
            oneLine(QStringLiteral("to.include(%1)").arg(expected));
        break;
    default: break;
    }

    if (body.isEmpty()) {
        body.append(QStringLiteral("const actual = %1;").arg(actual));
        switch (assertion.predicate) {
        case P::Equals:
            *helpers |= AsActual;
            body.append(
                QStringLiteral("pm.expect(actual).to.eql(asActual(actual, %1));").arg(expected));
            break;
        case P::NotEquals:
            *helpers |= AsActual;
            body.append(QStringLiteral("pm.expect(actual).to.not.eql(asActual(actual, %1));")
                            .arg(expected));
            break;
        case P::Less:
        case P::LessOrEqual:
        case P::Greater:
        case P::GreaterOrEqual: {
            // Numbers with numbers and text with text, as JavaScript's < orders them.
            *helpers |= AsActual;
            const QString op = assertion.predicate == P::Less          ? QStringLiteral("<")
                               : assertion.predicate == P::LessOrEqual ? QStringLiteral("<=")
                               : assertion.predicate == P::Greater     ? QStringLiteral(">")
                                                                       : QStringLiteral(">=");
            body.append(QStringLiteral("const expected = asActual(actual, %1);").arg(expected));
            body.append(QStringLiteral("pm.expect(typeof actual).to.be.oneOf([\"number\", "
                                       "\"string\"]).and.equal(typeof expected);"));
            body.append(QStringLiteral("pm.expect(actual %1 expected).to.be.true;").arg(op));
            break;
        }
        case P::StartsWith:
        case P::EndsWith:
            *helpers |= AsText;
            body.append(QStringLiteral("pm.expect(actual).to.not.be.undefined;"));
            body.append(QStringLiteral("pm.expect(asText(actual).%1(%2)).to.be.true;")
                            .arg(assertion.predicate == P::StartsWith ? QStringLiteral("startsWith")
                                                                      : QStringLiteral("endsWith"),
                                 expected));
            break;
        case P::Includes:
            *helpers |= AsActual | AsText | Includes;
            body.append(
                QStringLiteral("pm.expect(includes(actual, %1)).to.be.true;").arg(expected));
            break;
        case P::Matches:
            *helpers |= AsText;
            body.append(QStringLiteral("pm.expect(actual).to.not.be.undefined;"));
            body.append(QStringLiteral("pm.expect(asText(actual)).to.match(new RegExp(%1));")
                            .arg(expected));
            break;
        case P::Sha256:
        case P::Sha512:
        case P::Md5: {
            *helpers |= AsText;
            const QString hash = assertion.predicate == P::Sha256   ? QStringLiteral("SHA256")
                                 : assertion.predicate == P::Sha512 ? QStringLiteral("SHA512")
                                                                    : QStringLiteral("MD5");
            // Digests of the value's UTF-8 text, in base64 as httpyac compares them.
            body.append(QStringLiteral("const CryptoJS = require(\"crypto-js\");"));
            body.append(QStringLiteral("pm.expect(actual).to.not.be.undefined;"));
            body.append(QStringLiteral("pm.expect(CryptoJS.%1(asText(actual)).toString("
                                       "CryptoJS.enc.Base64)).to.eql(%2.trim());")
                            .arg(hash, expected));
            break;
        }
        default:
            *whyNot = QStringLiteral("\"%1\" is not exported: \"%2\" has no Postman test")
                          .arg(description, assertion.predicateText);
            return {};
        }
    }

    QStringList lines;
    lines.append(QStringLiteral("pm.test(%1, function () {").arg(literal(description)));
    for (const QString &line : std::as_const(body))
        lines.append(QStringLiteral("    ") + line);
    lines.append(QStringLiteral("});"));
    return lines;
}

} // namespace

QStringList PostmanTestScript::test(const RequestAssertion &assertion, QString *whyNot)
{
    int helpers = 0;
    QString reason;
    const QStringList lines = testLines(assertion, &helpers, &reason);
    if (whyNot)
        *whyNot = reason;
    return lines;
}

PostmanTestScript::Script PostmanTestScript::script(const QList<RequestAssertion> &assertions)
{
    Script out;
    QStringList tests;
    int used = 0;
    for (const RequestAssertion &assertion : assertions) {
        int helpers = 0;
        QString whyNot;
        const QStringList lines = testLines(assertion, &helpers, &whyNot);
        if (lines.isEmpty()) {
            const int column =
                assertion.isValid() ? subjectColumn(assertion) : assertion.problemColumn;
            out.skipped.append({assertion.line, column, whyNot});
            continue;
        }
        used |= helpers;
        tests += lines;
    }
    if (tests.isEmpty())
        return out;
    for (Helper helper : helperOrder) {
        if (used & helper)
            out.exec += helperLines(helper);
    }
    out.exec += tests;
    return out;
}

QStringList PostmanTestScript::assertionLines(const QStringList &exec, bool *ok)
{
    *ok = false;
    QStringList found;
    static const QRegularExpression opening(
        QStringLiteral("^pm\\.test\\((\"(?:[^\"\\\\]|\\\\.)*\"), function \\(\\) \\{$"));
    qsizetype i = 0;
    const auto startsWith = [&](const QStringList &block) {
        return i + block.size() <= exec.size() && exec.mid(i, block.size()) == block;
    };
    while (i < exec.size()) {
        if (exec[i].trimmed().isEmpty()) {
            ++i;
            continue;
        }
        bool helper = false;
        for (Helper h : helperOrder) {
            if (startsWith(helperLines(h))) {
                i += helperLines(h).size();
                helper = true;
                break;
            }
        }
        if (helper)
            continue;
        const QRegularExpressionMatch m = opening.match(exec[i]);
        if (!m.hasMatch())
            return {};
        const QJsonDocument name = QJsonDocument::fromJson("[" + m.captured(1).toUtf8() + "]");
        const QString description =
            name.array().isEmpty() ? QString() : name.array().first().toString();
        if (description.isEmpty())
            return {};
        const QString line = QStringLiteral("?? ") + description;
        const RequestAssertion assertion = RequestAssertion::parse(line, 0);
        QString whyNot;
        const QStringList written = test(assertion, &whyNot);
        if (written.isEmpty() || !startsWith(written))
            return {};
        found.append(line);
        i += written.size();
    }
    *ok = true;
    return found;
}

} // namespace mr
