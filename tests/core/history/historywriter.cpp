// A helper for tst_historystore's kill test: records exchanges into a HistoryStore in a loop
// and prints "committed <id> <seq>" after each one is committed, until it is killed.
//   historywriter DATA_DIR BODY_BYTES
#include "history/historystore.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    if (arguments.size() != 3) {
        std::fprintf(stderr, "usage: historywriter DATA_DIR BODY_BYTES\n");
        return 2;
    }
    mr::HistoryStore store(arguments.at(1));
    if (!store.isOpen()) {
        std::fprintf(stderr, "historywriter: %s\n", qPrintable(store.openMessage()));
        return 1;
    }
    const int bodyBytes = arguments.at(2).toInt();
    for (int seq = 1;; ++seq) {
        // Every byte of a row is derivable from its sequence number, so a reader can tell a
        // whole row from a torn one.
        const char fill = char('a' + seq % 26);
        mr::Exchange exchange;
        exchange.request.method = "POST";
        exchange.request.url = QUrl(QStringLiteral("http://127.0.0.1:1/item/%1").arg(seq));
        exchange.request.headers.append("X-Seq", QByteArray::number(seq));
        exchange.request.body = QByteArray(bodyBytes, fill);
        exchange.status = 201;
        exchange.reasonPhrase = "Created";
        exchange.responseBody = QByteArray(bodyBytes + seq % 1000, fill);
        exchange.responseBodySize = exchange.responseBody.size();
        exchange.durationMs = seq;
        QString error;
        const qint64 id = store.record(exchange, {}, &error);
        if (id < 0) {
            std::fprintf(stderr, "historywriter: %s\n", qPrintable(error));
            return 1;
        }
        std::printf("committed %lld %d\n", static_cast<long long>(id), seq);
        std::fflush(stdout);
    }
}
