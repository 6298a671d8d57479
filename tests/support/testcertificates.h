#pragma once

#include "demo/demoserver.h"
#include "demo/demoserverthread.h"

#include <QSslCertificate>
#include <QString>

// A throwaway certificate authority and a server certificate for 127.0.0.1/localhost,
// made with the openssl command line in a folder the test owns.
struct TestCertificates {
    QString caFile;
    QString serverCertFile;
    QString serverKeyFile;

    // False with *error when openssl is missing or fails.
    static bool generate(const QString &folder, TestCertificates *out, QString *error);
    QList<QSslCertificate> caCertificates() const;
    // Demo service options serving HTTPS (on a free port) with the server certificate.
    mr::DemoServer::Options demoOptions() const;
    // Certificates made in `folder`, then the demo service started serving HTTP and HTTPS
    // with them; false with *error.
    static bool startDemo(const QString &folder, TestCertificates *out,
                          mr::DemoServerThread *service, QString *error)
    {
        return generate(folder, out, error) && service->start(out->demoOptions(), error);
    }

    // Another server certificate from the same CA: subjectAltName as openssl writes it
    // ("IP:127.0.0.1,DNS:localhost"), valid for `days` (negative: already expired).
    bool issue(const QString &name, const QString &subjectAltName, int days, QString *certFile,
               QString *keyFile, QString *error,
               const QString &extendedKeyUsage = QStringLiteral("serverAuth")) const;

    QString folder;
};
