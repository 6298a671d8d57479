#include "content/bodyformatjob.h"
#include "demo/democontentroutes.h"

#include <QSignalSpy>
#include <QTest>
#include <QThreadPool>

using namespace mr;

namespace {

QByteArray generatedJson(qint64 size)
{
    const DemoResponse response = DemoContentRoutes::generatedJson(size);
    return response.generator(0, response.generatedLength);
}

BodyFormatJob::Result resultOf(const QSignalSpy &spy)
{
    return spy.first().first().value<BodyFormatJob::Result>();
}

} // namespace

class tst_BodyFormatJob : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formatsJsonOffTheCallingThread()
    {
        BodyFormatJob job;
        QSignalSpy spy(&job, &BodyFormatJob::finished);
        const quint64 id = job.format("{\"a\":[1,2]}", "application/json; charset=utf-8");
        QVERIFY(job.isRunning());
        QVERIFY(spy.wait(5000));
        QCOMPARE(spy.size(), 1);
        const BodyFormatJob::Result result = resultOf(spy);
        QCOMPARE(result.id, id);
        QCOMPARE(result.kind, BodyFormatter::Kind::Json);
        QCOMPARE(QString::fromUtf8(result.text),
                 QStringLiteral("{\n  \"a\": [\n    1,\n    2\n  ]\n}"));
        QCOMPARE(result.folds, QList<JsonPrettyPrinter::FoldRegion>({{0, 5}, {1, 4}}));
        QVERIFY(result.note.isEmpty());
        QVERIFY(result.elapsedMs >= 0);
        QVERIFY(!job.isRunning());
    }

    void invalidJsonIsShownAsReceived()
    {
        BodyFormatJob job;
        QSignalSpy spy(&job, &BodyFormatJob::finished);
        job.format("{\n  \"a\": 1\n  \"b\": 2\n}", "application/json");
        QVERIFY(spy.wait(5000));
        const BodyFormatJob::Result result = resultOf(spy);
        QCOMPARE(result.kind, BodyFormatter::Kind::Text);
        QCOMPARE(QString::fromUtf8(result.text), QStringLiteral("{\n  \"a\": 1\n  \"b\": 2\n}"));
        QCOMPARE(result.note, QStringLiteral("Not valid JSON at line 3, column 3: expected ',' or "
                                             "'}' after an object member; shown as received."));
        QVERIFY(result.folds.isEmpty());
    }

    void kinds_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<int>("kind");
        QTest::newRow("empty") << QByteArray() << QByteArray("application/json")
                               << int(BodyFormatter::Kind::Empty);
        QTest::newRow("png") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)
                             << QByteArray("application/octet-stream")
                             << int(BodyFormatter::Kind::Image);
        QTest::newRow("jpeg by type") << QByteArray("\xFF\xD8\xFF\xE0") << QByteArray("image/jpeg")
                                      << int(BodyFormatter::Kind::Image);
        QTest::newRow("html") << QByteArray("<!DOCTYPE html><p>hi</p>") << QByteArray()
                              << int(BodyFormatter::Kind::Html);
        QTest::newRow("html by type")
            << QByteArray("<p>hi</p>") << QByteArray("text/html") << int(BodyFormatter::Kind::Html);
        QTest::newRow("binary") << QByteArray("\x01\x02\x00\x03", 4) << QByteArray()
                                << int(BodyFormatter::Kind::Binary);
        QTest::newRow("text") << QByteArray("hello") << QByteArray("text/plain")
                              << int(BodyFormatter::Kind::Text);
        QTest::newRow("json by shape")
            << QByteArray(" [1]") << QByteArray("text/plain") << int(BodyFormatter::Kind::Json);
        QTest::newRow("ndjson") << QByteArray("{\"a\":1}\n{\"a\":2}\n")
                                << QByteArray("application/x-ndjson")
                                << int(BodyFormatter::Kind::Json);
    }
    void kinds()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, contentType);
        QFETCH(int, kind);
        QCOMPARE(int(BodyFormatter::sniff(body, contentType)), kind);
        BodyFormatJob job;
        QSignalSpy spy(&job, &BodyFormatJob::finished);
        job.format(body, contentType);
        QVERIFY(spy.wait(5000));
        QCOMPARE(int(resultOf(spy).kind), kind);
    }

    void imageIsSummarised()
    {
        const auto result =
            BodyFormatter::format(QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), "image/png");
        QCOMPARE(result.text, QStringLiteral("PNG image, 16 B"));
        const auto svg = BodyFormatter::format("<svg/>", "image/svg+xml");
        QCOMPARE(svg.kind, BodyFormatter::Kind::Image);
        QCOMPARE(svg.text, QStringLiteral("<svg/>"));
    }

    void newRequestSupersedesTheRunningOne()
    {
        BodyFormatJob job;
        QSignalSpy spy(&job, &BodyFormatJob::finished);
        job.format(generatedJson(8 * 1000 * 1000), "application/json");
        const quint64 second = job.format("[true]", "application/json");
        QVERIFY(spy.wait(5000));
        QThreadPool::globalInstance()->waitForDone();
        QCoreApplication::processEvents();
        QCOMPARE(spy.size(), 1);
        QCOMPARE(resultOf(spy).id, second);
        QCOMPARE(QString::fromUtf8(resultOf(spy).text), QStringLiteral("[\n  true\n]"));
    }

    void cancelDropsTheResult()
    {
        BodyFormatJob job;
        QSignalSpy spy(&job, &BodyFormatJob::finished);
        job.format(generatedJson(4 * 1000 * 1000), "application/json");
        job.cancel();
        QVERIFY(!job.isRunning());
        QThreadPool::globalInstance()->waitForDone();
        QCoreApplication::processEvents();
        QCOMPARE(spy.size(), 0);
    }

    void destroyingTheJobWhileItRunsIsSafe()
    {
        const QByteArray body = generatedJson(4 * 1000 * 1000);
        for (int i = 0; i < 3; ++i) {
            auto *job = new BodyFormatJob;
            job->format(body, "application/json");
            job->filter(body, QStringLiteral("$..id"));
            if (i == 1)
                QTest::qWait(5); // let the worker get going
            delete job;
        }
        // Also: the worker finishes and posts, then the job goes before the event loop runs.
        auto *job = new BodyFormatJob;
        job->format("[1]", "application/json");
        QThreadPool::globalInstance()->waitForDone();
        delete job;
        QCoreApplication::processEvents();
        QThreadPool::globalInstance()->waitForDone();
    }

    void filters()
    {
        BodyFormatJob job;
        QSignalSpy spy(&job, &BodyFormatJob::finished);
        const QByteArray body = "{\"items\":[{\"id\":1},{\"id\":2}]}";
        job.filter(body, QStringLiteral("$.items[*].id"));
        QVERIFY(spy.wait(5000));
        BodyFormatJob::Result result = resultOf(spy);
        QVERIFY(result.filtered);
        QVERIFY(result.ok);
        QCOMPARE(QString::fromUtf8(result.text), QStringLiteral("[\n  1,\n  2\n]"));
        QCOMPARE(result.note, QStringLiteral("2 matches"));

        spy.clear();
        job.filter(body, QStringLiteral(".items[] | .id"));
        QVERIFY(spy.wait(5000));
        result = resultOf(spy);
        QVERIFY(result.ok);
        QCOMPARE(QString::fromUtf8(result.text), QStringLiteral("1\n2"));
        QCOMPARE(result.note, QStringLiteral("2 outputs"));

        spy.clear();
        job.filter(body, QStringLiteral(".items["));
        QVERIFY(spy.wait(5000));
        result = resultOf(spy);
        QVERIFY(!result.ok);
        QCOMPARE(result.note, QStringLiteral("jq: syntax error, unexpected $end"));
    }
};

QTEST_GUILESS_MAIN(tst_BodyFormatJob)
#include "tst_bodyformatjob.moc"
