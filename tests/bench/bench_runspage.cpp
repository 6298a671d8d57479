// `make bench`: what the Connections view's Runs page costs on top of the run itself. The
// same requests run as a Compare in the page (offscreen: waterfalls, labels, shared scale)
// and as bare runs without a widget, pooled and unpooled — each, like the page's, a
// BackgroundPoolRun in a thread of its own, with its live log in the main thread. Prints one
// JSON object.
// Usage: bench_runspage URL REQUESTS [CONCURRENCY [unpooled]] — with "unpooled", only the
// bare unpooled run (for a profiler).
#include "net/httpclient.h"
#include "runcomparisonpanel.h"
#include "runner/backgroundpoolrun.h"
#include "runpane.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace {

double bareRun(const mr::HttpClient &window, const QString &file, int requests, int concurrency,
               bool keepAlive)
{
    mr::PoolRun::Setup setup;
    setup.iterations = requests;
    setup.concurrency = concurrency;
    setup.keepAlive = keepAlive;
    mr::BackgroundPoolRun run(window, mr::RunPlan::build({file}), setup);
    QEventLoop loop;
    QObject::connect(&run, &mr::BackgroundPoolRun::finished, &loop, &QEventLoop::quit);
    run.start();
    loop.exec();
    return run.result().seconds;
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_runspage URL REQUESTS [CONCURRENCY]\n");
        return 2;
    }
    const QString url = QString::fromLocal8Bit(argv[1]);
    const int requests = std::max(1, std::atoi(argv[2]));
    const int concurrency = argc > 3 ? std::max(1, std::atoi(argv[3])) : 6;
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("one.http")));
    if (!file.open(QIODevice::WriteOnly))
        return 1;
    file.write(QStringLiteral("GET %1\n").arg(url).toUtf8());
    file.close();

    mr::HttpClient window;
    if (argc > 4 && qstrcmp(argv[4], "unpooled") == 0) {
        std::printf("{\"bare_unpooled_s\":%f}\n",
                    bareRun(window, file.fileName(), requests, concurrency, false));
        return 0;
    }
    mr::RunComparisonPanel panel(&window);
    panel.resize(1400, 700);
    panel.show();
    panel.chooseTarget(QStringLiteral("one"), file.fileName());
    panel.iterationsBox()->setValue(requests);
    panel.concurrencyBox()->setValue(concurrency);
    QEventLoop loop;
    QObject::connect(&panel, &mr::RunComparisonPanel::idle, &loop, &QEventLoop::quit);
    // How long the GUI thread's event loop is kept from a 5 ms timer while the page runs: what
    // a user would feel as the window not answering.
    QElapsedTimer sinceTick;
    qint64 longestStallMs = 0;
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    ticker.setInterval(5);
    QObject::connect(&ticker, &QTimer::timeout,
                     [&] { longestStallMs = std::max(longestStallMs, sinceTick.restart() - 5); });
    sinceTick.start();
    ticker.start();
    panel.compare();
    if (panel.isRunning()) // requests that can't be sent finish at once
        loop.exec();
    ticker.stop();
    const mr::PoolRunResult pooled = panel.firstPane()->run()->result();
    const mr::PoolRunResult unpooled = panel.secondPane()->run()->result();

    const QJsonObject result{
        {"requests", requests},
        {"concurrency", concurrency},
        {"page_pooled_s", pooled.seconds},
        {"page_unpooled_s", unpooled.seconds},
        {"page_failed", pooled.failed + unpooled.failed},
        {"page_gui_longest_stall_ms", double(longestStallMs)},
        {"bare_pooled_s", bareRun(window, file.fileName(), requests, concurrency, true)},
        {"bare_unpooled_s", bareRun(window, file.fileName(), requests, concurrency, false)},
    };
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return 0;
}
