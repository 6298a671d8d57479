#include "environmentdialog.h"

#include "environmentvariablesmodel.h"
#include "secretvaluedelegate.h"
#include "workspace/environmentset.h"

#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace mr {

namespace {

const QString shared()
{
    return QString::fromLatin1(EnvironmentSet::SharedName);
}

// Core's messages are sentences without their capital (they get prefixed elsewhere).
QString sentence(QString text)
{
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    if (!text.endsWith(QLatin1Char('.')))
        text += QLatin1Char('.');
    return text;
}

} // namespace

EnvironmentDialog::EnvironmentDialog(const QString &folder, const QString &current, QWidget *parent)
    : QDialog(parent)
    , m_editor(EnvironmentEditor::load(folder))
    , m_model(new EnvironmentVariablesModel(this))
    , m_list(new QListWidget(this))
    , m_table(new QTableView(this))
    , m_add(new QPushButton(tr("&Add"), this))
    , m_rename(new QPushButton(tr("Re&name"), this))
    , m_remove(new QPushButton(tr("&Remove"), this))
    , m_showSecrets(new QCheckBox(tr("Show s&ecrets"), this))
    , m_problemIcon(new QLabel(this))
    , m_problem(new QLabel(this))
    , m_discardQuestion([this] {
        return QMessageBox::question(this, tr("Unsaved edits"),
                                     tr("Throw away your edits to the environments?"),
                                     QMessageBox::Discard | QMessageBox::Cancel,
                                     QMessageBox::Cancel) == QMessageBox::Discard;
    })
{
    setObjectName(QStringLiteral("environmentDialog"));
    setWindowTitle(tr("Environments — %1").arg(QFileInfo(folder).fileName()));
    for (const QString &name : m_editor.environments())
        m_renames.insert(name, name);

    m_list->setObjectName(QStringLiteral("environmentList"));
    m_list->setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::DoubleClicked);
    m_add->setObjectName(QStringLiteral("addEnvironment"));
    m_rename->setObjectName(QStringLiteral("renameEnvironment"));
    m_remove->setObjectName(QStringLiteral("removeEnvironment"));
    auto *environmentButtons = new QHBoxLayout;
    environmentButtons->addWidget(m_add);
    environmentButtons->addWidget(m_rename);
    environmentButtons->addWidget(m_remove);
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(new QLabel(tr("Environments"), left));
    leftLayout->addWidget(m_list);
    leftLayout->addLayout(environmentButtons);

    m_table->setObjectName(QStringLiteral("variablesTable"));
    m_table->setModel(m_model);
    m_table->setItemDelegateForColumn(EnvironmentVariablesModel::ValueColumn,
                                      new SecretValueDelegate(m_table));
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                             QAbstractItemView::AnyKeyPressed | QAbstractItemView::SelectedClicked);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(EnvironmentVariablesModel::NameColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(EnvironmentVariablesModel::ValueColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(EnvironmentVariablesModel::SecretColumn,
                                 QHeaderView::ResizeToContents);
    header->resizeSection(EnvironmentVariablesModel::NameColumn, 200);
    m_table->installEventFilter(this);
    m_showSecrets->setObjectName(QStringLiteral("showSecrets"));
    auto *note = new QLabel(tr("Secrets are saved to %1, which git ignores. Delete removes the "
                               "selected rows; type in the last row to add a variable.")
                                .arg(QLatin1String(EnvironmentSet::PrivateFileName)),
                            this);
    note->setObjectName(QStringLiteral("secretsNote"));
    note->setWordWrap(true);
    note->setEnabled(false); // greyed: a hint, not content
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(new QLabel(tr("Variables"), right));
    rightLayout->addWidget(m_table);
    rightLayout->addWidget(m_showSecrets);
    rightLayout->addWidget(note);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({240, 620});

    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_problemIcon->setPixmap(
        style()->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this).pixmap(iconSize));
    m_problemIcon->setAlignment(Qt::AlignTop);
    m_problem->setObjectName(QStringLiteral("environmentProblem"));
    m_problem->setTextFormat(Qt::PlainText); // file names and values are not markup
    m_problem->setWordWrap(true);
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *problemRow = new QHBoxLayout;
    problemRow->addWidget(m_problemIcon);
    problemRow->addWidget(m_problem, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_save = buttons->button(QDialogButtonBox::Save);
    m_save->setObjectName(QStringLiteral("saveEnvironments"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addLayout(problemRow);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, [this] { save(); });
    connect(buttons, &QDialogButtonBox::rejected, this, &EnvironmentDialog::reject);
    auto *saveShortcut = new QShortcut(QKeySequence::Save, this);
    connect(saveShortcut, &QShortcut::activated, this, [this] {
        if (m_save->isEnabled())
            save();
    });
    connect(m_add, &QPushButton::clicked, this, &EnvironmentDialog::addEnvironment);
    connect(m_rename, &QPushButton::clicked, this, [this] {
        if (QListWidgetItem *item = m_list->currentItem();
            item && (item->flags() & Qt::ItemIsEditable))
            m_list->editItem(item);
    });
    connect(m_remove, &QPushButton::clicked, this, &EnvironmentDialog::removeEnvironment);
    connect(m_list, &QListWidget::itemChanged, this, &EnvironmentDialog::renameItem);
    connect(m_list, &QListWidget::currentItemChanged, this,
            [this](QListWidgetItem *now, QListWidgetItem *before) {
                if (m_filling || !now)
                    return;
                if (!m_tableProblem.isEmpty() && before) {
                    // Rows that are no variables yet would be lost: stay until they are fixed.
                    m_filling = true;
                    m_list->setCurrentItem(before);
                    m_filling = false;
                    return;
                }
                showVariables();
            });
    connect(m_model, &EnvironmentVariablesModel::edited, this, &EnvironmentDialog::applyVariables);
    connect(m_showSecrets, &QCheckBox::toggled, m_model,
            &EnvironmentVariablesModel::setShowSecrets);

    fillList(current);
    resize(900, 540);
    m_table->setFocus();
}

EnvironmentDialog::~EnvironmentDialog() = default;

QString EnvironmentDialog::currentEnvironment() const
{
    const QListWidgetItem *item = m_list->currentItem();
    return item ? item->data(Qt::UserRole).toString() : QString();
}

bool EnvironmentDialog::selectEnvironment(const QString &name)
{
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->data(Qt::UserRole).toString() == name) {
            m_list->setCurrentRow(i);
            return currentEnvironment() == name;
        }
    }
    return false;
}

QString EnvironmentDialog::nameNow(const QString &original) const
{
    return m_renames.value(original, original);
}

bool EnvironmentDialog::isModified() const
{
    return m_editor.isModified() || !m_tableProblem.isEmpty();
}

QString EnvironmentDialog::problem() const
{
    QStringList parts;
    for (const QString &part : {fileProblems(), m_tableProblem, m_saveProblem}) {
        if (!part.isEmpty())
            parts.append(part);
    }
    return parts.join(QLatin1Char('\n'));
}

QString EnvironmentDialog::fileProblems() const
{
    if (m_editor.diagnostics().isEmpty())
        return {};
    QStringList lines;
    lines.append(m_editor.canSave()
                     ? tr("Found in the environment files:")
                     : tr("An environment file does not parse, so nothing can be saved here. "
                          "Fix it in a text editor, then open this dialog again:"));
    const QDir folder(m_editor.folder());
    for (Diagnostic d : m_editor.diagnostics()) {
        d.file = QDir::toNativeSeparators(folder.relativeFilePath(d.file));
        lines.append(d.toString());
    }
    return lines.join(QLatin1Char('\n'));
}

void EnvironmentDialog::fillList(const QString &select)
{
    m_filling = true;
    m_list->clear();
    // The shared variables are always offered, even before the files have any.
    auto *sharedItem = new QListWidgetItem(tr("Shared (all environments)"), m_list);
    sharedItem->setData(Qt::UserRole, shared());
    sharedItem->setToolTip(tr("Variables every environment gets (\"%1\")").arg(shared()));
    QFont font = sharedItem->font();
    font.setItalic(true);
    sharedItem->setFont(font);
    int row = -1;
    for (const QString &name : m_editor.environments()) {
        if (name == shared())
            continue;
        auto *item = new QListWidgetItem(name, m_list);
        item->setData(Qt::UserRole, name);
        item->setFlags(item->flags() | Qt::ItemIsEditable);
        if (name == select || row < 0)
            row = m_list->count() - 1;
    }
    if (select == shared() || row < 0)
        row = 0;
    m_list->setCurrentRow(row);
    m_filling = false;
    showVariables();
}

void EnvironmentDialog::showVariables()
{
    m_shown = currentEnvironment();
    m_model->setVariables(m_editor.variables(m_shown));
    m_tableProblem.clear();
    updateState();
}

void EnvironmentDialog::applyVariables()
{
    const QList<EnvironmentEditor::Variable> variables = m_model->variables();
    if (m_shown == shared()) {
        // "$shared" is written only once it has variables.
        if (!m_editor.contains(m_shown) && !variables.isEmpty()) {
            QString ignored;
            m_sharedAdded = m_editor.addEnvironment(m_shown, &ignored);
        } else if (m_sharedAdded && variables.isEmpty()) {
            QString ignored;
            m_editor.removeEnvironment(m_shown, &ignored);
            m_sharedAdded = false;
        }
        if (!m_editor.contains(m_shown)) {
            setTableProblem({});
            return;
        }
    }
    QString error;
    if (m_editor.setVariables(m_shown, variables, &error)) {
        setTableProblem({});
        return;
    }
    if (m_shown == shared())
        error.replace(QLatin1String(" in $shared"), tr(" in the shared variables"));
    setTableProblem(tr("%1 Fix the rows to save or to switch environments.").arg(sentence(error)));
}

void EnvironmentDialog::setTableProblem(const QString &problem)
{
    m_tableProblem = problem;
    m_saveProblem.clear();
    updateState();
}

void EnvironmentDialog::addEnvironment()
{
    if (!m_tableProblem.isEmpty())
        return;
    QString name = QStringLiteral("new");
    for (int n = 2; m_editor.contains(name); ++n)
        name = QStringLiteral("new-%1").arg(n);
    QString error;
    if (!m_editor.addEnvironment(name, &error)) {
        m_saveProblem = sentence(error);
        updateState();
        return;
    }
    fillList(name);
    // Ready to type the real name.
    m_list->editItem(m_list->currentItem());
}

void EnvironmentDialog::renameItem(QListWidgetItem *item)
{
    if (m_filling)
        return;
    const QString from = item->data(Qt::UserRole).toString();
    const QString to = item->text().trimmed();
    if (from == to) {
        if (item->text() != to) { // only spaces were added
            m_filling = true;
            item->setText(to);
            m_filling = false;
        }
        return;
    }
    QString error;
    bool ok = false;
    if (to.startsWith(QLatin1Char('$')))
        error = tr("names starting with $ are kept for the shared variables");
    else
        ok = m_editor.renameEnvironment(from, to, &error);
    m_filling = true;
    if (ok) {
        item->setText(to);
        item->setData(Qt::UserRole, to);
        for (auto it = m_renames.begin(); it != m_renames.end(); ++it) {
            if (it.value() == from)
                it.value() = to;
        }
        if (m_shown == from)
            m_shown = to;
        m_saveProblem.clear();
    } else {
        item->setText(from);
        m_saveProblem = tr("%1 keeps its name: %2.").arg(from, error);
    }
    m_filling = false;
    updateState();
}

void EnvironmentDialog::removeEnvironment()
{
    const QString name = currentEnvironment();
    if (name.isEmpty() || name == shared())
        return;
    QString error;
    if (!m_editor.removeEnvironment(name, &error)) {
        m_saveProblem = sentence(error);
        updateState();
        return;
    }
    for (auto it = m_renames.begin(); it != m_renames.end(); ++it) {
        if (it.value() == name)
            it.value().clear();
    }
    // The neighbour below (or above) takes the selection.
    const int row = m_list->currentRow();
    const QListWidgetItem *next =
        m_list->item(row + 1) ? m_list->item(row + 1) : m_list->item(row - 1);
    const QString select = next ? next->data(Qt::UserRole).toString() : QString();
    m_saveProblem.clear();
    fillList(select);
}

void EnvironmentDialog::removeSelectedRows()
{
    QList<int> rows;
    for (const QModelIndex &index : m_table->selectionModel()->selectedIndexes()) {
        if (!rows.contains(index.row()))
            rows.append(index.row());
    }
    std::sort(rows.begin(), rows.end(), std::greater<int>());
    for (int row : rows)
        m_model->removeRows(row, 1);
}

bool EnvironmentDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent *>(event)->key() == Qt::Key_Delete) {
        // An open cell editor takes Delete itself; this is Delete on selected rows.
        removeSelectedRows();
        return true;
    }
    return QDialog::eventFilter(watched, event);
}

void EnvironmentDialog::updateState()
{
    const QString text = problem();
    m_problem->setText(text);
    m_problem->setVisible(!text.isEmpty());
    m_problemIcon->setVisible(!text.isEmpty());
    m_save->setEnabled(m_editor.canSave() && m_tableProblem.isEmpty());
    // A file that does not parse is not edited here: nothing could be saved.
    m_list->setEnabled(m_editor.canSave());
    m_table->setEnabled(m_editor.canSave());
    m_add->setEnabled(m_editor.canSave());
    const bool named =
        m_editor.canSave() && !currentEnvironment().isEmpty() && currentEnvironment() != shared();
    m_rename->setEnabled(named);
    m_remove->setEnabled(named);
}

bool EnvironmentDialog::save()
{
    // Ctrl+S while a cell is still being typed in: that text is part of what is saved.
    if (QWidget *focus = QApplication::focusWidget())
        focus->clearFocus();
    if (!m_save->isEnabled())
        return false;
    QString error;
    if (!m_editor.save(&error)) {
        m_saveProblem = sentence(error);
        updateState();
        return false;
    }
    accept();
    return true;
}

void EnvironmentDialog::reject()
{
    if (isModified() && m_discardQuestion && !m_discardQuestion())
        return;
    QDialog::reject();
}

} // namespace mr
