#pragma once

#include <QStringList>

// `microrequests demo-server [options]`: runs the demo microservice headless until SIGINT or
// SIGTERM. Prints the HTTP base URL on the first line of stdout (the HTTPS one on the
// second), so scripts can read where it listens.
class DemoServerCommand
{
public:
    // arguments: the sub-command's own, without the program name and "demo-server".
    static int run(const QStringList &arguments);
};
