#pragma once

#include <QString>

class QSqlDatabase;

namespace mr {

// The history database's tables, by version (SQLite's user_version). upgrade() runs each step
// from the file's version to the current one, each in its own transaction together with the
// new version number, so a step is either all there or not at all.
class HistorySchema
{
public:
    static constexpr int CurrentVersion = 1;

    // False with *error when a step failed (the file stays at the last version reached).
    static bool upgrade(QSqlDatabase &db, int fromVersion, QString *error);
};

} // namespace mr
