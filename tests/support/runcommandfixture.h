#pragma once

#include "demo/demoserverthread.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

// What the suites of `microrequests run` share: the binary, a demo service, a folder for
// workspaces and reports, and running the binary as CI would (CI=true, no user settings).
class RunCommandFixture : public QObject
{
protected:
    QString m_binary;
    mr::DemoServerThread m_service;
    QTemporaryDir m_dir;
    QString m_base;

    struct Result {
        int code = -1;
        QString out;
        QString err;
        qint64 ms = 0;
    };

    Result run(const QStringList &arguments, const QString &workingFolder = QString())
    {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("CI"), QStringLiteral("true"));
        // No user settings from the machine running the tests.
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath("config"));
        process.setProcessEnvironment(environment);
        process.setWorkingDirectory(workingFolder.isEmpty() ? m_dir.path() : workingFolder);
        QElapsedTimer clock;
        clock.start();
        process.start(m_binary, QStringList{QStringLiteral("run")} + arguments);
        if (!process.waitForFinished(60000))
            qWarning("microrequests run did not finish");
        Result r;
        r.ms = clock.elapsed();
        r.code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        r.out = QString::fromUtf8(process.readAllStandardOutput());
        r.err = QString::fromUtf8(process.readAllStandardError());
        return r;
    }

    QString write(const QString &name, const QByteArray &text)
    {
        const QString path = m_dir.filePath(name);
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(path));
        file.write(text);
        return path;
    }

    QString http(const QString &name, QString text)
    {
        return write(name, text.replace(QStringLiteral("BASE"), m_base).toUtf8());
    }

    static QJsonObject readJson(const QString &path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return QJsonDocument::fromJson(file.readAll()).object();
    }

    static QByteArray readAll(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    // A workspace whose request carries secrets every way: a private environment's variables
    // (in the URL, a header, the body and an assertion that fails and shows them), an
    // Authorization header, a cookie and an API key header written as a literal.
    QString secretsWorkspace()
    {
        write("secrets/http-client.env.json",
              QStringLiteral("{\"dev\": {\"base\": \"%1\"}}").arg(m_base).toUtf8());
        write("secrets/http-client.private.env.json",
              "{\"dev\": {\"token\": \"priv-t0ken-9\", \"signature\": \"sig-5ecr3t\"}}");
        return write("secrets/api.http", "### with secrets\n"
                                         "POST {{base}}/anything?sig={{signature}}&page=2\n"
                                         "Authorization: Bearer {{token}}\n"
                                         "Cookie: session=c00kie-val\n"
                                         "X-Auth-Token: literal-4uth\n"
                                         "X-Trace: visible-trace\n"
                                         "Content-Type: application/json\n"
                                         "\n"
                                         "{\"signature\": \"{{signature}}\"}\n"
                                         "\n"
                                         "?? status == 200\n"
                                         "?? header x-missing == {{signature}}\n");
    }

    static const QList<QByteArray> &secretValues()
    {
        static const QList<QByteArray> values = {"priv-t0ken-9", "sig-5ecr3t", "c00kie-val",
                                                 "literal-4uth"};
        return values;
    }

    // Call from initTestCase.
    void start()
    {
        m_binary = qEnvironmentVariable("MR_BINARY",
                                        QCoreApplication::applicationDirPath() + "/microrequests");
        QVERIFY(QFile::exists(m_binary));
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_service.start(mr::DemoServer::Options(), &error), qPrintable(error));
        m_base = m_service.httpUrl().toString();
        if (m_base.endsWith(QLatin1Char('/')))
            m_base.chop(1);
    }
};
