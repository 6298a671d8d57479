// Quick open (Ctrl+P): which requests a query finds, and in what order.
#include "workspace/quickopenmodel.h"
#include "workspace/workspace.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace mr;

class tst_QuickOpenModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void scores()
    {
        const auto score = [](const char *query) {
            return QuickOpenModel::score(QString::fromUtf8(query), QStringLiteral("List users"),
                                         QStringLiteral("GET"), QStringLiteral("{{host}}/users"),
                                         QStringLiteral("api/people.http"));
        };
        QVERIFY(score("list") > score("users"));  // the start of the name first
        QVERIFY(score("users") > score("get"));   // the name before the method
        QVERIFY(score("get") > score("people"));  // the method before the file
        QVERIFY(score("people") > score("lsus")); // anything before letters in order
        QVERIFY(score("lsus") >= 0);
        QVERIFY(score("USERS list") > 0); // any case, words in any order
        QCOMPARE(score("post"), -1.0);    // every word must be found
        QCOMPARE(score("list zebra"), -1.0);
        QCOMPARE(score(""), 0.0); // an empty query finds everything
    }

    void filtersTheWorkspaceBestFirst()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("api")));
        QFile file(dir.filePath(QStringLiteral("api/people.http")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("### Delete a user\nDELETE https://x/users/1\n\n"
                   "### Users by name\nGET https://x/users?name=ada\n\n"
                   "### Orders\nGET https://x/orders\n");
        file.close();
        QuickOpenModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setWorkspace(Workspace::load(dir.path()));
        QCOMPARE(model.rowCount(), 3);
        model.setQuery(QStringLiteral("user"));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("Users by name"));
        QCOMPARE(model.index(1, 0).data().toString(), QStringLiteral("Delete a user"));
        QCOMPARE(model.index(0, 0).data(QuickOpenModel::RequestIndexRole).toInt(), 1);
        QCOMPARE(model.index(0, 0).data(QuickOpenModel::FilePathRole).toString(),
                 dir.filePath(QStringLiteral("api/people.http")));
        QCOMPARE(model.index(0, 0).data(QuickOpenModel::DetailRole).toString(),
                 QString::fromUtf8("GET https://x/users?name=ada \xc2\xb7 api/people.http"));
        model.setQuery(QStringLiteral("orders get"));
        QCOMPARE(model.rowCount(), 1);
        model.setQuery(QStringLiteral("nothing like it"));
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_QuickOpenModel)
#include "tst_quickopenmodel.moc"
