#include "requestauth.h"

#include "http/credentialnames.h"
#include "urlquery.h"
#include "workspace/requestsanitizer.h"

#include <QRegularExpression>

namespace mr {

namespace {

bool isAuthorization(const QString &name)
{
    return name.compare(QLatin1String("Authorization"), Qt::CaseInsensitive) == 0;
}

} // namespace

// "{{$processEnv USER}}" is one word: the resolver splits the shorthand before it expands.
QStringList RequestAuth::words(const QString &text)
{
    QStringList out;
    QString current;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (QStringView(text).mid(i).startsWith(QLatin1String("{{"))) {
            const qsizetype close = text.indexOf(QLatin1String("}}"), i + 2);
            if (close > 0) {
                current += QStringView(text).mid(i, close + 2 - i);
                i = close + 1;
                continue;
            }
        }
        if (text.at(i).isSpace()) {
            if (!current.isEmpty())
                out.append(current);
            current.clear();
        } else {
            current += text.at(i);
        }
    }
    if (!current.isEmpty())
        out.append(current);
    return out;
}

namespace {

bool hasSpaceOutsideVariables(const QString &text)
{
    return RequestAuth::words(text).size() != 1;
}

// "user:password" from Basic's base64, or nothing when the value is not that.
bool decodeBasic(const QString &encoded, QString *user, QString *password)
{
    static const QRegularExpression base64(QStringLiteral("^[A-Za-z0-9+/]+=*$"));
    if (!base64.match(encoded).hasMatch())
        return false;
    const auto decoded =
        QByteArray::fromBase64Encoding(encoded.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return false;
    const QString text = QString::fromUtf8(*decoded);
    const qsizetype colon = text.indexOf(QLatin1Char(':'));
    if (colon < 0 || text.contains(QChar::ReplacementCharacter))
        return false;
    *user = text.left(colon);
    *password = text.mid(colon + 1);
    return true;
}

RequestAuth fromAuthorization(const QString &value)
{
    RequestAuth auth;
    const QStringList parts = RequestAuth::words(value);
    const QString scheme = parts.value(0);
    if (scheme.compare(QLatin1String("Bearer"), Qt::CaseInsensitive) == 0 && parts.size() == 2) {
        auth.kind = RequestAuth::Kind::Bearer;
        auth.token = parts[1];
        return auth;
    }
    const bool basic = scheme.compare(QLatin1String("Basic"), Qt::CaseInsensitive) == 0;
    const bool digest = scheme.compare(QLatin1String("Digest"), Qt::CaseInsensitive) == 0;
    if ((basic || digest) && parts.size() == 3) {
        auth.kind = basic ? RequestAuth::Kind::Basic : RequestAuth::Kind::Digest;
        auth.user = parts[1];
        auth.password = parts[2];
        return auth;
    }
    if (basic && parts.size() == 2 && decodeBasic(parts[1], &auth.user, &auth.password)) {
        auth.kind = RequestAuth::Kind::Basic;
        return auth;
    }
    auth.kind = RequestAuth::Kind::ApiKey; // a scheme we cannot take apart: kept as written
    auth.keyName = QStringLiteral("Authorization");
    auth.keyValue = value;
    return auth;
}

// Where read() found the auth, so applyTo() can replace exactly that.
struct Found {
    RequestAuth auth;
    int header = -1; // index in headers
    int param = -1;  // index in the URL's params
};

Found find(const RequestDefinition &request)
{
    Found found;
    for (int i = 0; i < request.headers.size(); ++i) {
        if (isAuthorization(request.headers[i].name)) {
            found.auth = fromAuthorization(request.headers[i].value);
            found.auth.keyName =
                found.auth.kind == RequestAuth::Kind::ApiKey ? request.headers[i].name : QString();
            found.header = i;
            return found;
        }
    }
    for (int i = 0; i < request.headers.size(); ++i) {
        if (RequestAuth::isApiKeyName(request.headers[i].name)) {
            found.auth.kind = RequestAuth::Kind::ApiKey;
            found.auth.keyName = request.headers[i].name;
            found.auth.keyValue = request.headers[i].value;
            found.header = i;
            return found;
        }
    }
    const UrlQuery query = UrlQuery::split(request.url);
    for (int i = 0; i < query.params.size(); ++i) {
        if (RequestAuth::isApiKeyName(query.params[i].name)) {
            found.auth.kind = RequestAuth::Kind::ApiKey;
            found.auth.where = RequestAuth::Where::Query;
            found.auth.keyName = query.params[i].name;
            found.auth.keyValue = query.params[i].value;
            found.param = i;
            return found;
        }
    }
    return found;
}

} // namespace

bool operator==(const RequestAuth &a, const RequestAuth &b)
{
    if (a.kind != b.kind)
        return false;
    switch (a.kind) {
    case RequestAuth::Kind::None: return true;
    case RequestAuth::Kind::Basic:
    case RequestAuth::Kind::Digest: return a.user == b.user && a.password == b.password;
    case RequestAuth::Kind::Bearer: return a.token == b.token;
    case RequestAuth::Kind::ApiKey:
        return a.where == b.where && a.keyName == b.keyName && a.keyValue == b.keyValue;
    }
    return false;
}

bool RequestAuth::isApiKeyName(const QString &name)
{
    return CredentialNames::isApiKeyName(name); // the engine's rule for redirects too
}

RequestAuth RequestAuth::read(const RequestDefinition &request)
{
    return find(request).auth;
}

QString RequestAuth::problem() const
{
    switch (kind) {
    case Kind::None: return {};
    case Kind::Basic:
    case Kind::Digest:
        // The shorthand is three words; Basic falls back to base64, which cannot hold
        // {{variables}}, and Digest has no other form.
        if (!RequestSanitizer::authorization(kind == Kind::Digest, user, password).isEmpty())
            return {};
        if (!user.isEmpty() && !password.isEmpty() && !hasSpaceOutsideVariables(user) &&
            !hasSpaceOutsideVariables(password))
            return {};
        if (kind == Kind::Digest && (user.isEmpty() || password.isEmpty()))
            return QStringLiteral("Digest needs a user name and a password");
        return QStringLiteral("a .http file can only hold a user name and password without "
                              "spaces here (with {{variables}}, or for Digest)");
    case Kind::Bearer:
        if (token.trimmed().isEmpty())
            return QStringLiteral("the bearer token is empty");
        if (hasSpaceOutsideVariables(token.trimmed()))
            return QStringLiteral("a bearer token cannot hold spaces");
        return {};
    case Kind::ApiKey: {
        static const QRegularExpression headerName(
            QStringLiteral("^[!#$%&'*+\\-.^_`|~0-9A-Za-z]+$"));
        if (keyName.trimmed().isEmpty())
            return QStringLiteral("the API key needs a name");
        if (keyValue.contains(QLatin1Char('\n')))
            return QStringLiteral("the API key cannot hold line breaks");
        if (where == Where::Header && !headerName.match(keyName).hasMatch())
            return QStringLiteral("\"%1\" is not a header name").arg(keyName);
        return {};
    }
    }
    return {};
}

void RequestAuth::applyTo(RequestDefinition *request) const
{
    const Found previous = find(*request);
    if (previous.auth == *this || !problem().isEmpty())
        return;

    // Take out what read() found; a new header goes in its place.
    int headerAt = int(request->headers.size());
    QString authorizationName = QStringLiteral("Authorization");
    if (previous.header >= 0) {
        headerAt = previous.header;
        if (isAuthorization(request->headers[previous.header].name))
            authorizationName = request->headers[previous.header].name; // its spelling
        request->headers.removeAt(previous.header);
    }
    UrlQuery query = UrlQuery::split(request->url);
    int paramAt = int(query.params.size());
    if (previous.param >= 0) {
        paramAt = previous.param;
        query.params.removeAt(previous.param);
        request->url = query.join();
    }

    auto addHeader = [&](const QString &name, const QString &value) {
        request->headers.insert(headerAt, {name, value, 0});
    };
    switch (kind) {
    case Kind::None: break;
    case Kind::Basic:
    case Kind::Digest: {
        QString value = RequestSanitizer::authorization(kind == Kind::Digest, user, password);
        if (value.isEmpty()) // words only because of {{variables}}: the resolver expands first
            value = (kind == Kind::Digest ? QStringLiteral("Digest ") : QStringLiteral("Basic ")) +
                    user + QLatin1Char(' ') + password;
        addHeader(authorizationName, value);
        break;
    }
    case Kind::Bearer:
        addHeader(authorizationName, QStringLiteral("Bearer ") + token.trimmed());
        break;
    case Kind::ApiKey:
        if (where == Where::Header) {
            addHeader(keyName.trimmed(), keyValue.trimmed());
        } else {
            UrlQuery::Param param;
            param.name = keyName.trimmed();
            param.value = keyValue;
            query.params.insert(paramAt, param);
            request->url = query.join();
        }
        break;
    }
}

void RequestAuth::replace(const RequestAuth &previous, RequestDefinition *request) const
{
    const QString name = previous.keyName.trimmed();
    if (previous.kind == Kind::ApiKey && !name.isEmpty() && read(*request) != previous) {
        if (previous.where == Where::Header) {
            for (qsizetype i = 0; i < request->headers.size(); ++i) {
                if (request->headers.at(i).name.compare(name, Qt::CaseInsensitive) == 0) {
                    request->headers.removeAt(i);
                    break;
                }
            }
        } else {
            UrlQuery query = UrlQuery::split(request->url);
            for (qsizetype i = 0; i < query.params.size(); ++i) {
                if (query.params.at(i).name == name) {
                    query.params.removeAt(i);
                    request->url = query.join();
                    break;
                }
            }
        }
    }
    applyTo(request);
}

} // namespace mr
