#include "benchcommand.h"

#include "protocoloption.h"

#include "formats/harwriter.h"
#include "net/httpclient.h"
#include "runner/loadrunner.h"
#include "workspace/secretredactor.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslCertificate>
#include <QUrl>

#include <cstdio>

namespace {

int usage(const QString &message)
{
    std::fprintf(stderr, "microrequests bench: %s\n", qPrintable(message));
    return 2;
}

bool positiveInt(const QCommandLineParser &parser, const QString &name, int max, int *value)
{
    bool ok = false;
    const int n = parser.value(name).toInt(&ok);
    if (!ok || n < 1 || n > max)
        return false;
    *value = n;
    return true;
}

} // namespace

int BenchCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Sends N requests to URL with C in flight through the Microrequests engine and reports\n"
        "requests/s, latency percentiles, connections opened and reused."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("URL"), QStringLiteral("http:// or https:// URL."));
    parser.addOptions({
        {QStringLiteral("requests"), QStringLiteral("Requests to send (default 1000)."),
         QStringLiteral("N"), QStringLiteral("1000")},
        {QStringLiteral("concurrency"), QStringLiteral("Requests in flight (default 1)."),
         QStringLiteral("C"), QStringLiteral("1")},
        {QStringLiteral("max-per-host"), QStringLiteral("Connections per origin (default: C)."),
         QStringLiteral("K")},
        {QStringLiteral("no-reuse"),
         QStringLiteral("A new connection for every request (keep-alive off).")},
        {QStringLiteral("method"), QStringLiteral("HTTP method (default GET)."),
         QStringLiteral("M"), QStringLiteral("GET")},
        {QStringLiteral("header"), QStringLiteral("A request header, repeatable."),
         QStringLiteral("'Name: value'")},
        {QStringLiteral("data"), QStringLiteral("Request body."), QStringLiteral("BODY")},
        {QStringLiteral("json"), QStringLiteral("Print one JSON object instead of text.")},
        {QStringLiteral("har"), QStringLiteral("Write every exchange as HAR 1.2."),
         QStringLiteral("FILE")},
        {QStringLiteral("no-redact"),
         QStringLiteral("Keep the values of Authorization, Cookie and other secret headers "
                        "in the HAR file (masked as *** by default).")},
        {QStringLiteral("insecure"),
         QStringLiteral("Accept any server certificate (a test server's own; nothing is "
                        "verified).")},
        {QStringLiteral("cacert"),
         QStringLiteral("Trust the PEM certificates in FILE besides the system's (a test "
                        "server's CA)."),
         QStringLiteral("FILE")},
        {QStringLiteral("engine-thread"),
         QStringLiteral("Where the engine runs: caller (in this command's thread, the "
                        "default) or separate (a thread of its own, as in the window)."),
         QStringLiteral("WHERE"), QStringLiteral("caller")},
    });
    parser.addOptions(ProtocolOption::options(
        QStringLiteral("Without either: automatic (ALPN decides on https://, HTTP/1.1 on "
                       "http://).")));
    if (!parser.parse(QStringList{QStringLiteral("microrequests bench")} + arguments))
        return usage(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return 0;
    }
    if (parser.positionalArguments().size() != 1)
        return usage(QStringLiteral("give exactly one URL (see --help)"));
    const QUrl url(parser.positionalArguments().first(), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() ||
        (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
        return usage(QStringLiteral("\"%1\" is not an http:// or https:// URL")
                         .arg(parser.positionalArguments().first()));

    mr::LoadRunner::Options options;
    if (!positiveInt(parser, QStringLiteral("requests"), 100000000, &options.requests))
        return usage(QStringLiteral("--requests must be a whole number from 1"));
    if (!positiveInt(parser, QStringLiteral("concurrency"), 10000, &options.concurrency))
        return usage(QStringLiteral("--concurrency must be a whole number from 1 to 10000"));
    mr::PoolSettings pool;
    pool.maxPerOrigin = qMin(options.concurrency, mr::PoolSettings::MaxConnectionsPerOrigin);
    if (parser.isSet(QStringLiteral("max-per-host")) &&
        !positiveInt(parser, QStringLiteral("max-per-host"),
                     mr::PoolSettings::MaxConnectionsPerOrigin, &pool.maxPerOrigin))
        return usage(QStringLiteral("--max-per-host must be a whole number from 1 to %1")
                         .arg(mr::PoolSettings::MaxConnectionsPerOrigin));
    pool.keepAlive = !parser.isSet(QStringLiteral("no-reuse"));
    options.request.method = parser.value(QStringLiteral("method")).toUpper().toLatin1();
    options.request.body = parser.value(QStringLiteral("data")).toUtf8();
    options.request.url = url;
    for (const QString &header : parser.values(QStringLiteral("header"))) {
        const qsizetype colon = header.indexOf(QLatin1Char(':'));
        if (colon <= 0)
            return usage(QStringLiteral("--header \"%1\": write it as 'Name: value'").arg(header));
        options.request.headers.append(header.left(colon).trimmed().toLatin1(),
                                       header.mid(colon + 1).trimmed().toUtf8());
    }
    std::optional<mr::ProtocolChoice> protocol;
    if (QString error; !ProtocolOption::read(parser, &protocol, &error))
        return usage(error);
    const QString harFile = parser.value(QStringLiteral("har"));
    options.keepExchanges = !harFile.isEmpty();

    const QString engineThread = parser.value(QStringLiteral("engine-thread"));
    if (engineThread != QLatin1String("caller") && engineThread != QLatin1String("separate"))
        return usage(QStringLiteral("--engine-thread takes caller or separate, not \"%1\"")
                         .arg(engineThread));
    mr::HttpClient client(nullptr, engineThread == QLatin1String("separate")
                                       ? mr::HttpClient::EngineThread::Separate
                                       : mr::HttpClient::EngineThread::Caller);
    client.setPoolSettings(pool);
    // bench reads no settings: without --http2 or --http1.1, automatic.
    client.setDefaultProtocol(protocol.value_or(mr::ProtocolChoice::Auto));
    if (parser.isSet(QStringLiteral("cacert"))) {
        const QString file = parser.value(QStringLiteral("cacert"));
        // Checked here, so a wrong file is not reported as 1,000 failed handshakes.
        if (QSslCertificate::fromPath(file, QSsl::Pem).isEmpty())
            return usage(QStringLiteral("--cacert %1: no PEM certificate in it (or it cannot be "
                                        "read); give the CA that signed the server's "
                                        "certificate, as -----BEGIN CERTIFICATE----- text")
                             .arg(file));
        mr::TlsSettings tls = client.tlsSettings();
        tls.caFile = file;
        client.setTlsSettings(tls);
    }
    if (parser.isSet(QStringLiteral("insecure"))) {
        // No verification at all, rather than errors ignored reply by reply: a connection
        // whose certificate one reply overrode is never lent to the next, so each request
        // would open its own.
        mr::TlsSettings tls = client.tlsSettings();
        tls.verifyPeer = false;
        client.setTlsSettings(tls);
    }
    mr::LoadRunner runner(&client, options);
    QObject::connect(&runner, &mr::LoadRunner::finished, qApp, &QCoreApplication::quit,
                     Qt::QueuedConnection);
    runner.start();
    if (!runner.isFinished())
        QCoreApplication::exec();
    const mr::LoadRunner::Result &r = runner.result();
    const QList<double> latency = r.percentiles({50, 90, 99, 100});

    if (!harFile.isEmpty()) {
        QString error;
        // The same masking as run's reporters: a HAR file gets attached to tickets.
        const mr::SecretRedactor redactor = parser.isSet(QStringLiteral("no-redact"))
                                                ? mr::SecretRedactor::disabled()
                                                : mr::SecretRedactor();
        QList<mr::Exchange> written;
        written.reserve(r.exchanges.size());
        for (const mr::Exchange &exchange : r.exchanges)
            written.append(redactor.redacted(exchange));
        if (!mr::HarWriter::write(harFile, written, QCoreApplication::applicationVersion(),
                                  &error)) {
            std::fprintf(stderr, "microrequests bench: %s\n", qPrintable(error));
            return 1;
        }
    }
    if (parser.isSet(QStringLiteral("json"))) {
        const QJsonObject json{
            {QStringLiteral("requests"), r.requests},
            {QStringLiteral("concurrency"), options.concurrency},
            {QStringLiteral("max_per_host"), pool.maxPerOrigin},
            {QStringLiteral("seconds"), r.seconds},
            {QStringLiteral("requests_per_second"), r.requestsPerSecond()},
            {QStringLiteral("latency_ms"), QJsonObject{{QStringLiteral("p50"), latency[0]},
                                                       {QStringLiteral("p90"), latency[1]},
                                                       {QStringLiteral("p99"), latency[2]},
                                                       {QStringLiteral("max"), latency[3]}}},
            {QStringLiteral("connections_opened"), r.connectionsOpened},
            {QStringLiteral("reused"), r.reused},
            {QStringLiteral("errors"), r.errors}};
        std::printf("%s\n", QJsonDocument(json).toJson(QJsonDocument::Compact).constData());
    } else {
        std::printf("%s %s: %d requests, %d in flight, %d per host%s\n",
                    options.request.method.constData(), qPrintable(url.toString()), r.requests,
                    options.concurrency, pool.maxPerOrigin,
                    pool.keepAlive ? "" : ", keep-alive off");
        std::printf("  requests/s   %.1f  (%.3f s)\n", r.requestsPerSecond(), r.seconds);
        std::printf("  latency ms   p50 %.3f  p90 %.3f  p99 %.3f  max %.3f\n", latency[0],
                    latency[1], latency[2], latency[3]);
        std::printf("  connections  %d opened, %d requests reused one\n", r.connectionsOpened,
                    r.reused);
        std::printf("  errors       %d\n", r.errors);
        for (const QString &message : r.errorMessages)
            std::printf("               %s\n", qPrintable(message));
    }
    std::fflush(stdout);
    return r.errors == 0 ? 0 : 1;
}
