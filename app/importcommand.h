#pragma once

#include <QStringList>

// `microrequests import FILE [--format F] --into DIR`: reads another tool's collection (or
// curl commands) and writes it into a workspace folder as .http files and environments.
// Exit 0 when written (notes about what was not carried over go to stderr), 2 on bad usage
// or broken input (file:line:column: message) — and then nothing is written.
class ImportCommand
{
public:
    static int run(const QStringList &arguments);
};
