#include "cookiemanagerdialog.h"

#include "net/cookiejar.h"
#include "net/cookiejarmodel.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <functional>

namespace mr {

CookieManagerDialog::CookieManagerDialog(CookieJar *jar, QWidget *parent)
    : QDialog(parent)
    , m_model(new CookieJarModel(jar, this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_filter(new QLineEdit(this))
    , m_table(new QTableView(this))
{
    setWindowTitle(tr("Cookies"));
    setObjectName(QStringLiteral("cookieManager"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filter->setObjectName(QStringLiteral("cookieFilter"));
    m_filter->setPlaceholderText(tr("Filter by domain, name or value"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);

    m_table->setObjectName(QStringLiteral("cookieTable"));
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                             QAbstractItemView::AnyKeyPressed);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(CookieJarModel::Value, QHeaderView::Stretch);
    m_table->setColumnWidth(CookieJarModel::Domain, 140);
    m_table->setColumnWidth(CookieJarModel::Expires, 170);

    auto *remove = new QAction(tr("Delete"), this);
    remove->setShortcuts({QKeySequence::Delete, QKeySequence(Qt::Key_Backspace)});
    remove->setShortcutContext(Qt::WidgetShortcut);
    connect(remove, &QAction::triggered, this, &CookieManagerDialog::deleteSelected);
    m_table->addAction(remove);

    auto *add = new QPushButton(tr("&Add"), this);
    add->setObjectName(QStringLiteral("addCookie"));
    connect(add, &QPushButton::clicked, this, &CookieManagerDialog::addCookie);
    auto *del = new QPushButton(tr("&Delete"), this);
    del->setObjectName(QStringLiteral("deleteCookie"));
    connect(del, &QPushButton::clicked, this, &CookieManagerDialog::deleteSelected);
    auto *clear = new QPushButton(tr("Delete &All"), this);
    clear->setObjectName(QStringLiteral("clearCookies"));
    connect(clear, &QPushButton::clicked, jar, &CookieJar::clear);

    auto *hint = new QLabel(
        tr("Cookies of this workspace, kept in your data folder (never in the workspace). "
           "Double-click a cell to edit; expiry in UTC, empty for a session cookie."),
        this);
    hint->setWordWrap(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *actions = new QHBoxLayout;
    actions->addWidget(add);
    actions->addWidget(del);
    actions->addWidget(clear);
    actions->addStretch();
    actions->addWidget(buttons);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(hint);
    layout->addWidget(m_filter);
    layout->addWidget(m_table, 1);
    layout->addLayout(actions);
    resize(820, 420);
}

void CookieManagerDialog::addCookie()
{
    QString domain = m_filter->text().trimmed();
    const QModelIndex current = m_proxy->mapToSource(m_table->currentIndex());
    if (current.isValid())
        domain = m_model->cookie(current.row()).domain();
    if (domain.isEmpty() || domain.contains(QLatin1Char(' ')))
        domain = QStringLiteral("localhost");
    m_filter->clear();
    const int row = m_model->addCookie(domain);
    if (row < 0)
        return;
    const QModelIndex name = m_proxy->mapFromSource(m_model->index(row, CookieJarModel::Name));
    m_table->setCurrentIndex(name);
    m_table->edit(name);
}

void CookieManagerDialog::deleteSelected()
{
    QList<int> rows;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        rows.append(m_proxy->mapToSource(index).row());
    if (rows.isEmpty() && m_table->currentIndex().isValid())
        rows.append(m_proxy->mapToSource(m_table->currentIndex()).row());
    std::sort(rows.begin(), rows.end(), std::greater<int>());
    for (int row : rows)
        m_model->removeRows(row, 1);
}

} // namespace mr
