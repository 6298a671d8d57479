#include "trustedworkspaces.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace mr {

namespace {
const QString Array = QStringLiteral("trust/workspaces");
}

TrustedWorkspaces::TrustedWorkspaces(QSettings *settings)
    : m_settings(settings)
{}

void TrustedWorkspaces::setSettings(QSettings *settings)
{
    m_settings = settings;
}

QString TrustedWorkspaces::key(const QString &folder)
{
    const QString canonical = QFileInfo(folder).canonicalFilePath();
    return canonical.isEmpty() ? QDir::cleanPath(QFileInfo(folder).absoluteFilePath()) : canonical;
}

QList<TrustedWorkspaces::Entry> TrustedWorkspaces::read() const
{
    if (!m_settings)
        return m_entries;
    QList<Entry> entries;
    const int size = m_settings->beginReadArray(Array);
    for (int i = 0; i < size; ++i) {
        m_settings->setArrayIndex(i);
        Entry entry;
        entry.folder = m_settings->value(QStringLiteral("folder")).toString();
        entry.digest = m_settings->value(QStringLiteral("digest")).toString().toLatin1();
        entry.trusted = m_settings->value(QStringLiteral("trusted")).toBool();
        if (!entry.folder.isEmpty())
            entries.append(entry);
    }
    m_settings->endArray();
    return entries;
}

TrustedWorkspaces::Answer TrustedWorkspaces::answer(const QString &folder,
                                                    const QByteArray &digest) const
{
    const QString path = key(folder);
    for (const Entry &entry : read()) {
        if (entry.folder != path)
            continue;
        if (!entry.trusted)
            return Answer::NotTrusted;
        return entry.digest == digest ? Answer::Trusted : Answer::None;
    }
    return Answer::None;
}

void TrustedWorkspaces::remember(const QString &folder, const QByteArray &digest, bool trusted)
{
    QList<Entry> entries = read();
    const QString path = key(folder);
    entries.removeIf([&path](const Entry &entry) { return entry.folder == path; });
    entries.append({path, digest, trusted});
    if (!m_settings) {
        m_entries = entries;
        return;
    }
    m_settings->remove(Array);
    m_settings->beginWriteArray(Array, int(entries.size()));
    for (int i = 0; i < entries.size(); ++i) {
        m_settings->setArrayIndex(i);
        m_settings->setValue(QStringLiteral("folder"), entries[i].folder);
        m_settings->setValue(QStringLiteral("digest"), QString::fromLatin1(entries[i].digest));
        m_settings->setValue(QStringLiteral("trusted"), entries[i].trusted);
    }
    m_settings->endArray();
    m_settings->sync();
}

} // namespace mr
