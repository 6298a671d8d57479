#include "demoservercommand.h"

#include "demo/demoserver.h"
#include "terminationwatcher.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

static bool parsePort(const QCommandLineParser &parser, const QString &name, int *port)
{
    bool ok = false;
    const int value = parser.value(name).toInt(&ok);
    if (!ok || value < 0 || value > 65535) {
        std::fprintf(stderr, "microrequests demo-server: --%s: \"%s\" is not a port (0-65535)\n",
                     qPrintable(name), qPrintable(parser.value(name)));
        return false;
    }
    *port = value;
    return true;
}

int DemoServerCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Runs the Microrequests demo microservice on loopback until interrupted.\n"
        "Prints the HTTP base URL as the first line (and the HTTPS one as the second)."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("host"), QStringLiteral("Address to listen on (default 127.0.0.1)."),
         QStringLiteral("address"), QStringLiteral("127.0.0.1")},
        {QStringLiteral("port"), QStringLiteral("HTTP port; 0 picks a free one (default)."),
         QStringLiteral("N"), QStringLiteral("0")},
        {QStringLiteral("tls-port"),
         QStringLiteral("Also serve HTTPS on this port (0: a free one)."), QStringLiteral("N")},
        {QStringLiteral("cert"), QStringLiteral("PEM certificate (chain) for HTTPS."),
         QStringLiteral("FILE")},
        {QStringLiteral("key"), QStringLiteral("PEM private key for HTTPS."),
         QStringLiteral("FILE")},
        {QStringLiteral("idle-timeout"),
         QStringLiteral("Close kept-alive connections idle this long (default: never)."),
         QStringLiteral("MS"), QStringLiteral("0")},
        {QStringLiteral("latency"),
         QStringLiteral("Simulate a distant service: each new connection waits MS before it is "
                        "served (2 x MS over HTTPS, for the TLS handshake), and each response's "
                        "first byte MS more (default 0)."),
         QStringLiteral("MS"), QStringLiteral("0")},
    });
    if (!parser.parse(QStringList{QStringLiteral("microrequests demo-server")} + arguments)) {
        std::fprintf(stderr, "microrequests demo-server: %s\nTry --help.\n",
                     qPrintable(parser.errorText()));
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return 0;
    }
    if (!parser.positionalArguments().isEmpty()) {
        std::fprintf(stderr, "microrequests demo-server: unexpected argument \"%s\"\n",
                     qPrintable(parser.positionalArguments().first()));
        return 2;
    }

    mr::DemoServer::Options options;
    options.host = parser.value(QStringLiteral("host"));
    int port = 0;
    if (!parsePort(parser, QStringLiteral("port"), &port))
        return 2;
    options.port = quint16(port);
    if (parser.isSet(QStringLiteral("tls-port"))) {
        if (!parsePort(parser, QStringLiteral("tls-port"), &options.tlsPort))
            return 2;
        options.certFile = parser.value(QStringLiteral("cert"));
        options.keyFile = parser.value(QStringLiteral("key"));
    } else if (parser.isSet(QStringLiteral("cert")) || parser.isSet(QStringLiteral("key"))) {
        std::fprintf(stderr, "microrequests demo-server: --cert and --key need --tls-port\n");
        return 2;
    }
    bool ok = false;
    options.idleTimeoutMs = parser.value(QStringLiteral("idle-timeout")).toInt(&ok);
    if (!ok || options.idleTimeoutMs < 0) {
        std::fprintf(stderr,
                     "microrequests demo-server: --idle-timeout: \"%s\" is not a number "
                     "of milliseconds\n",
                     qPrintable(parser.value(QStringLiteral("idle-timeout"))));
        return 2;
    }

    options.latencyMs = parser.value(QStringLiteral("latency")).toInt(&ok);
    if (!ok || options.latencyMs < 0 || options.latencyMs > 60000) {
        std::fprintf(stderr,
                     "microrequests demo-server: --latency: \"%s\" is not a number of "
                     "milliseconds (0-60000)\n",
                     qPrintable(parser.value(QStringLiteral("latency"))));
        return 2;
    }

    mr::DemoServer server;
    QString error;
    if (!server.listen(options, &error)) {
        std::fprintf(stderr, "microrequests demo-server: %s\n", qPrintable(error));
        return 2;
    }
    std::printf("%s\n", qPrintable(server.httpUrl().toString()));
    if (!server.httpsUrl().isEmpty())
        std::printf("%s\n", qPrintable(server.httpsUrl().toString()));
    std::fflush(stdout);

    TerminationWatcher watcher;
    QObject::connect(&watcher, &TerminationWatcher::terminationRequested, qApp,
                     [] { QCoreApplication::quit(); });
    const int rc = QCoreApplication::exec();
    server.close();
    return rc;
}
