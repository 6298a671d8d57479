#pragma once

#include "formats/connectionlogwriter.h"

#include <QString>

#include <functional>

class QWidget;

namespace mr {

// The save dialog in front of ConnectionLogWriter, for the Connections view and each run.
class ConnectionLogExport
{
public:
    using Format = ConnectionLogWriter::Format;

    // Asks for a file (a save dialog that does not block the event loop), writes it, and
    // tells `done` what happened in words for the view to show.
    static void chooseAndWrite(QWidget *parent, const ConnectionLog *log, Format format,
                               const QString &baseName,
                               const std::function<void(const QString &message)> &done,
                               const SecretsProvider &secrets = {});
};

} // namespace mr
