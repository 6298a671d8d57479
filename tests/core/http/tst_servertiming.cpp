// Server-Timing as the W3C spec writes it: several metrics per field and several fields, quoted
// descriptions with commas and semicolons, the first dur of a metric, malformed entries skipped.
#include "http/servertiming.h"

#include <QTest>

using namespace mr;

class tst_ServerTiming : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsEveryMetricOfEveryField()
    {
        HttpHeaders headers;
        headers.append("Server-Timing", R"(db;dur=53.2, cache;desc="hit, warm; yes", total)");
        headers.append("server-timing", "app;desc=plain;dur=7;dur=9");
        const QList<ServerTiming::Metric> metrics = ServerTiming::parse(headers);
        QCOMPARE(metrics.size(), 4);
        QCOMPARE(metrics[0].name, QByteArray("db"));
        QCOMPARE(metrics[0].durationMs, 53.2);
        QCOMPARE(metrics[1].name, QByteArray("cache"));
        QCOMPARE(metrics[1].durationMs, -1.0);
        QCOMPARE(metrics[1].description, QStringLiteral("hit, warm; yes"));
        QCOMPARE(metrics[2].name, QByteArray("total"));
        QCOMPARE(metrics[3].description, QStringLiteral("plain"));
        QCOMPARE(metrics[3].durationMs, 7.0); // only the first dur counts
    }

    void skipsWhatIsNotAMetric()
    {
        HttpHeaders headers;
        headers.append("Server-Timing",
                       R"(, "quoted";dur=1, bad name;dur=2, ok;dur=abc, x;dur=-4)");
        const QList<ServerTiming::Metric> metrics = ServerTiming::parse(headers);
        QCOMPARE(metrics.size(), 2);
        QCOMPARE(metrics[0].name, QByteArray("ok"));
        QCOMPARE(metrics[0].durationMs, -1.0);
        QCOMPARE(metrics[1].durationMs, -1.0);
    }

    void simulatedLatencyRoundTrips()
    {
        HttpHeaders headers;
        QCOMPARE(ServerTiming::simulatedLatencyMs(headers), -1);
        headers.append("Server-Timing",
                       "cpu;dur=2, " + ServerTiming::format({ServerTiming::simulatedLatencyName(),
                                                             250, QStringLiteral("say \"slow\"")}));
        QCOMPARE(ServerTiming::simulatedLatencyMs(headers), 250);
        QCOMPARE(ServerTiming::parse(headers).last().description, QStringLiteral("say \"slow\""));
        QCOMPARE(ServerTiming::durationOf(headers, "CPU"), 2.0);
    }
};

QTEST_GUILESS_MAIN(tst_ServerTiming)
#include "tst_servertiming.moc"
