#pragma once

#include <QDialog>

class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace mr {

class CookieJar;
class CookieJarModel;

// The cookie manager: the jar's cookies in a table to filter, edit in place, add and delete.
// Changes go straight to the jar (and from there to the workspace's cookie file).
class CookieManagerDialog : public QDialog
{
    Q_OBJECT
public:
    explicit CookieManagerDialog(CookieJar *jar, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    QLineEdit *filter() const { return m_filter; }
    CookieJarModel *model() const { return m_model; }

    // Adds a cookie for the filtered domain (or the selected cookie's) and starts editing it.
    void addCookie();
    void deleteSelected();

private:
    CookieJarModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLineEdit *m_filter;
    QTableView *m_table;
};

} // namespace mr
