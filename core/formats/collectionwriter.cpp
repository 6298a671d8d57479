#include "collectionwriter.h"

#include "workspace/environmentset.h"
#include "workspace/gitignore.h"
#include "workspace/httpfileparser.h"
#include "workspace/httpfilewriter.h"
#include "workspace/owneronly.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace mr {

namespace {

bool sameRequest(const RequestDefinition &a, const RequestDefinition &b)
{
    return a.method == b.method && a.url == b.url && a.headers == b.headers && a.body == b.body;
}

QString uniquePath(const QString &folder, const QString &relative, const QStringList &taken)
{
    const QString base = relative.chopped(5); // without ".http"
    QString candidate = relative;
    for (int n = 2; taken.contains(candidate, Qt::CaseInsensitive) ||
                    QFileInfo::exists(QDir(folder).filePath(candidate));
         ++n)
        candidate = base + QLatin1Char(' ') + QString::number(n) + QStringLiteral(".http");
    return candidate;
}

bool saveBytes(const QString &path, const QByteArray &bytes, QString *error)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        *error = QStringLiteral("%1: cannot create the folder").arg(QFileInfo(path).absolutePath());
        return false;
    }
    QSaveFile file(path);
    // The secrets file is the user's only.
    const bool secrets =
        QFileInfo(path).fileName() == QLatin1String(EnvironmentSet::PrivateFileName);
    if (!file.open(QIODevice::WriteOnly) ||
        (secrets && !file.setPermissions(OwnerOnly::FilePermissions)) ||
        file.write(bytes) != bytes.size() || !file.commit()) {
        *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

// Existing values win; a clash is reported.
QByteArray mergedEnvironments(const QString &path,
                              const QMap<QString, CollectionDraft::Variables> &add,
                              QList<Diagnostic> *notes, QString *error)
{
    QJsonObject root;
    QFile existing(path);
    if (existing.exists()) {
        if (!existing.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("%1: %2").arg(path, existing.errorString());
            return {};
        }
        QJsonParseError parseError;
        const QByteArray text = existing.readAll();
        const QJsonDocument document = QJsonDocument::fromJson(text, &parseError);
        if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
            *error =
                Diagnostic::at(path, QString::fromUtf8(text), parseError.offset,
                               QStringLiteral("not a JSON object (%1); fix it before importing")
                                   .arg(parseError.errorString()))
                    .toString();
            return {};
        }
        root = document.object();
    }
    for (auto env = add.cbegin(); env != add.cend(); ++env) {
        QJsonObject variables = root.value(env.key()).toObject();
        for (const auto &[name, value] : env.value()) {
            if (variables.contains(name)) {
                if (variables.value(name).toString() != value) {
                    Diagnostic note;
                    note.file = path;
                    note.severity = Diagnostic::Severity::Warning;
                    note.message =
                        QStringLiteral("%1.%2: kept the existing value; the imported one differs")
                            .arg(env.key(), name);
                    notes->append(note);
                }
                continue;
            }
            variables.insert(name, value);
        }
        root.insert(env.key(), variables);
    }
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

} // namespace

QByteArray CollectionWriter::renderFile(const CollectionDraft::File &file)
{
    QByteArray out;
    for (const auto &[name, value] : file.variables)
        out += '@' + name.toUtf8() + " = " + value.toUtf8() + '\n';
    if (!file.variables.isEmpty())
        out += '\n';
    for (const RequestDefinition &request : file.requests)
        out += HttpFileWriter::renderBlock(request, QByteArray(), "\n");
    return out;
}

QMap<QString, QByteArray> CollectionWriter::render(const CollectionDraft &draft)
{
    QMap<QString, QByteArray> files;
    for (const CollectionDraft::File &file : draft.files) {
        QByteArray &bytes = files[file.path];
        if (!bytes.isEmpty()) // two drafts for one path: one file
            bytes += '\n';
        bytes += renderFile(file);
    }
    return files;
}

CollectionWriter::Result CollectionWriter::write(const CollectionDraft &draft,
                                                 const QString &folder)
{
    Result result;
    result.notes = draft.notes;
    if (draft.hasErrors()) {
        result.error = draft.errors.first().toString();
        return result;
    }
    // Render and check everything before the first byte reaches the disk.
    QMap<QString, QByteArray> files;
    QStringList taken;
    for (const CollectionDraft::File &file : draft.files) {
        const QString path = uniquePath(folder, file.path, taken);
        taken.append(path);
        if (path != file.path) {
            Diagnostic note;
            note.file = QDir(folder).filePath(file.path);
            note.severity = Diagnostic::Severity::Warning;
            note.message = QStringLiteral("exists already; written as %1").arg(path);
            result.notes.append(note);
        }
        const QByteArray bytes = renderFile(file);
        const HttpFile back = HttpFileParser::parse(bytes, QDir(folder).filePath(path));
        for (qsizetype i = 0; i < file.requests.size(); ++i) {
            if (i < back.requests.size() && sameRequest(file.requests[i], back.requests[i]))
                continue;
            Diagnostic note;
            note.file = back.path;
            note.severity = Diagnostic::Severity::Warning;
            note.message = QStringLiteral("request \"%1\" does not read back as imported; check it")
                               .arg(file.requests[i].displayName());
            result.notes.append(note);
        }
        files.insert(path, bytes);
    }
    QMap<QString, CollectionDraft::Variables> shared, secret;
    for (auto it = draft.environments.cbegin(); it != draft.environments.cend(); ++it)
        shared.insert(it.key(), it.value());
    QMap<QString, QByteArray> environmentFiles;
    const QDir dir(folder);
    if (!shared.isEmpty()) {
        const QString path = dir.filePath(QLatin1String(EnvironmentSet::PublicFileName));
        const QByteArray bytes = mergedEnvironments(path, shared, &result.notes, &result.error);
        if (!result.error.isEmpty())
            return result;
        environmentFiles.insert(QLatin1String(EnvironmentSet::PublicFileName), bytes);
    }
    if (!draft.privateEnvironments.isEmpty()) {
        const QString path = dir.filePath(QLatin1String(EnvironmentSet::PrivateFileName));
        const QByteArray bytes =
            mergedEnvironments(path, draft.privateEnvironments, &result.notes, &result.error);
        if (!result.error.isEmpty())
            return result;
        environmentFiles.insert(QLatin1String(EnvironmentSet::PrivateFileName), bytes);
        // Secrets stay out of git.
        QFile ignore(dir.filePath(QStringLiteral(".gitignore")));
        const QByteArray ignored =
            ignore.open(QIODevice::ReadOnly) ? ignore.readAll() : QByteArray();
        if (!GitIgnore::lists(ignored, EnvironmentSet::PrivateFileName))
            environmentFiles.insert(QStringLiteral(".gitignore"),
                                    GitIgnore::withEntry(ignored, EnvironmentSet::PrivateFileName));
    }

    // Write; on failure remove the new files so nothing is half-written. (Merged environment
    // files are written last: each is replaced atomically.)
    QStringList created;
    const auto writeAll = [&](const QMap<QString, QByteArray> &contents, bool isNew) {
        for (auto it = contents.cbegin(); it != contents.cend(); ++it) {
            if (!saveBytes(dir.filePath(it.key()), it.value(), &result.error)) {
                for (const QString &path : std::as_const(created))
                    QFile::remove(dir.filePath(path));
                return false;
            }
            if (isNew)
                created.append(it.key());
        }
        return true;
    };
    if (!writeAll(files, true) || !writeAll(environmentFiles, false))
        return result;
    result.written = created;
    result.ok = true;
    return result;
}

} // namespace mr
