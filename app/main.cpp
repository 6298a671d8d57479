// `microrequests`: the headless commands, --help and --version, on QtCore and QtNetwork (no
// QtGui); anything else is the window's, which this process becomes (WindowLauncher).
#include "benchcommand.h"
#include "commandline.h"
#include "demoservercommand.h"
#include "exportcommand.h"
#include "importcommand.h"
#include "runcommand.h"
#include "windowlauncher.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstring>

int main(int argc, char *argv[])
{
    struct Headless {
        const char *name;
        int (*run)(const QStringList &arguments);
    };
    static const Headless commands[] = {
        {"demo-server", &DemoServerCommand::run},
        {"bench", &BenchCommand::run},
        {"import", &ImportCommand::run},
        {"export", &ExportCommand::run},
        {"run", &RunCommand::run},
    };
    for (const Headless &command : commands) {
        if (argc > 1 && std::strcmp(argv[1], command.name) == 0) {
            // Qt's own event loop, not GLib's: no desktop integration needs GLib here, and
            // GLib's loop writes a wake-up to its eventfd for every posted event where Qt's
            // writes one per turn — several system calls per request saved.
            if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
                qputenv("QT_NO_GLIB", "1");
            QCoreApplication app(argc, argv);
            CommandLine::describeApplication();
            return command.run(app.arguments().mid(2));
        }
    }
    // --help and --version print the window's options and exit: no display, no window.
    bool asksForHelp = false;
    for (int i = 1; i < argc; ++i) {
        for (const char *flag : {"--help", "-h", "--help-all", "--version", "-v"})
            asksForHelp = asksForHelp || std::strcmp(argv[i], flag) == 0;
    }
    if (asksForHelp) {
        QCoreApplication app(argc, argv);
        CommandLine::describeApplication();
        QCommandLineParser parser;
        CommandLine::describeWindowOptions(parser);
        parser.process(app.arguments()); // exits after the help, the version or a usage error
        // Still here: the flag was a value or a PATH (`--env -v`, `-- -h`), the window's.
    }
    // No command, a PATH, window options, or an unknown option: the window's to answer, as
    // `microrequests` always did.
    return WindowLauncher::exec(argv);
}
