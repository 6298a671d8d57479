#include "windowfixture.h"

#include "workspace/demoworkspace.h"

#include <QTest>

namespace mr {

bool WindowFixture::startService(QString *error)
{
    return service.start(DemoServer::Options(), error);
}

bool WindowFixture::installDemo(QString *error)
{
    return DemoWorkspace::install(demoFolder(), error);
}

void WindowFixture::makeWindow()
{
    app = std::make_unique<AppWindow>(settingsFile());
}

void WindowFixture::pointAtService(const QString &variable)
{
    window()->setOverrides({{variable, service.httpUrl().toString()}});
}

bool WindowFixture::startDemo(QString *error)
{
    if (!dir.isValid()) {
        *error = QStringLiteral("no temporary folder");
        return false;
    }
    if (!installDemo(error) || !startService(error))
        return false;
    makeWindow();
    pointAtService(DemoWorkspace::baseUrlVariable());
    return true;
}

bool WindowFixture::openInDemoEnvironment(const QString &path)
{
    if (!window()->openWorkspace(path))
        return false;
    window()->refreshEnvironments(DemoWorkspace::environmentName());
    window()->show();
    return QTest::qWaitForWindowExposed(window());
}

} // namespace mr
