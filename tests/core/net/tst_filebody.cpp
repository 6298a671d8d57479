// Request bodies that read files ("< ./file" lines, multipart file parts), as issue #15
// (defect 7) asks: a file outside the workspace (symlinks resolved) is not sent without
// consent; devices, FIFOs and folders are refused at once; the body streams from the file,
// bounded by a limit, and arrives whole at the demo service over loopback.
#include "demo/demoserverthread.h"
#include "history/historystore.h"
#include "net/exchangejob.h"
#include "net/httpclient.h"
#include "runner/collectionrunner.h"
#include "workspace/requestresolver.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <sys/stat.h>

using namespace mr;

namespace {

void writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
}

RequestDefinition post(const QString &url, const QString &body,
                       const QString &contentType = QString())
{
    RequestDefinition request;
    request.method = QStringLiteral("POST");
    request.url = url;
    if (!contentType.isEmpty())
        request.headers.append({QStringLiteral("Content-Type"), contentType, 2});
    request.body = body;
    return request;
}

RequestResolver::FileAccess inWorkspace(const QString &root)
{
    RequestResolver::FileAccess files;
    files.baseFolder = root;
    files.workspaceRoot = root;
    return files;
}

// The demo service's /upload answer: {"bytes": n, "sha256": "…"}, or why there is none.
QJsonObject upload(HttpClient &client, const HttpRequest &request, QString *error,
                   Exchange *sent = nullptr)
{
    ExchangeJob *job = client.send(request);
    QSignalSpy finished(job, &ExchangeJob::finished);
    if (!job->isFinished() && !finished.wait(120000)) {
        *error = QStringLiteral("no answer");
        return {};
    }
    const Exchange exchange = job->exchange();
    delete job;
    if (sent)
        *sent = exchange;
    if (exchange.status != 200) {
        *error = QStringLiteral("%1 %2").arg(exchange.status).arg(exchange.error);
        return {};
    }
    return QJsonDocument::fromJson(exchange.responseBody).object();
}

} // namespace

class tst_FileBody : public QObject
{
    Q_OBJECT
    DemoServerThread m_service;
    QTemporaryDir m_workspace; // the workspace
    QTemporaryDir m_elsewhere; // a folder outside it
    QString m_base;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_workspace.isValid() && m_elsewhere.isValid());
        QString error;
        DemoServer::Options options;
        QVERIFY2(m_service.start(options, &error), qPrintable(error));
        m_base = m_service.httpUrl().toString();
        if (m_base.endsWith(QLatin1Char('/')))
            m_base.chop(1);
        writeFile(m_workspace.filePath("data/inside.json"), "{\"inside\": true}");
        writeFile(m_elsewhere.filePath("secret.txt"), "root:x:0:0:root:/root:/bin/bash\n");
    }

    void fileOutsideWorkspaceNeedsConsent()
    {
        const QString secret = QFileInfo(m_elsewhere.filePath("secret.txt")).canonicalFilePath();
        const QString root = m_workspace.path();

        // An absolute path, as a Postman "src" is, and a relative one climbing out.
        for (const QString &written :
             {secret, QDir(root).relativeFilePath(secret),
              QStringLiteral("./data/../") + QDir(root).relativeFilePath(secret)}) {
            const RequestResolver::Result result = RequestResolver::resolve(
                post(m_base + "/upload", "< " + written), VariableExpander(), inWorkspace(root));
            QVERIFY2(!result.ok(), qPrintable(written));
            QVERIFY(result.needsConsent);
            QVERIFY2(result.error.contains(QLatin1String("outside the workspace")),
                     qPrintable(result.error));
            QVERIFY2(result.error.contains(secret), qPrintable(result.error));
            QCOMPARE(result.outsideFiles().size(), 1);
            QCOMPARE(result.outsideFiles().first().path, secret);
            QCOMPARE(result.outsideFiles().first().size, qint64(32));
        }

        // Inside: sent, no question.
        RequestResolver::Result inside =
            RequestResolver::resolve(post(m_base + "/upload", "< ./data/inside.json"),
                                     VariableExpander(), inWorkspace(root));
        QVERIFY2(inside.ok(), qPrintable(inside.error));
        QCOMPARE(inside.bodyFiles.size(), 1);
        QVERIFY(!inside.bodyFiles.first().outside);

        // Once allowed (the window's "Send", or run --allow-outside-files) it is sent.
        RequestResolver::FileAccess allowed = inWorkspace(root);
        allowed.allowedOutside = {secret};
        const RequestResolver::Result one = RequestResolver::resolve(
            post(m_base + "/upload", "< " + secret), VariableExpander(), allowed);
        QVERIFY2(one.ok(), qPrintable(one.error));
        allowed.allowedOutside.clear();
        allowed.allowOutside = true;
        const RequestResolver::Result all = RequestResolver::resolve(
            post(m_base + "/upload", "< " + secret), VariableExpander(), allowed);
        QVERIFY2(all.ok(), qPrintable(all.error));
        HttpClient client;
        QString error;
        const QJsonObject arrived = upload(client, all.request, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(arrived.value("bytes").toInt(), 32);
    }

    void fileOutsideWorkspaceNeedsConsentInTheRunner()
    {
        const QString secret = QFileInfo(m_elsewhere.filePath("secret.txt")).canonicalFilePath();
        const QString path = m_workspace.filePath("outside.http");
        writeFile(path, QStringLiteral("### leak\nPOST %1/upload\nContent-Type: text/plain\n\n"
                                       "< %2\n")
                            .arg(m_base, secret)
                            .toUtf8());
        const RunPlan plan = RunPlan::build({path});
        QVERIFY(plan.ok());
        for (const bool allow : {false, true}) {
            HttpClient client;
            CollectionRunner::Options options;
            options.allowOutsideFiles = allow;
            CollectionRunner runner(&client, plan, options);
            QList<RunStep> steps;
            connect(&runner, &CollectionRunner::stepFinished, this,
                    [&steps](const RunStep &step) { steps.append(step); });
            QSignalSpy finished(&runner, &CollectionRunner::finished);
            runner.start();
            QVERIFY(runner.isFinished() || finished.wait(20000));
            QCOMPARE(steps.size(), 1);
            if (!allow) {
                QVERIFY(!steps.first().sent);
                QVERIFY(!steps.first().passed());
                QCOMPARE(steps.first().error,
                         QStringLiteral("%1:5:3: the body reads %2, outside the workspace; pass "
                                        "--allow-outside-files to allow it")
                             .arg(path, secret));
            } else {
                QVERIFY2(steps.first().passed(), qPrintable(steps.first().error));
                QCOMPARE(steps.first().exchange.status, 200);
            }
        }
    }

    void symlinkOutOfWorkspaceCountsAsOutside()
    {
        const QString secret = QFileInfo(m_elsewhere.filePath("secret.txt")).canonicalFilePath();
        const QString link = m_workspace.filePath("data/innocent.txt");
        QFile::remove(link);
        QVERIFY(QFile::link(secret, link));
        const RequestResolver::Result result =
            RequestResolver::resolve(post(m_base + "/upload", "< ./data/innocent.txt"),
                                     VariableExpander(), inWorkspace(m_workspace.path()));
        QVERIFY(!result.ok());
        QVERIFY(result.needsConsent);
        QCOMPARE(result.outsideFiles().size(), 1);
        QCOMPARE(result.outsideFiles().first().path, secret); // what would really be read

        // A folder linked into the workspace is outside too.
        const QString folderLink = m_workspace.filePath("linked");
        QFile::remove(folderLink);
        QVERIFY(QFile::link(m_elsewhere.path(), folderLink));
        const RequestResolver::Result viaFolder =
            RequestResolver::resolve(post(m_base + "/upload", "< ./linked/secret.txt"),
                                     VariableExpander(), inWorkspace(m_workspace.path()));
        QVERIFY(viaFolder.needsConsent);
        QFile::remove(folderLink);
        QFile::remove(link);
    }

    void devZeroBodyIsRefused()
    {
        // Before: QFile::readAll on /dev/zero never ends and exhausts memory.
        RequestResolver::FileAccess files = inWorkspace(m_workspace.path());
        files.allowOutside = true; // refused for what it is, not where it is
        const RequestResolver::Result result = RequestResolver::resolve(
            post(m_base + "/upload", "< /dev/zero"), VariableExpander(), files);
        QVERIFY(!result.ok());
        QVERIFY(!result.needsConsent);
        QCOMPARE(result.error, QStringLiteral("body line 1: /dev/zero is not a regular file (a "
                                              "device, FIFO or socket); only regular files can "
                                              "be sent"));

        // Also through a link inside the workspace, and for a folder.
        const QString link = m_workspace.filePath("zeros");
        QFile::remove(link);
        QVERIFY(QFile::link(QStringLiteral("/dev/zero"), link));
        const RequestResolver::Result linked = RequestResolver::resolve(
            post(m_base + "/upload", "text\n< ./zeros"), VariableExpander(), files);
        QVERIFY(!linked.ok());
        QCOMPARE(linked.error, QStringLiteral("body line 2: %1 (a link to /dev/zero) is not a "
                                              "regular file (a device, FIFO or socket); only "
                                              "regular files can be sent")
                                   .arg(QDir::cleanPath(link)));
        QFile::remove(link);
        const RequestResolver::Result folder = RequestResolver::resolve(
            post(m_base + "/upload", "< ./data"), VariableExpander(), files);
        QVERIFY(folder.error.contains(QLatin1String("is a folder")));
    }

    void fifoBodyIsRefused()
    {
        // Before: opening a FIFO waits for a writer; the window and run hang.
        const QString fifo = m_workspace.filePath("pipe");
        QFile::remove(fifo);
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        const RequestResolver::Result result =
            RequestResolver::resolve(post(m_base + "/upload", "< ./pipe"), VariableExpander(),
                                     inWorkspace(m_workspace.path()));
        QVERIFY(!result.ok());
        QCOMPARE(result.error, QStringLiteral("body line 1: %1 is not a regular file (a "
                                              "device, FIFO or socket); only regular files can "
                                              "be sent")
                                   .arg(QDir::cleanPath(fifo)));
        QFile::remove(fifo);
    }

    void fileBodyIsStreamed()
    {
        // 65 MiB and a bit: above the client's in-memory body limit, in a pattern whose hash
        // tells a missing or reordered chunk.
        const qint64 size = 65 * 1024 * 1024 + 12345;
        const QString big = m_workspace.filePath("data/big.bin");
        QCryptographicHash whole(QCryptographicHash::Sha256);
        {
            QFile file(big);
            QVERIFY(file.open(QIODevice::WriteOnly));
            QByteArray block(1024 * 1024, '\0');
            for (qint64 written = 0, n = 0; written < size; ++n) {
                for (qsizetype i = 0; i < block.size(); i += 8)
                    qToBigEndian<quint64>(quint64(written + i) ^ quint64(n), block.data() + i);
                const qint64 take = qMin<qint64>(block.size(), size - written);
                QCOMPARE(file.write(block.constData(), take), take);
                whole.addData(QByteArrayView(block.constData(), take));
                written += take;
            }
        }
        const RequestResolver::Result result = RequestResolver::resolve(
            post(m_base + "/upload", "< ./data/big.bin", "application/octet-stream"),
            VariableExpander(), inWorkspace(m_workspace.path()));
        QVERIFY2(result.ok(), qPrintable(result.error));
        // Nothing of the file is in memory: the request holds a file part and a description.
        QVERIFY(result.request.streamsBody());
        QCOMPARE(result.request.bodyParts.size(), 1);
        QCOMPARE(result.request.bodyParts.first().filePath, QFileInfo(big).canonicalFilePath());
        QCOMPARE(result.request.bodyParts.first().size, size);
        QCOMPARE(result.request.bodySize(), size);
        QCOMPARE(result.request.body,
                 QStringLiteral("< %1 (65.0 MB)").arg(QFileInfo(big).canonicalFilePath()).toUtf8());
        QCOMPARE(result.bodySummary(), QStringLiteral("body: 1 file, 65.0 MB"));

        HttpClient client;
        QString error;
        QJsonObject arrived = upload(client, result.request, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(qint64(arrived.value("bytes").toDouble()), size);
        QCOMPARE(arrived.value("sha256").toString().toLatin1(), whole.result().toHex());

        // A multipart body mixes text and files; CRLF between lines, the file as it is.
        const QByteArray small = "{\"inside\": true}";
        const RequestResolver::Result multipart = RequestResolver::resolve(
            post(m_base + "/upload",
                 "--B\nContent-Disposition: form-data; name=\"a\"; filename=\"a.json\"\n\n"
                 "< ./data/inside.json\n--B\nContent-Disposition: form-data; name=\"b\"\n\n"
                 "< ./data/inside.json\n--B--",
                 "multipart/form-data; boundary=B"),
            VariableExpander(), inWorkspace(m_workspace.path()));
        QVERIFY2(multipart.ok(), qPrintable(multipart.error));
        QCOMPARE(multipart.request.bodyParts.size(), 5); // text, file, text, file, text
        const QByteArray expected =
            "--B\r\nContent-Disposition: form-data; name=\"a\"; filename=\"a.json\"\r\n\r\n" +
            small + "\r\n--B\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n" + small +
            "\r\n--B--";
        QCOMPARE(multipart.request.bodySize(), qint64(expected.size()));
        QCOMPARE(multipart.bodySummary(),
                 QStringLiteral("body: 2 files, %1 bytes").arg(expected.size()));
        arrived = upload(client, multipart.request, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(arrived.value("sha256").toString().toLatin1(),
                 QCryptographicHash::hash(expected, QCryptographicHash::Sha256).toHex());
        QFile::remove(big);
    }

    void streamedBodyIsRecordedAsItsFiles()
    {
        // What the exchange, and so the history, keeps of a body from files: a line per file
        // with its size, not the bytes (a 1 GB upload is not copied into the history).
        const QString inside =
            QFileInfo(m_workspace.filePath("data/inside.json")).canonicalFilePath();
        const RequestResolver::Result result =
            RequestResolver::resolve(post(m_base + "/upload", "first\n< ./data/inside.json"),
                                     VariableExpander(), inWorkspace(m_workspace.path()));
        QVERIFY2(result.ok(), qPrintable(result.error));
        const QByteArray description = "first\n< " + inside.toUtf8() + " (16 bytes)";
        QCOMPARE(result.request.body, description);
        HttpClient client;
        QString error;
        Exchange exchange;
        const QJsonObject arrived = upload(client, result.request, &error, &exchange);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(arrived.value("bytes").toInt(), 22); // "first\n" and the file
        QCOMPARE(exchange.request.body, description);
        QCOMPARE(exchange.request.bodySize(), qint64(22));

        QTemporaryDir data;
        HistoryStore history(data.path());
        QVERIFY2(history.isOpen(), qPrintable(history.openMessage()));
        const qint64 id = history.record(exchange, HistorySource());
        QVERIFY(id > 0);
        QCOMPARE(history.load(id)->exchange.request.body, description);
    }

    void fileBodyOverLimitIsRefused()
    {
        writeFile(m_workspace.filePath("data/k.bin"), QByteArray(1500, 'k'));
        RequestResolver::FileAccess files = inWorkspace(m_workspace.path());
        files.sizeLimit = 2000;
        const RequestResolver::Result one = RequestResolver::resolve(
            post(m_base + "/upload", "< ./data/k.bin"), VariableExpander(), files);
        QVERIFY2(one.ok(), qPrintable(one.error));
        // Two of them pass the limit: the second is named, with the limit.
        const RequestResolver::Result two = RequestResolver::resolve(
            post(m_base + "/upload", "< ./data/k.bin\n< ./data/k.bin"), VariableExpander(), files);
        QVERIFY(!two.ok());
        QCOMPARE(two.error,
                 QStringLiteral("body line 2: %1 (1.5 kB) takes the body's files past the limit "
                                "of 2.0 kB (setting maxFileBodyMB)")
                     .arg(QFileInfo(m_workspace.filePath("data/k.bin")).canonicalFilePath()));

        // The client's limit (the settings' maxFileBodyMB) is what the runner applies, and
        // the client refuses a larger body of parts itself.
        HttpClient client;
        QCOMPARE(client.fileBodyLimit(), qint64(1024) * 1024 * 1024);
        client.setFileBodyLimit(1000);
        HttpClient copy;
        copy.adoptSettings(client);
        QCOMPARE(copy.fileBodyLimit(), qint64(1000));
        QString error;
        upload(client, one.request, &error);
        QVERIFY2(error.contains(QLatin1String("more than the limit of 1000 bytes")),
                 qPrintable(error));
    }

    void fileChangedAfterResolvingFailsTheSend()
    {
        // The size is known before sending: a file cut short since then fails the exchange
        // with its name rather than sending a body shorter than its Content-Length.
        const QString path = m_workspace.filePath("data/shrinks.bin");
        writeFile(path, QByteArray(4096, 's'));
        const RequestResolver::Result result =
            RequestResolver::resolve(post(m_base + "/upload", "< ./data/shrinks.bin"),
                                     VariableExpander(), inWorkspace(m_workspace.path()));
        QVERIFY2(result.ok(), qPrintable(result.error));
        writeFile(path, QByteArray(100, 's'));
        HttpClient client;
        QString error;
        upload(client, result.request, &error);
        QVERIFY2(error.contains(QLatin1String("ended early")) &&
                     error.contains(QFileInfo(path).canonicalFilePath()),
                 qPrintable(error));
    }

    // A file checked inside the workspace and then replaced (by a symlink out of it, as a
    // server could arrange between a 307 and the re-send) is not read: the consent was for
    // the file that was checked. Every attempt opens the file anew, so this is what each
    // attempt finds.
    void fileReplacedBySymlinkAfterResolvingIsNotRead()
    {
        const QString path = m_workspace.filePath("data/swapped.txt");
        writeFile(path, QByteArray(200, 'w'));
        writeFile(m_elsewhere.filePath("secret.txt"), QByteArray(200, 'S'));
        const RequestResolver::Result result =
            RequestResolver::resolve(post(m_base + "/upload", "< ./data/swapped.txt"),
                                     VariableExpander(), inWorkspace(m_workspace.path()));
        QVERIFY2(result.ok(), qPrintable(result.error));
        QVERIFY(QFile::remove(path));
        QVERIFY(QFile::link(m_elsewhere.filePath("secret.txt"), path));
        HttpClient client;
        QString error;
        Exchange sent;
        upload(client, result.request, &error, &sent);
        QVERIFY2(error.contains(QLatin1String("was replaced since the request was prepared")),
                 qPrintable(error));
        QVERIFY(!sent.request.body.contains("SSSS"));

        // A file rewritten in place (same file, same size) is still that file: it is sent.
        QVERIFY(QFile::remove(path));
        writeFile(path, QByteArray(200, 'w'));
        const RequestResolver::Result again =
            RequestResolver::resolve(post(m_base + "/upload", "< ./data/swapped.txt"),
                                     VariableExpander(), inWorkspace(m_workspace.path()));
        writeFile(path, QByteArray(200, 'v'));
        error.clear();
        upload(client, again.request, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(tst_FileBody)
#include "tst_filebody.moc"
