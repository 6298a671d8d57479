// HostLookup: real getaddrinfo lookups of names every machine answers from /etc/hosts or
// refuses at once (RFC 6761 reserves .invalid), so the tests need no network.
#include "net/hostlookup.h"

#include <QSignalSpy>
#include <QTest>

using namespace mr;

class tst_HostLookup : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void localhostIsLoopback()
    {
        HostLookup lookup;
        QSignalSpy finished(&lookup, &HostLookup::finished);
        lookup.start(QStringLiteral("localhost"));
        QCOMPARE(finished.count(), 0); // never from within start()
        QVERIFY(finished.wait(10000));
        const auto addresses = finished.at(0).at(0).value<QList<QHostAddress>>();
        QVERIFY(!addresses.isEmpty());
        for (const QHostAddress &address : addresses)
            QVERIFY2(address.isLoopback(), qPrintable(address.toString()));
        QCOMPARE(addresses.size(), QSet<QHostAddress>(addresses.begin(), addresses.end()).size());
        QVERIFY(finished.at(0).at(1).toString().isEmpty());
    }

    void unknownNameSaysWhy()
    {
        HostLookup lookup;
        QSignalSpy finished(&lookup, &HostLookup::finished);
        lookup.start(QStringLiteral("no-such-host.invalid"));
        QVERIFY(finished.wait(10000));
        QVERIFY(finished.at(0).at(0).value<QList<QHostAddress>>().isEmpty());
        QVERIFY(!finished.at(0).at(1).toString().isEmpty());
    }

    void internationalNameIsLookedUpInItsAsciiForm()
    {
        HostLookup lookup;
        QSignalSpy finished(&lookup, &HostLookup::finished);
        lookup.start(QStringLiteral("bücher.invalid"));
        QVERIFY(finished.wait(10000));
        QVERIFY(finished.at(0).at(0).value<QList<QHostAddress>>().isEmpty());
    }

    // Deleted before it answers: the thread ends on its own and nothing is delivered.
    void abandonedLookupDeliversNothing()
    {
        int delivered = 0;
        for (int i = 0; i < 50; ++i) {
            auto *lookup = new HostLookup;
            connect(lookup, &HostLookup::finished, this, [&delivered] { ++delivered; });
            lookup->start(i % 2 ? QStringLiteral("localhost")
                                : QStringLiteral("no-such-host.invalid"));
            if (i % 3 == 0)
                QThread::usleep(200); // some answer is already posted when it goes
            delete lookup;
        }
        QTest::qWait(500);
        QCOMPARE(delivered, 0);
    }
};

QTEST_GUILESS_MAIN(tst_HostLookup)
#include "tst_hostlookup.moc"
