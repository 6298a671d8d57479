// `make bench`: a big JSON response in the window's response pane. Sends GET /json/{bytes} to
// the demo service, shows the exchange in a ResponseView (offscreen) and measures what a user
// feels: the longest time the GUI thread did not get back to its event loop, the time until
// the pretty view is up, a search over it, and peak memory against the body's size.
// Prints one JSON object.
#include "demo/demoserverthread.h"
#include "net/exchangejob.h"
#include "net/httpclient.h"
#include "responsebodyview.h"
#include "responseview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QTimer>

#include <cstdio>

using namespace mr;

namespace {
double residentMb(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith(field))
            return line.mid(qstrlen(field)).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return 0;
}

// The longest gap between ticks of a 1 ms timer: how long the GUI thread was busy at once.
class StallMeter : public QObject
{
public:
    StallMeter()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const double now = double(m_clock.nsecsElapsed()) / 1e6;
            m_longest = qMax(m_longest, now - m_last);
            m_last = now;
        });
        m_clock.start();
        m_timer.start();
    }
    double longest() const { return m_longest; }
    void reset()
    {
        m_longest = 0;
        m_last = double(m_clock.nsecsElapsed()) / 1e6;
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    double m_last = 0;
    double m_longest = 0;
};
} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const qint64 bytes = argc > 1 ? QByteArray(argv[1]).toLongLong() : 50'000'000;

    DemoServerThread service;
    QString error;
    if (!service.start(DemoServer::Options(), &error)) {
        std::fprintf(stderr, "demo service: %s\n", qPrintable(error));
        return 1;
    }
    HttpClient client;
    ResponseView view;
    view.resize(1000, 800);
    view.show();
    QApplication::processEvents();
    const double baselineMb = residentMb("VmRSS:");

    StallMeter stalls;
    QElapsedTimer clock;
    clock.start();
    HttpRequest request;
    request.url = QUrl(service.httpUrl().toString(QUrl::StripTrailingSlash) +
                       QStringLiteral("/json/%1").arg(bytes));
    ExchangeJob *job = client.send(request, &app);
    double receivedMs = 0, prettyMs = 0, receiveStall = 0, searchMs = 0;
    int matches = 0;
    QObject::connect(job, &ExchangeJob::finished, &app, [&] {
        receivedMs = double(clock.nsecsElapsed()) / 1e6;
        receiveStall = stalls.longest();
        stalls.reset();
        view.showExchange(job->exchange());
    });
    bool searched = false;
    QObject::connect(view.body(), &ResponseBodyView::ready, &app, [&] {
        if (!searched) {
            prettyMs = double(clock.nsecsElapsed()) / 1e6 - receivedMs;
            searched = true;
            clock.restart();
            view.body()->searchBox()->setText(QStringLiteral("beta"));
            return;
        }
        searchMs = double(clock.nsecsElapsed()) / 1e6;
        matches = int(view.body()->textView()->matches().size());
        QTimer::singleShot(50, &app, &QApplication::quit); // a few more ticks of the meter
    });
    QTimer::singleShot(120000, &app, [] {
        std::fprintf(stderr, "timed out\n");
        QApplication::exit(1);
    });
    if (QApplication::exec() != 0)
        return 1;

    const qint64 received = job->exchange().responseBody.size();
    const double peakMb = residentMb("VmHWM:");
    QJsonObject out{
        {QStringLiteral("body_bytes"), received},
        {QStringLiteral("receive_ms"), receivedMs},
        {QStringLiteral("pretty_view_ms"), prettyMs},
        {QStringLiteral("search_ms"), searchMs},
        {QStringLiteral("search_matches"), matches},
        {QStringLiteral("longest_gui_stall_ms"), qMax(receiveStall, stalls.longest())},
        {QStringLiteral("longest_stall_while_receiving_ms"), receiveStall},
        {QStringLiteral("pretty_lines"), view.body()->textView()->lineCount()},
        {QStringLiteral("baseline_rss_mb"), baselineMb},
        {QStringLiteral("peak_rss_mb"), peakMb},
        {QStringLiteral("peak_over_body"), (peakMb - baselineMb) * 1024 * 1024 / double(received)},
    };
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return 0;
}
