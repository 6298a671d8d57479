// The cookie manager, offscreen: cookies the demo service set are listed, edited in the
// table, deleted with the key and added; what the jar then sends is checked on the wire.
#include "cookiemanagerdialog.h"
#include "demo/demoserverthread.h"
#include "mainwindow.h"
#include "net/cookiejar.h"
#include "net/cookiejarmodel.h"
#include "net/exchangejob.h"
#include "net/httpclient.h"
#include "sendandwait.h"
#include "workspace/workspacemodel.h"
#include "workspace/workspacesession.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace mr;

class tst_CookieManager : public QObject
{
    Q_OBJECT
    DemoServerThread m_service;

    QJsonObject visit(HttpClient &client, const QString &path, const QString &query = {})
    {
        HttpRequest request;
        request.url = m_service.httpUrl();
        request.url.setPath(path);
        request.url.setQuery(query);
        return QJsonDocument::fromJson(sendAndWait(client, request).responseBody)
            .object()
            .value(QStringLiteral("cookies"))
            .toObject();
    }

    static QPoint cellCenter(QTableView *table, int row, int column)
    {
        return table->visualRect(table->model()->index(row, column)).center();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_service.start(DemoServer::Options(), &error), qPrintable(error));
    }

    void editDeleteAndAddFromTheTable()
    {
        QTemporaryDir dir;
        HttpClient client;
        auto *jar = new CookieJar;
        client.setCookieJar(jar);
        WorkspaceModel model;
        WorkspaceSession session(&model, &client);
        QSettings settings(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        MainWindow window(&client, &session, &settings);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        visit(client, QStringLiteral("/cookies/set"), QStringLiteral("session=s1&theme=dark"));

        QTest::keyClick(&window, Qt::Key_K, Qt::ControlModifier | Qt::ShiftModifier);
        auto *manager = window.findChild<CookieManagerDialog *>();
        QVERIFY(manager);
        QVERIFY(QTest::qWaitForWindowExposed(manager));
        QAbstractItemModelTester tester(manager->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTableView *table = manager->table();
        QCOMPARE(table->model()->rowCount(), 2);

        // The filter narrows the list.
        QTest::keyClicks(manager->filter(), QStringLiteral("dark"));
        QCOMPARE(table->model()->rowCount(), 1);
        QCOMPARE(table->model()->index(0, CookieJarModel::Name).data().toString(),
                 QStringLiteral("theme"));
        manager->filter()->clear();
        QCOMPARE(table->model()->rowCount(), 2);

        // Edit session's value in place: double-click, type, Enter.
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                          cellCenter(table, 0, CookieJarModel::Value));
        QTest::keyClick(table, Qt::Key_F2);
        auto *editor = table->viewport()->findChild<QLineEdit *>();
        QVERIFY(editor);
        QTest::keyClick(editor, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(editor, QStringLiteral("s2"));
        QTest::keyClick(editor, Qt::Key_Return);
        // The delegate commits on the next turn of the event loop.
        QTRY_COMPARE(table->model()->index(0, CookieJarModel::Value).data().toString(),
                     QStringLiteral("s2"));
        QCOMPARE(
            visit(client, QStringLiteral("/cookies")).value(QStringLiteral("session")).toString(),
            QStringLiteral("s2"));

        // Delete the selected row with the Delete key.
        table->setFocus();
        table->selectRow(1);
        QTest::keyClick(table, Qt::Key_Delete);
        QCOMPARE(table->model()->rowCount(), 1);
        QVERIFY(!visit(client, QStringLiteral("/cookies")).contains(QStringLiteral("theme")));

        // Add: a new cookie for the selected cookie's domain, its name being edited.
        table->selectRow(0);
        QTest::mouseClick(manager->findChild<QPushButton *>(QStringLiteral("addCookie")),
                          Qt::LeftButton);
        QCOMPARE(table->model()->rowCount(), 2);
        QTRY_VERIFY(table->viewport()->findChild<QLineEdit *>());
        editor = table->viewport()->findChild<QLineEdit *>();
        QTest::keyClick(editor, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(editor, QStringLiteral("added"));
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_VERIFY(!table->model()
                         ->match(table->model()->index(0, CookieJarModel::Name), Qt::DisplayRole,
                                 QStringLiteral("added"))
                         .isEmpty());
        const QJsonObject received = visit(client, QStringLiteral("/cookies"));
        QCOMPARE(received.value(QStringLiteral("added")).toString(), QStringLiteral("value"));
        QCOMPARE(received.value(QStringLiteral("session")).toString(), QStringLiteral("s2"));

        QTest::mouseClick(manager->findChild<QPushButton *>(QStringLiteral("clearCookies")),
                          Qt::LeftButton);
        QCOMPARE(table->model()->rowCount(), 0);
        QVERIFY(jar->cookies().isEmpty());
        // The same manager comes back while it is open.
        QCOMPARE(window.showCookieManager(), manager);
    }
};

QTEST_MAIN(tst_CookieManager)
#include "tst_cookiemanager.moc"
