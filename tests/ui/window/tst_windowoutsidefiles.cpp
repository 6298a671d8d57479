// The window, offscreen, against the demo service on loopback: a request whose body reads a
// file outside its workspace (as an imported Postman collection's "src" does) asks first,
// naming the request, the file and its size. Cancel sends nothing; Send sends it and is
// remembered for that file in that workspace; a file inside the workspace never asks, and the
// size of a body from files shows while it is sent.
#include "connectionsview.h"
#include "mainwindow.h"
#include "net/httpclient.h"
#include "outsidefilesdialog.h"
#include "requesteditor.h"
#include "requesttab.h"
#include "responseview.h"
#include "runcomparisonpanel.h"
#include "runner/poolrun.h"
#include "runpane.h"
#include "sendandwait.h"
#include "windowclicks.h"
#include "windowfixture.h"
#include "workspacepanel.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace mr;

class tst_WindowOutsideFiles : public QObject
{
    Q_OBJECT
    WindowFixture m_fx;        // settings, and the workspace in "ws"
    QTemporaryDir m_elsewhere; // outside the workspace
    MainWindow *m_window = nullptr;
    QString m_secret;

    static void writeFile(const QString &path, const QByteArray &bytes)
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(path));
        file.write(bytes);
    }

    void clickRequest(const QString &name) { mr::clickRequest(m_window, name); }

    // How many requests with this X-Request-Key header reached the demo service.
    int arrived(const QString &key)
    {
        HttpRequest request;
        request.url = QUrl(m_fx.service.httpUrl().toString() + QStringLiteral("/counter/") + key);
        HttpClient client;
        const Exchange exchange = sendAndWait(client, request);
        return QJsonDocument::fromJson(exchange.responseBody).object().value("count").toInt(-1);
    }

    OutsideFilesDialog *dialog() const
    {
        return m_window->findChild<OutsideFilesDialog *>(QStringLiteral("outsideFilesDialog"));
    }

    QString responseMessage() const { return mr::responseMessage(m_window); }

    // Runs "Upload the secret" once on the Runs page; how the run ended.
    PoolRunResult runOnTheRunsPage()
    {
        RunComparisonPanel *runs = m_window->connectionsView()->runsPanel();
        runs->chooseTarget(QStringLiteral("Request: Upload the secret"),
                           m_fx.dir.filePath("ws/files.http") + QStringLiteral(":2"));
        runs->iterationsBox()->setValue(1);
        QSignalSpy idle(runs, &RunComparisonPanel::idle);
        runs->runFirst();
        // A run refused at once ends inside runFirst(): wait() only sees later signals.
        if (idle.isEmpty() && !idle.wait(30000))
            qWarning("the run did not end");
        return runs->firstPane()->run()->result();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_fx.dir.isValid() && m_elsewhere.isValid());
        QString error;
        QVERIFY2(m_fx.startService(&error), qPrintable(error));
        writeFile(m_elsewhere.filePath("secret.txt"), "root:x:0:0:root:/root:/bin/bash\n");
        m_secret = QFileInfo(m_elsewhere.filePath("secret.txt")).canonicalFilePath();
        const QString workspace = m_fx.dir.filePath("ws");
        QVERIFY(QDir().mkpath(workspace));
        writeFile(workspace + "/inside.txt", QByteArray(2048, 'i'));
        writeFile(workspace + "/files.http", QStringLiteral("### Upload the secret\n"
                                                            "POST {{baseUrl}}/upload\n"
                                                            "Content-Type: text/plain\n"
                                                            "X-Request-Key: outside\n"
                                                            "\n"
                                                            "< %1\n"
                                                            "\n"
                                                            "### Upload a file inside\n"
                                                            "POST {{baseUrl}}/upload\n"
                                                            "X-Request-Key: inside\n"
                                                            "\n"
                                                            "< ./inside.txt\n")
                                                 .arg(m_secret)
                                                 .toUtf8());
        m_fx.makeWindow();
        m_window = m_fx.window();
        m_fx.pointAtService(QStringLiteral("baseUrl"));
        QVERIFY(m_window->openWorkspace(workspace));
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
    }

    // The Runs page cannot ask in the middle of a run: until the window's "Send" allowed the
    // file, the request is not sent, and the step says how to allow it.
    void runsPageRefusesAFileOutsideUntilAllowed()
    {
        const PoolRunResult result = runOnTheRunsPage();
        QCOMPARE(result.requests, 1);
        QCOMPARE(result.failed, 1);
        QCOMPARE(arrived(QStringLiteral("outside")), 0);
    }

    void fileOutsideWorkspaceNeedsConsent()
    {
        clickRequest(QStringLiteral("Upload the secret"));
        QTest::mouseClick(m_window->requestEditor()->sendButton(), Qt::LeftButton);
        QTRY_VERIFY(dialog() && dialog()->isVisible());
        const QString text = dialog()->text();
        QVERIFY2(text.contains(QStringLiteral("\"Upload the secret\"")), qPrintable(text));
        QVERIFY2(text.contains(m_secret + QStringLiteral("  (32 bytes)")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("body: 1 file, 32 bytes")), qPrintable(text));
        QVERIFY(dialog()->cancelButton()->isDefault());

        // Cancel: nothing is sent, and the response pane says why.
        QTest::mouseClick(dialog()->cancelButton(), Qt::LeftButton);
        QTRY_VERIFY(!dialog());
        QVERIFY(!m_window->currentTab()->job());
        QVERIFY2(responseMessage().contains(QStringLiteral("Not sent")),
                 qPrintable(responseMessage()));
        QCOMPARE(arrived(QStringLiteral("outside")), 0);

        // Asked again (a Cancel is not remembered); Send sends it.
        QTest::mouseClick(m_window->requestEditor()->sendButton(), Qt::LeftButton);
        QTRY_VERIFY(dialog() && dialog()->isVisible());
        QTest::mouseClick(dialog()->sendButton(), Qt::LeftButton);
        QTRY_COMPARE(m_window->responseView()->statusLabel()->text(), QStringLiteral("200 OK"));
        QCOMPARE(arrived(QStringLiteral("outside")), 1);

        // Remembered for this file in this workspace: no question the second time.
        QTest::mouseClick(m_window->requestEditor()->sendButton(), Qt::LeftButton);
        QTRY_COMPARE(arrived(QStringLiteral("outside")), 2);
        QVERIFY(!dialog());
    }

    // Once the window's "Send" allowed the file, runs of that workspace send it too.
    void runsPageSendsAFileTheWindowAllowed()
    {
        const int before = arrived(QStringLiteral("outside"));
        const PoolRunResult result = runOnTheRunsPage();
        QCOMPARE(result.failed, 0);
        QCOMPARE(arrived(QStringLiteral("outside")), before + 1);
    }

    void fileInsideTheWorkspaceIsSentWithItsSizeShown()
    {
        clickRequest(QStringLiteral("Upload a file inside"));
        QTest::mouseClick(m_window->requestEditor()->sendButton(), Qt::LeftButton);
        QVERIFY(!dialog());
        QVERIFY2(responseMessage().contains(QStringLiteral("body: 1 file, 2.0 kB")),
                 qPrintable(responseMessage()));
        QTRY_COMPARE(m_window->responseView()->statusLabel()->text(), QStringLiteral("200 OK"));
        QCOMPARE(arrived(QStringLiteral("inside")), 1);
    }
};

QTEST_MAIN(tst_WindowOutsideFiles)
#include "tst_windowoutsidefiles.moc"
