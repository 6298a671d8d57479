#include "enginefixture.h"

#include "http/httpauthchallenge.h"
#include "net/enginereply.h"

#include <QJsonDocument>
#include <QSignalSpy>

using namespace mr;

bool EngineFixture::startServices(QString *error)
{
    return TestCertificates::generate(m_dir.path(), &m_certificates, error) &&
           m_service.start(m_certificates.demoOptions(), error) &&
           m_other.start(DemoServer::Options(), error);
}

QUrl EngineFixture::at(const QString &pathAndQuery, bool tls) const
{
    return QUrl((tls ? m_service.httpsUrl() : m_service.httpUrl()).toString() + pathAndQuery);
}

std::unique_ptr<QNetworkReply> EngineFixture::send(HttpClient &client, QNetworkRequest request,
                                                   const QByteArray &method, const QByteArray &body)
{
    std::unique_ptr<QNetworkReply> reply(client.sendCustomRequest(request, method, body));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(20000);
    return reply;
}

QJsonObject EngineFixture::json(const std::unique_ptr<QNetworkReply> &reply)
{
    return QJsonDocument::fromJson(reply->readAll()).object();
}

const Exchange &EngineFixture::exchange(const std::unique_ptr<QNetworkReply> &reply)
{
    return qobject_cast<EngineReply *>(reply.get())->exchange();
}

std::unique_ptr<HttpClient> EngineFixture::client()
{
    auto c = std::make_unique<HttpClient>();
    TlsSettings tls;
    tls.caFile = m_certificates.caFile;
    c->setTlsSettings(tls);
    return c;
}

QByteArray EngineFixture::requestHeader(const QByteArray &request, const QByteArray &name)
{
    const QList<QByteArray> lines = request.left(request.indexOf("\r\n\r\n")).split('\n');
    for (const QByteArray &line : lines) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

QHash<QByteArray, QByteArray> EngineFixture::digestAnswer(const QByteArray &request)
{
    const QByteArray value = requestHeader(request, "Authorization");
    return value.startsWith("Digest ") ? HttpAuthChallenge::parseParameters(value.mid(7))
                                       : QHash<QByteArray, QByteArray>();
}

QByteArray EngineFixture::digestChallenge(const QByteArray &nonce, const QByteArray &more)
{
    return "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Digest realm=\"r\", nonce=\"" + nonce +
           "\", qop=\"auth\"" + more + "\r\nContent-Length: 0\r\n\r\n";
}

QByteArray EngineFixture::ok()
{
    return "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
}

HttpRequest EngineFixture::withDigestCredentials(const QString &url)
{
    HttpRequest request;
    request.url = QUrl(url);
    request.options.digestUser = QStringLiteral("ada");
    request.options.digestPassword = QStringLiteral("pw");
    return request;
}

QString EngineFixture::redirectTo(const QString &target) const
{
    return at("/redirect-to?url=" + QString::fromLatin1(QUrl::toPercentEncoding(target)))
        .toString();
}

bool EngineFixture::hasHeader(const QJsonObject &echo, const QString &name)
{
    const QJsonObject headers = echo.value(QStringLiteral("headers")).toObject();
    for (auto it = headers.begin(); it != headers.end(); ++it) {
        if (it.key().compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}
