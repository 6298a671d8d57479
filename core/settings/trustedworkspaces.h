#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

class QSettings;

namespace mr {

// The user's answers to "trust this workspace?", kept with QSettings (array "trust/
// workspaces": the folder's canonical path, the answer, and the digest of what the files
// held — WorkspaceTrust::digest()). A trust holds for that content only: a pull that sets
// another proxy asks again. "Don't trust" holds for the folder whatever it holds later (the
// window offers to review it). Without QSettings, answers last as long as this object.
class TrustedWorkspaces
{
public:
    enum class Answer { None, Trusted, NotTrusted };

    explicit TrustedWorkspaces(QSettings *settings = nullptr);
    void setSettings(QSettings *settings);

    Answer answer(const QString &folder, const QByteArray &digest) const;
    void remember(const QString &folder, const QByteArray &digest, bool trusted);

    // The key a folder is remembered by: its canonical path (symbolic links resolved).
    static QString key(const QString &folder);

private:
    struct Entry {
        QString folder;
        QByteArray digest;
        bool trusted = false;
    };
    QList<Entry> read() const;

    QSettings *m_settings = nullptr;
    QList<Entry> m_entries; // without settings
};

} // namespace mr
