// The Qt floor for `make bench`: one thread, C QTcpSockets to the URL's host and port, each a
// bare HTTP/1.1 keep-alive loop (write a GET, read the head, read Content-Length bytes of body,
// write the next) until N responses came. No pool, no parser beyond that: the best Qt's event
// loop allows. Chunked responses are refused. Prints one JSON object, as bench_qnam does.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QUrl>

#include <cstdio>
#include <memory>
#include <vector>

struct Connection {
    QTcpSocket socket;
    QByteArray buffer;
    qsizetype need = -1; // head + body of the response being read, once its head arrived
};

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const QUrl url(args.value(1));
    const int total = args.value(2).toInt();
    const int concurrency = args.value(3).toInt();
    if (args.size() != 4 || url.scheme() != QLatin1String("http") || total < 1 || concurrency < 1) {
        std::fprintf(stderr, "usage: bench_qtloop http://HOST:PORT/PATH REQUESTS CONCURRENCY\n");
        return 2;
    }
    QByteArray path =
        url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::RemoveFragment);
    if (!path.startsWith('/'))
        path.prepend('/');
    const QByteArray host = url.authority(QUrl::RemoveUserInfo | QUrl::FullyEncoded).toUtf8();
    const QByteArray request = "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n";
    int issued = 0;
    int done = 0;
    int errors = 0;
    const auto fail = [&](const char *why) {
        std::fprintf(stderr, "bench_qtloop: %s\n", why);
        ++errors;
        app.exit(1);
    };
    const auto send = [&](Connection &c) {
        if (issued < total) {
            ++issued;
            c.socket.write(request);
        }
    };
    const auto read = [&](Connection &c) {
        c.buffer += c.socket.readAll();
        while (true) {
            if (c.need < 0) {
                const qsizetype end = c.buffer.indexOf("\r\n\r\n");
                if (end < 0)
                    return;
                const QByteArray head = c.buffer.left(end).toLower();
                const qsizetype at = head.indexOf("\r\ncontent-length:");
                if (!head.startsWith("http/1.1 2"))
                    return fail("a response that is not HTTP/1.1 2xx");
                if (head.contains("\r\ntransfer-encoding:") || at < 0)
                    return fail("a response without Content-Length (chunked is not supported)");
                const qsizetype eol = head.indexOf("\r\n", at + 2);
                bool ok = false;
                const qint64 length =
                    head.mid(at + 17, eol < 0 ? -1 : eol - at - 17).trimmed().toLongLong(&ok);
                if (!ok || length < 0)
                    return fail("a bad Content-Length");
                c.need = end + 4 + length;
            }
            if (c.buffer.size() < c.need)
                return;
            c.buffer.remove(0, c.need);
            c.need = -1;
            if (++done == total)
                return app.quit();
            send(c);
        }
    };
    QElapsedTimer clock;
    clock.start();
    std::vector<std::unique_ptr<Connection>> connections;
    for (int i = 0; i < concurrency && i < total; ++i) {
        Connection *c = connections.emplace_back(std::make_unique<Connection>()).get();
        QObject::connect(&c->socket, &QTcpSocket::connected, &app, [&, c] {
            c->socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
            send(*c);
        });
        QObject::connect(&c->socket, &QTcpSocket::readyRead, &app, [&, c] { read(*c); });
        QObject::connect(&c->socket, &QTcpSocket::errorOccurred, &app,
                         [&, c] { fail(qPrintable(c->socket.errorString())); });
        c->socket.connectToHost(url.host(), quint16(url.port(80)));
    }
    app.exec();
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    const QJsonObject json{{QStringLiteral("requests"), done},
                           {QStringLiteral("concurrency"), concurrency},
                           {QStringLiteral("seconds"), seconds},
                           {QStringLiteral("requests_per_second"), done / seconds},
                           {QStringLiteral("errors"), errors}};
    std::printf("%s\n", QJsonDocument(json).toJson(QJsonDocument::Compact).constData());
    return errors == 0 ? 0 : 1;
}
