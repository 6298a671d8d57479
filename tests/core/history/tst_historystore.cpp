// HistoryStore and HistoryModel: real exchanges with the demo service recorded, read back
// after a simulated restart and after a writer process is killed mid-write; damaged files
// moved aside; body limit, search, prune, delete and clear.
#include "demo/demoserverthread.h"
#include "filemode.h"
#include "history/historymodel.h"
#include "history/historystore.h"
#include "net/exchangejob.h"
#include "net/httpclient.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace mr;

class tst_HistoryStore : public QObject
{
    Q_OBJECT
    DemoServerThread m_service;
    HttpClient m_client;

    QUrl url(const QString &pathAndQuery) const
    {
        return m_service.httpUrl().resolved(QUrl(pathAndQuery));
    }

    Exchange run(const HttpRequest &request)
    {
        std::unique_ptr<ExchangeJob> job(m_client.send(request));
        QSignalSpy finished(job.get(), &ExchangeJob::finished);
        if (!finished.wait(10000))
            return {};
        return job->exchange();
    }

    Exchange get(const QString &pathAndQuery)
    {
        HttpRequest request;
        request.url = url(pathAndQuery);
        return run(request);
    }

    // "#3 new" or "#3 reused", as the list shows the exchange's last attempt.
    static QString listLabel(const Exchange &exchange)
    {
        const Attempt *last = exchange.finalAttempt();
        if (!last || last->connectionId.isEmpty())
            return QString();
        return QStringLiteral("#%1 %2")
            .arg(last->connectionSerial)
            .arg(last->reused ? QStringLiteral("reused") : QStringLiteral("new"));
    }

    // PRAGMA integrity_check on its own connection, as a second program would see the file.
    static QString integrityCheck(const QString &file)
    {
        QString result;
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
            db.setDatabaseName(file);
            if (!db.open())
                return db.lastError().text();
            QSqlQuery query(db);
            if (!query.exec(QStringLiteral("PRAGMA integrity_check")))
                result = query.lastError().text();
            while (query.next())
                result += query.value(0).toString();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("check"));
        return result;
    }

    static void writeFile(const QString &path, const QByteArray &bytes)
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(bytes), bytes.size());
    }

    static QByteArray readFile(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

private Q_SLOTS:
    void initTestCase()
    {
        // The searches below look for "404" and "18" in URLs: a port holding either would
        // match every URL, so the demo service listens on a port that holds neither.
        QString error;
        DemoServer::Options options;
        for (quint16 port = 20000; port < 40000; ++port) {
            const QString digits = QString::number(port);
            if (digits.contains(QLatin1String("404")) || digits.contains(QLatin1String("18")))
                continue;
            options.port = port;
            if (m_service.start(options, &error))
                return;
        }
        QFAIL(qPrintable(error));
    }

    void exchangesSurviveARestart()
    {
        QTemporaryDir dir;
        HttpRequest post;
        post.method = "POST";
        post.url = url(QStringLiteral("/post?kind=order"));
        post.headers.append("Content-Type", "application/json");
        post.headers.append("X-Trace", "t-42");
        post.body = "{\"pizza\":\"margherita\"}";
        const Exchange first = get(QStringLiteral("/get?city=Lisbon"));
        const Exchange second = run(post);
        QCOMPARE(first.status, 200);
        QCOMPARE(second.status, 200);
        QVERIFY(second.finalAttempt());
        QVERIFY(second.finalAttempt()->reused); // the second request kept the connection

        qint64 firstId = 0;
        qint64 secondId = 0;
        {
            HistoryStore store(dir.path());
            QVERIFY2(store.isOpen(), qPrintable(store.openMessage()));
            QVERIFY(store.openMessage().isEmpty());
            QSignalSpy added(&store, &HistoryStore::added);
            firstId = store.record(first, {});
            HistorySource source{dir.filePath(QStringLiteral("orders.http")),
                                 QStringLiteral("Order a pizza"), QStringLiteral("local"),
                                 QStringLiteral("# @name Order a pizza\nPOST {{baseUrl}}/post\n")};
            secondId = store.record(second, source);
            QVERIFY2(firstId > 0 && secondId > firstId, qPrintable(store.lastError()));
            QCOMPARE(added.size(), 2);
        } // the store goes, as when the application quits

        HistoryStore store(dir.path());
        QVERIFY2(store.isOpen(), qPrintable(store.openMessage()));
        QCOMPARE(store.count(), 2);
        const QList<HistorySummary> list = store.recent();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list.at(0).id, secondId); // newest first
        QCOMPARE(list.at(0).method, QStringLiteral("POST"));
        QCOMPARE(list.at(0).requestName, QStringLiteral("Order a pizza"));
        QCOMPARE(list.at(0).displayName(), QStringLiteral("Order a pizza"));
        QCOMPARE(list.at(0).connectionLabel(),
                 QStringLiteral("#%1 reused").arg(second.finalAttempt()->connectionSerial));
        QCOMPARE(list.at(1).connectionLabel(),
                 QStringLiteral("#%1 new").arg(first.finalAttempt()->connectionSerial));
        QCOMPARE(list.at(1).displayName(), QStringLiteral("GET ") + first.request.url.toString());

        const std::optional<HistoryEntry> entry = store.load(secondId);
        QVERIFY(entry);
        const Exchange &x = entry->exchange;
        QCOMPARE(x.request.method, QByteArray("POST"));
        QCOMPARE(x.request.url, second.request.url);
        QCOMPARE(x.request.headers, second.request.headers);
        QCOMPARE(x.request.body, second.request.body);
        QCOMPARE(x.status, 200);
        QCOMPARE(x.reasonPhrase, second.reasonPhrase);
        QCOMPARE(x.httpVersion, second.httpVersion);
        QCOMPARE(x.responseHeaders, second.responseHeaders);
        QCOMPARE(x.responseBody, second.responseBody);
        QVERIFY(x.responseBody.contains("margherita"));
        QCOMPARE(x.responseBodySize, second.responseBodySize);
        QCOMPARE(x.durationMs, second.durationMs);
        QCOMPARE(x.startedAt, second.startedAt);
        QVERIFY(!entry->responseBodyTruncated);
        QCOMPARE(x.attempts.size(), second.attempts.size());
        const Attempt &a = x.attempts.last();
        const Attempt &b = second.attempts.last();
        QCOMPARE(a.connectionId, b.connectionId);
        QVERIFY(a.connectionId.startsWith(QStringLiteral("127.0.0.1:")));
        QCOMPARE(a.reused, true);
        QCOMPARE(a.requestIndex, b.requestIndex);
        QCOMPARE(a.localPort, b.localPort);
        QCOMPARE(a.requestHead, b.requestHead);
        QCOMPARE(a.timings.blocked, b.timings.blocked);
        QCOMPARE(a.timings.dns, -1.0); // a reused connection has no dns, tcp or tls
        QCOMPARE(a.timings.tcp, -1.0);
        QCOMPARE(a.timings.wait, b.timings.wait);
        QCOMPARE(a.timings.receive, b.timings.receive);
        QCOMPARE(a.connectionLabel(), b.connectionLabel());
        QCOMPARE(a.phasesText(), b.phasesText());
        QCOMPARE(entry->source.filePath, dir.filePath(QStringLiteral("orders.http")));
        QCOMPARE(entry->source.environment, QStringLiteral("local"));
        QVERIFY(entry->source.definition.contains(QLatin1String("{{baseUrl}}")));

        const std::optional<HistoryEntry> older = store.load(firstId);
        QVERIFY(older);
        QCOMPARE(older->exchange.attempts.last().timings.tcp, first.attempts.last().timings.tcp);
        QVERIFY(older->exchange.attempts.last().timings.tcp >= 0); // a new connection
        QVERIFY(!store.load(secondId + 100));

        // To re-open: the request as written when there is one, else as it was sent, without
        // the headers the client adds by itself.
        const RequestDefinition written = entry->requestDefinition();
        QCOMPARE(written.name, QStringLiteral("Order a pizza"));
        QCOMPARE(written.url, QStringLiteral("{{baseUrl}}/post"));
        const RequestDefinition sent = older->requestDefinition();
        QCOMPARE(sent.method, QStringLiteral("GET"));
        QCOMPARE(sent.url, first.request.url.toString());
        QVERIFY(first.request.headers.contains("Host"));
        QVERIFY(first.request.headers.contains("Accept-Encoding"));
        QVERIFY2(sent.headers.isEmpty(), qPrintable(sent.headers.value(0).name));
    }

    void aFailedExchangeIsRecordedWithItsError()
    {
        QTemporaryDir dir;
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close(); // nobody listens there now
        HttpRequest request;
        request.url = QUrl(QStringLiteral("http://127.0.0.1:%1/nobody").arg(port));
        const Exchange refused = run(request);
        QVERIFY(!refused.hasResponse());
        QVERIFY(!refused.error.isEmpty());

        HistoryStore store(dir.path());
        const qint64 id = store.record(refused, {});
        QVERIFY2(id > 0, qPrintable(store.lastError()));
        const HistorySummary summary = store.recent().value(0);
        QCOMPARE(summary.status, 0);
        QCOMPARE(summary.error, refused.error);
        QCOMPARE(summary.connectionLabel(), listLabel(refused));
        QCOMPARE(store.load(id)->exchange.error, refused.error);
        QCOMPARE(store.load(id)->exchange.hint, refused.hint);
    }

    void aKilledWriterLosesNothingCommitted()
    {
        QTemporaryDir dir;
        QProcess writer;
        writer.setProcessChannelMode(QProcess::SeparateChannels);
        writer.start(QStringLiteral(HISTORY_WRITER), {dir.path(), QString::number(256 * 1024)});
        QVERIFY2(writer.waitForStarted(), qPrintable(writer.errorString()));
        // Let it commit a good number of rows, then kill it wherever it is.
        QHash<qint64, int> committed; // id -> seq, as the writer reported
        QByteArray pending;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                pending += writer.readAllStandardOutput();
                while (pending.contains('\n')) {
                    const qsizetype end = pending.indexOf('\n');
                    const QList<QByteArray> words = pending.left(end).split(' ');
                    pending.remove(0, end + 1);
                    if (words.size() == 3 && words.at(0) == "committed")
                        committed.insert(words.at(1).toLongLong(), words.at(2).toInt());
                }
                return committed.size() >= 40 || writer.state() != QProcess::Running;
            }(),
            30000);
        QCOMPARE(writer.state(), QProcess::Running); // still writing: it did not stop by itself
        writer.kill(); // SIGKILL: no destructor, no checkpoint, maybe half a row written
        QVERIFY(writer.waitForFinished(10000));
        QCOMPARE(writer.exitStatus(), QProcess::CrashExit);
        QVERIFY2(writer.readAllStandardError().isEmpty(), "the writer reported an error");
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("history.sqlite-wal"))));

        HistoryStore store(dir.path());
        QVERIFY2(store.isOpen(), qPrintable(store.openMessage()));
        QVERIFY2(store.openMessage().isEmpty(), qPrintable(store.openMessage()));
        QCOMPARE(integrityCheck(store.filePath()), QStringLiteral("ok"));
        // Every row reported as committed is there, and every row there is whole.
        const QList<HistorySummary> rows = store.recent(QString(), 100000);
        QVERIFY(rows.size() >= committed.size());
        QSet<qint64> present;
        for (const HistorySummary &row : rows) {
            present.insert(row.id);
            const std::optional<HistoryEntry> entry = store.load(row.id);
            QVERIFY(entry);
            const Exchange &x = entry->exchange;
            const int seq = x.request.headers.value("X-Seq").toInt();
            QVERIFY(seq > 0);
            if (committed.contains(row.id))
                QCOMPARE(committed.value(row.id), seq);
            const char fill = char('a' + seq % 26);
            QCOMPARE(x.request.url.path(), QStringLiteral("/item/%1").arg(seq));
            QCOMPARE(x.request.body, QByteArray(256 * 1024, fill));
            QCOMPARE(x.responseBody, QByteArray(256 * 1024 + seq % 1000, fill));
            QCOMPARE(x.responseBodySize, qint64(x.responseBody.size()));
            QCOMPARE(x.status, 201);
        }
        for (auto it = committed.cbegin(); it != committed.cend(); ++it)
            QVERIFY2(present.contains(it.key()), qPrintable(QString::number(it.key())));
        // And it takes new rows.
        QVERIFY(store.record(get(QStringLiteral("/get")), {}) > 0);
    }

    void aDamagedFileIsMovedAsideAndHistoryStartsAfresh()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(HistoryStore::fileName());
        QByteArray garbage;
        for (int i = 0; i < 8192; ++i)
            garbage.append(char((i * 7919 + 13) % 251));
        writeFile(file, garbage);
        writeFile(file + QStringLiteral("-wal"), "not a journal either");

        HistoryStore store(dir.path());
        QVERIFY2(store.isOpen(), qPrintable(store.openMessage()));
        const QString message = store.openMessage();
        QVERIFY2(message.contains(QLatin1String("moved aside to history.sqlite.corrupt-")),
                 qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("new history")), qPrintable(message));
        const QStringList moved =
            QDir(dir.path())
                .entryList({QStringLiteral("history.sqlite.corrupt-*")}, QDir::Files, QDir::Name);
        // The file, its -wal and -shm, kept as they were for whoever wants to look at them.
        QVERIFY2(moved.size() == 3,
                 qPrintable(QDir(dir.path()).entryList(QDir::Files).join(QLatin1Char(' '))));
        QVERIFY(moved.at(0).contains(
            QRegularExpression(QStringLiteral("^history\\.sqlite\\.corrupt-\\d{8}-\\d{6}$"))));
        QVERIFY2(message.contains(moved.at(0)), qPrintable(message));
        QCOMPARE(readFile(dir.filePath(moved.at(0))), garbage);
        QCOMPARE(moved.at(1), moved.at(0) + QStringLiteral("-shm"));
        QCOMPARE(moved.at(2), moved.at(0) + QStringLiteral("-wal"));
        QCOMPARE(readFile(dir.filePath(moved.at(2))), QByteArray("not a journal either"));
        QCOMPARE(store.count(), 0);
        QVERIFY(store.record(get(QStringLiteral("/get")), {}) > 0);
        QCOMPARE(integrityCheck(file), QStringLiteral("ok"));
    }

    void aHistoryFromANewerVersionIsLeftAlone()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(HistoryStore::fileName());
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("newer"));
            db.setDatabaseName(file);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("CREATE TABLE future (x)")));
            QVERIFY(query.exec(QStringLiteral("PRAGMA user_version = 99")));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("newer"));
        const QByteArray before = readFile(file);

        HistoryStore store(dir.path());
        QVERIFY(!store.isOpen());
        QVERIFY2(store.openMessage().contains(QLatin1String("newer Microrequests")),
                 qPrintable(store.openMessage()));
        QString error;
        QCOMPARE(store.record(get(QStringLiteral("/get")), {}, &error), qint64(-1));
        QVERIFY(!error.isEmpty());
        QVERIFY(store.recent().isEmpty());
        QCOMPARE(readFile(file), before);
    }

    void historyFilesAreOwnerOnly()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("new/data"));
        const QString database = QDir(data).filePath(HistoryStore::fileName());
        {
            HistoryStore store(data);
            QVERIFY2(store.isOpen(), qPrintable(store.openMessage()));
            QVERIFY2(store.record(get(QStringLiteral("/get")), {}) > 0,
                     qPrintable(store.lastError()));
            // The folders the store made, the database and its WAL companions: the user's only.
            QCOMPARE(fileMode(dir.filePath(QStringLiteral("new"))), 0700);
            QCOMPARE(fileMode(data), 0700);
            QCOMPARE(fileMode(database), 0600);
            QCOMPARE(fileMode(database + QStringLiteral("-wal")), 0600);
            QCOMPARE(fileMode(database + QStringLiteral("-shm")), 0600);
        }
        // As a version before this one left them: readable by everyone. Opening tightens them.
        QVERIFY(setFileMode(data, 0755));
        QVERIFY(setFileMode(database, 0644));
        HistoryStore store(data);
        QVERIFY2(store.isOpen(), qPrintable(store.openMessage()));
        QCOMPARE(fileMode(data), 0700);
        QCOMPARE(fileMode(database), 0600);
        QVERIFY2(store.record(get(QStringLiteral("/get")), {}) > 0, qPrintable(store.lastError()));
        QCOMPARE(fileMode(database + QStringLiteral("-wal")), 0600);
        QCOMPARE(store.count(), 2);
    }

    void historyRedactsSecretHeaders()
    {
        QTemporaryDir dir;
        HistoryStore store(dir.path());
        // Credentials in every place a request carries them, echoed back in the body.
        HttpRequest request;
        request.url = url(QStringLiteral("/anything?api_key=k3y-value-1&page=2"));
        request.headers.append("Authorization", "Bearer t0ken-abc");
        request.headers.append("Proxy-Authorization",
                               "Basic dXNlcjpwYXNzd29yZA=="); // user:password
        request.headers.append("Cookie", "session=c00kie-val; theme=on; consent=true");
        request.headers.append("X-Flag", "true"); // a short cookie value is not masked elsewhere
        request.headers.append("X-API-Key", "xk-12345");
        request.headers.append("X-Trace", "trace-visible");
        const Exchange sent = run(request);
        QCOMPARE(sent.status, 200);
        QVERIFY(sent.responseBody.contains("t0ken-abc")); // the echo has them all
        // A cookie the server sets.
        const Exchange setCookie =
            get(QStringLiteral("/response-headers?Set-Cookie=sid%3Ds3t-c00kie%3B%20Path%3D%2F"));
        QCOMPARE(setCookie.responseHeaders.value("Set-Cookie"),
                 QByteArray("sid=s3t-c00kie; Path=/"));

        const qint64 sentId = store.record(sent, {});
        const qint64 setCookieId = store.record(setCookie, {});
        QVERIFY2(sentId > 0 && setCookieId > 0, qPrintable(store.lastError()));

        const Exchange kept = store.load(sentId)->exchange;
        QCOMPARE(kept.request.headers.value("Authorization"), QByteArray("Bearer ***"));
        QCOMPARE(kept.request.headers.value("Proxy-Authorization"), QByteArray("Basic ***"));
        QCOMPARE(kept.request.headers.value("Cookie"),
                 QByteArray("session=***; theme=***; consent=***"));
        QCOMPARE(kept.request.headers.value("X-Flag"), QByteArray("true"));
        QCOMPARE(kept.request.headers.value("X-API-Key"), QByteArray("***"));
        QCOMPARE(kept.request.headers.value("X-Trace"), QByteArray("trace-visible"));
        QCOMPARE(kept.request.url.query(), QStringLiteral("api_key=***&page=2"));
        QVERIFY(kept.responseBody.contains("trace-visible"));
        const Exchange keptCookie = store.load(setCookieId)->exchange;
        QCOMPARE(keptCookie.responseHeaders.value("Set-Cookie"), QByteArray("sid=***; Path=/"));

        // Nowhere in the files on disk: not in a header, the URL, an echoed body, the raw
        // request head of an attempt, or the search columns.
        const QByteArray onDisk =
            readFile(store.filePath()) + readFile(store.filePath() + QStringLiteral("-wal"));
        QVERIFY(onDisk.contains("trace-visible"));
        for (const QByteArray &secret :
             {QByteArray("t0ken-abc"), QByteArray("dXNlcjpwYXNzd29yZA"), QByteArray("password"),
              QByteArray("c00kie-val"), QByteArray("xk-12345"), QByteArray("k3y-value-1"),
              QByteArray("s3t-c00kie")})
            QVERIFY2(!onDisk.contains(secret), secret.constData());
    }

    void bodiesAreCutToTheLimit()
    {
        QTemporaryDir dir;
        HistoryStore store(dir.path());
        QCOMPARE(store.bodyLimit(), qint64(1024 * 1024));
        store.setBodyLimit(1000);
        HttpRequest upload;
        upload.method = "PUT";
        upload.url = url(QStringLiteral("/anything/upload"));
        upload.body = QByteArray(3000, 'u');
        const Exchange large = get(QStringLiteral("/bytes/5000?seed=3"));
        QCOMPARE(large.responseBody.size(), 5000);
        const qint64 largeId = store.record(large, {});
        const qint64 uploadId = store.record(run(upload), {});

        std::optional<HistoryEntry> entry = store.load(largeId);
        QVERIFY(entry);
        QCOMPARE(entry->exchange.responseBody, large.responseBody.left(1000));
        QVERIFY(entry->responseBodyTruncated);
        QCOMPARE(entry->exchange.responseBodySize, qint64(5000)); // what was received
        entry = store.load(uploadId);
        QCOMPARE(entry->exchange.request.body, QByteArray(1000, 'u'));
        QVERIFY(entry->requestBodyTruncated);
        QCOMPARE(entry->requestBodySize, qint64(3000));

        // A body that went to a file (above the client's memory limit) is read from there,
        // while the reply that owns the file is still there (as the window records it).
        HttpClient client;
        client.setBodyMemoryLimit(2000);
        HttpRequest request;
        request.url = url(QStringLiteral("/bytes/4000?seed=5"));
        std::unique_ptr<ExchangeJob> job(client.send(request));
        QByteArray fullBody;
        qint64 onDiskId = -1;
        connect(job.get(), &ExchangeJob::finished, this, [&] {
            const Exchange &onDisk = job->exchange();
            QVERIFY(!onDisk.responseBodyFile.isEmpty());
            QVERIFY(onDisk.responseBody.isEmpty());
            fullBody = readFile(onDisk.responseBodyFile);
            onDiskId = store.record(onDisk, {});
        });
        QSignalSpy finished(job.get(), &ExchangeJob::finished);
        QVERIFY(finished.wait(10000));
        QCOMPARE(fullBody.size(), 4000);
        entry = store.load(onDiskId);
        QVERIFY(entry);
        QCOMPARE(entry->exchange.responseBody, fullBody.left(1000));
        QCOMPARE(entry->exchange.responseBodySize, qint64(4000));
        QVERIFY(entry->responseBodyTruncated);
        QVERIFY(entry->exchange.responseBodyFile.isEmpty());
    }

    void limitsComeFromTheUsersSettings()
    {
        QTemporaryDir dir;
        HistoryStore store(dir.path());
        QSettings settings(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        settings.setValue(QStringLiteral("history/bodyLimitBytes"), 4096);
        settings.setValue(QStringLiteral("history/maxEntries"), QStringLiteral("250"));
        store.readLimits(settings);
        QCOMPARE(store.bodyLimit(), qint64(4096));
        QCOMPARE(store.maxEntries(), 250);
        settings.setValue(QStringLiteral("history/bodyLimitBytes"), QStringLiteral("lots"));
        settings.setValue(QStringLiteral("history/maxEntries"), -3);
        store.readLimits(settings);
        QCOMPARE(store.bodyLimit(), HistoryStore::DefaultBodyLimit);
        QCOMPARE(store.maxEntries(), HistoryStore::DefaultMaxEntries);
    }

    void searchMatchesUrlMethodStatusAndName()
    {
        QTemporaryDir dir;
        HistoryStore store(dir.path());
        HttpRequest post;
        post.method = "POST";
        post.url = url(QStringLiteral("/post"));
        post.body = "x";
        store.record(get(QStringLiteral("/get?city=Lisbon")), {});
        store.record(run(post), {QString(), QStringLiteral("Create user"), {}, {}});
        store.record(get(QStringLiteral("/status/404")), {});
        store.record(get(QStringLiteral("/anything/100%25_done")), {});
        // No digits in its URL (the others have the demo service's port): only its status
        // can match a number.
        Exchange teapot;
        teapot.request.url = QUrl(QStringLiteral("http://example.invalid/teapot"));
        teapot.status = 418;
        store.record(teapot, {});

        const auto found = [&](const QString &search) {
            QStringList urls;
            for (const HistorySummary &s : store.recent(search))
                urls.append(QUrl(s.url).path());
            return urls.join(QLatin1Char(' '));
        };
        QCOMPARE(found(QString()),
                 QStringLiteral("/teapot /anything/100%_done /status/404 /post /get"));
        QCOMPARE(found(QStringLiteral("lisbon")), QStringLiteral("/get"));
        QCOMPARE(found(QStringLiteral("post")), QStringLiteral("/post"));
        QCOMPARE(found(QStringLiteral("status/404")), QStringLiteral("/status/404"));
        QVERIFY(found(QStringLiteral("418")).contains(QLatin1String("/teapot")));
        QVERIFY(found(QStringLiteral("4")).contains(QLatin1String("/teapot"))); // 4xx
        QVERIFY(!found(QStringLiteral("18")).contains(QLatin1String("/teapot")));
        QCOMPARE(found(QStringLiteral("create USER")), QStringLiteral("/post"));
        QCOMPARE(found(QStringLiteral("get lisbon")), QStringLiteral("/get"));
        QCOMPARE(found(QStringLiteral("get paris")), QString());
        // % and _ are letters here, not wildcards.
        QCOMPARE(found(QStringLiteral("100%25_")), QStringLiteral("/anything/100%_done"));
        QCOMPARE(found(QStringLiteral("%")), QStringLiteral("/anything/100%_done"));
        QCOMPARE(found(QStringLiteral("_")), QStringLiteral("/anything/100%_done"));
        QCOMPARE(store.recent(QString(), 2, 1).size(), 2);
        QCOMPARE(QUrl(store.recent(QString(), 2, 1).at(0).url).path(),
                 QStringLiteral("/anything/100%_done"));
    }

    void pruneKeepsTheNewest()
    {
        QTemporaryDir dir;
        HistoryStore store(dir.path());
        QCOMPARE(store.maxEntries(), 5000);
        store.setMaxEntries(3);
        HistoryModel model(&store);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const Exchange exchange = get(QStringLiteral("/get"));
        QList<qint64> ids;
        for (int i = 0; i < 5; ++i)
            ids.append(store.record(exchange, {}));
        QCOMPARE(store.count(), 3);
        // The list follows without a reset: the newest on top, the pruned gone from the end.
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.idAt(0), ids.at(4));
        QCOMPARE(model.idAt(2), ids.at(2));
        QList<qint64> kept;
        for (const HistorySummary &s : store.recent())
            kept.append(s.id);
        QCOMPARE(kept, (QList<qint64>{ids.at(4), ids.at(3), ids.at(2)}));

        QSignalSpy pruned(&store, &HistoryStore::pruned);
        QCOMPARE(store.prune(1), 2);
        QCOMPARE(pruned.size(), 1);
        QCOMPARE(store.oldestId(), ids.at(4));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.idAt(0), ids.at(4));
        QCOMPARE(store.recent().value(0).id, ids.at(4));
        QCOMPARE(store.prune(1), 0);
    }

    void deleteAndClear()
    {
        QTemporaryDir dir;
        HistoryStore store(dir.path());
        const Exchange exchange = get(QStringLiteral("/get"));
        const qint64 a = store.record(exchange, {});
        const qint64 b = store.record(exchange, {});
        QSignalSpy removed(&store, &HistoryStore::removed);
        QVERIFY(store.remove(a));
        QCOMPARE(removed.size(), 1);
        QCOMPARE(removed.at(0).at(0).toLongLong(), a);
        QVERIFY(!store.remove(a)); // already gone
        QVERIFY(!store.load(a));
        QVERIFY(store.load(b));
        QSignalSpy reset(&store, &HistoryStore::reset);
        QVERIFY(store.clear());
        QCOMPARE(reset.size(), 1);
        QCOMPARE(store.count(), 0);
        QVERIFY(store.recent().isEmpty());
        // Cleared means cleared on disk too, after a restart.
        HistoryStore again(dir.path());
        QCOMPARE(again.count(), 0);
    }

    void modelFollowsTheStore()
    {
        QTemporaryDir dir;
        HistoryStore store(dir.path());
        const Exchange ok = get(QStringLiteral("/get?n=1"));
        const Exchange missing = get(QStringLiteral("/status/404"));
        store.record(ok, {});
        store.record(missing, {QString(), QStringLiteral("Missing page"), {}, {}});
        store.record(ok, {});

        HistoryModel model(&store);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.columnCount(), int(HistoryModel::ColumnCount));
        QCOMPARE(model.rowCount(), 3);

        const auto cell = [&](int row, int column) {
            return model.index(row, column).data().toString();
        };
        QCOMPARE(model.headerData(HistoryModel::ConnectionColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Connection"));
        QCOMPARE(cell(1, HistoryModel::MethodColumn), QStringLiteral("GET"));
        QCOMPARE(cell(1, HistoryModel::RequestColumn), QStringLiteral("Missing page"));
        QCOMPARE(cell(1, HistoryModel::StatusColumn), QStringLiteral("404"));
        QCOMPARE(cell(2, HistoryModel::RequestColumn), ok.request.url.toString());
        QVERIFY(cell(0, HistoryModel::DurationColumn).endsWith(QLatin1String(" ms")));
        QVERIFY(cell(0, HistoryModel::TimeColumn).contains(QLatin1Char(':')));
        QCOMPARE(cell(0, HistoryModel::ConnectionColumn), listLabel(ok));
        QCOMPARE(cell(1, HistoryModel::ConnectionColumn), listLabel(missing));
        QVERIFY(!listLabel(missing).isEmpty());

        // A new entry appears on top, unless the search leaves it out.
        const qint64 newest = store.record(missing, {});
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.idAt(0), newest);
        QCOMPARE(model.index(0, 0).data(HistoryModel::IdRole).toLongLong(), newest);
        model.setSearch(QStringLiteral("404"));
        QCOMPARE(model.rowCount(), 2);
        store.record(ok, {});
        QCOMPARE(model.rowCount(), 2);
        store.record(missing, {});
        QCOMPARE(model.rowCount(), 3);

        QVERIFY(store.remove(model.idAt(1)));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.rowOf(newest), -1);
        model.setSearch(QString());
        QCOMPARE(model.rowCount(), 5);

        // At most rowLimit() rows: the oldest leaves the list as a new one comes.
        model.setRowLimit(5);
        const qint64 oldest = model.idAt(4);
        const qint64 latest = store.record(ok, {});
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.idAt(0), latest);
        QCOMPARE(model.rowOf(oldest), -1);
        model.setRowLimit(2);
        model.reload();
        QCOMPARE(model.rowCount(), 2);

        QVERIFY(store.clear());
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_HistoryStore)
#include "tst_historystore.moc"
