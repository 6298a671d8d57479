// A bare QNetworkAccessManager client for `make bench`: N GETs with C in flight over HTTP/1.1,
// as plain Qt code would send them. Prints one JSON object with requests_per_second.
// With "http2" after them, Qt's own HTTP/2 path instead: Http2DirectAttribute (prior
// knowledge) on http, Http2AllowedAttribute (ALPN) on https, trusting the PEM CA file given
// last; http2_used counts the replies that say Http2WasUsedAttribute.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslConfiguration>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 4 || args.size() > 6 || (args.size() > 4 && args[4] != "http2")) {
        std::fprintf(stderr, "usage: bench_qnam URL REQUESTS CONCURRENCY [http2 [CAFILE]]\n");
        return 2;
    }
    const QUrl url(args[1]);
    const int total = args[2].toInt();
    const int concurrency = args[3].toInt();
    const bool http2 = args.size() > 4;
    QNetworkRequest prototype(url);
    if (!http2)
        prototype.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    else if (url.scheme() == QLatin1String("https"))
        prototype.setAttribute(QNetworkRequest::Http2AllowedAttribute, true);
    else
        prototype.setAttribute(QNetworkRequest::Http2DirectAttribute, true);
    if (args.size() > 5) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.addCaCertificates(args[5]);
        prototype.setSslConfiguration(tls);
    }
    QNetworkAccessManager manager;
    int issued = 0;
    int done = 0;
    int errors = 0;
    int http2Used = 0;
    QElapsedTimer clock;
    std::function<void()> issue = [&] {
        ++issued;
        QNetworkReply *reply = manager.get(prototype);
        QObject::connect(reply, &QNetworkReply::finished, reply, [&, reply] {
            reply->readAll();
            if (reply->error() != QNetworkReply::NoError)
                ++errors;
            if (reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool())
                ++http2Used;
            reply->deleteLater();
            if (++done == total)
                app.quit();
            else if (issued < total)
                issue();
        });
    };
    clock.start();
    for (int i = 0; i < concurrency && issued < total; ++i)
        issue();
    app.exec();
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    const QJsonObject json{{QStringLiteral("requests"), total},
                           {QStringLiteral("concurrency"), concurrency},
                           {QStringLiteral("seconds"), seconds},
                           {QStringLiteral("requests_per_second"), total / seconds},
                           {QStringLiteral("errors"), errors},
                           {QStringLiteral("http2_used"), http2Used}};
    std::printf("%s\n", QJsonDocument(json).toJson(QJsonDocument::Compact).constData());
    return errors == 0 ? 0 : 1;
}
