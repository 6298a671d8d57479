// A bare QNetworkAccessManager client for `make bench`: N GETs with C in flight over HTTP/1.1,
// as plain Qt code would send them. Prints one JSON object with requests_per_second.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 4) {
        std::fprintf(stderr, "usage: bench_qnam URL REQUESTS CONCURRENCY\n");
        return 2;
    }
    const QUrl url(args[1]);
    const int total = args[2].toInt();
    const int concurrency = args[3].toInt();
    QNetworkAccessManager manager;
    int issued = 0;
    int done = 0;
    int errors = 0;
    QElapsedTimer clock;
    std::function<void()> issue = [&] {
        ++issued;
        QNetworkRequest request(url);
        request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        QNetworkReply *reply = manager.get(request);
        QObject::connect(reply, &QNetworkReply::finished, reply, [&, reply] {
            reply->readAll();
            if (reply->error() != QNetworkReply::NoError)
                ++errors;
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
                           {QStringLiteral("errors"), errors}};
    std::printf("%s\n", QJsonDocument(json).toJson(QJsonDocument::Compact).constData());
    return errors == 0 ? 0 : 1;
}
