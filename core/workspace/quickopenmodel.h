#pragma once

#include "workspace.h"

#include <QAbstractListModel>

namespace mr {

// The requests of a workspace that match a quick-open query (Ctrl+P), best first. Every word
// of the query must be found, ignoring case, in the request's name, method, URL or file
// path, or as letters in order in its name ("lsus" finds "List users"); a match in the
// name counts most, at its start more.
class QuickOpenModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        FilePathRole = Qt::UserRole + 1, // absolute path of the request's file
        RequestIndexRole,                // index in HttpFile::requests
        DetailRole,                      // "GET {{host}}/users · shop/users.http"
    };

    explicit QuickOpenModel(QObject *parent = nullptr);

    void setWorkspace(const Workspace &workspace);
    void setQuery(const QString &query);
    QString query() const { return m_query; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // How well `query` matches; negative when it does not.
    static double score(const QString &query, const QString &name, const QString &method,
                        const QString &url, const QString &file);

private:
    struct Entry {
        QString name;
        QString method;
        QString url;
        QString file; // relative to the workspace
        QString path;
        int index = -1;
        double score = 0;
    };
    void refilter();

    QList<Entry> m_all;
    QList<Entry> m_shown;
    QString m_query;
};

} // namespace mr
