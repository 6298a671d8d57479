#include "draftstore.h"

#include "owneronly.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace mr {

namespace {

constexpr int FormatVersion = 1;

QJsonObject requestToJson(const RequestDefinition &request)
{
    QJsonArray headers;
    for (const RequestDefinition::Header &header : request.headers)
        headers.append(QJsonObject{{QStringLiteral("name"), header.name},
                                   {QStringLiteral("value"), header.value},
                                   {QStringLiteral("line"), header.line}});
    QJsonArray directives;
    for (const RequestDefinition::Directive &directive : request.directives)
        directives.append(QJsonObject{{QStringLiteral("name"), directive.name},
                                      {QStringLiteral("value"), directive.value},
                                      {QStringLiteral("line"), directive.line}});
    return QJsonObject{
        {QStringLiteral("name"), request.name},
        {QStringLiteral("nameSource"), int(request.nameSource)},
        {QStringLiteral("method"), request.method},
        {QStringLiteral("url"), request.url},
        {QStringLiteral("httpVersion"), request.httpVersion},
        {QStringLiteral("headers"), headers},
        {QStringLiteral("body"), request.body},
        {QStringLiteral("directives"), directives},
        {QStringLiteral("comments"), QJsonArray::fromStringList(request.comments)},
        {QStringLiteral("responseHandlers"), request.responseHandlers},
        {QStringLiteral("block"), request.block},
        {QStringLiteral("firstLine"), request.firstLine},
        {QStringLiteral("requestLine"), request.requestLine},
        {QStringLiteral("lastLine"), request.lastLine},
    };
}

bool requestFromJson(const QJsonValue &value, RequestDefinition *request, QString *error)
{
    if (!value.isObject()) {
        *error = QStringLiteral("a request is not an object");
        return false;
    }
    const QJsonObject object = value.toObject();
    const QJsonValue method = object.value(QLatin1String("method"));
    const QJsonValue url = object.value(QLatin1String("url"));
    if (!method.isString() || !url.isString()) {
        *error = QStringLiteral("a request has no method or URL");
        return false;
    }
    RequestDefinition parsed;
    parsed.name = object.value(QLatin1String("name")).toString();
    const int source = object.value(QLatin1String("nameSource")).toInt();
    parsed.nameSource = source >= 0 && source <= int(RequestDefinition::NameSource::Directive)
                            ? RequestDefinition::NameSource(source)
                            : RequestDefinition::NameSource::None;
    parsed.method = method.toString();
    parsed.url = url.toString();
    parsed.httpVersion = object.value(QLatin1String("httpVersion")).toString();
    const QJsonArray headers = object.value(QLatin1String("headers")).toArray();
    for (const QJsonValue &header : headers) {
        const QJsonObject h = header.toObject();
        parsed.headers.append({h.value(QLatin1String("name")).toString(),
                               h.value(QLatin1String("value")).toString(),
                               h.value(QLatin1String("line")).toInt()});
    }
    parsed.body = object.value(QLatin1String("body")).toString();
    const QJsonArray directives = object.value(QLatin1String("directives")).toArray();
    for (const QJsonValue &directive : directives) {
        const QJsonObject d = directive.toObject();
        parsed.directives.append({d.value(QLatin1String("name")).toString(),
                                  d.value(QLatin1String("value")).toString(),
                                  d.value(QLatin1String("line")).toInt()});
    }
    const QJsonArray comments = object.value(QLatin1String("comments")).toArray();
    for (const QJsonValue &comment : comments)
        parsed.comments.append(comment.toString());
    parsed.responseHandlers = object.value(QLatin1String("responseHandlers")).toString();
    parsed.block = object.value(QLatin1String("block")).toInt(-1);
    parsed.firstLine = object.value(QLatin1String("firstLine")).toInt();
    parsed.requestLine = object.value(QLatin1String("requestLine")).toInt();
    parsed.lastLine = object.value(QLatin1String("lastLine")).toInt();
    *request = parsed;
    return true;
}

// 1-based line and column of a byte offset, for "file:line:column" messages.
QString position(const QByteArray &text, qsizetype offset)
{
    const QByteArray before = text.left(offset);
    const qsizetype line = before.count('\n') + 1;
    const qsizetype column = offset - (before.lastIndexOf('\n') + 1) + 1;
    return QStringLiteral("%1:%2").arg(line).arg(column);
}

} // namespace

bool operator==(const DraftStore::Draft &a, const DraftStore::Draft &b)
{
    const auto same = [](const RequestDefinition &x, const RequestDefinition &y) {
        return x.sameContent(y) && x.nameSource == y.nameSource && x.httpVersion == y.httpVersion &&
               x.comments == y.comments && x.responseHandlers == y.responseHandlers &&
               x.block == y.block && x.firstLine == y.firstLine && x.requestLine == y.requestLine &&
               x.lastLine == y.lastLine;
    };
    return a.filePath == b.filePath && a.requestIndex == b.requestIndex &&
           same(a.original, b.original) && same(a.edited, b.edited);
}

QString DraftStore::pathFor(const QString &dataFolder, const QString &workspaceRoot)
{
    const QString root = QDir::cleanPath(QFileInfo(workspaceRoot).absoluteFilePath());
    const QByteArray hash =
        QCryptographicHash::hash(root.toUtf8(), QCryptographicHash::Sha1).toHex().left(16);
    return QDir(dataFolder)
        .filePath(QStringLiteral("drafts/%1.json").arg(QString::fromLatin1(hash)));
}

bool DraftStore::exists() const
{
    return QFileInfo::exists(m_path);
}

QByteArray DraftStore::toJson(const QList<Draft> &drafts)
{
    QJsonArray list;
    for (const Draft &draft : drafts)
        list.append(QJsonObject{{QStringLiteral("file"), draft.filePath},
                                {QStringLiteral("index"), draft.requestIndex},
                                {QStringLiteral("original"), requestToJson(draft.original)},
                                {QStringLiteral("edited"), requestToJson(draft.edited)}});
    return QJsonDocument(QJsonObject{{QStringLiteral("version"), FormatVersion},
                                     {QStringLiteral("drafts"), list}})
        .toJson(QJsonDocument::Indented);
}

bool DraftStore::fromJson(const QByteArray &json, QList<Draft> *drafts, QString *error)
{
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = QStringLiteral("%1: %2").arg(position(json, parseError.offset),
                                              parseError.errorString());
        return false;
    }
    const QJsonObject root = document.object();
    if (!document.isObject() || !root.value(QLatin1String("drafts")).isArray()) {
        *error = QStringLiteral("1:1: not a drafts file (no \"drafts\" list)");
        return false;
    }
    if (root.value(QLatin1String("version")).toInt() > FormatVersion) {
        *error = QStringLiteral("1:1: written by a newer Microrequests (format %1)")
                     .arg(root.value(QLatin1String("version")).toInt());
        return false;
    }
    QList<Draft> parsed;
    const QJsonArray list = root.value(QLatin1String("drafts")).toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonObject object = list.at(i).toObject();
        Draft draft;
        draft.filePath = object.value(QLatin1String("file")).toString();
        draft.requestIndex = object.value(QLatin1String("index")).toInt(-1);
        QString problem;
        const bool ok =
            !draft.filePath.isEmpty() &&
            requestFromJson(object.value(QLatin1String("original")), &draft.original, &problem) &&
            requestFromJson(object.value(QLatin1String("edited")), &draft.edited, &problem);
        if (!ok) {
            if (problem.isEmpty())
                problem = QStringLiteral("it names no file");
            *error = QStringLiteral("1:1: draft %1: %2").arg(i + 1).arg(problem);
            return false;
        }
        parsed.append(draft);
    }
    *drafts = parsed;
    return true;
}

QList<DraftStore::Draft> DraftStore::load(QString *error) const
{
    QFile file(m_path);
    if (!file.exists())
        return {};
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot read the unsaved edits kept from last time: %2")
                     .arg(QDir::toNativeSeparators(m_path), file.errorString());
        return {};
    }
    const QByteArray json = file.readAll();
    file.close();
    QList<Draft> drafts;
    QString problem;
    if (fromJson(json, &drafts, &problem))
        return drafts;
    // Kept for whoever wants to look, out of the way of the next save.
    const QString aside = m_path + QStringLiteral(".damaged");
    QFile::remove(aside);
    const bool moved = QFile::rename(m_path, aside);
    *error = QStringLiteral("%1:%2; the unsaved edits kept from last time cannot be offered "
                            "back. %3")
                 .arg(QDir::toNativeSeparators(m_path), problem,
                      moved ? QStringLiteral("The file was moved to %1.")
                                  .arg(QDir::toNativeSeparators(aside))
                            : QStringLiteral("Remove the file to stop this message."));
    return {};
}

bool DraftStore::save(const QList<Draft> &drafts, QString *error) const
{
    if (drafts.isEmpty()) {
        if (!QFileInfo::exists(m_path) || QFile::remove(m_path))
            return true;
        *error = QStringLiteral("%1: cannot remove the unsaved edits file")
                     .arg(QDir::toNativeSeparators(m_path));
        return false;
    }
    // Unsaved edits hold whatever was typed, tokens included: the user's only.
    if (!OwnerOnly::makeFolder(QFileInfo(m_path).absolutePath())) {
        *error = QStringLiteral("%1: cannot create the folder for unsaved edits")
                     .arg(QDir::toNativeSeparators(QFileInfo(m_path).absolutePath()));
        return false;
    }
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(OwnerOnly::FilePermissions) ||
        file.write(toJson(drafts)) < 0 || !file.commit()) {
        *error = QStringLiteral("%1: cannot keep the unsaved edits: %2")
                     .arg(QDir::toNativeSeparators(m_path), file.errorString());
        return false;
    }
    return true;
}

} // namespace mr
