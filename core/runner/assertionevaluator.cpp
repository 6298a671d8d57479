#include "assertionevaluator.h"

#include "content/jsonpath.h"
#include "workspace/variableexpander.h"

#include <QCryptographicHash>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <cmath>

namespace mr {

namespace {

QByteArray bodyBytes(const Exchange &exchange)
{
    if (exchange.responseBodyFile.isEmpty())
        return exchange.responseBody;
    QFile file(exchange.responseBodyFile);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// One JSON value from its text; Undefined when it is not JSON.
QJsonValue parseJsonValue(const QByteArray &text)
{
    // The literals a path most often finds, without a document made for them.
    if (text == "true")
        return true;
    if (text == "false")
        return false;
    if (text == "null")
        return QJsonValue(QJsonValue::Null);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson("[" + text + "]", &error);
    if (error.error != QJsonParseError::NoError || !document.isArray() ||
        document.array().size() != 1)
        return QJsonValue(QJsonValue::Undefined);
    return document.array().first();
}

// httpyac writes body paths as JavaScript property access on the parsed body ("items[0].id");
// JSONPath ("$.items[0].id") is accepted as it is.
QString toJsonPath(const QString &path)
{
    if (path.startsWith(QLatin1Char('$')))
        return path;
    if (path.startsWith(QLatin1Char('[')) || path.startsWith(QLatin1Char('.')))
        return QLatin1Char('$') + path;
    return QStringLiteral("$.") + path;
}

// JavaScript's String(value), as httpyac's toString gives it.
QString toText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String: return value.toString();
    case QJsonValue::Double: {
        const double d = value.toDouble();
        if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e15)
            return QString::number(qint64(d));
        return QString::number(d, 'g', 17);
    }
    case QJsonValue::Bool: return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Undefined: break;
    }
    return QString();
}

// How the actual value is shown in a failure: strings quoted, so "200" and 200 differ.
QString shown(const QJsonValue &value)
{
    if (value.isUndefined())
        return QStringLiteral("(missing)");
    QString text =
        value.isString() ? QLatin1Char('"') + value.toString() + QLatin1Char('"') : toText(value);
    if (text.size() > 200)
        text = text.left(200) + QStringLiteral("… (%1 characters)").arg(text.size());
    return text;
}

bool truthy(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Undefined:
    case QJsonValue::Null: return false;
    case QJsonValue::Bool: return value.toBool();
    case QJsonValue::Double: return value.toDouble() != 0 && !std::isnan(value.toDouble());
    case QJsonValue::String: return !value.toString().isEmpty();
    default: return true;
    }
}

// httpyac's convertToType: the expected text read as the actual value's type.
QJsonValue converted(const QJsonValue &actual, const QString &expected)
{
    switch (actual.type()) {
    case QJsonValue::Double: {
        // A whole number of up to 15 digits is exactly that double: read here, not through
        // toDouble()'s general conversion (a run compares "status == 200" on every step).
        const QString trimmed = expected.trimmed();
        const qsizetype sign = trimmed.startsWith(QLatin1Char('-')) ? 1 : 0;
        if (trimmed.size() > sign && trimmed.size() - sign <= 15) {
            qint64 whole = 0;
            qsizetype i = sign;
            for (; i < trimmed.size() && trimmed.at(i) >= QLatin1Char('0') &&
                   trimmed.at(i) <= QLatin1Char('9');
                 ++i)
                whole = whole * 10 + (trimmed.at(i).unicode() - '0');
            if (i == trimmed.size())
                return QJsonValue(sign ? -double(whole) : double(whole));
        }
        bool ok = false;
        const double d = trimmed.toDouble(&ok);
        return ok ? QJsonValue(d) : QJsonValue(std::nan(""));
    }
    case QJsonValue::Bool: {
        const QString t = expected.trimmed().toLower();
        if (t == QLatin1String("false") || t == QLatin1String("0") || t.isEmpty())
            return false;
        return true;
    }
    case QJsonValue::Null:
        return expected == QLatin1String("null") ? QJsonValue(QJsonValue::Null)
                                                 : QJsonValue(expected);
    case QJsonValue::Undefined:
        return expected == QLatin1String("undefined") ? QJsonValue(QJsonValue::Undefined)
                                                      : QJsonValue(expected);
    case QJsonValue::Array:
    case QJsonValue::Object: {
        const QJsonValue json = parseJsonValue(expected.toUtf8());
        return json.isUndefined() ? QJsonValue(expected) : json;
    }
    case QJsonValue::String: break;
    }
    return expected;
}

// -1, 0, 1, or nullopt when the two can't be ordered (as JavaScript's < is then false).
std::optional<int> order(const QJsonValue &a, const QJsonValue &b)
{
    if (a.isDouble() && b.isDouble()) {
        const double x = a.toDouble();
        const double y = b.toDouble();
        if (std::isnan(x) || std::isnan(y))
            return std::nullopt;
        return x < y ? -1 : (x > y ? 1 : 0);
    }
    if (a.isString() && b.isString()) {
        const int c = a.toString().compare(b.toString());
        return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    return std::nullopt;
}

// The pattern compiled once per thread, not for every request that checks it: a run checks
// the same "matches" assertion on each step. Bounded, as expanded patterns may all differ.
QRegularExpression regularExpression(const QString &pattern)
{
    thread_local QHash<QString, QRegularExpression> compiled;
    if (const auto it = compiled.constFind(pattern); it != compiled.cend())
        return *it;
    if (compiled.size() >= 64)
        compiled.clear();
    QRegularExpression re(pattern);
    re.optimize();
    compiled.insert(pattern, re);
    return re;
}

// The same for JSONPaths (those that compile): a run checks the same body path each step.
std::optional<JsonPath> jsonPath(const QString &path, JsonPath::Error *error)
{
    thread_local QHash<QString, JsonPath> compiled;
    if (const auto it = compiled.constFind(path); it != compiled.cend())
        return *it;
    std::optional<JsonPath> made = JsonPath::compile(path, error);
    if (made) {
        if (compiled.size() >= 64)
            compiled.clear();
        compiled.insert(path, *made);
    }
    return made;
}

QString digest(const QByteArray &bytes, QCryptographicHash::Algorithm algorithm)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, algorithm).toBase64());
}

} // namespace

QJsonValue AssertionEvaluator::actualValue(const RequestAssertion &assertion,
                                           const Exchange &exchange, QString *note)
{
    switch (assertion.subject) {
    case RequestAssertion::Subject::Status: return exchange.status;
    case RequestAssertion::Subject::Duration: return exchange.durationMs;
    case RequestAssertion::Subject::Header: {
        const QByteArray name = assertion.argument.toLatin1();
        if (!exchange.responseHeaders.contains(name))
            return QJsonValue(QJsonValue::Undefined);
        return QString::fromUtf8(exchange.responseHeaders.combinedValue(name));
    }
    case RequestAssertion::Subject::Connection: {
        const Attempt *attempt = exchange.finalAttempt();
        if (!attempt || attempt->connectionId.isEmpty()) {
            *note = exchange.path == Exchange::Path::Pool
                        ? QStringLiteral("no connection was reached")
                        : QStringLiteral("%1: no connection identity").arg(exchange.pathLabel());
            return QJsonValue(QJsonValue::Undefined);
        }
        return attempt->reused ? QStringLiteral("reused") : QStringLiteral("new");
    }
    case RequestAssertion::Subject::Body: {
        const QByteArray body = bodyBytes(exchange);
        if (assertion.argument.isEmpty())
            return QString::fromUtf8(body);
        const QString path = toJsonPath(assertion.argument);
        JsonPath::Error error;
        const std::optional<JsonPath> compiled = jsonPath(path, &error);
        if (!compiled) {
            *note = QStringLiteral("the path \"%1\" is not JSONPath: %2").arg(path, error.text());
            return QJsonValue(QJsonValue::Undefined);
        }
        QJsonParseError parseError;
        QJsonDocument::fromJson(body, &parseError);
        if (parseError.error != QJsonParseError::NoError) {
            *note = QStringLiteral("the body is not JSON: %1 at byte %2")
                        .arg(parseError.errorString())
                        .arg(parseError.offset);
            return QJsonValue(QJsonValue::Undefined);
        }
        const QList<QByteArrayView> matches = compiled->evaluate(body);
        if (matches.isEmpty())
            return QJsonValue(QJsonValue::Undefined);
        return parseJsonValue(matches.first().toByteArray());
    }
    case RequestAssertion::Subject::Unsupported: break;
    }
    return QJsonValue(QJsonValue::Undefined);
}

bool AssertionEvaluator::holds(RequestAssertion::Predicate predicate, const QJsonValue &actual,
                               const QString &expected, const QByteArray &actualBytes,
                               QString *note)
{
    using P = RequestAssertion::Predicate;
    const QJsonValue want = converted(actual, expected);
    switch (predicate) {
    case P::None: return false;
    case P::Equals: return actual == want;
    case P::NotEquals: return actual != want;
    case P::Less: return order(actual, want) == std::optional<int>(-1);
    case P::LessOrEqual: return order(actual, want).value_or(1) <= 0;
    case P::Greater: return order(actual, want) == std::optional<int>(1);
    case P::GreaterOrEqual: return order(actual, want).value_or(-1) >= 0;
    case P::StartsWith: return !actual.isUndefined() && toText(actual).startsWith(expected);
    case P::EndsWith: return !actual.isUndefined() && toText(actual).endsWith(expected);
    case P::Includes:
        if (actual.isArray()) {
            const QJsonArray items = actual.toArray();
            for (const QJsonValue &item : items) {
                if (item == converted(item, expected))
                    return true;
            }
            return false;
        }
        return !actual.isUndefined() && !expected.isEmpty() && toText(actual).contains(expected);
    case P::Matches: {
        const QRegularExpression re = regularExpression(expected);
        if (!re.isValid()) {
            *note = QStringLiteral("\"%1\" is not a regular expression: %2")
                        .arg(expected, re.errorString());
            return false;
        }
        return !actual.isUndefined() && re.match(toText(actual)).hasMatch();
    }
    case P::Exists: return truthy(actual);
    case P::IsFalse: return !truthy(actual);
    case P::IsNumber: return actual.isDouble();
    case P::IsString: return actual.isString();
    case P::IsBoolean: return actual.isBool();
    case P::IsArray: return actual.isArray();
    case P::Sha256:
        return !actual.isUndefined() &&
               digest(actualBytes, QCryptographicHash::Sha256) == expected.trimmed();
    case P::Sha512:
        return !actual.isUndefined() &&
               digest(actualBytes, QCryptographicHash::Sha512) == expected.trimmed();
    case P::Md5:
        return !actual.isUndefined() &&
               digest(actualBytes, QCryptographicHash::Md5) == expected.trimmed();
    }
    return false;
}

namespace {

// What a result shows as expected: "reused" for a connection assertion, else the predicate
// and the expected value ("== 200").
QString shownExpected(const RequestAssertion &assertion, const QString &expected)
{
    if (assertion.predicate == RequestAssertion::Predicate::None) // connection reused|new
        return assertion.argument;
    return expected.isEmpty() ? assertion.predicateText
                              : assertion.predicateText + QLatin1Char(' ') + expected;
}

} // namespace

AssertionEvaluator::Texts AssertionEvaluator::texts(const RequestAssertion &assertion)
{
    return Texts{assertion.description(), shownExpected(assertion, assertion.expected)};
}

AssertionResult AssertionEvaluator::evaluate(const RequestAssertion &assertion,
                                             const Exchange &exchange,
                                             const VariableExpander *expander)
{
    return evaluate(assertion, texts(assertion), exchange, expander);
}

AssertionResult AssertionEvaluator::evaluate(const RequestAssertion &assertion, const Texts &texts,
                                             const Exchange &exchange,
                                             const VariableExpander *expander)
{
    AssertionResult result;
    result.line = assertion.line;
    result.description = texts.description;
    if (!assertion.isValid()) {
        result.note = assertion.problem;
        result.actual = QStringLiteral("(not checked)");
        result.expected = QStringLiteral("a readable assertion");
        return result;
    }
    if (assertion.subject == RequestAssertion::Subject::Unsupported) {
        result.outcome = AssertionResult::Outcome::Skipped;
        result.note = QStringLiteral("\"%1\" assertions run JavaScript, which microrequests "
                                     "does not; httpyac runs them")
                          .arg(assertion.subjectName);
        return result;
    }
    QString expected = assertion.expected;
    result.expected = texts.expected;
    if (expander && expected.contains(QLatin1String("{{"))) {
        const VariableExpander::Result expanded = expander->expand(expected);
        expected = expanded.text;
        if (!expanded.unresolved.isEmpty())
            result.note = QStringLiteral("no value for {{%1}}")
                              .arg(expanded.unresolved.join(QStringLiteral("}}, {{")));
        result.expected = shownExpected(assertion, expected);
    }
    if (!exchange.hasResponse() && assertion.subject != RequestAssertion::Subject::Connection) {
        result.actual = QStringLiteral("no response");
        result.note = exchange.error;
        return result;
    }
    QString note;
    const QJsonValue actual = actualValue(assertion, exchange, &note);
    result.actual = shown(actual);
    bool ok = false;
    if (assertion.predicate == RequestAssertion::Predicate::None) {
        ok = actual.toString() == assertion.argument;
        if (actual.isString())
            result.actual = actual.toString(); // "new", not "\"new\""
    } else {
        // Only the digests read the bytes: the others are not made for them.
        using P = RequestAssertion::Predicate;
        const bool digested = assertion.predicate == P::Sha256 ||
                              assertion.predicate == P::Sha512 || assertion.predicate == P::Md5;
        const QByteArray bytes =
            !digested ? QByteArray()
            : assertion.subject == RequestAssertion::Subject::Body && assertion.argument.isEmpty()
                ? bodyBytes(exchange)
                : toText(actual).toUtf8();
        ok = holds(assertion.predicate, actual, expected, bytes, &note);
    }
    // Checked on what came; the step fails anyway, and this says why the body may look odd.
    if (assertion.subject == RequestAssertion::Subject::Body && !exchange.isComplete())
        note = note.isEmpty() ? QStringLiteral("the body is incomplete")
                              : note + QStringLiteral("; the body is incomplete");
    if (!note.isEmpty())
        result.note = result.note.isEmpty() ? note : result.note + QStringLiteral("; ") + note;
    result.outcome = ok ? AssertionResult::Outcome::Passed : AssertionResult::Outcome::Failed;
    return result;
}

} // namespace mr
