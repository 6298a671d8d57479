#pragma once

#include <QStringList>

// `microrequests [PATH]`: the window, on a workspace folder or .http file; without PATH, on
// the demo workspace with the demo service embedded on a free loopback port. It runs in the
// microrequests-window executable, which `microrequests` becomes (WindowLauncher).
class WindowCommand
{
public:
    static int run(const QStringList &arguments);
};
