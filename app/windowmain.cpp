// `microrequests-window`: the window, started by `microrequests [PATH]` (WindowLauncher) with
// the user's arguments. The only executable that links Qt Widgets.
#include "commandline.h"
#include "windowcommand.h"

#include <QApplication>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    CommandLine::describeApplication();
    QApplication::setApplicationDisplayName(QStringLiteral("Microrequests"));
    QApplication::setDesktopFileName(QStringLiteral("microrequests"));
    return WindowCommand::run(app.arguments());
}
