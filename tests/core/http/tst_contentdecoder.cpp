#include "http/contentdecoder.h"
#include "http/contentencoder.h"
#include "stackedbomb.h"

#include <QRandomGenerator>
#include <QTest>

using namespace mr;

namespace {

QByteArray sample()
{
    QByteArray text;
    for (int i = 0; i < 5000; ++i)
        text += "line " + QByteArray::number(i) +
                " of a JSON-ish body {\"k\": " + QByteArray::number(i * 7) + "}\n";
    return text;
}

// Decodes in pieces of `step` bytes.
bool decodeAll(ContentDecoder &decoder, const QByteArray &input, qsizetype step, QByteArray *out)
{
    for (qsizetype i = 0; i < input.size(); i += step) {
        if (!decoder.decode(QByteArrayView(input).sliced(i, qMin(step, input.size() - i)), out))
            return false;
    }
    return decoder.finish(out);
}

// Decodes in pieces of `step` bytes, keeping only the count of decoded bytes.
bool countDecoded(ContentDecoder &decoder, const QByteArray &input, qsizetype step, qint64 *count)
{
    QByteArray out;
    for (qsizetype i = 0; i < input.size(); i += step) {
        out.clear();
        const bool ok =
            decoder.decode(QByteArrayView(input).sliced(i, qMin(step, input.size() - i)), &out);
        *count += out.size();
        if (!ok)
            return false;
    }
    out.clear();
    const bool ok = decoder.finish(&out);
    *count += out.size();
    return ok;
}

} // namespace

class tst_ContentDecoder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrips_data()
    {
        QTest::addColumn<QByteArray>("coding");
        for (const char *coding : {"gzip", "deflate", "br", "zstd"})
            QTest::newRow(coding) << QByteArray(coding);
    }

    void roundTrips()
    {
        QFETCH(QByteArray, coding);
        const QByteArray plain = sample();
        const QByteArray encoded = *ContentEncoder::encode(coding, plain);
        for (qsizetype step : {qsizetype(1), qsizetype(13), qsizetype(4096), encoded.size()}) {
            QString error;
            auto decoder = ContentDecoder::create(coding, {}, &error);
            QVERIFY2(decoder, qPrintable(error));
            QByteArray out;
            QVERIFY2(decodeAll(*decoder, encoded, step, &out), qPrintable(decoder->errorString()));
            QCOMPARE(out, plain);
            QCOMPARE(decoder->decodedBytes(), plain.size());
        }
    }

    void rawDeflateIsAccepted()
    {
        // Some servers send "deflate" without the zlib wrapper: noticed after the first bytes,
        // which are then decoded again, whatever the pieces the body arrives in.
        const QByteArray zlib = *ContentEncoder::encode("deflate", "hello hello hello");
        const QByteArray raw = zlib.mid(2, zlib.size() - 6);
        QString error;
        auto decoder = ContentDecoder::create("deflate", {}, &error);
        QByteArray out;
        QVERIFY(decodeAll(*decoder, raw, raw.size(), &out));
        QCOMPARE(out, QByteArray("hello hello hello"));
        const QByteArray plain = sample();
        const QByteArray wrapped = *ContentEncoder::encode("deflate", plain);
        const QByteArray bare = wrapped.mid(2, wrapped.size() - 6);
        for (qsizetype step : {qsizetype(1), qsizetype(3), qsizetype(4096), bare.size()}) {
            decoder = ContentDecoder::create("deflate", {}, &error);
            out.clear();
            QVERIFY2(decodeAll(*decoder, bare, step, &out),
                     qPrintable(QString::number(step) + decoder->errorString()));
            QCOMPARE(out, plain);
        }
    }

    void chainsDecodeInReverse()
    {
        const QByteArray plain = sample();
        const QByteArray encoded =
            *ContentEncoder::encode("br", *ContentEncoder::encode("gzip", plain));
        QString error;
        auto decoder = ContentDecoder::create("gzip, br", {}, &error);
        QVERIFY(decoder);
        QByteArray out;
        QVERIFY2(decodeAll(*decoder, encoded, 100, &out), qPrintable(decoder->errorString()));
        QCOMPARE(out, plain);
    }

    void refusals_data()
    {
        QTest::addColumn<QByteArray>("coding");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown") << QByteArray("compress") << "unsupported Content-Encoding";
        QTest::newRow("too many") << QByteArray("gzip, gzip, gzip, gzip, gzip, gzip")
                                  << "at most 2";
    }

    void refusals()
    {
        QFETCH(QByteArray, coding);
        QFETCH(QString, message);
        QString error;
        QVERIFY(!ContentDecoder::create(coding, {}, &error));
        QVERIFY2(error.contains(message), qPrintable(error));
        QVERIFY(!ContentDecoder::create("identity", {}, &error)); // nothing to do
    }

    void corruptAndTruncatedStreams_data()
    {
        QTest::addColumn<QByteArray>("coding");
        for (const char *coding : {"gzip", "br", "zstd"})
            QTest::newRow(coding) << QByteArray(coding);
    }

    void corruptAndTruncatedStreams()
    {
        QFETCH(QByteArray, coding);
        const QByteArray encoded = *ContentEncoder::encode(coding, sample());
        QString error;
        auto truncated = ContentDecoder::create(coding, {}, &error);
        QByteArray out;
        QVERIFY(!decodeAll(*truncated, encoded.left(encoded.size() / 2), 512, &out));
        QVERIFY2(truncated->errorString().contains(QLatin1String("ended early")),
                 qPrintable(truncated->errorString()));

        QByteArray garbage = encoded;
        for (qsizetype i = 10; i < garbage.size(); i += 7)
            garbage[i] = char(garbage[i] ^ 0x5a);
        auto corrupt = ContentDecoder::create(coding, {}, &error);
        out.clear();
        QVERIFY(!decodeAll(*corrupt, garbage, 512, &out));
        QVERIFY(!corrupt->errorString().isEmpty());
    }

    void bombsAreRefused_data()
    {
        QTest::addColumn<QByteArray>("coding");
        for (const char *coding : {"gzip", "deflate", "br", "zstd"})
            QTest::newRow(coding) << QByteArray(coding);
    }

    void bombsAreRefused()
    {
        QFETCH(QByteArray, coding);
        const QByteArray zeros(64 * 1024 * 1024, '\0'); // compresses a thousandfold and more
        const QByteArray bomb = *ContentEncoder::encode(coding, zeros);
        QVERIFY(bomb.size() < zeros.size() / 200);
        QString error;
        auto decoder = ContentDecoder::create(coding, {}, &error);
        QByteArray out;
        QVERIFY(!decodeAll(*decoder, bomb, 16 * 1024, &out));
        QVERIFY2(decoder->errorString().startsWith(QLatin1String("decompression bomb refused")),
                 qPrintable(decoder->errorString()));
        QVERIFY(out.size() < 32 * 1024 * 1024); // stopped early, not after inflating it all
    }

    // Regression: each coding had its own ratio check and its own full buffer, so two stacked
    // codings multiplied their limits (a few KB on the wire decoded to ~1 GB in one buffer).
    void stackedCodingsShareOneBudget_data()
    {
        QTest::addColumn<QByteArray>("coding");
        QTest::newRow("gzip, gzip") << QByteArray("gzip");
        QTest::newRow("zstd, zstd") << QByteArray("zstd");
    }

    void stackedCodingsShareOneBudget()
    {
        QFETCH(QByteArray, coding);
        const int periods = 400; // about 53 MB once decoded
        const QByteArray wire = StackedBomb::build(coding, periods);
        QVERIFY2(wire.size() < 8 * 1024, qPrintable(QString::number(wire.size())));
        QString error;
        // Each coding alone stays within its own ratio limit...
        auto inner = ContentDecoder::create(coding, {}, &error);
        qint64 innerDecoded = 0;
        QVERIFY2(
            countDecoded(*inner, StackedBomb::inner(coding, periods), 64 * 1024, &innerDecoded),
            qPrintable(inner->errorString()));
        QCOMPARE(innerDecoded, StackedBomb::decodedSize(coding, periods));
        // ...but the chain is measured against the bytes on the wire.
        auto decoder = ContentDecoder::create(coding + ", " + coding, {}, &error);
        QVERIFY2(decoder, qPrintable(error));
        qint64 decoded = 0;
        QVERIFY2(!countDecoded(*decoder, wire, 16 * 1024, &decoded),
                 qPrintable(QStringLiteral("%1 bytes on the wire decoded to %2")
                                .arg(wire.size())
                                .arg(decoded)));
        QVERIFY2(decoder->errorString().startsWith(QLatin1String("decompression bomb refused")),
                 qPrintable(decoder->errorString()));
        // The ratio check starts past the threshold; pieces of 64 KiB pass between stages.
        const qint64 budget = ContentDecoder::Limits().ratioCheckThreshold + 256 * 1024;
        QVERIFY2(decoded <= budget, qPrintable(QString::number(decoded)));
        QVERIFY2(decoder->peakHeldBytes() <= budget,
                 qPrintable(QString::number(decoder->peakHeldBytes())));
    }

    // Regression: up to five codings were stacked; two are, unless configured.
    void stackedCodingsAreCappedAtTwo()
    {
        const QByteArray plain = sample();
        QByteArray encoded = plain;
        for (int i = 0; i < 3; ++i)
            encoded = *ContentEncoder::encode("gzip", encoded);
        QString error;
        QVERIFY(!ContentDecoder::create("gzip, br, gzip", {}, &error));
        QVERIFY2(error.contains(QLatin1String("\"gzip, br, gzip\"")) &&
                     error.contains(QLatin1String("at most 2")),
                 qPrintable(error));
        ContentDecoder::Limits limits;
        limits.maxCodings = 3;
        auto decoder = ContentDecoder::create("gzip, gzip, gzip", limits, &error);
        QVERIFY2(decoder, qPrintable(error));
        QByteArray out;
        QVERIFY2(decodeAll(*decoder, encoded, 100, &out), qPrintable(decoder->errorString()));
        QCOMPARE(out, plain);
    }

    void hardLimitOnDecodedSize()
    {
        QByteArray random(3 * 1024 * 1024, Qt::Uninitialized);
        QRandomGenerator(7).fillRange(reinterpret_cast<quint32 *>(random.data()),
                                      random.size() / 4);
        const QByteArray encoded = *ContentEncoder::encode("gzip", random);
        ContentDecoder::Limits limits;
        limits.maxDecodedBytes = 1024 * 1024;
        QString error;
        auto decoder = ContentDecoder::create("gzip", limits, &error);
        QByteArray out;
        QVERIFY(!decodeAll(*decoder, encoded, 64 * 1024, &out));
        QVERIFY(decoder->errorString().contains(QLatin1String("exceeds 1048576 bytes")));
    }
};

QTEST_APPLESS_MAIN(tst_ContentDecoder)
#include "tst_contentdecoder.moc"
