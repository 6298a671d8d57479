#include "workspace/environmentset.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace mr;

static void write(const QString &path, const QByteArray &content)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
}

class tst_EnvironmentSet : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void privateValuesOverridePublicOnes()
    {
        QTemporaryDir dir;
        write(dir.filePath("http-client.env.json"),
              R"({"$shared": {"version": "v1", "host": "shared"},
                  "dev": {"host": "dev.local", "port": 8080, "debug": true, "token": "public"},
                  "prod": {"host": "prod.example"}})");
        write(dir.filePath("http-client.private.env.json"), R"({"dev": {"token": "secret"}})");
        const EnvironmentSet set = EnvironmentSet::load(dir.path());
        QVERIFY(set.diagnostics().isEmpty());
        QCOMPARE(set.names(), QStringList({"dev", "prod"}));
        const auto dev = set.variables("dev");
        QCOMPARE(dev.value("host"), QStringLiteral("dev.local"));
        QCOMPARE(dev.value("port"), QStringLiteral("8080"));
        QCOMPARE(dev.value("debug"), QStringLiteral("true"));
        QCOMPARE(dev.value("token"), QStringLiteral("secret"));
        QCOMPARE(dev.value("version"), QStringLiteral("v1"));
        QCOMPARE(set.variables("prod").value("host"), QStringLiteral("prod.example"));
        QCOMPARE(set.variables("prod").value("token"), QString());
    }

    // The secrets are the variables the private file names, for this environment or $shared,
    // with the value the environment ends up with (its own over $shared's).
    void secretVariablesAreThePrivateFilesNames()
    {
        QTemporaryDir dir;
        write(dir.filePath("http-client.env.json"),
              R"({"$shared": {"key": "public-shared", "plain": "p"}, "dev": {"host": "h"}})");
        write(dir.filePath("http-client.private.env.json"),
              R"({"$shared": {"key": "shared-secret", "apiPass": "sp"},
                  "dev": {"key": "dev-secret", "devOnly": "d"}})");
        const EnvironmentSet set = EnvironmentSet::load(dir.path());
        QVERIFY(set.diagnostics().isEmpty());
        const QHash<QString, QString> dev = set.secretVariables(QStringLiteral("dev"));
        QCOMPARE(dev.size(), 3);
        QCOMPARE(dev.value("key"), QStringLiteral("dev-secret"));
        QCOMPARE(dev.value("apiPass"), QStringLiteral("sp"));
        QCOMPARE(dev.value("devOnly"), QStringLiteral("d"));
        const QHash<QString, QString> prod = set.secretVariables(QStringLiteral("prod"));
        QCOMPARE(prod.size(), 2);
        QCOMPARE(prod.value("key"), QStringLiteral("shared-secret"));
        QVERIFY(!prod.contains("plain") && !prod.contains("devOnly"));
    }

    void missingFilesAreFine()
    {
        QTemporaryDir dir;
        const EnvironmentSet set = EnvironmentSet::load(dir.path());
        QVERIFY(set.names().isEmpty());
        QVERIFY(set.diagnostics().isEmpty());
    }

    void invalidJsonPointsAtLineAndColumn()
    {
        QTemporaryDir dir;
        write(dir.filePath("http-client.env.json"), "{\n  \"dev\": {\n    \"a\": 1,,\n  }\n}\n");
        const EnvironmentSet set = EnvironmentSet::load(dir.path());
        QCOMPARE(set.diagnostics().size(), 1);
        const QString message = set.diagnostics().first().toString();
        QVERIFY2(message.startsWith(dir.filePath("http-client.env.json") + ":3:"),
                 qPrintable(message));
        QVERIFY(message.contains(QLatin1String("invalid JSON")));
    }

    void environmentsMustBeObjects()
    {
        EnvironmentSet set;
        set.addFile("env.json", R"({"dev": {"a": "1"},
 "broken": "not an object"})");
        QCOMPARE(set.names(), QStringList({"dev"}));
        QCOMPARE(set.diagnostics().size(), 1);
        QVERIFY2(
            set.diagnostics().first().toString().startsWith("env.json:2:2: environment \"broken\""),
            qPrintable(set.diagnostics().first().toString()));
    }
};

QTEST_APPLESS_MAIN(tst_EnvironmentSet)
#include "tst_environmentset.moc"
