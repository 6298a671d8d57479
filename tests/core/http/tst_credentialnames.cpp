#include "http/credentialnames.h"

#include <QTest>

using namespace mr;

// The names whose values are masked in history and reports and dropped on a redirect to
// another origin. Names in ASCII (and header names, in bytes) are told apart without
// allocating; these cases pin that the fast way and the Unicode way agree.
class tst_CredentialNames : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void credentialNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("credential");
        QTest::addColumn<bool>("apiKey");
        QTest::newRow("X-API-Key") << "X-API-Key" << true << true;
        QTest::newRow("api_key") << "api_key" << true << true;
        QTest::newRow("apiKey") << "apiKey" << true << true;
        QTest::newRow("api.token") << "api.token" << true << true;
        QTest::newRow("X-Auth-Token") << "X-Auth-Token" << true << true;
        QTest::newRow("X-Access-Token") << "X-Access-Token" << true << false;
        QTest::newRow("Private-Token") << "Private-Token" << true << false;
        QTest::newRow("client_secret") << "client_secret" << true << false;
        QTest::newRow("PASSWORD") << "PASSWORD" << true << false;
        QTest::newRow("passwd") << "passwd" << true << false;
        QTest::newRow("Session.Id") << "Session.Id" << true << false;
        QTest::newRow("AWS-Access-Key") << "AWS-Access-Key" << true << false;
        QTest::newRow("x-private_key") << "x-private_key" << true << false;
        QTest::newRow("AuthKey") << "AuthKey" << true << false;
        QTest::newRow("key") << "key" << true << false;
        QTest::newRow("X-Key") << "X-Key" << true << false;
        QTest::newRow("auth") << "auth" << true << false;
        QTest::newRow("X_Auth") << "X_Auth" << true << false;
        QTest::newRow("trailing separators") << "x-token--" << true << false;
        QTest::newRow("long") << "a-very-long-header-name-that-ends-in-Token" << true << false;
        QTest::newRow("long api key") << "some.very.long.prefix.before.the.api-key" << true << true;
        QTest::newRow("Authorization") << "Authorization" << false << false;
        QTest::newRow("Content-Type") << "Content-Type" << false << false;
        QTest::newRow("Accept") << "Accept" << false << false;
        QTest::newRow("Host") << "Host" << false << false;
        QTest::newRow("keys") << "keys" << false << false;
        QTest::newRow("monkey") << "monkey" << false << false;
        QTest::newRow("xxkey") << "xxkey" << false << false;
        QTest::newRow("tokens") << "tokens" << false << false;
        // Told apart by their last two characters before any normalizing.
        QTest::newRow("Content-Length") << "Content-Length" << false << false;
        QTest::newRow("Connection") << "Connection" << false << false;
        QTest::newRow("User-Agent") << "User-Agent" << false << false;
        QTest::newRow("Last-Modified") << "Last-Modified" << false << false;
        QTest::newRow("Depth") << "Depth" << false << false;
        QTest::newRow("separated ending") << "t-o-k-e_n" << true << false;
        QTest::newRow("session_id") << "session_id" << true << false;
        QTest::newRow("h") << "h" << false << false;
        QTest::newRow("empty") << "" << false << false;
        QTest::newRow("separators") << "-_." << false << false;
        // Beyond ASCII: the Kelvin sign lowers to 'k', so this is "xapikey".
        QTest::newRow("Kelvin sign") << QStringLiteral("X-API-\u212Aey") << true << true;
        QTest::newRow("accented") << QStringLiteral("T\u00D6KEN") << false << false;
        QTest::newRow("accented prefix") << QStringLiteral("\u00C4-Token") << true << false;
    }
    void credentialNames()
    {
        QFETCH(QString, name);
        QFETCH(bool, credential);
        QFETCH(bool, apiKey);
        QCOMPARE(CredentialNames::isCredentialName(name), credential);
        QCOMPARE(CredentialNames::isApiKeyName(name), apiKey);
        if (name.size() == name.toLatin1().size() && QString::fromLatin1(name.toLatin1()) == name) {
            const QByteArray latin1 = name.toLatin1();
            QCOMPARE(CredentialNames::isCredentialName(QByteArrayView(latin1)), credential);
        }
    }

    // A header's name in bytes is read as Latin-1: letters beyond ASCII never lower to ASCII.
    void bytesAreLatin1()
    {
        QVERIFY(CredentialNames::isCredentialName(QByteArrayView("X-\xC4pi-Token")));
        QVERIFY(!CredentialNames::isCredentialName(QByteArrayView("X-Api-K\xC9Y")));
        QVERIFY(!CredentialNames::isCredentialName(QByteArrayView("")));
    }
};

QTEST_APPLESS_MAIN(tst_CredentialNames)
#include "tst_credentialnames.moc"
