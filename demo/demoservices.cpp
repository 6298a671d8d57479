#include "demoservices.h"

#include "net/httpclient.h"
#include "net/origin.h"
#include "workspace/demoworkspace.h"

#include <QCryptographicHash>
#include <QSslCertificate>

namespace mr {

DemoServices::DemoServices() = default;

DemoServices::~DemoServices()
{
    stop();
}

QString DemoServices::certificateFile()
{
    return QStringLiteral(":/demo-certificate/certificate.pem");
}

QString DemoServices::keyFile()
{
    return QStringLiteral(":/demo-certificate/key.pem");
}

QByteArray DemoServices::certificateDigest()
{
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(certificateFile());
    return chain.isEmpty() ? QByteArray() : chain.first().digest(QCryptographicHash::Sha256);
}

bool DemoServices::start(QString *error)
{
    if (isRunning())
        return true;
    DemoServer::Options options;
    options.tlsPort = 0;
    options.certFile = certificateFile();
    options.keyFile = keyFile();
    if (!m_local.start(options, error))
        return false;
    options.latencyMs = DistantLatencyMs;
    if (!m_distant.start(options, error)) {
        *error = QStringLiteral("the distant demo service: %1").arg(*error);
        m_local.stop();
        return false;
    }
    return true;
}

void DemoServices::stop()
{
    m_distant.stop();
    m_local.stop();
}

QHash<QString, QString> DemoServices::variableOverrides() const
{
    if (!isRunning())
        return {};
    return {{DemoWorkspace::baseUrlVariable(), httpUrl().toString()},
            {DemoWorkspace::secureBaseUrlVariable(), httpsUrl().toString()},
            {DemoWorkspace::distantBaseUrlVariable(), distantHttpsUrl().toString()}};
}

void DemoServices::trustIn(HttpClient &client) const
{
    if (!isRunning())
        return;
    const QByteArray digest = certificateDigest();
    for (const QUrl &url : {httpsUrl(), distantHttpsUrl()})
        client.trustCertificateFor(Origin::fromUrl(url).toString(), digest);
}

} // namespace mr
