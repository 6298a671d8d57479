#pragma once

#include <QStringList>

// `microrequests export PATH --format curl|postman [--output FILE]`: a .http file or a
// workspace folder (or one request of a file, with --request) as curl commands or a Postman
// v2.1 collection. Exit 2 on bad usage or a file that does not parse.
class ExportCommand
{
public:
    static int run(const QStringList &arguments);
};
