#pragma once

#include <QStringList>

// `microrequests run PATH... [options]`: runs a workspace's requests headless through the same
// engine and core/runner machinery as the window, checks their "?? …" assertions and reports
// (console, JSON, JUnit XML, HAR). Exit status: 0 all answered and passed, 1 any failed,
// 2 bad usage or unreadable input (file:line:column: message).
class RunCommand
{
public:
    static int run(const QStringList &arguments);
};
