#include "demo/demoserverthread.h"
#include "net/cookiejar.h"
#include "net/cookiejarmodel.h"
#include "net/exchangejob.h"
#include "net/httpclient.h"
#include "sendandwait.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkCookie>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace mr;

class tst_CookieJar : public QObject
{
    Q_OBJECT
    DemoServerThread m_service;

    QUrl url(const QString &path, const QString &query = {}) const
    {
        QUrl u = m_service.httpUrl();
        u.setPath(path);
        u.setQuery(query);
        return u;
    }

    // The cookies the demo service received, as it echoes them from /cookies.
    static QJsonObject cookiesReceived(HttpClient &client, const QUrl &url)
    {
        HttpRequest request;
        request.url = url;
        return QJsonDocument::fromJson(sendAndWait(client, request).responseBody)
            .object()
            .value(QStringLiteral("cookies"))
            .toObject();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_service.start(DemoServer::Options(), &error), qPrintable(error));
    }

    void cookiesOutliveTheClient()
    {
        QTemporaryDir data;
        const QString file = CookieJar::fileFor(data.path(), QStringLiteral("/some/workspace"));
        QVERIFY(file.startsWith(data.path() + QStringLiteral("/cookies/")));
        QVERIFY(file != CookieJar::fileFor(data.path(), QStringLiteral("/other/workspace")));
        {
            HttpClient client;
            auto *jar = new CookieJar;
            client.setCookieJar(jar);
            jar->setFile(file);
            const QJsonObject received = cookiesReceived(
                client, url(QStringLiteral("/cookies/set"), "session=s1&theme=dark"));
            QCOMPARE(received.value(QStringLiteral("session")).toString(), QStringLiteral("s1"));
            QTRY_VERIFY(QFile::exists(file)); // saved shortly after the change, unasked
        }
        // A restart: a new client and jar on the same file send the same cookies.
        HttpClient client;
        auto *jar = new CookieJar;
        client.setCookieJar(jar);
        QString message;
        jar->setFile(file, &message);
        QVERIFY(message.isEmpty());
        QCOMPARE(jar->cookies().size(), 2);
        const QJsonObject received = cookiesReceived(client, url(QStringLiteral("/cookies")));
        QCOMPARE(received.value(QStringLiteral("session")).toString(), QStringLiteral("s1"));
        QCOMPARE(received.value(QStringLiteral("theme")).toString(), QStringLiteral("dark"));
        // Another workspace's jar is another file: empty.
        jar->setFile(CookieJar::fileFor(data.path(), QStringLiteral("/other")));
        QVERIFY(jar->cookies().isEmpty());
        QVERIFY(cookiesReceived(client, url(QStringLiteral("/cookies"))).isEmpty());
    }

    void theManagerEditsWhatIsSent()
    {
        HttpClient client;
        auto *jar = new CookieJar;
        client.setCookieJar(jar);
        cookiesReceived(client, url(QStringLiteral("/cookies/set"), "session=s1&theme=dark"));
        CookieJarModel model(jar);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 2);
        // Sorted by domain, path, name: session before theme.
        QCOMPARE(model.index(0, CookieJarModel::Name).data().toString(), QStringLiteral("session"));
        QCOMPARE(model.index(0, CookieJarModel::Domain).data().toString(),
                 QStringLiteral("127.0.0.1"));
        QCOMPARE(model.index(0, CookieJarModel::Expires).data().toString(),
                 QStringLiteral("Session"));

        QVERIFY(model.setData(model.index(0, CookieJarModel::Value), QStringLiteral("s2")));
        QVERIFY(model.setData(model.index(1, CookieJarModel::Name), QStringLiteral("colour")));
        // Refused edits change nothing, and lose nothing.
        QVERIFY(!model.setData(model.index(0, CookieJarModel::Path), QStringLiteral("no-slash")));
        QVERIFY(!model.setData(model.index(0, CookieJarModel::Name), QStringLiteral("a b")));
        QVERIFY(!model.setData(model.index(0, CookieJarModel::Expires), QStringLiteral("soon")));
        QCOMPARE(jar->cookies().size(), 2);

        QJsonObject received = cookiesReceived(client, url(QStringLiteral("/cookies")));
        QCOMPARE(received.value(QStringLiteral("session")).toString(), QStringLiteral("s2"));
        QCOMPARE(received.value(QStringLiteral("colour")).toString(), QStringLiteral("dark"));
        QVERIFY(!received.contains(QStringLiteral("theme")));

        // An expiry in the past makes the cookie go.
        const int row = model.rowCount() - 1;
        QVERIFY(model.setData(model.index(row, CookieJarModel::Expires),
                              QStringLiteral("2001-01-01T00:00:00Z")));
        QCOMPARE(jar->cookies().size(), 1);

        QVERIFY(model.removeRows(0, 1));
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(cookiesReceived(client, url(QStringLiteral("/cookies"))).isEmpty());

        const int added = model.addCookie(QStringLiteral("127.0.0.1"));
        QVERIFY(added >= 0);
        QVERIFY(model.setData(model.index(added, CookieJarModel::Value), QStringLiteral("v")));
        received = cookiesReceived(client, url(QStringLiteral("/cookies")));
        QCOMPARE(received.value(QStringLiteral("name")).toString(), QStringLiteral("v"));
        // A second one does not replace the first.
        QVERIFY(model.addCookie(QStringLiteral("127.0.0.1")) >= 0);
        QCOMPARE(model.rowCount(), 2);

        // Cookies set by responses show up while the model is open.
        cookiesReceived(client, url(QStringLiteral("/cookies/set"), "late=1"));
        QCOMPARE(model.rowCount(), 3);
        jar->clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void anUnreadableFileIsMovedAside()
    {
        QTemporaryDir data;
        const QString file = data.filePath(QStringLiteral("cookies/jar.json"));
        QVERIFY(QDir().mkpath(data.filePath(QStringLiteral("cookies"))));
        QFile broken(file);
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("{ not json");
        broken.close();
        CookieJar jar;
        QString message;
        jar.setFile(file, &message);
        QVERIFY2(message.contains(QLatin1String("moved to")), qPrintable(message));
        QVERIFY(jar.cookies().isEmpty());
        QVERIFY(!QFile::exists(file));
        QCOMPARE(QDir(data.filePath(QStringLiteral("cookies")))
                     .entryList({QStringLiteral("jar.json.unreadable-*")})
                     .size(),
                 1);
        // And the jar works on: a new cookie is saved to the file again.
        QNetworkCookie cookie("a", "1");
        cookie.setDomain(QStringLiteral("example.com"));
        QVERIFY(jar.store(cookie));
        QString error;
        QVERIFY2(jar.save(&error), qPrintable(error));
        CookieJar again;
        again.setFile(file);
        QCOMPARE(again.cookies().size(), 1);
        QCOMPARE(again.cookies().first().domain(), QStringLiteral("example.com"));
    }
};

QTEST_GUILESS_MAIN(tst_CookieJar)
#include "tst_cookiejar.moc"
