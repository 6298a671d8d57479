#include "runcommand.h"

#include "protocoloption.h"
#include "reportfile.h"
#include "terminationwatcher.h"

#include "net/httpclient.h"
#include "runner/collectionrunner.h"
#include "runner/consolereporter.h"
#include "runner/harreporter.h"
#include "runner/jsonreporter.h"
#include "runner/junitreporter.h"
#include "runner/rundata.h"
#include "settings/layeredsettings.h"
#include "settings/usersettings.h"
#include "workspace/secretredactor.h"
#include "workspace/workspace.h"
#include "workspace/workspacetrust.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QNetworkReply>
#include <QSettings>

#include <cstdio>
#include <memory>
#include <unistd.h>

namespace {

int usage(const QString &message)
{
    std::fprintf(stderr, "microrequests run: %s\n", qPrintable(message));
    return 2;
}

bool wholeNumber(const QCommandLineParser &parser, const QString &name, int min, int max,
                 int *value)
{
    if (!parser.isSet(name))
        return true;
    bool ok = false;
    const int n = parser.value(name).toInt(&ok);
    if (!ok || n < min || n > max)
        return false;
    *value = n;
    return true;
}

// One --reporter NAME[=FILE]: where it writes (a file saved atomically at the end, or stdout).
struct ReportTarget {
    QString name;
    QString file; // empty: stdout
    std::unique_ptr<ReportFile> saveFile;
    std::unique_ptr<mr::RunReporter> reporter;
};

// "[12/200] 3 failed" on a terminal's stderr, redrawn at most ten times a second; nothing when
// stderr is not a terminal or CI is set.
class ProgressLine
{
public:
    ProgressLine()
    {
        const QString ci = qEnvironmentVariable("CI");
        m_enabled = isatty(fileno(stderr)) &&
                    (ci.isEmpty() || ci == QLatin1String("false") || ci == QLatin1String("0"));
        m_clock.start();
    }
    bool enabled() const { return m_enabled; }
    void clear()
    {
        if (m_enabled && m_shown) {
            std::fputs("\r\033[K", stderr);
            m_shown = false;
        }
    }
    void show(const mr::RunSummary &summary, int planned, bool force = false)
    {
        if (!m_enabled || (!force && m_shown && m_clock.elapsed() < 100))
            return;
        m_clock.restart();
        std::fprintf(stderr, "\r\033[K[%d/%d] %d passed, %d failed", summary.run, planned,
                     summary.passed, summary.failed);
        std::fflush(stderr);
        m_shown = true;
    }

private:
    bool m_enabled = false;
    bool m_shown = false;
    QElapsedTimer m_clock;
};

} // namespace

int RunCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Runs the requests of workspace folders or .http files in file order through the\n"
        "Microrequests engine, checks their \"?? …\" assertions and reports.\n"
        "Exit status: 0 all answered and passed, 1 a request or assertion failed, 2 bad usage "
        "or input."));
    parser.addHelpOption();
    parser.addPositionalArgument(
        QStringLiteral("PATH"),
        QStringLiteral("Workspace folders, .http files, or file.http:LINE for the request at "
                       "that line."),
        QStringLiteral("PATH..."));
    parser.addOptions({
        {QStringLiteral("env"), QStringLiteral("Environment from http-client.env.json."),
         QStringLiteral("NAME")},
        {QStringLiteral("var"), QStringLiteral("A variable, above all others; repeatable."),
         QStringLiteral("NAME=VALUE")},
        {QStringLiteral("iterations"),
         QStringLiteral("Run the selection N times (default 1, or one per data row)."),
         QStringLiteral("N")},
        {QStringLiteral("concurrency"),
         QStringLiteral("Requests in flight (default 1); a request still waits for the named "
                        "requests it references."),
         QStringLiteral("C"), QStringLiteral("1")},
        {QStringLiteral("delay"), QStringLiteral("Wait this long between requests."),
         QStringLiteral("MS")},
        {QStringLiteral("data"),
         QStringLiteral("Variables per iteration: a .csv file (header row) or a .json array "
                        "of objects."),
         QStringLiteral("FILE")},
        {QStringLiteral("max-per-host"),
         QStringLiteral("Connections per origin (default: the settings', 50)."),
         QStringLiteral("K")},
        {QStringLiteral("retries"),
         QStringLiteral("Connect, read and status retries per request (over # @retries)."),
         QStringLiteral("N")},
        {QStringLiteral("timeout"),
         QStringLiteral("Fail a request that takes longer than this, retries included."),
         QStringLiteral("MS")},
        {QStringLiteral("no-reuse"),
         QStringLiteral("A new connection for every request (keep-alive off).")},
        {QStringLiteral("insecure"),
         QStringLiteral("Accept any TLS certificate (verification off). Only for tests.")},
        {QStringLiteral("allow-outside-files"),
         QStringLiteral("Let request bodies read files outside their workspace (\"< /path\", "
                        "as imported collections often name); without it such a request is "
                        "not sent.")},
        {QStringLiteral("bail"), QStringLiteral("Stop starting requests after the first failure.")},
        {QStringLiteral("filter"),
         QStringLiteral("Only requests whose name matches the glob (* and ?); repeatable."),
         QStringLiteral("NAME-GLOB")},
        {QStringLiteral("no-dependencies"),
         QStringLiteral("Run only the requests chosen by --filter or LINE, not the named "
                        "requests they take values from ({{login.response...}}).")},
        {QStringLiteral("reporter"),
         QStringLiteral("console, json, junit or har, to FILE or stdout; repeatable (default "
                        "console)."),
         QStringLiteral("NAME[=FILE]")},
        {QStringLiteral("no-redact"),
         QStringLiteral("Write secrets into the reports as they were sent (by default "
                        "Authorization, Cookie, API keys and the private environment's values "
                        "are written as ***).")},
    });
    parser.addOptions(ProtocolOption::options(
        QStringLiteral("Over the settings' HTTP version (automatic unless set: ALPN decides on "
                       "https://, HTTP/1.1 on http://); a request's own # @http1 or # @http2 "
                       "still wins.")));
    if (!parser.parse(QStringList{QStringLiteral("microrequests run")} + arguments))
        return usage(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return 0;
    }
    const QStringList paths = parser.positionalArguments();
    if (paths.isEmpty())
        return usage(QStringLiteral("give a workspace folder, a .http file or file.http:LINE "
                                    "(see --help)"));

    mr::CollectionRunner::Options options;
    int maxPerHost = 0;
    int retries = -1;
    int timeoutMs = 0;
    int iterations = 0;
    if (!wholeNumber(parser, QStringLiteral("concurrency"), 1, 10000, &options.concurrency))
        return usage(QStringLiteral("--concurrency must be a whole number from 1 to 10000"));
    if (!wholeNumber(parser, QStringLiteral("iterations"), 1, 100000000, &iterations))
        return usage(QStringLiteral("--iterations must be a whole number from 1"));
    if (!wholeNumber(parser, QStringLiteral("delay"), 0, 3600000, &options.delayMs))
        return usage(QStringLiteral("--delay must be a whole number of milliseconds"));
    if (!wholeNumber(parser, QStringLiteral("max-per-host"), 1,
                     mr::PoolSettings::MaxConnectionsPerOrigin, &maxPerHost))
        return usage(QStringLiteral("--max-per-host must be a whole number from 1 to %1")
                         .arg(mr::PoolSettings::MaxConnectionsPerOrigin));
    if (!wholeNumber(parser, QStringLiteral("retries"), 0, 100, &retries))
        return usage(QStringLiteral("--retries must be a whole number from 0 to 100"));
    if (!wholeNumber(parser, QStringLiteral("timeout"), 1, 86400000, &timeoutMs))
        return usage(QStringLiteral("--timeout must be a whole number of milliseconds from 1"));
    std::optional<mr::ProtocolChoice> protocol;
    if (QString error; !ProtocolOption::read(parser, &protocol, &error))
        return usage(error);
    if (retries >= 0)
        options.retries = retries;
    options.bail = parser.isSet(QStringLiteral("bail"));
    options.keepAlive = !parser.isSet(QStringLiteral("no-reuse"));
    options.allowOutsideFiles = parser.isSet(QStringLiteral("allow-outside-files"));
    options.environment = parser.value(QStringLiteral("env"));
    for (const QString &assignment : parser.values(QStringLiteral("var"))) {
        const qsizetype equals = assignment.indexOf(QLatin1Char('='));
        if (equals <= 0)
            return usage(QStringLiteral("--var \"%1\": write it as NAME=VALUE").arg(assignment));
        options.variables.insert(assignment.left(equals).trimmed(), assignment.mid(equals + 1));
    }

    // Reporters, checked (and their files opened) before anything is sent.
    std::vector<ReportTarget> targets;
    QStringList reporterArguments = parser.values(QStringLiteral("reporter"));
    if (reporterArguments.isEmpty())
        reporterArguments.append(QStringLiteral("console"));
    QFile standardOutput;
    if (!standardOutput.open(stdout, QIODevice::WriteOnly))
        return usage(QStringLiteral("cannot write to standard output"));
    bool stdoutTaken = false;
    for (const QString &argument : reporterArguments) {
        ReportTarget target;
        const qsizetype equals = argument.indexOf(QLatin1Char('='));
        target.name = (equals < 0 ? argument : argument.left(equals)).trimmed().toLower();
        target.file = equals < 0 ? QString() : argument.mid(equals + 1);
        static const QStringList known = {QStringLiteral("console"), QStringLiteral("json"),
                                          QStringLiteral("junit"), QStringLiteral("har")};
        if (!known.contains(target.name))
            return usage(QStringLiteral("--reporter %1: unknown reporter; use console, json, "
                                        "junit or har, with =FILE to write a file")
                             .arg(argument));
        if (equals >= 0 && target.file.isEmpty())
            return usage(QStringLiteral("--reporter %1: give a file after \"=\"").arg(argument));
        QIODevice *device = &standardOutput;
        if (target.file.isEmpty()) {
            if (stdoutTaken)
                return usage(QStringLiteral("two reporters write to standard output; give one "
                                            "of them a file: --reporter %1=FILE")
                                 .arg(target.name));
            stdoutTaken = true;
        } else {
            QDir().mkpath(QFileInfo(target.file).absolutePath());
            target.saveFile = std::make_unique<ReportFile>(target.file);
            if (!target.saveFile->open())
                return usage(QStringLiteral("--reporter %1: cannot write %2: %3")
                                 .arg(argument, target.file, target.saveFile->errorString()));
            device = target.saveFile->device();
        }
        if (target.name == QLatin1String("console"))
            target.reporter = std::make_unique<mr::ConsoleReporter>(device);
        else if (target.name == QLatin1String("json"))
            target.reporter = std::make_unique<mr::JsonReporter>(device);
        else if (target.name == QLatin1String("junit"))
            target.reporter = std::make_unique<mr::JunitReporter>(device);
        else
            target.reporter = std::make_unique<mr::HarReporter>(device);
        targets.push_back(std::move(target));
    }

    mr::RunPlan plan = mr::RunPlan::build(
        paths, parser.values(QStringLiteral("filter")), options.environment,
        parser.isSet(QStringLiteral("no-dependencies")) ? mr::RunPlan::Dependencies::Leave
                                                        : mr::RunPlan::Dependencies::Include);
    for (const QString &note : plan.notes)
        std::fprintf(stderr, "microrequests run: %s\n", qPrintable(note));
    if (!plan.ok()) {
        for (const mr::Diagnostic &problem : plan.problems)
            std::fprintf(stderr, "%s\n", qPrintable(problem.toString()));
        return 2;
    }
    if (parser.isSet(QStringLiteral("data"))) {
        mr::Diagnostic problem;
        if (!mr::RunData::load(parser.value(QStringLiteral("data")), &options.dataRows, &problem)) {
            std::fprintf(stderr, "%s\n", qPrintable(problem.toString()));
            return 2;
        }
        if (options.dataRows.isEmpty())
            return usage(QStringLiteral("--data %1 has no rows").arg(parser.value("data")));
    }
    options.iterations = iterations > 0
                             ? iterations
                             : (options.dataRows.isEmpty() ? 1 : int(options.dataRows.size()));

    // The client as the window sets it up for this workspace (user settings, then the
    // workspace's microrequests.json and the environment's SSLConfiguration), then the command
    // line above both. Running a folder is choosing to trust it; one line says what of that
    // changes trust.
    const mr::Workspace &workspace = plan.workspaces.first();
    const mr::WorkspaceTrust trust =
        mr::WorkspaceTrust::collect(workspace).forEnvironment(options.environment);
    // One client serves the whole run, so its settings must be every workspace's: another
    // workspace's proxy or CA must not carry this one's requests.
    for (const mr::Workspace &other : plan.workspaces) {
        const mr::WorkspaceTrust otherTrust =
            mr::WorkspaceTrust::collect(other).forEnvironment(options.environment);
        if (other.settings().values != workspace.settings().values ||
            otherTrust.summary() != trust.summary()) {
            std::fprintf(stderr,
                         "microrequests run: %s and %s set different connection settings "
                         "(microrequests.json, or SSLConfiguration in their environments); run "
                         "each of them on its own\n",
                         qPrintable(QDir::toNativeSeparators(workspace.root())),
                         qPrintable(QDir::toNativeSeparators(other.root())));
            return 2;
        }
    }
    mr::HttpClient client;
    mr::LayeredSettings settings;
    {
        QSettings userSettings;
        settings.setUser(mr::UserSettings::load(userSettings));
    }
    settings.setWorkspace(workspace.settings().values);
    settings.applyTo(client);
    mr::TlsSettings tls = client.tlsSettings();
    workspace.environments().tls(options.environment).applyTo(&tls);
    // --insecure: no verification at all, rather than errors ignored reply by reply: a
    // connection whose certificate one reply overrode is never lent to the next, so each
    // request would open its own.
    if (parser.isSet(QStringLiteral("insecure")))
        tls.verifyPeer = false;
    client.setTlsSettings(tls);
    if (!trust.isEmpty())
        std::fprintf(stderr, "microrequests: using %s\n", qPrintable(trust.summary()));
    mr::PoolSettings pool = client.poolSettings();
    if (maxPerHost > 0)
        pool.maxPerOrigin = maxPerHost;
    if (!options.keepAlive)
        pool.keepAlive = false;
    client.setPoolSettings(pool);
    if (protocol)
        client.setDefaultProtocol(*protocol);
    if (timeoutMs > 0) {
        mr::TimeoutSettings timeouts = client.timeouts();
        timeouts.totalMs = timeoutMs;
        client.setTimeouts(timeouts);
    }

    mr::CollectionRunner runner(&client, plan, options);
    ProgressLine progress;
    for (ReportTarget &target : targets)
        target.reporter->begin(runner.plan(), options.iterations);
    const bool redact = !parser.isSet(QStringLiteral("no-redact"));
    QObject::connect(
        &runner, &mr::CollectionRunner::stepFinished, &runner, [&](const mr::RunStep &step) {
            progress.clear();
            // Reports are files that outlive the run: secrets masked, once for all.
            const mr::RunStep reported = redact ? step.redacted(runner.secretsFor(step)) : step;
            for (ReportTarget &target : targets)
                target.reporter->step(reported);
            if (stdoutTaken) // a reporter on a terminal or pipe: each line as it comes
                standardOutput.flush();
            progress.show(runner.summary(), runner.summary().planned);
        });
    QObject::connect(&runner, &mr::CollectionRunner::finished, qApp, &QCoreApplication::quit,
                     Qt::QueuedConnection);
    TerminationWatcher termination;
    QObject::connect(&termination, &TerminationWatcher::terminationRequested, &runner,
                     [&runner] { runner.cancel(); });
    runner.start();
    if (!runner.isFinished())
        QCoreApplication::exec();
    progress.clear();

    const mr::RunSummary &summary = runner.summary();
    int status = summary.allPassed() ? 0 : 1;
    for (ReportTarget &target : targets) {
        target.reporter->finish(summary);
        if (target.saveFile && !target.saveFile->commit()) {
            std::fprintf(stderr, "microrequests run: cannot write %s: %s\n",
                         qPrintable(target.file), qPrintable(target.saveFile->errorString()));
            status = 1;
        }
    }
    standardOutput.flush();
    return status;
}
