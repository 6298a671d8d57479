#pragma once

#include "base/diagnostic.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace mr {

// Edits a workspace's environments the way the environment editor shows them: per
// environment (and "$shared"), rows of name, value and a secret flag. Public values live in
// http-client.env.json, secrets in http-client.private.env.json (EnvironmentSet's files, in
// the workspace root); a variable found in the private file is secret.
//
// Saving writes only a file whose content changed, atomically (QSaveFile), the private file
// first, so that a variable moved between the files is in one of them at every moment.
// Environments, variables and other top-level entries keep the files' order (new ones go
// last); values that were not edited keep their JSON type (a number stays a number); an
// edited value is written as a string. A public value that a secret overrides (a
// placeholder) is kept while the variable stays secret. Files are written with 2-space
// indentation and the line endings they had. Save refuses when a file does not parse (its
// diagnostic says file:line:column) or changed on disk since it was read. Writing the private
// file also makes sure .gitignore lists it (GitIgnore::protectSecrets).
class EnvironmentEditor
{
public:
    struct Variable {
        QString name;
        QString value; // non-string JSON values as text, as EnvironmentSet gives them
        bool secret = false;

        friend bool operator==(const Variable &a, const Variable &b)
        {
            return a.name == b.name && a.value == b.value && a.secret == b.secret;
        }
    };

    static EnvironmentEditor load(const QString &folder);

    QString folder() const { return m_folder; }
    // Problems found in the files (EnvironmentSet's, as file:line:column).
    const QList<Diagnostic> &diagnostics() const { return m_diagnostics; }
    // False when a file does not parse (or cannot be read): save() refuses.
    bool canSave() const;

    QStringList environments() const; // in file order, public file first
    bool contains(const QString &environment) const;
    QList<Variable> variables(const QString &environment) const;
    // Replaces an environment's rows; false with *error for an empty or repeated name.
    bool setVariables(const QString &environment, const QList<Variable> &variables, QString *error);
    bool addEnvironment(const QString &name, QString *error);
    bool renameEnvironment(const QString &from, const QString &to, QString *error);
    bool removeEnvironment(const QString &name, QString *error);

    bool isModified() const;
    // Writes what changed; false with *error (nothing written) when it may not.
    bool save(QString *error);

private:
    struct Entry { // a file's top-level entry: an environment or something else, kept
        QString key;
        QJsonValue value;
        QStringList order; // an environment's variables in file order
    };
    struct File {
        QString path;
        bool exists = false;
        bool broken = false; // does not parse: never written
        QByteArray loaded;
        QByteArray lineEnding = "\n";
        QList<Entry> entries;
    };
    struct Environment {
        QString name;
        QString original; // its name in the files; empty for a new one
        QList<Variable> variables;
    };

    void readFile(File *file);
    QList<Entry> entriesFor(const File &file, bool secrets) const;
    static QByteArray render(const QList<Entry> &entries, const QByteArray &lineEnding);
    const Entry *entry(const File &file, const QString &key) const;
    int indexOf(const QString &environment) const;

    QString m_folder;
    File m_public;
    File m_private;
    QList<Environment> m_environments;
    QList<Environment> m_loaded; // as read, for isModified()
    QList<Diagnostic> m_diagnostics;
};

} // namespace mr
