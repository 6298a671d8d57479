#include "cookiejarmodel.h"

#include "cookiejar.h"

#include <QDateTime>
#include <QRegularExpression>
#include <algorithm>

namespace mr {

CookieJarModel::CookieJarModel(CookieJar *jar, QObject *parent)
    : QAbstractTableModel(parent)
    , m_jar(jar)
{
    connect(jar, &CookieJar::changed, this, [this] {
        if (!m_editing)
            reload();
    });
    reload();
}

void CookieJarModel::reload()
{
    beginResetModel();
    m_cookies = m_jar->cookies();
    std::sort(m_cookies.begin(), m_cookies.end(),
              [](const QNetworkCookie &a, const QNetworkCookie &b) {
                  return std::make_tuple(a.domain(), a.path(), a.name()) <
                         std::make_tuple(b.domain(), b.path(), b.name());
              });
    endResetModel();
}

int CookieJarModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_cookies.size());
}

int CookieJarModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CookieJarModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const QNetworkCookie &c = m_cookies.at(index.row());
    const bool check = index.column() == Secure || index.column() == HttpOnly;
    if (role == Qt::CheckStateRole && check)
        return (index.column() == Secure ? c.isSecure() : c.isHttpOnly()) ? Qt::Checked
                                                                          : Qt::Unchecked;
    if (role != Qt::DisplayRole && role != Qt::EditRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case Domain: return c.domain();
    case Path: return c.path();
    case Name: return QString::fromUtf8(c.name());
    case Value: return QString::fromUtf8(c.value());
    case Expires:
        if (c.isSessionCookie())
            return role == Qt::EditRole ? QString() : tr("Session");
        return c.expirationDate().toUTC().toString(Qt::ISODate);
    default: return {};
    }
}

QVariant CookieJarModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Domain: return tr("Domain");
    case Path: return tr("Path");
    case Name: return tr("Name");
    case Value: return tr("Value");
    case Expires: return tr("Expires (UTC)");
    case Secure: return tr("Secure");
    case HttpOnly: return tr("HttpOnly");
    default: return {};
    }
}

Qt::ItemFlags CookieJarModel::flags(const QModelIndex &index) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid))
        return Qt::NoItemFlags;
    const Qt::ItemFlags base = Qt::ItemIsSelectable | Qt::ItemIsEnabled;
    if (index.column() == Secure || index.column() == HttpOnly)
        return base | Qt::ItemIsUserCheckable;
    return base | Qt::ItemIsEditable;
}

bool CookieJarModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid))
        return false;
    QNetworkCookie edited = m_cookies.at(index.row());
    const QString text = value.toString().trimmed();
    const int column = index.column();
    if (role == Qt::CheckStateRole && (column == Secure || column == HttpOnly)) {
        const bool on = value.toInt() == Qt::Checked;
        column == Secure ? edited.setSecure(on) : edited.setHttpOnly(on);
    } else if (role != Qt::EditRole) {
        return false;
    } else if (column == Domain) {
        if (text.isEmpty() || text.contains(QLatin1Char(' ')))
            return false;
        edited.setDomain(text);
    } else if (column == Path) {
        if (!text.startsWith(QLatin1Char('/')))
            return false;
        edited.setPath(text);
    } else if (column == Name) {
        // A cookie name is a token: no separators, no spaces.
        if (text.isEmpty() || text.contains(QRegularExpression(QStringLiteral("[\\s;,=]"))))
            return false;
        edited.setName(text.toUtf8());
    } else if (column == Value) {
        if (value.toString().contains(QLatin1Char(';')))
            return false;
        edited.setValue(value.toString().toUtf8());
    } else if (column == Expires) {
        if (text.isEmpty()) {
            edited.setExpirationDate({});
        } else {
            QDateTime when = QDateTime::fromString(text, Qt::ISODate);
            if (!when.isValid())
                return false;
            if (when.timeSpec() == Qt::LocalTime && !text.contains(QLatin1Char('+')))
                when.setTimeSpec(Qt::UTC); // the column is in UTC
            edited.setExpirationDate(when);
        }
    } else {
        return false;
    }
    const QNetworkCookie old = m_cookies.at(index.row());
    if (!edited.isSessionCookie() && edited.expirationDate() <= QDateTime::currentDateTimeUtc())
        return m_jar->remove(old); // an expiry in the past deletes it, as a server's would
    m_editing = true;
    if (!old.hasSameIdentifier(edited))
        m_jar->remove(old);
    const bool stored = m_jar->store(edited);
    m_editing = false;
    if (!stored) {
        m_jar->store(old); // never lose the cookie over a refused edit
        return false;
    }
    m_cookies[index.row()] = edited;
    Q_EMIT dataChanged(index.siblingAtColumn(0), index.siblingAtColumn(ColumnCount - 1));
    return true;
}

bool CookieJarModel::removeRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || row < 0 || count <= 0 || row + count > m_cookies.size())
        return false;
    beginRemoveRows(parent, row, row + count - 1);
    m_editing = true;
    for (int i = row; i < row + count; ++i)
        m_jar->remove(m_cookies.at(i));
    m_editing = false;
    m_cookies.remove(row, count);
    endRemoveRows();
    return true;
}

int CookieJarModel::addCookie(const QString &domain)
{
    QNetworkCookie cookie;
    QByteArray name = "name";
    for (int n = 2; std::any_of(
             m_cookies.cbegin(), m_cookies.cend(),
             [&](const QNetworkCookie &c) { return c.name() == name && c.domain() == domain; });
         ++n)
        name = "name_" + QByteArray::number(n);
    cookie.setName(name);
    cookie.setValue("value");
    cookie.setDomain(domain);
    cookie.setPath(QStringLiteral("/"));
    m_jar->store(cookie);
    for (int row = 0; row < m_cookies.size(); ++row) {
        if (m_cookies.at(row).hasSameIdentifier(cookie))
            return row;
    }
    return -1;
}

} // namespace mr
