#pragma once

#include "http/protocolchoice.h"

#include <QCommandLineOption>
#include <QList>
#include <QString>

#include <optional>

class QCommandLineParser;

// --http2 and --http1.1, as run and bench take them: the HTTP version every request uses
// unless it asks for one itself (# @http1, # @http2). Without either, the settings' default.
class ProtocolOption
{
public:
    // `after` ends each option's help ("" for none).
    static QList<QCommandLineOption> options(const QString &after);
    // The choice the command line makes (nullopt: none). False with *error when both are given.
    static bool read(const QCommandLineParser &parser, std::optional<mr::ProtocolChoice> *choice,
                     QString *error);
};
