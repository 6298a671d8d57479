#pragma once

#include <QAbstractTableModel>
#include <QNetworkCookie>

namespace mr {

class CookieJar;

// The jar's cookies as a table the cookie manager edits: one row per cookie, sorted by
// domain, path and name. An edit replaces the cookie in the jar (a new name, domain or path
// makes it another cookie, so the old one goes).
class CookieJarModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Domain, Path, Name, Value, Expires, Secure, HttpOnly, ColumnCount };

    explicit CookieJarModel(CookieJar *jar, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    bool removeRows(int row, int count, const QModelIndex &parent = {}) override;

    // Adds a cookie for `domain` named "name" (or "name_2", …) and returns its row.
    int addCookie(const QString &domain);
    QNetworkCookie cookie(int row) const { return m_cookies.value(row); }
    CookieJar *jar() const { return m_jar; }

private:
    void reload();

    CookieJar *m_jar;
    QList<QNetworkCookie> m_cookies;
    bool m_editing = false;
};

} // namespace mr
