#include "workspacetrust.h"

#include "base/jsonpositions.h"
#include "workspace.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>

#include <algorithm>
#include <tuple>

namespace mr {

namespace {

bool changesTrust(const QString &key)
{
    return key.startsWith(QLatin1String("proxy.")) || key.startsWith(QLatin1String("tls."));
}

// The proxy as microrequests.json sets it, for people to read: never its password.
QString proxyText(const QVariantMap &values)
{
    const QString type =
        values.value(QStringLiteral("proxy.type"), QStringLiteral("system")).toString();
    const QString host = values.value(QStringLiteral("proxy.host")).toString();
    if (type == QLatin1String("none") || type == QLatin1String("system") || host.isEmpty())
        return type;
    const QString user = values.value(QStringLiteral("proxy.user")).toString();
    const int port = values.value(QStringLiteral("proxy.port")).toInt();
    return QStringLiteral("%1://%2%3%4")
        .arg(type, user.isEmpty() ? QString() : user + QLatin1Char('@'), host,
             port > 0 ? QStringLiteral(":%1").arg(port) : QString());
}

// Reads a file's text, for positions: empty when it is not there.
QString text(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

} // namespace

QString WorkspaceTrust::Change::what() const
{
    QString text;
    switch (kind) {
    case Kind::Proxy: text = QStringLiteral("proxy %1").arg(value); break;
    case Kind::CaFile: text = QStringLiteral("CA %1").arg(value); break;
    case Kind::ClientCertificate: text = QStringLiteral("client certificate %1").arg(value); break;
    case Kind::ClientKey: text = QStringLiteral("client key %1").arg(value); break;
    case Kind::TrustedCertificate:
        text = QStringLiteral("trusted certificate %1").arg(value);
        break;
    case Kind::VerificationOff: text = QStringLiteral("certificate verification off"); break;
    }
    if (!environment.isEmpty())
        text += QStringLiteral(" (environment %1)").arg(environment);
    return text;
}

QString WorkspaceTrust::Change::location() const
{
    return QStringLiteral("%1:%2:%3").arg(file).arg(line).arg(column);
}

WorkspaceTrust WorkspaceTrust::collect(const Workspace &workspace)
{
    WorkspaceTrust trust;
    const QDir root(workspace.root());
    const auto add = [&trust, &root](Change::Kind kind, const QString &value, const QString &file,
                                     const Diagnostic &where,
                                     const QString &environment = QString()) {
        Change change;
        change.kind = kind;
        change.value = value;
        if (kind == Change::Kind::CaFile || kind == Change::Kind::ClientCertificate ||
            kind == Change::Kind::ClientKey) {
            QFile content(root.filePath(value));
            if (content.open(QIODevice::ReadOnly))
                change.contentDigest =
                    QCryptographicHash::hash(content.readAll(), QCryptographicHash::Sha256).toHex();
        }
        change.environment = environment;
        change.file = file;
        change.line = where.line;
        change.column = where.column;
        trust.m_changes.append(change);
    };

    // microrequests.json, as WorkspaceSettings read it (what it reported is not applied).
    const QVariantMap &values = workspace.settings().values;
    const QString settingsFile = QLatin1String(WorkspaceSettings::FileName);
    const JsonPositions positions = JsonPositions::scan(text(root.filePath(settingsFile)));
    const auto at = [&](const QString &key) {
        QString pointer;
        for (const QString &part : key.split(QLatin1Char('.')))
            pointer = JsonPositions::child(pointer, part);
        return positions.located(settingsFile, pointer, {});
    };
    if (std::any_of(values.keyBegin(), values.keyEnd(),
                    [](const QString &key) { return key.startsWith(QLatin1String("proxy.")); }))
        add(Change::Kind::Proxy, proxyText(values), settingsFile, at(QStringLiteral("proxy")));
    const std::pair<const char *, Change::Kind> files[] = {
        {"tls.caFile", Change::Kind::CaFile},
        {"tls.clientCertificate", Change::Kind::ClientCertificate},
        {"tls.clientKey", Change::Kind::ClientKey}};
    for (const auto &[key, kind] : files) {
        const QString path = values.value(QLatin1String(key)).toString();
        if (!path.isEmpty())
            add(kind, QDir::cleanPath(root.relativeFilePath(path)), settingsFile,
                at(QLatin1String(key)));
    }
    for (const QVariant &item : values.value(QStringLiteral("tls.trusted")).toList()) {
        // "https://host:port <hex>"
        const QStringList parts = item.toString().split(QLatin1Char(' '));
        add(Change::Kind::TrustedCertificate,
            QStringLiteral("%1 on %2").arg(parts.value(1), parts.value(0)), settingsFile,
            positions.located(settingsFile,
                              JsonPositions::child(QStringLiteral("/tls/trusted"), parts.value(0)),
                              {}));
    }

    // Each environment's SSLConfiguration, in the order of the files and of the text.
    const auto tlsMap = workspace.environments().tlsByEnvironment();
    for (auto it = tlsMap.begin(); it != tlsMap.end(); ++it) {
        const EnvironmentTls &tls = it.value();
        for (auto where = tls.locations.begin(); where != tls.locations.end(); ++where) {
            const QString file = root.relativeFilePath(where->file);
            const QString key = where.key();
            if (key == QLatin1String(EnvironmentTls::ClientCertificate))
                add(Change::Kind::ClientCertificate,
                    QDir::cleanPath(root.relativeFilePath(tls.clientCertificate)), file, *where,
                    it.key());
            else if (key == QLatin1String(EnvironmentTls::ClientKey))
                add(Change::Kind::ClientKey, QDir::cleanPath(root.relativeFilePath(tls.clientKey)),
                    file, *where, it.key());
            else if (key == QLatin1String(EnvironmentTls::VerifyHostCertificate) &&
                     tls.verifyHostCertificate == false)
                add(Change::Kind::VerificationOff, QString(), file, *where, it.key());
        }
    }
    // microrequests.json first, then http-client.env.json, then the private file; each in
    // the order of its text.
    const auto rank = [](const QString &file) {
        if (file == QLatin1String(WorkspaceSettings::FileName))
            return 0;
        return file == QLatin1String(EnvironmentSet::PublicFileName) ? 1 : 2;
    };
    std::stable_sort(trust.m_changes.begin(), trust.m_changes.end(),
                     [&rank](const Change &a, const Change &b) {
                         return std::make_tuple(rank(a.file), a.file, a.line, a.column) <
                                std::make_tuple(rank(b.file), b.file, b.line, b.column);
                     });
    return trust;
}

WorkspaceTrust WorkspaceTrust::forEnvironment(const QString &environment) const
{
    WorkspaceTrust chosen;
    for (const Change &change : m_changes) {
        if (change.environment.isEmpty() || change.environment == environment ||
            change.environment == QLatin1String(EnvironmentSet::SharedName))
            chosen.m_changes.append(change);
    }
    return chosen;
}

WorkspaceTrust WorkspaceTrust::inFile(const QString &file) const
{
    WorkspaceTrust chosen;
    for (const Change &change : m_changes) {
        if (change.file == file)
            chosen.m_changes.append(change);
    }
    return chosen;
}

QByteArray WorkspaceTrust::digest() const
{
    QStringList lines;
    for (const Change &change : m_changes)
        lines.append(QStringLiteral("%1\t%2\t%3\t%4\t%5")
                         .arg(int(change.kind))
                         .arg(change.value, change.environment, change.file,
                              QString::fromLatin1(change.contentDigest)));
    lines.sort();
    return QCryptographicHash::hash(lines.join(QLatin1Char('\n')).toUtf8(),
                                    QCryptographicHash::Sha256)
        .toHex();
}

QString WorkspaceTrust::summary() const
{
    QStringList groups;
    QString file;
    QStringList items;
    for (const Change &change : m_changes) {
        if (change.file != file && !items.isEmpty()) {
            groups.append(
                QStringLiteral("from %1: %2").arg(file, items.join(QStringLiteral(", "))));
            items.clear();
        }
        file = change.file;
        items.append(change.what());
    }
    if (!items.isEmpty())
        groups.append(QStringLiteral("from %1: %2").arg(file, items.join(QStringLiteral(", "))));
    return groups.join(QStringLiteral("; "));
}

QVariantMap WorkspaceTrust::withoutTrustChanges(const QVariantMap &workspaceValues)
{
    QVariantMap kept;
    for (auto it = workspaceValues.begin(); it != workspaceValues.end(); ++it) {
        if (!changesTrust(it.key()))
            kept.insert(it.key(), it.value());
    }
    return kept;
}

} // namespace mr
