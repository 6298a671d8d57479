#pragma once

#include "base/diagnostic.h"
#include "environmenttls.h"

#include <QHash>
#include <QJsonValue>
#include <QMap>
#include <QSet>
#include <QString>
#include <QStringList>

namespace mr {

// The environments of a workspace: http-client.env.json and, layered over it, the secrets
// in http-client.private.env.json. "$shared" holds variables every environment gets. An
// environment's "SSLConfiguration" is no variable: it is read as its EnvironmentTls.
class EnvironmentSet
{
public:
    static constexpr const char *PublicFileName = "http-client.env.json";
    static constexpr const char *PrivateFileName = "http-client.private.env.json";
    static constexpr const char *SharedName = "$shared";

    // Reads both files from a folder; missing files are not an error.
    static EnvironmentSet load(const QString &folder);
    // Only the named files from the folder (to tell public values from secrets, say).
    static EnvironmentSet load(const QString &folder, const QList<const char *> &fileNames);
    // Parses one file's text into *set (later calls override earlier values).
    void addFile(const QString &path, const QByteArray &json);

    QStringList names() const; // sorted, without $shared
    bool contains(const QString &name) const { return m_environments.contains(name); }
    QHash<QString, QString> variables(const QString &name) const;
    // The SSLConfiguration an environment gets ("$shared"'s, overridden by its own).
    EnvironmentTls tls(const QString &name) const;
    // Every environment's own SSLConfiguration ("$shared" included), by environment name.
    const QMap<QString, EnvironmentTls> &tlsByEnvironment() const { return m_tls; }
    // The secret ones: those the private file gives this environment and $shared.
    QHash<QString, QString> secretVariables(const QString &name) const;
    const QList<Diagnostic> &diagnostics() const { return m_diagnostics; }

private:
    EnvironmentTls readTls(const QString &path, const QString &text, const QString &environment,
                           const QJsonValue &value);

    QMap<QString, QHash<QString, QString>> m_environments;
    QMap<QString, EnvironmentTls> m_tls;
    QMap<QString, QSet<QString>> m_secretNames; // by environment: set by the private file
    QList<Diagnostic> m_diagnostics;
};

} // namespace mr
