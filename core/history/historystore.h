#pragma once

#include "historyentry.h"

#include <QList>
#include <QObject>
#include <QString>

#include <optional>

class QSettings;

namespace mr {

class SecretRedactor;

// The history of exchanges, in <dataDir>/history.sqlite: one row per finished exchange, each
// written in one transaction (WAL journal, synchronous=NORMAL: a killed process loses at most
// the row it was writing, never one already recorded). Bodies are cut to bodyLimit() bytes;
// after each insert only the newest maxEntries() rows are kept. Secrets are masked before a
// row is written (SecretRedactor), and the folder and files are the user's only (0700, 0600;
// opening tightens those an older version left open).
//
// A file that is not a SQLite database, or is damaged, is moved aside to
// history.sqlite.corrupt-<yyyyMMdd-hhmmss> (with its -wal and -shm) and a new one started;
// openMessage() then says so for the user. Each store has its own Qt SQL connection and must
// be used from the thread that created it.
class HistoryStore : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 DefaultBodyLimit = 1024 * 1024;
    static constexpr int DefaultMaxEntries = 5000;

    explicit HistoryStore(const QString &dataDir, QObject *parent = nullptr);
    ~HistoryStore() override;

    static QString fileName() { return QStringLiteral("history.sqlite"); }
    QString filePath() const { return m_path; }
    // False when no database could be opened; openMessage() says why.
    bool isOpen() const { return m_open; }
    // What the user should know about opening (a corrupt file moved aside, history off);
    // empty when all went well.
    QString openMessage() const { return m_openMessage; }

    qint64 bodyLimit() const { return m_bodyLimit; }
    void setBodyLimit(qint64 bytes) { m_bodyLimit = qMax<qint64>(0, bytes); }
    int maxEntries() const { return m_maxEntries; }
    void setMaxEntries(int count) { m_maxEntries = qMax(1, count); }
    // The user's choices, "history/bodyLimitBytes" and "history/maxEntries"; a value that is
    // not a positive number leaves the default.
    void readLimits(const QSettings &settings);
    // The user's choice "history/redactSecrets" (on unless set to false): whether the window
    // masks secrets in what it writes, the history and HAR exports (run has --no-redact).
    static bool redactsSecrets(const QSettings &settings);

    // Stores a finished exchange with its secrets masked by `secrets` (the built-in rules when
    // none is given; SecretRedactor::disabled() keeps every value); its id, or -1 with *error.
    qint64 record(const Exchange &exchange, const HistorySource &source, QString *error = nullptr);
    qint64 record(const Exchange &exchange, const HistorySource &source,
                  const SecretRedactor &secrets, QString *error = nullptr);
    // Newest first. `search` is words that must each be in the URL, method, status or name.
    QList<HistorySummary> recent(const QString &search = QString(), int limit = 100,
                                 int offset = 0) const;
    // The summary of one entry if it matches `search`.
    std::optional<HistorySummary> summary(qint64 id, const QString &search = QString()) const;
    std::optional<HistoryEntry> load(qint64 id) const;
    int count() const;
    // The id of the oldest entry; 0 when there is none.
    qint64 oldestId() const;
    bool remove(qint64 id);
    bool clear();
    // Keeps the newest `maxCount` entries; returns how many were removed.
    int prune(int maxCount);

    // The last error of a query, for messages and tests.
    QString lastError() const { return m_lastError; }

Q_SIGNALS:
    void added(qint64 id);
    void removed(qint64 id);
    // The oldest entries went (prune): every id below oldestId() is gone.
    void pruned();
    // Everything went (clear).
    void reset();

private:
    enum class OpenResult { Opened, Damaged, Failed };
    OpenResult probe(QString *error);
    OpenResult openDatabase(QString *error);
    void closeDatabase();
    QString moveAside();
    QList<HistorySummary> select(const QString &search, qint64 onlyId, int limit, int offset) const;
    int pruneInTransaction(int maxCount);

    QString m_connection;
    QString m_path;
    bool m_open = false;
    QString m_openMessage;
    mutable QString m_lastError;
    qint64 m_bodyLimit = DefaultBodyLimit;
    int m_maxEntries = DefaultMaxEntries;
};

} // namespace mr
