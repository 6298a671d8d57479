#pragma once

#include <QByteArray>
#include <QString>

namespace mr {

// The workspace's .gitignore, which must list the secrets file (http-client.private.env.json)
// so that a `git add .` never commits a password.
class GitIgnore
{
public:
    // Whether `ignoreFileText` lists `entry` (as "entry" or "/entry", CRLF tolerated).
    static bool lists(const QByteArray &ignoreFileText, const QByteArray &entry);
    // The text with `entry` appended on a line of its own (unchanged when already listed).
    static QByteArray withEntry(const QByteArray &ignoreFileText, const QByteArray &entry);
    // Adds the secrets file to `folder`/.gitignore when the folder has one and it is not
    // listed; *changed says whether the file was written (atomically). False with *error
    // when it could not be read or written.
    static bool protectSecrets(const QString &folder, bool *changed, QString *error);
};

} // namespace mr
