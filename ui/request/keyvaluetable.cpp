#include "keyvaluetable.h"

#include "variablelineedit.h"
#include "workspace/requestbody.h"

#include <QCompleter>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLineEdit>
#include <QPointer>
#include <QTimer>
#include <QToolButton>

namespace mr {

namespace {

// A file cell's editor: the path, and a button that picks it.
class FileCellEditor : public QWidget
{
public:
    FileCellEditor(QWidget *parent, const QString &baseFolder, const QModelIndex &cell)
        : QWidget(parent)
        , path(new QLineEdit(this))
    {
        auto *choose = new QToolButton(this);
        choose->setText(tr("Choose file\u2026"));
        choose->setObjectName(QStringLiteral("chooseFile"));
        auto *layout = new QHBoxLayout(this);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->setSpacing(2);
        layout->addWidget(path, 1);
        layout->addWidget(choose);
        setFocusProxy(path);
        setAutoFillBackground(true);
        // The file dialog takes the focus, so the view commits and closes this editor while
        // it is open: the choice goes straight into the model's cell, and into this editor
        // only if it is still there.
        connect(choose, &QToolButton::clicked, this,
                [this, baseFolder, cell = QPersistentModelIndex(cell)] {
                    QPointer<FileCellEditor> self(this);
                    const QString file =
                        QFileDialog::getOpenFileName(window(), tr("Send this file"), baseFolder);
                    if (file.isEmpty())
                        return;
                    const QString named = RequestBody::filePathFrom(baseFolder, file);
                    if (cell.isValid())
                        const_cast<QAbstractItemModel *>(cell.model())->setData(cell, named);
                    if (self)
                        self->path->setText(named);
                });
    }
    QLineEdit *path;
};

} // namespace

const QStringList &commonHeaderNames()
{
    static const QStringList names = {
        QStringLiteral("Accept"),
        QStringLiteral("Accept-Encoding"),
        QStringLiteral("Accept-Language"),
        QStringLiteral("Authorization"),
        QStringLiteral("Cache-Control"),
        QStringLiteral("Connection"),
        QStringLiteral("Content-Encoding"),
        QStringLiteral("Content-Length"),
        QStringLiteral("Content-Type"),
        QStringLiteral("Cookie"),
        QStringLiteral("If-Match"),
        QStringLiteral("If-Modified-Since"),
        QStringLiteral("If-None-Match"),
        QStringLiteral("Origin"),
        QStringLiteral("Pragma"),
        QStringLiteral("Prefer"),
        QStringLiteral("Range"),
        QStringLiteral("Referer"),
        QStringLiteral("User-Agent"),
        QStringLiteral("X-API-Key"),
        QStringLiteral("X-Correlation-Id"),
        QStringLiteral("X-Request-Id"),
    };
    return names;
}

QWidget *KeyValueDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &,
                                        const QModelIndex &index) const
{
    const auto *model = qobject_cast<const KeyValueModel *>(index.model());
    const KeyValueModel::Column kind =
        model ? model->columnKind(index.column()) : KeyValueModel::Value;
    switch (kind) {
    case KeyValueModel::File: {
        auto *editor = new FileCellEditor(parent, m_baseFolder, index);
        // The delegate's own key handling sees the cell editor, not the line edit inside it.
        auto *self = const_cast<KeyValueDelegate *>(this);
        connect(editor->path, &QLineEdit::returnPressed, self, [self, editor] {
            Q_EMIT self->commitData(editor);
            Q_EMIT self->closeEditor(editor, QAbstractItemDelegate::SubmitModelCache);
        });
        return editor;
    }
    case KeyValueModel::Name:
    case KeyValueModel::ContentType: {
        auto *edit = new QLineEdit(parent);
        if (kind == KeyValueModel::Name && !m_names.isEmpty()) {
            auto *completer = new QCompleter(m_names, edit);
            completer->setCaseSensitivity(Qt::CaseInsensitive);
            edit->setCompleter(completer);
        }
        return edit;
    }
    case KeyValueModel::Value: break;
    }
    auto *edit = new VariableLineEdit(parent);
    edit->setExpander(m_expander);
    return edit;
}

void KeyValueDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    const QString text = index.data(Qt::EditRole).toString();
    if (auto *file = dynamic_cast<FileCellEditor *>(editor))
        file->path->setText(text);
    else if (auto *edit = qobject_cast<QLineEdit *>(editor))
        edit->setText(text);
}

void KeyValueDelegate::setModelData(QWidget *editor, QAbstractItemModel *model,
                                    const QModelIndex &index) const
{
    if (auto *file = dynamic_cast<FileCellEditor *>(editor))
        model->setData(index, file->path->text());
    else if (auto *edit = qobject_cast<QLineEdit *>(editor))
        model->setData(index, edit->text());
}

KeyValueTable::KeyValueTable(const QList<KeyValueModel::Column> &columns, bool checkable,
                             QWidget *parent)
    : QTableView(parent)
    , m_model(new KeyValueModel(columns, checkable, this))
    , m_delegate(new KeyValueDelegate(this))
{
    setModel(m_model);
    setItemDelegate(m_delegate);
    verticalHeader()->hide();
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->setHighlightSections(false);
    horizontalHeader()->setDefaultSectionSize(160);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::SelectedClicked |
                    QAbstractItemView::EditKeyPressed | QAbstractItemView::AnyKeyPressed);
    setAlternatingRowColors(true);
    setWordWrap(false);
    // A row typed into the empty last row goes in above it: stay on the new row, not the
    // empty one the current index moved to (later: the cell's editor is still committing).
    connect(m_model, &KeyValueModel::rowsInserted, this, [this](const QModelIndex &, int first) {
        QTimer::singleShot(0, this, [this, first] {
            if (currentIndex().row() == first + 1)
                setCurrentIndex(m_model->index(first, currentIndex().column()));
        });
    });
}

void KeyValueTable::keyPressEvent(QKeyEvent *event)
{
    if ((event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace) &&
        state() != QAbstractItemView::EditingState) {
        QList<int> rows;
        for (const QModelIndex &index : selectionModel()->selectedRows())
            rows.append(index.row());
        std::sort(rows.begin(), rows.end(), std::greater<int>());
        for (int row : std::as_const(rows))
            m_model->removeRows(row, 1);
        if (!rows.isEmpty())
            return;
    }
    QTableView::keyPressEvent(event);
}

} // namespace mr
