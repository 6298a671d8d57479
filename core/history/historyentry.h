// core/history: every finished exchange kept in a SQLite database under the user's data folder
// (HistoryStore), listed newest first and searchable (HistoryModel). These are its values.
#pragma once

#include "net/exchange.h"
#include "workspace/requestdefinition.h"

#include <QDateTime>
#include <QString>

namespace mr {

// Where an exchange came from: the workspace request it was sent from (empty when none) and
// the environment that was selected.
struct HistorySource {
    QString filePath;    // the .http file
    QString requestName; // its "# @name" or "###" name; may be empty
    QString environment;
    // The request as written in the .http format, {{variables}} and all (HttpFileWriter's
    // rendering): what re-opening and saving into a workspace use, so a secret that a
    // variable stood for is not written into a file.
    QString definition;
};

// One line of the history list: enough to show and search, no bodies.
struct HistorySummary {
    qint64 id = 0;
    QDateTime recordedAt;
    QString method;
    QString url;
    QString requestName;
    QString filePath;
    QString environment;
    int status = 0; // 0 when no response arrived
    QString error;
    double durationMs = 0;
    QString connectionId; // "origin#serial" of the last attempt; empty without a connection
    int connectionSerial = 0;
    bool reused = false;

    // "#3 new" or "#3 reused"; empty without a connection.
    QString connectionLabel() const;
    // The request's name, or "METHOD url" without one.
    QString displayName() const;
};

// One stored exchange in full. Bodies above the store's limit are cut to it; the flags say so
// and exchange.responseBodySize still tells the size that was received.
struct HistoryEntry {
    qint64 id = 0;
    QDateTime recordedAt;
    HistorySource source;
    Exchange exchange;
    qint64 requestBodySize = 0;
    bool requestBodyTruncated = false;
    bool responseBodyTruncated = false;

    // The request to show, re-send or save: as written (source.definition, {{variables}} and
    // all) when it was sent from a workspace, else as it was sent.
    RequestDefinition requestDefinition() const;
};

} // namespace mr
