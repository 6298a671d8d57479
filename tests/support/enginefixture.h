#pragma once

#include "demo/demoserverthread.h"
#include "http/httprequest.h"
#include "net/exchange.h"
#include "net/httpclient.h"
#include "testcertificates.h"

#include <QHash>
#include <QJsonObject>
#include <QNetworkReply>
#include <QTemporaryDir>

#include <memory>

// What the engine's semantics suites (redirects, auth, bodies and retries) share: the demo
// service over HTTP and HTTPS and another origin, a client that trusts the test CA, and
// helpers to send through Qt's API and to read the raw requests a ScriptedServer received.
class EngineFixture : public QObject
{
protected:
    QTemporaryDir m_dir;
    TestCertificates m_certificates;
    mr::DemoServerThread m_service; // HTTP and HTTPS
    mr::DemoServerThread m_other;   // another origin

    bool startServices(QString *error);
    QUrl at(const QString &pathAndQuery, bool tls = false) const;
    std::unique_ptr<mr::HttpClient> client();
    // The demo's /redirect-to URL that redirects to `target`.
    QString redirectTo(const QString &target) const;

    static std::unique_ptr<QNetworkReply> send(mr::HttpClient &client, QNetworkRequest request,
                                               const QByteArray &method = "GET",
                                               const QByteArray &body = {});
    static QJsonObject json(const std::unique_ptr<QNetworkReply> &reply);
    // Whether the demo's echo lists a request header (any case).
    static bool hasHeader(const QJsonObject &echo, const QString &name);
    static const mr::Exchange &exchange(const std::unique_ptr<QNetworkReply> &reply);
    // The value of a header in a raw request a ScriptedServer received; empty when absent.
    static QByteArray requestHeader(const QByteArray &request, const QByteArray &name);
    // The parameters of a raw request's "Authorization: Digest …"; empty without one.
    static QHash<QByteArray, QByteArray> digestAnswer(const QByteArray &request);
    static QByteArray digestChallenge(const QByteArray &nonce, const QByteArray &more = {});
    static QByteArray ok();
    // What RequestResolver makes of "Authorization: Digest ada pw".
    static mr::HttpRequest withDigestCredentials(const QString &url);
};
