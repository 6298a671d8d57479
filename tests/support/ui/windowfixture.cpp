#include "windowfixture.h"

#include "workspace/demoworkspace.h"

#include <QDir>
#include <QStandardPaths>
#include <QTest>

namespace mr {

WindowFixture::WindowFixture()
{
    QStandardPaths::setTestModeEnabled(true);
}

bool WindowFixture::hasDir(QString *error) const
{
    if (dir.isValid())
        return true;
    *error = QStringLiteral("no temporary folder: ") + dir.errorString();
    return false;
}

bool WindowFixture::startService(QString *error)
{
    return hasDir(error) && service.start(DemoServer::Options(), error);
}

bool WindowFixture::installDemo(QString *error)
{
    return hasDir(error) && DemoWorkspace::install(demoFolder(), error);
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
    if (!installDemo(error) || !startService(error))
        return false;
    makeWindow();
    pointAtService(DemoWorkspace::baseUrlVariable());
    return true;
}

bool WindowFixture::openDemo(const QString &file, QString *error)
{
    if (!startDemo(error))
        return false;
    const QString path = file.isEmpty() ? demoFolder() : QDir(demoFolder()).filePath(file);
    if (!window()->openWorkspace(path)) {
        *error = QStringLiteral("the window did not open ") + path;
        return false;
    }
    window()->refreshEnvironments(DemoWorkspace::environmentName());
    window()->show();
    if (!QTest::qWaitForWindowExposed(window())) {
        *error = QStringLiteral("the window was not exposed");
        return false;
    }
    return true;
}

} // namespace mr
