// core/workspace: drafts. The unsaved edits of a workspace's open requests, kept in one JSON
// file outside the workspace so they survive a crash or a kill and can be offered back.
#pragma once

#include "requestdefinition.h"

#include <QList>
#include <QString>

namespace mr {

// One workspace's drafts file. The caller writes the whole set of edited requests each time
// (a short while after an edit); an empty set removes the file. Writes are atomic, so the
// file on disk is always a whole set, the old one or the new one.
class DraftStore
{
public:
    struct Draft {
        QString filePath;           // the .http file, absolute
        int requestIndex = -1;      // in that file, when the edit began
        RequestDefinition original; // the request as it was saved when the edit began
        RequestDefinition edited;   // with the user's edits

        friend bool operator==(const Draft &a, const Draft &b);
    };

    explicit DraftStore(QString path)
        : m_path(std::move(path))
    {}
    // <dataFolder>/drafts/<hash of the workspace's root>.json
    static QString pathFor(const QString &dataFolder, const QString &workspaceRoot);

    QString path() const { return m_path; }
    bool exists() const;

    // The drafts in the file; none when there is no file. A file that cannot be read as
    // drafts is moved aside (to "<path>.damaged") so it is neither lost nor read again, and
    // *error says so as "file:line:column: message".
    QList<Draft> load(QString *error) const;
    // Replaces the file with these drafts (removes it when there are none).
    bool save(const QList<Draft> &drafts, QString *error) const;

    static QByteArray toJson(const QList<Draft> &drafts);
    // False with *error ("line:column: message" or what is missing) when json is not drafts.
    static bool fromJson(const QByteArray &json, QList<Draft> *drafts, QString *error);

private:
    QString m_path;
};

} // namespace mr
