#include "benchcommand.h"
#include "demoservercommand.h"
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
    if (argc > 1 && std::strcmp(argv[1], "demo-server") == 0) {
        QCoreApplication app(argc, argv);
        describeApplication();
        return DemoServerCommand::run(app.arguments().mid(2));
    }
    if (argc > 1 && std::strcmp(argv[1], "bench") == 0) {
        QCoreApplication app(argc, argv);
        describeApplication();
        return BenchCommand::run(app.arguments().mid(2));
    }
    QApplication app(argc, argv);
    describeApplication();
    QApplication::setApplicationDisplayName(QStringLiteral("Microrequests"));
    QApplication::setDesktopFileName(QStringLiteral("microrequests"));
    return WindowCommand::run(app.arguments());
}
