#include "testcertificates.h"

#include <QDir>
#include <QFile>
#include <QProcess>

static bool openssl(const QStringList &arguments, const QString &folder, QString *error)
{
    QProcess process;
    process.setWorkingDirectory(folder);
    process.start(QStringLiteral("openssl"), arguments);
    if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0) {
        *error = QStringLiteral("openssl %1 failed: %2%3")
                     .arg(arguments.join(QLatin1Char(' ')), process.errorString(),
                          QString::fromLocal8Bit(process.readAllStandardError()));
        return false;
    }
    return true;
}

bool TestCertificates::generate(const QString &folder, TestCertificates *out, QString *error)
{
    const QDir dir(folder);
    QFile extensions(dir.filePath(QStringLiteral("server.ext")));
    if (!extensions.open(QIODevice::WriteOnly)) {
        *error = extensions.errorString();
        return false;
    }
    extensions.write("subjectAltName=IP:127.0.0.1,DNS:localhost\n"
                     "basicConstraints=CA:FALSE\n"
                     "keyUsage=digitalSignature,keyEncipherment\n"
                     "extendedKeyUsage=serverAuth\n");
    extensions.close();
    const QStringList ec = {QStringLiteral("-newkey"), QStringLiteral("ec"),
                            QStringLiteral("-pkeyopt"),
                            QStringLiteral("ec_paramgen_curve:prime256v1")};
    if (!openssl(QStringList{QStringLiteral("req"), QStringLiteral("-x509")} + ec +
                     QStringList{
                         QStringLiteral("-nodes"), QStringLiteral("-keyout"),
                         QStringLiteral("ca.key"), QStringLiteral("-out"), QStringLiteral("ca.pem"),
                         QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                         QStringLiteral("/CN=Microrequests Test CA"), QStringLiteral("-addext"),
                         QStringLiteral("basicConstraints=critical,CA:TRUE"),
                         QStringLiteral("-addext"),
                         QStringLiteral("keyUsage=critical,keyCertSign,cRLSign")},
                 folder, error))
        return false;
    if (!openssl(QStringList{QStringLiteral("req")} + ec +
                     QStringList{QStringLiteral("-nodes"), QStringLiteral("-keyout"),
                                 QStringLiteral("server.key"), QStringLiteral("-out"),
                                 QStringLiteral("server.csr"), QStringLiteral("-subj"),
                                 QStringLiteral("/CN=127.0.0.1")},
                 folder, error))
        return false;
    if (!openssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
                  QStringLiteral("server.csr"), QStringLiteral("-CA"), QStringLiteral("ca.pem"),
                  QStringLiteral("-CAkey"), QStringLiteral("ca.key"),
                  QStringLiteral("-CAcreateserial"), QStringLiteral("-out"),
                  QStringLiteral("server.pem"), QStringLiteral("-days"), QStringLiteral("2"),
                  QStringLiteral("-extfile"), QStringLiteral("server.ext")},
                 folder, error))
        return false;
    out->folder = folder;
    out->caFile = dir.filePath(QStringLiteral("ca.pem"));
    out->serverCertFile = dir.filePath(QStringLiteral("server.pem"));
    out->serverKeyFile = dir.filePath(QStringLiteral("server.key"));
    return true;
}

mr::DemoServer::Options TestCertificates::demoOptions() const
{
    mr::DemoServer::Options options;
    options.tlsPort = 0;
    options.certFile = serverCertFile;
    options.keyFile = serverKeyFile;
    return options;
}

QList<QSslCertificate> TestCertificates::caCertificates() const
{
    return QSslCertificate::fromPath(caFile, QSsl::Pem);
}

bool TestCertificates::issue(const QString &name, const QString &subjectAltName, int days,
                             QString *certFile, QString *keyFile, QString *error,
                             const QString &extendedKeyUsage) const
{
    const QDir dir(folder);
    QFile extensions(dir.filePath(name + QStringLiteral(".ext")));
    if (!extensions.open(QIODevice::WriteOnly)) {
        *error = extensions.errorString();
        return false;
    }
    extensions.write("subjectAltName=" + subjectAltName.toUtf8() + "\nbasicConstraints=CA:FALSE\n" +
                     "extendedKeyUsage=" + extendedKeyUsage.toUtf8() + "\n");
    extensions.close();
    if (!openssl({QStringLiteral("req"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                  QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"),
                  QStringLiteral("-nodes"), QStringLiteral("-keyout"),
                  name + QStringLiteral(".key"), QStringLiteral("-out"),
                  name + QStringLiteral(".csr"), QStringLiteral("-subj"),
                  QStringLiteral("/CN=") + name},
                 folder, error))
        return false;
    if (!openssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
                  name + QStringLiteral(".csr"), QStringLiteral("-CA"), QStringLiteral("ca.pem"),
                  QStringLiteral("-CAkey"), QStringLiteral("ca.key"),
                  QStringLiteral("-CAcreateserial"), QStringLiteral("-out"),
                  name + QStringLiteral(".pem"), QStringLiteral("-days"), QString::number(days),
                  QStringLiteral("-extfile"), name + QStringLiteral(".ext")},
                 folder, error))
        return false;
    *certFile = dir.filePath(name + QStringLiteral(".pem"));
    *keyFile = dir.filePath(name + QStringLiteral(".key"));
    return true;
}
