#include "historyschema.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace mr {

namespace {

// Version 1: one row per exchange. Bodies are BLOBs cut to the store's limit; headers and
// attempts are JSON (ExchangeCodec); the last attempt's connection is copied into columns
// for the list.
const QStringList version1 = {
    QStringLiteral("CREATE TABLE exchanges ("
                   " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                   " recorded_at INTEGER NOT NULL,"
                   " started_at INTEGER,"
                   " duration_ms REAL NOT NULL DEFAULT 0,"
                   " path INTEGER NOT NULL DEFAULT 0,"
                   " method TEXT NOT NULL,"
                   " url TEXT NOT NULL,"
                   " request_headers TEXT NOT NULL,"
                   " request_body BLOB,"
                   " request_body_size INTEGER NOT NULL DEFAULT 0,"
                   " request_body_truncated INTEGER NOT NULL DEFAULT 0,"
                   " status INTEGER NOT NULL DEFAULT 0,"
                   " reason TEXT,"
                   " http_version TEXT,"
                   " response_headers TEXT NOT NULL,"
                   " trailers TEXT NOT NULL,"
                   " response_body BLOB,"
                   " response_body_size INTEGER NOT NULL DEFAULT 0,"
                   " response_body_truncated INTEGER NOT NULL DEFAULT 0,"
                   " attempts TEXT NOT NULL,"
                   " connection_id TEXT,"
                   " connection_serial INTEGER NOT NULL DEFAULT 0,"
                   " reused INTEGER NOT NULL DEFAULT 0,"
                   " error TEXT,"
                   " hint TEXT,"
                   " source_file TEXT,"
                   " request_name TEXT,"
                   " environment TEXT,"
                   " definition TEXT)"),
};

bool run(QSqlDatabase &db, const QStringList &statements, int version, QString *error)
{
    if (!db.transaction()) {
        *error = db.lastError().text();
        return false;
    }
    QSqlQuery query(db);
    for (const QString &statement :
         statements + QStringList{QStringLiteral("PRAGMA user_version = %1").arg(version)}) {
        if (!query.exec(statement)) {
            *error =
                QStringLiteral("schema version %1: %2").arg(version).arg(query.lastError().text());
            query.finish();
            db.rollback();
            return false;
        }
    }
    query.finish();
    if (!db.commit()) {
        *error = db.lastError().text();
        db.rollback();
        return false;
    }
    return true;
}

} // namespace

bool HistorySchema::upgrade(QSqlDatabase &db, int fromVersion, QString *error)
{
    // Later versions add their step here: `if (fromVersion < 2 && !run(db, version2, 2, error))`.
    if (fromVersion < 1 && !run(db, version1, 1, error))
        return false;
    return true;
}

} // namespace mr
