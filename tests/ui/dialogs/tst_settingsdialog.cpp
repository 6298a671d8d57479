// The settings dialog, offscreen: it shows what overrides each field, saves the user's
// values with QSettings and applies them to the client at once (checked on the wire).
#include "demo/demoserverthread.h"
#include "mainwindow.h"
#include "net/httpclient.h"
#include "responseview.h"
#include "settings/usersettings.h"
#include "settingsdialog.h"
#include "workspace/workspacemodel.h"
#include "workspace/workspacesession.h"
#include "workspacepanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace mr;

class tst_SettingsDialog : public QObject
{
    Q_OBJECT
    DemoServerThread m_service;
    QTemporaryDir m_dir;

    void write(const QString &name, const QByteArray &text)
    {
        QFile file(m_dir.filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(text);
    }

    static void typeInto(QWidget *editor, const QString &text)
    {
        editor->setFocus();
        QTest::keyClick(editor, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(editor, text);
    }

    static void clickButton(SettingsDialog *dialog, QDialogButtonBox::StandardButton which)
    {
        auto *box = dialog->findChild<QDialogButtonBox *>();
        QTest::mouseClick(box->button(which), Qt::LeftButton);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_service.start(DemoServer::Options(), &error), qPrintable(error));
        write(QStringLiteral("microrequests.json"), "{\"timeouts\": {\"connectMs\": 700}}\n");
        const QByteArray url = m_service.httpUrl().toString().toUtf8();
        write(QStringLiteral("a.http"), "### First\n# @timeout 5 s\nGET " + url +
                                            "/get\n\n### Second\nGET " + url +
                                            "/get\n\n### Third\n# @http1\nGET " + url + "/get\n");
    }

    void fieldsSayWhatOverridesThemAndAcceptingApplies()
    {
        HttpClient client;
        WorkspaceModel model;
        WorkspaceSession session(&model, &client);
        QSettings settings(m_dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        MainWindow window(&client, &session, &settings);
        window.show();
        QVERIFY(window.openWorkspace(m_dir.path()));
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        QTest::keyClick(&window, Qt::Key_Comma, Qt::ControlModifier);
        auto *dialog = window.findChild<SettingsDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QVERIFY2(dialog->note(QStringLiteral("timeouts.connectMs"))
                     .contains(QLatin1String("microrequests.json sets 700 ms")),
                 qPrintable(dialog->note(QStringLiteral("timeouts.connectMs"))));
        QVERIFY2(dialog->note(QStringLiteral("timeouts.totalMs"))
                     .contains(QLatin1String("1 request of this workspace overrides it with # "
                                             "@timeout")),
                 qPrintable(dialog->note(QStringLiteral("timeouts.totalMs"))));
        QVERIFY(dialog->note(QStringLiteral("pool.maxPerOrigin")).isEmpty());
        // The form shows the built-in values where the user set none.
        QCOMPARE(dialog->fieldValue(QStringLiteral("pool.maxPerOrigin")).toInt(), 50);

        typeInto(dialog->findChild<QSpinBox *>(QStringLiteral("pool.maxPerOrigin")),
                 QStringLiteral("6"));
        typeInto(dialog->findChild<QSpinBox *>(QStringLiteral("timeouts.connectMs")),
                 QStringLiteral("3000"));
        auto *keepAlive = dialog->findChild<QCheckBox *>(QStringLiteral("pool.keepAlive"));
        QVERIFY(keepAlive->isChecked());
        keepAlive->setFocus();
        QTest::keyClick(keepAlive, Qt::Key_Space);
        QVERIFY(!keepAlive->isChecked());

        // The HTTP version, on the Connections page, with what overrides it.
        auto *protocol = dialog->findChild<QComboBox *>(QStringLiteral("protocol"));
        QVERIFY(protocol);
        QCOMPARE(protocol->currentText(), QStringLiteral("auto"));
        QVERIFY2(dialog->note(QStringLiteral("protocol"))
                     .contains(QLatin1String("1 request of this workspace overrides it with # "
                                             "@http1/@http2")),
                 qPrintable(dialog->note(QStringLiteral("protocol"))));
        protocol->setCurrentIndex(protocol->findData(QStringLiteral("http1.1")));

        // A list that does not read keeps the dialog open and says what to give.
        auto *statuses = dialog->findChild<QLineEdit *>(QStringLiteral("retries.statusList"));
        typeInto(statuses, QStringLiteral("503, teapot"));
        clickButton(dialog, QDialogButtonBox::Ok);
        QVERIFY(dialog->isVisible());
        QVERIFY(dialog->note(QStringLiteral("retries.statusList"))
                    .contains(QLatin1String("100 to 599")));
        QCOMPARE(dialog->pages()->tabText(dialog->pages()->currentIndex()),
                 QStringLiteral("Retries"));
        typeInto(statuses, QStringLiteral("503"));
        clickButton(dialog, QDialogButtonBox::Ok);
        QTRY_VERIFY(!dialog->isVisible());

        QCOMPARE(client.poolSettings().maxPerOrigin, 6);
        QCOMPARE(client.poolSettings().keepAlive, false);
        QCOMPARE(client.timeouts().connectMs, 700); // the workspace still wins here
        QCOMPARE(client.retryPolicy().statusList, QList<int>{503});
        QCOMPARE(client.defaultProtocol(), ProtocolChoice::Http1);
        settings.sync();
        QCOMPARE(settings.value(QStringLiteral("client/protocol")).toString(),
                 QStringLiteral("http1.1"));
        QCOMPARE(settings.value(QStringLiteral("client/pool/maxPerOrigin")).toInt(), 6);
        QCOMPARE(settings.value(QStringLiteral("client/timeouts/connectMs")).toInt(), 3000);
        // Only what differs from the built-in defaults is stored.
        QVERIFY(!settings.contains(QStringLiteral("client/pool/maxHosts")));

        // On the wire: keep-alive off, so the second request opens a connection of its own.
        QTreeView *tree = window.workspacePanel()->view();
        const QModelIndexList second = tree->model()->match(
            tree->model()->index(0, 0), Qt::DisplayRole, QStringLiteral("Second"), 1,
            Qt::MatchExactly | Qt::MatchRecursive);
        QVERIFY(!second.isEmpty());
        tree->scrollTo(second.first());
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {},
                          tree->visualRect(second.first()).center());
        QTRY_VERIFY(window.responseView());
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        for (int i = 0; i < 2; ++i) {
            QTest::keyClick(&window, Qt::Key_Return, Qt::ControlModifier);
            QTRY_VERIFY2(
                window.responseView()->statusLabel()->text().startsWith(QLatin1String("200")),
                qPrintable(window.responseView()->statusLabel()->text() + QLatin1Char(' ') +
                           window.responseView()
                               ->findChild<QLabel *>(QStringLiteral("responseMessage"))
                               ->text()));
            auto *connection =
                window.responseView()->findChild<QLabel *>(QStringLiteral("responseConnection"));
            QVERIFY2(connection->text().endsWith(QLatin1String("new")),
                     qPrintable(connection->text()));
            window.responseView()->clear();
        }
    }

    void theUsersValuesSurviveARestart()
    {
        QSettings settings(m_dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        HttpClient client;
        WorkspaceModel model;
        WorkspaceSession session(&model, &client);
        session.setUserSettings(UserSettings::load(settings));
        QCOMPARE(client.poolSettings().maxPerOrigin, 6);
        QCOMPARE(client.timeouts().connectMs, 3000); // no workspace open: the user's
        MainWindow window(&client, &session, &settings);
        SettingsDialog *dialog = window.showSettingsDialog();
        QCOMPARE(dialog->fieldValue(QStringLiteral("pool.maxPerOrigin")).toInt(), 6);
        QCOMPARE(client.defaultProtocol(), ProtocolChoice::Http1);
        QCOMPARE(dialog->fieldValue(QStringLiteral("protocol")).toString(),
                 QStringLiteral("http1.1"));
        QCOMPARE(dialog->userValues().size(), 5);
        dialog->restoreDefaults();
        QVERIFY(dialog->userValues().isEmpty());
        dialog->reject(); // cancelling keeps the saved values
        QCOMPARE(UserSettings::load(settings).size(), 5);
    }
};

QTEST_MAIN(tst_SettingsDialog)
#include "tst_settingsdialog.moc"
