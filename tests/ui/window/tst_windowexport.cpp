// Export from the window's menus: the workspace as a Postman collection that imports back
// into the same requests.
#include "importexportactions.h"
#include "mainwindow.h"
#include "net/httpclient.h"
#include "testfiles.h"
#include "workspace/workspacemodel.h"
#include "workspace/workspacesession.h"

#include <QAction>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace mr;

class tst_WindowExport : public QObject
{
    Q_OBJECT

    static void write(const QString &path, const QByteArray &text) { test::writeFile(path, text); }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void postmanRoundTrip()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("shop")));
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("copy")));
        write(dir.filePath(QStringLiteral("shop/orders.http")),
              "### List orders\nGET {{base}}/orders?limit=5\nAccept: application/json\n\n"
              "### Create order\nPOST {{base}}/orders\nContent-Type: application/json\n\n"
              "{\"item\": 7}\n");
        write(dir.filePath(QStringLiteral("shop/http-client.env.json")),
              "{\"dev\": {\"base\": \"http://127.0.0.1:9\"}}\n");
        HttpClient client;
        WorkspaceModel model;
        WorkspaceSession session(&model, &client);
        QSettings settings(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        MainWindow window(&client, &session, &settings);
        QVERIFY(window.findChild<QAction *>(QStringLiteral("exportPostmanAction")));
        QVERIFY(window.openWorkspace(dir.filePath(QStringLiteral("shop"))));

        const QString out = dir.filePath(QStringLiteral("shop.postman_collection.json"));
        QString error;
        const QString summary = window.importExport()->exportPostman(out, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(summary.contains(QLatin1String("Exported 2 request")), qPrintable(summary));
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject collection = QJsonDocument::fromJson(file.readAll()).object();
        QVERIFY(collection.value(QStringLiteral("info"))
                    .toObject()
                    .value(QStringLiteral("schema"))
                    .toString()
                    .contains(QLatin1String("v2.1.0")));
        // The environment's public value travels as a collection variable.
        const QJsonArray variables = collection.value(QStringLiteral("variable")).toArray();
        bool hasBase = false;
        for (const QJsonValue &v : variables)
            hasBase = hasBase ||
                      v.toObject().value(QStringLiteral("key")).toString() == QLatin1String("base");
        QVERIFY(hasBase);

        // Imported into another workspace, the same two requests come back.
        QVERIFY(window.openWorkspace(dir.filePath(QStringLiteral("copy"))));
        const QString imported = window.importExport()->importFile(out, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(!imported.isEmpty());
        int requests = 0;
        QStringList names;
        for (const HttpFile &f : model.workspace().files()) {
            requests += int(f.requests.size());
            for (const RequestDefinition &r : f.requests)
                names.append(r.name);
        }
        QCOMPARE(requests, 2);
        QVERIFY(names.contains(QStringLiteral("List orders")));
        QVERIFY(names.contains(QStringLiteral("Create order")));

        // An export where it cannot be written says where, and writes nothing.
        const QString summary2 = window.importExport()->exportPostman(
            dir.filePath(QStringLiteral("missing/x.json")), &error);
        QVERIFY(summary2.isEmpty());
        QVERIFY(error.contains(QLatin1String("missing")));
    }
};

QTEST_MAIN(tst_WindowExport)
#include "tst_windowexport.moc"
