// HostLookup: real getaddrinfo lookups of names every machine answers from /etc/hosts or
// refuses at once (RFC 6761 reserves .invalid), so the tests need no network.
#include "net/hostlookup.h"

#include <QDir>
#include <QSignalSpy>
#include <QTest>

#include <memory>
#include <vector>

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

    // A name that resolved is kept for a minute; one that did not is asked again.
    void resolvedNamesAreKept()
    {
        HostLookup first;
        QSignalSpy answered(&first, &HostLookup::finished);
        first.start(QStringLiteral("localhost"));
        QVERIFY(answered.wait(10000));
        QVERIFY(HostLookup::isCached(QStringLiteral("localhost")));
        HostLookup again;
        QSignalSpy againAnswered(&again, &HostLookup::finished);
        again.start(QStringLiteral("localhost"));
        QCOMPARE(againAnswered.count(), 0); // still never from within start()
        QVERIFY(againAnswered.wait(10000));
        QCOMPARE(againAnswered.at(0).at(0), answered.at(0).at(0));
        QVERIFY(!HostLookup::isCached(QStringLiteral("no-such-host.invalid")));
    }

    // Thirty lookups at once share at most 20 threads (QHostInfo's pool had 20 too).
    void manyLookupsShareAFewThreads()
    {
        const auto threads = [] {
            return int(QDir(QStringLiteral("/proc/self/task"))
                           .entryList(QDir::Dirs | QDir::NoDotAndDotDot)
                           .size());
        };
        const int before = threads();
        std::vector<std::unique_ptr<HostLookup>> lookups;
        int answered = 0;
        int most = before;
        for (int i = 0; i < 30; ++i) {
            lookups.push_back(std::make_unique<HostLookup>());
            connect(lookups.back().get(), &HostLookup::finished, this, [&answered] { ++answered; });
            lookups.back()->start(QStringLiteral("no-such-host-%1.invalid").arg(i));
            most = qMax(most, threads());
        }
        QTRY_COMPARE_WITH_TIMEOUT(answered, 30, 60000);
        qInfo("%d threads at most, %d before", most, before);
        QVERIFY2(most <= before + 20,
                 qPrintable(QStringLiteral("%1 threads, %2 before").arg(most).arg(before)));
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
