#pragma once

#include "net/exchange.h"

#include <QByteArray>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace mr {

class EnvironmentSet;
class VariableExpander;
struct RequestDefinition;

// Masks secrets with "***" in what is written about an exchange — the history, run reports,
// HAR exports — so that they do not rest in files. The one place these rules live:
// - the values of Authorization and Proxy-Authorization (the scheme stays: "Bearer ***"),
//   Cookie and Set-Cookie (names and attributes stay: "sid=***; Path=/"), and of API key
//   headers and query params (RequestAuth::isApiKeyName, or the names the request's auth
//   uses);
// - secret values wherever they appear (URL, headers, bodies, messages): the private
//   environment's variables, the request's auth credentials, and what the secret headers and
//   params above carried, so a token a server echoes in its body is masked there too.
// A secret shorter than MinimumLengthInText characters is masked only where it is a whole
// header or param value: masking "1" inside text would mask every digit. A cookie's value is
// masked in its header, and inside other text (an echo) only from MinimumCookieLengthInText
// characters: a session id is long, and a cookie "consent=true" must not mask every "true".
class SecretRedactor
{
public:
    static constexpr qsizetype MinimumLengthInText = 4;
    static constexpr qsizetype MinimumCookieLengthInText = 8;
    static QByteArray mask() { return QByteArrayLiteral("***"); }

    // The rules above, with no secret values but those an exchange carries.
    SecretRedactor() = default;
    // One that changes nothing: the user opted out (run --no-redact, history/redactSecrets).
    static SecretRedactor disabled();
    // The secret variables of a workspace's environment (and of $shared).
    static SecretRedactor forEnvironment(const EnvironmentSet &environments,
                                         const QString &environment);
    // forEnvironment() plus a request's auth (RequestAuth::read, its values expanded).
    // *fixed (when given) says whether it depends on the expander's variables only (no named
    // responses, no {{$…}} values): then another expander with those variables gives the same.
    static SecretRedactor forRequest(const RequestDefinition &request,
                                     const VariableExpander &expander,
                                     const EnvironmentSet &environments, const QString &environment,
                                     bool *fixed = nullptr);

    bool isEnabled() const { return m_enabled; }
    void addValue(const QString &value);
    void addHeaderName(const QByteArray &name);
    void addParamName(const QString &name);
    // This one plus the secrets the exchange carries (its secret headers' and params' values):
    // what redacted(exchange) masks with, for texts that go with it (a report's messages).
    SecretRedactor withSecretsOf(const Exchange &exchange) const;
    // The length of the longest secret value, so a body cut to a limit can be redacted
    // before the cut (a secret across the cut is still seen whole).
    qsizetype longestValue() const;

    // The exchange as it may be written: request, response, trailers, every attempt's
    // request head and headers, errors. A body shortened by masking lowers the size with it.
    // The body file of a large response is left alone (read it, then redactedBytes()).
    Exchange redacted(const Exchange &exchange) const;
    // redacted(exchange) for a redactor that is already withSecretsOf(exchange): the same
    // result, without collecting the exchange's secrets a second time.
    Exchange redactedCollected(const Exchange &exchange) const;
    HttpHeaders redacted(const HttpHeaders &headers) const;
    QUrl redacted(const QUrl &url) const;
    QByteArray redactedBytes(const QByteArray &bytes) const;
    QString redactedText(const QString &text) const;
    // Text as written in a .http file: masked outside its {{references}}, which name values
    // and must stay as written for the request to be sent again.
    QString redactedTemplate(const QString &text) const;

private:
    enum class HeaderKind { Plain, Authorization, Cookie, SetCookie, Secret };
    // What a header's name says of its value (case and surrounding whitespace aside).
    HeaderKind headerKind(QByteArrayView name) const;
    bool isSecretHeader(QByteArrayView trimmedName) const;
    bool isSecretParam(const QString &name) const;
    bool isSecretParam(QByteArrayView encodedName) const; // as a query has it
    bool isWholeSecret(const QString &value) const;
    bool isWholeSecret(QByteArrayView utf8) const;
    QByteArray redactedHeaderValue(QByteArrayView name, const QByteArray &value) const;
    QByteArray redactedQuery(const QByteArray &query) const;
    // A "name=value" of a query whose value redactedQuery() masks.
    bool isSecretPair(QByteArrayView pair) const;
    // `sent` and `sentRedacted`: the request's headers and redacted(sent); a line that is
    // one of them (most are) takes its value from there, not masked a second time.
    QByteArray redactedHead(const QByteArray &head, const HttpHeaders &sent,
                            const HttpHeaders &sentRedacted) const;
    // Without updatePatterns(): the builders add many, then update once.
    bool insertValue(const QString &value);
    bool insertCookieValue(const QString &value);
    void updatePatterns();
    bool collect(QByteArrayView name, QByteArrayView value);
    bool collectQuery(const QByteArray &query);

    bool m_enabled = true;
    QStringList m_values;           // each once, never empty
    QStringList m_cookieValues;     // what cookie headers carried
    QSet<QByteArray> m_headerNames; // lower case
    QSet<QString> m_paramNames;     // lower case
    // What text is masked for, from the values above: each value as it is, percent-encoded
    // and escaped in JSON, longest first. Made whenever a value is added, never when
    // masking, so a const redactor may be shared between threads.
    QStringList m_patterns;
    QList<QByteArray> m_patternsUtf8; // the same in UTF-8
};

} // namespace mr
