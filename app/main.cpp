#include "benchcommand.h"
#include "demoservercommand.h"
#include "exportcommand.h"
#include "importcommand.h"
#include "runcommand.h"
#include "windowcommand.h"

#include <QApplication>
#include <QCoreApplication>

#include <cstring>
#include <memory>

static void describeApplication()
{
    QCoreApplication::setApplicationName(QStringLiteral("microrequests"));
    QCoreApplication::setOrganizationName(QStringLiteral("microrequests"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MR_VERSION));
}

int main(int argc, char *argv[])
{
    // Headless sub-commands need no display: they get a QCoreApplication.
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
            QCoreApplication app(argc, argv);
            describeApplication();
            return command.run(app.arguments().mid(2));
        }
    }
    // --help and --version print and exit: no display needed for them either.
    for (int i = 1; i < argc; ++i) {
        for (const char *flag : {"--help", "-h", "--help-all", "--version", "-v"}) {
            if (std::strcmp(argv[i], flag) == 0) {
                QCoreApplication app(argc, argv);
                describeApplication();
                return WindowCommand::run(app.arguments());
            }
        }
    }
    QApplication app(argc, argv);
    describeApplication();
    QApplication::setApplicationDisplayName(QStringLiteral("Microrequests"));
    QApplication::setDesktopFileName(QStringLiteral("microrequests"));
    return WindowCommand::run(app.arguments());
}
