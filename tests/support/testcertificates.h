#pragma once

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
};
