// WorkspaceSession::appendRequest: a request added at the end of a .http file (what saving a
// history entry into the workspace does) — names kept apart, new files, and refusals.
#include "workspace/workspace.h"
#include "workspace/workspacemodel.h"
#include "workspace/workspacesession.h"

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace mr;

class tst_WorkspaceAppend : public QObject
{
    Q_OBJECT

    static void write(const QString &path, const QByteArray &bytes)
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    }

    static QByteArray read(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void appendsWithANameOfItsOwn()
    {
        QTemporaryDir dir;
        const QString api = dir.filePath(QStringLiteral("api.http"));
        write(api, "### Get thing\nGET http://example.invalid/1\n\n");
        WorkspaceModel model;
        WorkspaceSession session(&model, nullptr);
        QString error;
        QVERIFY2(session.open(dir.path(), &error), qPrintable(error));

        RequestDefinition request;
        request.name = QStringLiteral("Get thing");
        request.nameSource = RequestDefinition::NameSource::Separator;
        request.url = QStringLiteral("{{host}}/2");
        request.headers.append({QStringLiteral("Accept"), QStringLiteral("text/plain"), 0});
        int at = -1;
        QVERIFY2(session.appendRequest(api, request, &at, &error), qPrintable(error));
        QCOMPARE(at, 1);
        QCOMPARE(read(api),
                 QByteArray("### Get thing\nGET http://example.invalid/1\n\n"
                            "### Get thing (2)\nGET {{host}}/2\nAccept: text/plain\n\n"));
        // The model was read again: the request is there, under its new name.
        const RequestDefinition *added = model.request(model.requestIndex(api, 1));
        QVERIFY(added);
        QCOMPARE(added->name, QStringLiteral("Get thing (2)"));
        QVERIFY2(session.appendRequest(api, request, &at, &error), qPrintable(error));
        QCOMPARE(model.request(model.requestIndex(api, 2))->name, QStringLiteral("Get thing (3)"));

        // A file that is not there yet is made.
        const QString fresh = dir.filePath(QStringLiteral("history.http"));
        request.name.clear();
        request.nameSource = RequestDefinition::NameSource::None;
        QVERIFY2(session.appendRequest(fresh, request, &at, &error), qPrintable(error));
        QCOMPARE(at, 0);
        QCOMPARE(read(fresh), QByteArray("###\nGET {{host}}/2\nAccept: text/plain\n\n"));
        QVERIFY(model.workspace().file(fresh));
    }

    void refusesWhatWouldLoseOrMisplaceWork()
    {
        QTemporaryDir dir;
        QTemporaryDir elsewhere;
        const QString api = dir.filePath(QStringLiteral("api.http"));
        write(api, "GET http://example.invalid/1\n");
        WorkspaceModel model;
        WorkspaceSession session(&model, nullptr);
        QString error;
        QVERIFY(session.open(dir.path(), &error));
        RequestDefinition request;
        request.url = QStringLiteral("http://example.invalid/2");
        int at = -1;

        const QString outside = elsewhere.filePath(QStringLiteral("other.http"));
        QVERIFY(!session.appendRequest(outside, request, &at, &error));
        QVERIFY2(error.contains(QLatin1String("not in the open workspace")), qPrintable(error));
        QVERIFY(!QFile::exists(outside));

        // Another program wrote the file since it was read: its edit is not overwritten.
        write(api, "GET http://example.invalid/changed\n");
        QVERIFY(!session.appendRequest(api, request, &at, &error));
        QVERIFY2(error.contains(QLatin1String("changed on disk")), qPrintable(error));
        QCOMPARE(read(api), QByteArray("GET http://example.invalid/changed\n"));
    }
};

QTEST_GUILESS_MAIN(tst_WorkspaceAppend)
#include "tst_workspaceappend.moc"
