#include "historystore.h"

#include "exchangecodec.h"
#include "historyschema.h"
#include "workspace/owneronly.h"
#include "workspace/secretredactor.h"

#include <QAtomicInt>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSettings>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace mr {

namespace {

QAtomicInt connectionCounter;

// SQLite's result codes for "this is not a database" and "the database is damaged".
constexpr int SqliteCorrupt = 11;
constexpr int SqliteNotADatabase = 26;

// SQLite's own words ("file is not a database"), without Qt's "Unable to execute statement".
QString describe(const QSqlError &error)
{
    return error.databaseText().isEmpty() ? error.text() : error.databaseText();
}

bool isDamage(const QSqlError &error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok) & 0xff; // extended codes keep it low
    if (ok && (code == SqliteCorrupt || code == SqliteNotADatabase))
        return true;
    const QString text = error.text();
    return text.contains(QLatin1String("not a database")) ||
           text.contains(QLatin1String("malformed"));
}

// The body as far as the limit: from memory, or from the file a large body went to.
QByteArray cappedBody(const QByteArray &inMemory, const QString &file, qint64 limit)
{
    if (file.isEmpty())
        return inMemory.left(limit);
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly))
        return {};
    return in.read(limit);
}

QString likePattern(const QString &word)
{
    QString escaped = word;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    escaped.replace(QLatin1Char('%'), QLatin1String("\\%"));
    escaped.replace(QLatin1Char('_'), QLatin1String("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

const char summaryColumns[] = "id, recorded_at, method, url, request_name, source_file, "
                              "environment, status, error, duration_ms, connection_id, "
                              "connection_serial, reused";

HistorySummary summaryFrom(const QSqlQuery &query)
{
    HistorySummary s;
    s.id = query.value(0).toLongLong();
    s.recordedAt = QDateTime::fromMSecsSinceEpoch(query.value(1).toLongLong());
    s.method = query.value(2).toString();
    s.url = query.value(3).toString();
    s.requestName = query.value(4).toString();
    s.filePath = query.value(5).toString();
    s.environment = query.value(6).toString();
    s.status = query.value(7).toInt();
    s.error = query.value(8).toString();
    s.durationMs = query.value(9).toDouble();
    s.connectionId = query.value(10).toString();
    s.connectionSerial = query.value(11).toInt();
    s.reused = query.value(12).toBool();
    return s;
}

} // namespace

HistoryStore::HistoryStore(const QString &dataDir, QObject *parent)
    : QObject(parent)
    , m_connection(QStringLiteral("mr-history-%1").arg(connectionCounter.fetchAndAddRelaxed(1)))
    , m_path(QDir(dataDir).filePath(fileName()))
{
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE"))) {
        m_openMessage = tr("History is off: Qt's SQLite driver is not installed (on Debian: "
                           "apt install libqt6sql6-sqlite).");
        return;
    }
    if (!OwnerOnly::makeFolder(dataDir)) {
        m_openMessage = tr("History is off: the folder %1 could not be created.")
                            .arg(QDir::toNativeSeparators(dataDir));
        return;
    }
    QString error;
    switch (openDatabase(&error)) {
    case OpenResult::Opened: m_open = true; return;
    case OpenResult::Failed:
        m_openMessage = tr("History is off: %1: %2").arg(QDir::toNativeSeparators(m_path), error);
        return;
    case OpenResult::Damaged: break;
    }
    // Not a database, or a damaged one: keep it for the curious, start afresh.
    closeDatabase();
    const QString movedTo = moveAside();
    if (movedTo.isEmpty()) {
        m_openMessage = tr("History is off: %1 is damaged (%2) and could not be moved aside; "
                           "move or delete it, then restart.")
                            .arg(QDir::toNativeSeparators(m_path), error);
        return;
    }
    QString freshError;
    if (openDatabase(&freshError) != OpenResult::Opened) {
        closeDatabase();
        m_openMessage =
            tr("History is off: %1: %2").arg(QDir::toNativeSeparators(m_path), freshError);
        return;
    }
    m_open = true;
    m_openMessage =
        tr("The history file %1 could not be read (%2); it was moved aside to %3 "
           "and a new history was started.")
            .arg(QDir::toNativeSeparators(m_path), error, QFileInfo(movedTo).fileName());
}

void HistoryStore::readLimits(const QSettings &settings)
{
    bool ok = false;
    const qint64 bodyLimit =
        settings.value(QStringLiteral("history/bodyLimitBytes")).toLongLong(&ok);
    setBodyLimit(ok && bodyLimit > 0 ? bodyLimit : DefaultBodyLimit);
    const int maxEntries = settings.value(QStringLiteral("history/maxEntries")).toInt(&ok);
    setMaxEntries(ok && maxEntries > 0 ? maxEntries : DefaultMaxEntries);
}

bool HistoryStore::redactsSecrets(const QSettings &settings)
{
    return settings.value(QStringLiteral("history/redactSecrets"), true).toBool();
}

HistoryStore::~HistoryStore()
{
    closeDatabase();
}

HistoryStore::OpenResult HistoryStore::probe(QString *error)
{
    // Read-only first: SQLite writes nothing, so a damaged file and its -wal stay as they are
    // (a writable connection deletes a -wal it cannot use when it closes).
    const QString name = m_connection + QStringLiteral("-probe");
    OpenResult result = OpenResult::Opened;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(m_path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=3000"));
        if (!db.open()) {
            *error = describe(db.lastError());
            result = isDamage(db.lastError()) ? OpenResult::Damaged : OpenResult::Failed;
        } else {
            QSqlQuery query(db);
            // Reading the schema is what finds out that a file is not a database.
            if (!query.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) ||
                !query.exec(QStringLiteral("PRAGMA user_version")) || !query.next()) {
                *error = describe(query.lastError());
                result = isDamage(query.lastError()) ? OpenResult::Damaged : OpenResult::Failed;
            } else if (const int version = query.value(0).toInt();
                       version > HistorySchema::CurrentVersion) {
                *error = tr("it was written by a newer Microrequests (history version %1; this "
                            "one knows %2) and is left as it is")
                             .arg(version)
                             .arg(HistorySchema::CurrentVersion);
                result = OpenResult::Failed;
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

HistoryStore::OpenResult HistoryStore::openDatabase(QString *error)
{
    if (QFileInfo::exists(m_path)) {
        const OpenResult probed = probe(error);
        if (probed != OpenResult::Opened)
            return probed;
    } else {
        // Made here, the user's only, before SQLite writes a byte: SQLite gives its -wal and
        // -shm files the database's permissions.
        QFile(m_path).open(QIODevice::WriteOnly | QIODevice::NewOnly, OwnerOnly::FilePermissions);
    }
    for (const char *suffix : {"", "-wal", "-shm"}) // as an older version may have left them
        OwnerOnly::tighten(m_path + QLatin1String(suffix));
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(m_path);
    // Another window or process writing at the same moment: wait for it rather than fail.
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=3000"));
    if (!db.open()) {
        *error = describe(db.lastError());
        return isDamage(db.lastError()) ? OpenResult::Damaged : OpenResult::Failed;
    }
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA journal_mode = WAL")) ||
        !query.exec(QStringLiteral("PRAGMA synchronous = NORMAL")) ||
        !query.exec(QStringLiteral("PRAGMA user_version")) || !query.next()) {
        *error = describe(query.lastError());
        return isDamage(query.lastError()) ? OpenResult::Damaged : OpenResult::Failed;
    }
    const int version = query.value(0).toInt();
    query.finish();
    if (!HistorySchema::upgrade(db, version, error)) {
        // Tables that are not ours, or damage found while writing: not a history file.
        return OpenResult::Damaged;
    }
    return OpenResult::Opened;
}

void HistoryStore::closeDatabase()
{
    if (!QSqlDatabase::contains(m_connection))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

QString HistoryStore::moveAside()
{
    const QString base = m_path + QStringLiteral(".corrupt-") +
                         QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-hhmmss"));
    QString target = base;
    for (int n = 2; QFileInfo::exists(target); ++n) // twice in one second
        target = base + QStringLiteral("-%1").arg(n);
    if (!QFile::rename(m_path, target))
        return {};
    for (const char *suffix : {"-wal", "-shm"}) {
        const QString companion = m_path + QLatin1String(suffix);
        if (QFileInfo::exists(companion) &&
            !QFile::rename(companion, target + QLatin1String(suffix)))
            QFile::remove(companion); // a stale journal must not be applied to the new file
    }
    return target;
}

qint64 HistoryStore::record(const Exchange &exchange, const HistorySource &source, QString *error)
{
    return record(exchange, source, SecretRedactor(), error);
}

qint64 HistoryStore::record(const Exchange &sent, const HistorySource &source,
                            const SecretRedactor &secrets, QString *error)
{
    const auto fail = [this, error](const QString &message) {
        m_lastError = message;
        if (error)
            *error = message;
        return qint64(-1);
    };
    if (!m_open)
        return fail(m_openMessage);
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    // Bodies are cut after masking, a secret's length past the limit: one across the cut is
    // still seen whole. Sizes and "cut short" are the exchange's own.
    const SecretRedactor all = secrets.withSecretsOf(sent);
    const qint64 margin = all.isEnabled() ? all.longestValue() : 0;
    Exchange exchange = sent;
    exchange.request.body = sent.request.body.left(m_bodyLimit + margin);
    exchange.responseBody =
        cappedBody(sent.responseBody, sent.responseBodyFile, m_bodyLimit + margin);
    exchange.responseBodyFile.clear();
    const qint64 requestSize = sent.request.body.size();
    const qint64 responseSize = qMax<qint64>(sent.responseBodySize, sent.responseBody.size());
    const bool responseCut = qMin(exchange.responseBody.size(), m_bodyLimit) < responseSize;
    exchange = all.redacted(exchange);
    const QByteArray requestBody = exchange.request.body.left(m_bodyLimit);
    const QByteArray responseBody = exchange.responseBody.left(m_bodyLimit);
    const QString definition = all.redactedTemplate(source.definition);
    const Attempt *last = exchange.finalAttempt();

    if (!db.transaction())
        return fail(describe(db.lastError()));
    qint64 id = -1;
    {
        QSqlQuery insert(db);
        insert.prepare(QStringLiteral(
            "INSERT INTO exchanges (recorded_at, started_at, duration_ms, path, method, url, "
            "request_headers, request_body, request_body_size, request_body_truncated, status, "
            "reason, http_version, response_headers, trailers, response_body, "
            "response_body_size, response_body_truncated, attempts, connection_id, "
            "connection_serial, reused, error, hint, source_file, request_name, environment, "
            "definition) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "?, ?, ?, ?, ?, ?, ?)"));
        insert.addBindValue(QDateTime::currentMSecsSinceEpoch());
        insert.addBindValue(exchange.startedAt.isValid()
                                ? QVariant(exchange.startedAt.toMSecsSinceEpoch())
                                : QVariant());
        insert.addBindValue(exchange.durationMs);
        insert.addBindValue(int(exchange.path));
        insert.addBindValue(QString::fromLatin1(exchange.request.method));
        insert.addBindValue(QString::fromUtf8(exchange.request.url.toEncoded()));
        insert.addBindValue(ExchangeCodec::headersToJson(exchange.request.headers));
        insert.addBindValue(requestBody);
        insert.addBindValue(requestSize);
        insert.addBindValue(requestSize > m_bodyLimit);
        insert.addBindValue(exchange.status);
        insert.addBindValue(QString::fromLatin1(exchange.reasonPhrase));
        insert.addBindValue(QString::fromLatin1(exchange.httpVersion));
        insert.addBindValue(ExchangeCodec::headersToJson(exchange.responseHeaders));
        insert.addBindValue(ExchangeCodec::headersToJson(exchange.trailers));
        insert.addBindValue(responseBody);
        insert.addBindValue(responseSize);
        insert.addBindValue(responseCut);
        insert.addBindValue(ExchangeCodec::attemptsToJson(exchange.attempts));
        insert.addBindValue(last ? last->connectionId : QString());
        insert.addBindValue(last ? last->connectionSerial : 0);
        insert.addBindValue(last && last->reused);
        insert.addBindValue(exchange.error);
        insert.addBindValue(exchange.hint);
        insert.addBindValue(source.filePath);
        insert.addBindValue(source.requestName);
        insert.addBindValue(source.environment);
        insert.addBindValue(definition);
        if (!insert.exec()) {
            const QString message = describe(insert.lastError());
            insert.finish();
            db.rollback();
            return fail(message);
        }
        id = insert.lastInsertId().toLongLong();
    }
    const int prunedCount = pruneInTransaction(m_maxEntries);
    if (prunedCount < 0 || !db.commit()) {
        const QString message = prunedCount < 0 ? m_lastError : describe(db.lastError());
        db.rollback();
        return fail(message);
    }
    Q_EMIT added(id);
    if (prunedCount > 0)
        Q_EMIT pruned();
    return id;
}

int HistoryStore::pruneInTransaction(int maxCount)
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    // The ids only grow: everything at or below the (maxCount+1)-th newest goes.
    query.prepare(QStringLiteral("DELETE FROM exchanges WHERE id <= (SELECT id FROM exchanges "
                                 "ORDER BY id DESC LIMIT 1 OFFSET ?)"));
    query.addBindValue(qMax(0, maxCount));
    if (!query.exec()) {
        m_lastError = describe(query.lastError());
        return -1;
    }
    return query.numRowsAffected();
}

int HistoryStore::prune(int maxCount)
{
    if (!m_open)
        return 0;
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (!db.transaction()) {
        m_lastError = describe(db.lastError());
        return 0;
    }
    const int removedCount = pruneInTransaction(maxCount);
    if (removedCount < 0 || !db.commit()) {
        db.rollback();
        return 0;
    }
    if (removedCount > 0)
        Q_EMIT pruned();
    return removedCount;
}

QList<HistorySummary> HistoryStore::select(const QString &search, qint64 onlyId, int limit,
                                           int offset) const
{
    QList<HistorySummary> result;
    if (!m_open)
        return result;
    QStringList conditions;
    QVariantList values;
    if (onlyId > 0) {
        conditions.append(QStringLiteral("id = ?"));
        values.append(onlyId);
    }
    const QStringList words =
        search.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
    for (const QString &word : words) {
        // LIKE ignores case for ASCII, as a search box should.
        conditions.append(QStringLiteral(
            "(url LIKE ? ESCAPE '\\' OR method LIKE ? ESCAPE '\\' OR request_name LIKE ? ESCAPE "
            "'\\' OR CAST(status AS TEXT) LIKE ? ESCAPE '\\')"));
        const QString pattern = likePattern(word);
        for (int i = 0; i < 3; ++i)
            values.append(pattern);
        values.append(pattern.mid(1)); // a status starts with what was typed: "4" is 4xx
    }
    QString sql = QStringLiteral("SELECT %1 FROM exchanges").arg(QLatin1String(summaryColumns));
    if (!conditions.isEmpty())
        sql += QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY id DESC LIMIT ? OFFSET ?");
    values.append(limit);
    values.append(offset);

    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.setForwardOnly(true);
    query.prepare(sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec()) {
        m_lastError = describe(query.lastError());
        return result;
    }
    while (query.next())
        result.append(summaryFrom(query));
    return result;
}

QList<HistorySummary> HistoryStore::recent(const QString &search, int limit, int offset) const
{
    return select(search, 0, limit, offset);
}

std::optional<HistorySummary> HistoryStore::summary(qint64 id, const QString &search) const
{
    const QList<HistorySummary> found = select(search, id, 1, 0);
    if (found.isEmpty())
        return std::nullopt;
    return found.first();
}

std::optional<HistoryEntry> HistoryStore::load(qint64 id) const
{
    if (!m_open)
        return std::nullopt;
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.setForwardOnly(true);
    query.prepare(QStringLiteral(
        "SELECT recorded_at, started_at, duration_ms, path, method, url, request_headers, "
        "request_body, request_body_size, request_body_truncated, status, reason, "
        "http_version, response_headers, trailers, response_body, response_body_size, "
        "response_body_truncated, attempts, error, hint, source_file, request_name, "
        "environment, definition FROM exchanges WHERE id = ?"));
    query.addBindValue(id);
    if (!query.exec()) {
        m_lastError = describe(query.lastError());
        return std::nullopt;
    }
    if (!query.next())
        return std::nullopt;
    HistoryEntry entry;
    entry.id = id;
    entry.recordedAt = QDateTime::fromMSecsSinceEpoch(query.value(0).toLongLong());
    Exchange &x = entry.exchange;
    if (!query.value(1).isNull())
        x.startedAt = QDateTime::fromMSecsSinceEpoch(query.value(1).toLongLong());
    x.durationMs = query.value(2).toDouble();
    const int path = query.value(3).toInt();
    x.path = path == int(Exchange::Path::QtHttp2)   ? Exchange::Path::QtHttp2
             : path == int(Exchange::Path::QtOther) ? Exchange::Path::QtOther
                                                    : Exchange::Path::Pool;
    x.request.method = query.value(4).toString().toLatin1();
    x.request.url = QUrl::fromEncoded(query.value(5).toString().toUtf8());
    x.request.headers = ExchangeCodec::headersFromJson(query.value(6).toByteArray());
    x.request.body = query.value(7).toByteArray();
    entry.requestBodySize = query.value(8).toLongLong();
    entry.requestBodyTruncated = query.value(9).toBool();
    x.status = query.value(10).toInt();
    x.reasonPhrase = query.value(11).toString().toLatin1();
    x.httpVersion = query.value(12).toString().toLatin1();
    x.responseHeaders = ExchangeCodec::headersFromJson(query.value(13).toByteArray());
    x.trailers = ExchangeCodec::headersFromJson(query.value(14).toByteArray());
    x.responseBody = query.value(15).toByteArray();
    x.responseBodySize = query.value(16).toLongLong();
    entry.responseBodyTruncated = query.value(17).toBool();
    x.attempts = ExchangeCodec::attemptsFromJson(query.value(18).toByteArray());
    x.error = query.value(19).toString();
    x.hint = query.value(20).toString();
    entry.source.filePath = query.value(21).toString();
    entry.source.requestName = query.value(22).toString();
    entry.source.environment = query.value(23).toString();
    entry.source.definition = query.value(24).toString();
    return entry;
}

int HistoryStore::count() const
{
    if (!m_open)
        return 0;
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    if (!query.exec(QStringLiteral("SELECT count(*) FROM exchanges")) || !query.next()) {
        m_lastError = describe(query.lastError());
        return 0;
    }
    return query.value(0).toInt();
}

qint64 HistoryStore::oldestId() const
{
    if (!m_open)
        return 0;
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    if (!query.exec(QStringLiteral("SELECT min(id) FROM exchanges")) || !query.next()) {
        m_lastError = describe(query.lastError());
        return 0;
    }
    return query.value(0).toLongLong();
}

bool HistoryStore::remove(qint64 id)
{
    if (!m_open)
        return false;
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral("DELETE FROM exchanges WHERE id = ?"));
    query.addBindValue(id);
    if (!query.exec()) {
        m_lastError = describe(query.lastError());
        return false;
    }
    if (query.numRowsAffected() < 1)
        return false;
    Q_EMIT removed(id);
    return true;
}

bool HistoryStore::clear()
{
    if (!m_open)
        return false;
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    if (!query.exec(QStringLiteral("DELETE FROM exchanges"))) {
        m_lastError = describe(query.lastError());
        return false;
    }
    query.finish();
    // Give the space back: a cleared history should not keep its bodies on disk.
    query.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    query.finish();
    query.exec(QStringLiteral("VACUUM"));
    Q_EMIT reset();
    return true;
}

} // namespace mr
