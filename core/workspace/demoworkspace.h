#pragma once

#include <QString>

namespace mr {

// The bundled demo workspace (resources/demo-workspace). It is copied to the user's data
// folder on first start and opened from there, so the bundled copy is never edited.
class DemoWorkspace
{
public:
    // <AppDataLocation>/demo-workspace
    static QString defaultFolder();
    // Copies the files missing from `folder` (all of them on first start); never overwrites
    // one the user may have edited. False with *error when the folder can't be written.
    static bool install(const QString &folder, QString *error);
    // The variable the demo requests use for the service's address.
    static QString baseUrlVariable() { return QStringLiteral("baseUrl"); }
    // The same service over HTTPS, and a "distant" one (simulated latency) over HTTPS.
    static QString secureBaseUrlVariable() { return QStringLiteral("secureBaseUrl"); }
    static QString distantBaseUrlVariable() { return QStringLiteral("distantBaseUrl"); }
    static QString environmentName() { return QStringLiteral("demo"); }
};

} // namespace mr
