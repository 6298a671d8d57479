// Import, export and curl without a window: another tool's file into the open workspace, the
// workspace out as a Postman collection, the open request as a curl command and back.
#include "importexportactions.h"
#include "requesteditor.h"
#include "requesttab.h"
#include "requesttabs.h"
#include "workspacepartsfixture.h"

#include <QApplication>
#include <QClipboard>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace mr;

class tst_ImportExportActions : public QObject
{
    Q_OBJECT

    std::unique_ptr<WorkspacePartsFixture> m_ws;
    std::unique_ptr<RequestTabs> m_tabs;
    std::unique_ptr<QWidget> m_parent;
    ImportExportActions *m_actions = nullptr;

private Q_SLOTS:
    void init()
    {
        m_ws = std::make_unique<WorkspacePartsFixture>();
        QString error;
        QVERIFY2(m_ws->openWith("@host = 127.0.0.1:1\n\n"
                                "### Users\nGET http://{{host}}/users\n"
                                "Accept: application/json\n",
                                &error),
                 qPrintable(error));
        m_parent = std::make_unique<QWidget>();
        m_tabs = std::make_unique<RequestTabs>(&m_ws->session, &m_ws->settings);
        m_actions = new ImportExportActions(&m_ws->session, m_tabs.get(), m_parent.get());
        m_actions->setExpanderProvider([this] {
            const HttpFile *file = m_ws->model.workspace().file(m_ws->path("api.http"));
            return m_ws->model.workspace().expander(*file, QString(), {});
        });
    }
    void cleanup()
    {
        m_tabs.reset();
        m_parent.reset();
        m_ws.reset();
    }

    void curlCommandsImportIntoTheWorkspace()
    {
        const QString input = m_ws->dir.filePath(QStringLiteral("commands.sh"));
        QFile file(input);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("curl -X POST http://127.0.0.1:1/orders -H 'Content-Type: application/json' "
                   "-d '{\"id\": 1}'\n");
        file.close();
        QSignalSpy message(m_actions, &ImportExportActions::message);
        QString error;
        const QString summary = m_actions->importFile(input, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(summary.startsWith(QStringLiteral("Imported 1 request(s) from commands.sh")),
                 qPrintable(summary));
        // The session read the workspace again: the new request is in the tree.
        int requests = 0;
        for (const HttpFile &httpFile : m_ws->model.workspace().files())
            requests += int(httpFile.requests.size());
        QCOMPARE(requests, 2);
        QCOMPARE(message.last().at(0).toString(), QStringLiteral("Imported 1 request(s)"));
    }

    void aFileNoImporterReadsIsRefused()
    {
        const QString input = m_ws->dir.filePath(QStringLiteral("notes.txt"));
        QFile file(input);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("just some notes\n");
        file.close();
        QString error;
        QVERIFY(m_actions->importFile(input, &error).isEmpty());
        QVERIFY2(error.contains(QStringLiteral("is not in a format Microrequests can import")),
                 qPrintable(error));
    }

    void theWorkspaceExportsAsAPostmanCollection()
    {
        const QString out = m_ws->dir.filePath(QStringLiteral("out.json"));
        QString error;
        const QString summary = m_actions->exportPostman(out, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(summary.startsWith(QStringLiteral("Exported 1 request(s)")), qPrintable(summary));
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject collection = QJsonDocument::fromJson(file.readAll()).object();
        QCOMPARE(collection.value(QStringLiteral("info")).toObject().value("name").toString(),
                 QStringLiteral("ws"));
        QVERIFY(!collection.value(QStringLiteral("item")).toArray().isEmpty());
    }

    void theOpenRequestGoesToCurlAndBack()
    {
        QVERIFY(m_actions->copyAsCurl().isEmpty()); // no tab open
        m_tabs->open(m_ws->model.requestIndex(m_ws->path(QStringLiteral("api.http")), 0));
        const QString command = m_actions->copyAsCurl();
        QVERIFY2(command.contains(QStringLiteral("http://127.0.0.1:1/users")), qPrintable(command));
        QVERIFY2(command.contains(QStringLiteral("Accept: application/json")), qPrintable(command));
        QCOMPARE(QApplication::clipboard()->text(), command);

        QVERIFY(m_actions->pasteCurl(QStringLiteral("curl -X DELETE http://127.0.0.1:1/users/7")));
        const RequestDefinition edited = m_tabs->current()->editor()->request();
        QCOMPARE(edited.method, QStringLiteral("DELETE"));
        QCOMPARE(edited.url, QStringLiteral("http://127.0.0.1:1/users/7"));
        QVERIFY(m_tabs->current()->isModified());

        QSignalSpy message(m_actions, &ImportExportActions::message);
        QVERIFY(!m_actions->pasteCurl(QStringLiteral("curl 'unterminated")));
        QCOMPARE(message.count(), 1);
        QCOMPARE(m_tabs->current()->editor()->request().method, QStringLiteral("DELETE"));
    }
};

QTEST_MAIN(tst_ImportExportActions)
#include "tst_importexportactions.moc"
