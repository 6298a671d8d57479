// Secrets and the window's history, offscreen, against the demo service: what the window sends
// from a workspace with a private environment is kept in the history with its secrets masked
// (the live response still shows them), a short secret is masked only where it is a whole
// value, "# @no-log" keeps an exchange out, and the user's setting turns masking off.
#include "history/historystore.h"
#include "mainwindow.h"
#include "responseview.h"
#include "windowclicks.h"
#include "windowfixture.h"
#include "workspacepanel.h"

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QTest>
#include <QTreeView>

#include <memory>

using namespace mr;

class tst_WindowSecrets : public QObject
{
    Q_OBJECT
    WindowFixture m_fx;
    std::unique_ptr<HistoryStore> m_history;
    MainWindow *m_window = nullptr;

    QString workspace() const { return m_fx.dir.filePath(QStringLiteral("api")); }

    void write(const QString &name, const QByteArray &bytes)
    {
        QDir().mkpath(workspace());
        QFile file(QDir(workspace()).filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    }

    // Sends the request of that name from the tree and waits for what it stored, if anything.
    void send(const QString &name, const QString &status = QStringLiteral("200 OK"))
    {
        clickRequest(m_window, name);
        m_window->responseView()->clear();
        QTest::keyClick(m_window, Qt::Key_Return, Qt::ControlModifier);
        QTRY_COMPARE(m_window->responseView()->statusLabel()->text(), status);
    }

    // The newest history entry, as it was stored.
    HistoryEntry newest() const
    {
        const QList<HistorySummary> recent = m_history->recent(QString(), 1);
        return recent.isEmpty() ? HistoryEntry() : *m_history->load(recent.first().id);
    }

    QByteArray historyOnDisk() const
    {
        QByteArray bytes;
        for (const QString &suffix : {QString(), QStringLiteral("-wal")}) {
            QFile file(m_history->filePath() + suffix);
            if (file.open(QIODevice::ReadOnly))
                bytes += file.readAll();
        }
        return bytes;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_fx.startService(&error), qPrintable(error));
        write(QStringLiteral("http-client.env.json"),
              QStringLiteral("{\"dev\": {\"serviceBase\": \"%1\"}}")
                  .arg(m_fx.service.httpUrl().toString(QUrl::StripTrailingSlash))
                  .toUtf8());
        write(QStringLiteral("http-client.private.env.json"),
              "{\"dev\": {\"signature\": \"sig-5ecr3t-value\", \"password\": \"pa55word-x\", "
              "\"pin\": \"42\", \"inName\": \"viceBa\"}}");
        write(QStringLiteral("secrets.http"),
              "### Secrets everywhere\n"
              "POST {{serviceBase}}/anything?sig={{signature}}&page=2\n"
              "X-Signature: {{signature}}\n"
              "Content-Type: application/json\n"
              "\n"
              "{\"password\": \"{{password}}\", \"note\": \"kept\"}\n"
              "\n"
              "### Short secret\n"
              "POST {{serviceBase}}/anything?pin={{pin}}&room=420\n"
              "X-Pin: {{pin}}\n"
              "Content-Type: text/plain\n"
              "\n"
              "room 420, 42nd floor\n"
              "\n"
              "### Not logged\n"
              "# @no-log\n"
              "GET {{serviceBase}}/get?private=yes\n");
        m_history = std::make_unique<HistoryStore>(m_fx.dir.filePath(QStringLiteral("data")));
        QVERIFY2(m_history->isOpen(), qPrintable(m_history->openMessage()));
        m_fx.makeWindow();
        m_window = m_fx.window();
        m_window->setHistory(m_history.get());
        m_window->setCloseQuestion(
            [](const QString &) { return MainWindow::CloseAnswer::Discard; });
        QVERIFY(m_window->openWorkspace(workspace()));
        m_window->refreshEnvironments(QStringLiteral("dev"));
        m_window->show();
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window));
    }

    void historyRedactsSecretVariables()
    {
        const int before = m_history->count();
        send(QStringLiteral("Secrets everywhere"));
        QTRY_COMPARE(m_history->count(), before + 1);
        // The window shows the user's own exchange as it was.
        const Exchange live = m_window->responseView()->exchange();
        QCOMPARE(live.request.headers.value("X-Signature"), QByteArray("sig-5ecr3t-value"));
        QVERIFY(live.responseBody.contains("pa55word-x"));

        const HistoryEntry entry = newest();
        const Exchange &kept = entry.exchange;
        QCOMPARE(kept.request.url.query(), QStringLiteral("sig=***&page=2"));
        QCOMPARE(kept.request.headers.value("X-Signature"), QByteArray("***"));
        QCOMPARE(kept.request.body, QByteArray("{\"password\": \"***\", \"note\": \"kept\"}"));
        QVERIFY(kept.responseBody.contains("kept")); // what is not secret stays
        // The request as written keeps its {{variables}}, even one whose name holds a secret
        // ("viceBa"): re-sending it sends the secrets.
        QVERIFY2(entry.source.definition.contains(QStringLiteral("{{password}}")),
                 qPrintable(entry.source.definition));
        QVERIFY2(entry.source.definition.contains(QStringLiteral("{{serviceBase}}/anything")),
                 qPrintable(entry.source.definition));
        const QByteArray onDisk = historyOnDisk();
        QVERIFY(!onDisk.contains("sig-5ecr3t-value"));
        QVERIFY(!onDisk.contains("pa55word-x"));
    }

    void shortSecretIsNotMaskedInsideText()
    {
        const int before = m_history->count();
        send(QStringLiteral("Short secret"));
        QTRY_COMPARE(m_history->count(), before + 1);
        const Exchange kept = newest().exchange;
        // "42" is a whole value in the query and a header: masked there…
        QCOMPARE(kept.request.url.query(), QStringLiteral("pin=***&room=420"));
        QCOMPARE(kept.request.headers.value("X-Pin"), QByteArray("***"));
        // …but not inside other text, or every 42 would go.
        QCOMPARE(kept.request.body, QByteArray("room 420, 42nd floor"));
        QVERIFY(kept.responseBody.contains("42nd floor"));
    }

    void noLogKeepsExchangeOutOfHistory()
    {
        const int before = m_history->count();
        send(QStringLiteral("Not logged"));
        // Sending something else afterwards adds one entry: that one, not the no-log one.
        send(QStringLiteral("Short secret"));
        QTRY_COMPARE(m_history->count(), before + 1);
        QVERIFY(m_history->recent(QStringLiteral("private=yes")).isEmpty());
        QCOMPARE(newest().source.requestName, QStringLiteral("Short secret"));
    }

    void historyKeepsValuesWhenRedactionIsOff()
    {
        m_fx.settings()->setValue(QStringLiteral("history/redactSecrets"), false);
        const int before = m_history->count();
        send(QStringLiteral("Secrets everywhere"));
        QTRY_COMPARE(m_history->count(), before + 1);
        QCOMPARE(newest().exchange.request.headers.value("X-Signature"),
                 QByteArray("sig-5ecr3t-value"));
        m_fx.settings()->remove(QStringLiteral("history/redactSecrets"));
    }

    void cleanupTestCase()
    {
        m_window = nullptr;
        m_fx.app.reset();
        m_history.reset();
    }
};

QTEST_MAIN(tst_WindowSecrets)
#include "tst_windowsecrets.moc"
