#pragma once

#include <QStringList>

// `microrequests [PATH]`: the window, on a workspace folder or .http file; without PATH, on
// the demo workspace with the demo service embedded on a free loopback port.
class WindowCommand
{
public:
    static int run(const QStringList &arguments);
};
