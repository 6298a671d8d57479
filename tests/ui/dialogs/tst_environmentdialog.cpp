// The environment editor dialog on real files in a temporary folder, driven with keys and
// clicks, and end to end through the main window's toolbar.
#include "environmentdialog.h"
#include "environmentvariablesmodel.h"
#include "mainwindow.h"
#include "net/httpclient.h"
#include "workspace/demoworkspace.h"
#include "workspace/environmentset.h"
#include "workspace/workspacemodel.h"
#include "workspace/workspacesession.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <memory>

using namespace mr;

namespace {

const char *const PublicJson = "{\n"
                               "  \"$shared\": {\n"
                               "    \"version\": \"v1\"\n"
                               "  },\n"
                               "  \"demo\": {\n"
                               "    \"baseUrl\": \"http://localhost:8080\",\n"
                               "    \"user\": \"demo\",\n"
                               "    \"password\": \"placeholder\"\n"
                               "  },\n"
                               "  \"prod\": {\n"
                               "    \"baseUrl\": \"https://api.example.com\"\n"
                               "  }\n"
                               "}\n";
const char *const PrivateJson = "{\n"
                                "  \"demo\": {\n"
                                "    \"password\": \"s3cret\"\n"
                                "  }\n"
                                "}\n";

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

// One environment of a file, as JSON.
QJsonObject environmentIn(const QString &path, const QString &name)
{
    return QJsonDocument::fromJson(readFile(path)).object().value(name).toObject();
}

// The open (visible) editor of a view's cell or item.
QLineEdit *openEditor(QAbstractItemView *view)
{
    QLineEdit *found = nullptr;
    const bool opened = QTest::qWaitFor(
        [&] {
            const QList<QLineEdit *> edits = view->viewport()->findChildren<QLineEdit *>();
            for (QLineEdit *edit : edits) {
                if (edit->isVisible())
                    found = edit;
            }
            return found != nullptr;
        },
        2000);
    return opened ? found : nullptr;
}

// Replaces the text of an open editor by typing, and commits it with Enter.
void typeInto(QLineEdit *edit, const QString &text)
{
    QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
}

int rowOf(const EnvironmentVariablesModel *model, const QString &name)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, EnvironmentVariablesModel::NameColumn).data().toString() == name)
            return row;
    }
    return -1;
}

QListWidgetItem *itemOf(QListWidget *list, const QString &name)
{
    for (int i = 0; i < list->count(); ++i) {
        if (list->item(i)->data(Qt::UserRole).toString() == name)
            return list->item(i);
    }
    return nullptr;
}

} // namespace

class tst_EnvironmentDialog : public QObject
{
    Q_OBJECT
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<EnvironmentDialog> m_dialog;
    int m_asked = 0;
    bool m_discard = false;

    QString publicPath() const
    {
        return m_dir->filePath(QLatin1String(EnvironmentSet::PublicFileName));
    }
    QString privatePath() const
    {
        return m_dir->filePath(QLatin1String(EnvironmentSet::PrivateFileName));
    }

    void openDialog(const QString &current)
    {
        m_dialog = std::make_unique<EnvironmentDialog>(m_dir->path(), current);
        m_dialog->setDiscardQuestion([this] {
            ++m_asked;
            return m_discard;
        });
        m_dialog->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
    }

    EnvironmentVariablesModel *model() const { return m_dialog->variablesModel(); }

    // Edits a cell of the variables table with F2, typing and Enter.
    void editCell(int row, int column, const QString &text)
    {
        QTableView *table = m_dialog->variablesView();
        table->setFocus();
        table->setCurrentIndex(model()->index(row, column));
        QTest::keyClick(table, Qt::Key_F2);
        QLineEdit *edit = openEditor(table);
        QVERIFY(edit);
        typeInto(edit, text);
        QTRY_COMPARE(model()->index(row, column).data(Qt::EditRole).toString(), text);
        QVERIFY(m_dialog->isVisible()); // Enter ended the cell's edit, not the dialog
    }

    void clickItem(const QString &name)
    {
        QListWidget *list = m_dialog->environmentList();
        QListWidgetItem *item = itemOf(list, name);
        QVERIFY2(item, qPrintable(name));
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                          list->visualItemRect(item).center());
    }

    void clickSave() { QTest::mouseClick(m_dialog->saveButton(), Qt::LeftButton); }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        QVERIFY(writeFile(publicPath(), PublicJson));
        QVERIFY(writeFile(privatePath(), PrivateJson));
        m_asked = 0;
        m_discard = false;
    }

    void cleanup()
    {
        m_dialog.reset();
        m_dir.reset();
    }

    void showsTheEnvironmentsWithSecretsMasked()
    {
        openDialog(QStringLiteral("demo"));
        QListWidget *list = m_dialog->environmentList();
        QCOMPARE(list->count(), 3);
        QCOMPARE(list->item(0)->text(), QStringLiteral("Shared (all environments)"));
        QCOMPARE(list->item(0)->data(Qt::UserRole).toString(), QStringLiteral("$shared"));
        QCOMPARE(list->item(1)->text(), QStringLiteral("demo"));
        QCOMPARE(list->item(2)->text(), QStringLiteral("prod"));
        QCOMPARE(m_dialog->currentEnvironment(), QStringLiteral("demo"));
        QCOMPARE(model()->rowCount(), 4); // three variables and the empty row to add one
        const int password = rowOf(model(), QStringLiteral("password"));
        QVERIFY(password >= 0);
        const QModelIndex value = model()->index(password, EnvironmentVariablesModel::ValueColumn);
        QCOMPARE(value.data().toString(), EnvironmentVariablesModel::mask());
        QVERIFY(!value.data().toString().contains(QLatin1String("s3cret")));
        QCOMPARE(value.data(Qt::EditRole).toString(), QStringLiteral("s3cret"));
        QCOMPARE(model()
                     ->index(password, EnvironmentVariablesModel::SecretColumn)
                     .data(Qt::CheckStateRole)
                     .toInt(),
                 int(Qt::Checked));
        // Editing a masked secret does not show it either.
        QTableView *table = m_dialog->variablesView();
        table->setFocus();
        table->setCurrentIndex(value);
        QTest::keyClick(table, Qt::Key_F2);
        QLineEdit *edit = openEditor(table);
        QVERIFY(edit);
        QCOMPARE(edit->echoMode(), QLineEdit::Password);
        QTest::keyClick(edit, Qt::Key_Escape);
        QVERIFY(m_dialog->isVisible()); // Escape ended the cell's edit, not the dialog
        // On the box itself: the widget is wider than its label.
        QCheckBox *show = m_dialog->showSecretsBox();
        QTest::mouseClick(show, Qt::LeftButton, {}, QPoint(8, show->height() / 2));
        QVERIFY(m_dialog->showSecretsBox()->isChecked());
        QCOMPARE(value.data().toString(), QStringLiteral("s3cret"));
        // The note says where secrets go.
        const auto *note = m_dialog->findChild<QLabel *>(QStringLiteral("secretsNote"));
        QVERIFY(note);
        QVERIFY(note->text().contains(
            QLatin1String("Secrets are saved to http-client.private.env.json, which git ignores")));
        QVERIFY(!m_dialog->problemLabel()->isVisible());
        QVERIFY(m_dialog->saveButton()->isEnabled());
        // The shared variables are one click away.
        clickItem(QStringLiteral("$shared"));
        QCOMPARE(m_dialog->currentEnvironment(), QStringLiteral("$shared"));
        QCOMPARE(model()->index(0, 0).data().toString(), QStringLiteral("version"));
        QVERIFY(!m_dialog->renameButton()->isEnabled());
        QVERIFY(!m_dialog->removeButton()->isEnabled());
    }

    void anEditedValueIsSaved()
    {
        openDialog(QStringLiteral("demo"));
        const QByteArray privateBefore = readFile(privatePath());
        editCell(rowOf(model(), QStringLiteral("baseUrl")), EnvironmentVariablesModel::ValueColumn,
                 QStringLiteral("http://127.0.0.1:9999"));
        QVERIFY(m_dialog->isModified());
        clickSave();
        QCOMPARE(m_dialog->result(), int(QDialog::Accepted));
        QVERIFY(!m_dialog->isVisible());
        QCOMPARE(environmentIn(publicPath(), QStringLiteral("demo"))
                     .value(QLatin1String("baseUrl"))
                     .toString(),
                 QStringLiteral("http://127.0.0.1:9999"));
        QCOMPARE(readFile(privatePath()), privateBefore);
    }

    void tickingSecretMovesTheValueToThePrivateFile()
    {
        openDialog(QStringLiteral("demo"));
        const int user = rowOf(model(), QStringLiteral("user"));
        QTableView *table = m_dialog->variablesView();
        table->setFocus();
        table->setCurrentIndex(model()->index(user, EnvironmentVariablesModel::SecretColumn));
        QTest::keyClick(table, Qt::Key_Space);
        QCOMPARE(model()
                     ->index(user, EnvironmentVariablesModel::SecretColumn)
                     .data(Qt::CheckStateRole)
                     .toInt(),
                 int(Qt::Checked));
        QCOMPARE(model()->index(user, EnvironmentVariablesModel::ValueColumn).data().toString(),
                 EnvironmentVariablesModel::mask());
        clickSave();
        QCOMPARE(m_dialog->result(), int(QDialog::Accepted));
        const QJsonObject secrets = environmentIn(privatePath(), QStringLiteral("demo"));
        QCOMPARE(secrets.value(QLatin1String("user")).toString(), QStringLiteral("demo"));
        QCOMPARE(secrets.value(QLatin1String("password")).toString(), QStringLiteral("s3cret"));
        QVERIFY(
            !environmentIn(publicPath(), QStringLiteral("demo")).contains(QLatin1String("user")));
        QVERIFY(!readFile(publicPath()).contains("\"user\""));
        // Opened again, it reads as a secret, masked.
        openDialog(QStringLiteral("demo"));
        const int again = rowOf(model(), QStringLiteral("user"));
        QCOMPARE(model()->index(again, EnvironmentVariablesModel::ValueColumn).data().toString(),
                 EnvironmentVariablesModel::mask());
    }

    void theLastRowAddsAVariableAndDeleteRemovesRows()
    {
        openDialog(QStringLiteral("prod"));
        QCOMPARE(model()->rowCount(), 2);
        editCell(1, EnvironmentVariablesModel::NameColumn, QStringLiteral("token"));
        QCOMPARE(model()->rowCount(), 3); // a new empty row follows
        editCell(1, EnvironmentVariablesModel::ValueColumn, QStringLiteral("abc"));
        QTableView *table = m_dialog->variablesView();
        table->setFocus();
        table->selectRow(0);
        QTest::keyClick(table, Qt::Key_Delete);
        QCOMPARE(model()->rowCount(), 2);
        QCOMPARE(model()->index(0, 0).data().toString(), QStringLiteral("token"));
        clickSave();
        QCOMPARE(m_dialog->result(), int(QDialog::Accepted));
        const QJsonObject prod = environmentIn(publicPath(), QStringLiteral("prod"));
        QCOMPARE(prod.value(QLatin1String("token")).toString(), QStringLiteral("abc"));
        QVERIFY(!prod.contains(QLatin1String("baseUrl")));
    }

    void aRepeatedNameIsShownInlineAndBlocksSaving()
    {
        openDialog(QStringLiteral("demo"));
        editCell(model()->rowCount() - 1, EnvironmentVariablesModel::NameColumn,
                 QStringLiteral("user"));
        QVERIFY(m_dialog->problemLabel()->isVisible());
        QVERIFY2(m_dialog->problemLabel()->text().contains(
                     QLatin1String("\"user\" is defined twice in demo")),
                 qPrintable(m_dialog->problemLabel()->text()));
        QVERIFY(!m_dialog->saveButton()->isEnabled());
        // Switching would lose the row: the dialog stays on it.
        clickItem(QStringLiteral("prod"));
        QCOMPARE(m_dialog->currentEnvironment(), QStringLiteral("demo"));
        // Deleting the row clears the problem.
        QTableView *table = m_dialog->variablesView();
        table->setFocus();
        table->selectRow(model()->rowCount() - 2);
        QTest::keyClick(table, Qt::Key_Delete);
        QVERIFY(!m_dialog->problemLabel()->isVisible());
        QVERIFY(m_dialog->saveButton()->isEnabled());
        clickItem(QStringLiteral("prod"));
        QCOMPARE(m_dialog->currentEnvironment(), QStringLiteral("prod"));
    }

    void environmentsAreAddedRenamedAndRemoved()
    {
        openDialog(QStringLiteral("demo"));
        QListWidget *list = m_dialog->environmentList();
        QTest::mouseClick(m_dialog->addButton(), Qt::LeftButton);
        QLineEdit *edit = openEditor(list);
        QVERIFY(edit);
        typeInto(edit, QStringLiteral("staging"));
        QTRY_VERIFY(itemOf(list, QStringLiteral("staging")));
        QCOMPARE(m_dialog->currentEnvironment(), QStringLiteral("staging"));
        QCOMPARE(model()->rowCount(), 1);
        editCell(0, EnvironmentVariablesModel::NameColumn, QStringLiteral("baseUrl"));
        editCell(0, EnvironmentVariablesModel::ValueColumn, QStringLiteral("https://staging"));

        clickItem(QStringLiteral("prod"));
        QTest::mouseClick(m_dialog->renameButton(), Qt::LeftButton);
        edit = openEditor(list);
        QVERIFY(edit);
        typeInto(edit, QStringLiteral("production"));
        QTRY_VERIFY(itemOf(list, QStringLiteral("production")));
        QVERIFY(!itemOf(list, QStringLiteral("prod")));
        QCOMPARE(m_dialog->nameNow(QStringLiteral("prod")), QStringLiteral("production"));

        // A name clash is refused inline and the old name stays.
        clickItem(QStringLiteral("staging"));
        QTest::mouseClick(m_dialog->renameButton(), Qt::LeftButton);
        edit = openEditor(list);
        QVERIFY(edit);
        typeInto(edit, QStringLiteral("production"));
        QTRY_VERIFY(m_dialog->problemLabel()->isVisible());
        QVERIFY2(m_dialog->problemLabel()->text().contains(
                     QLatin1String("there already is an environment \"production\"")),
                 qPrintable(m_dialog->problemLabel()->text()));
        QVERIFY(itemOf(list, QStringLiteral("staging")));
        QCOMPARE(itemOf(list, QStringLiteral("staging"))->text(), QStringLiteral("staging"));

        clickItem(QStringLiteral("demo"));
        QTest::mouseClick(m_dialog->removeButton(), Qt::LeftButton);
        QVERIFY(!itemOf(list, QStringLiteral("demo")));
        QCOMPARE(m_dialog->nameNow(QStringLiteral("demo")), QString());

        clickSave();
        QCOMPARE(m_dialog->result(), int(QDialog::Accepted));
        const QJsonObject root = QJsonDocument::fromJson(readFile(publicPath())).object();
        QCOMPARE(root.keys(), QStringList({QStringLiteral("$shared"), QStringLiteral("production"),
                                           QStringLiteral("staging")}));
        QCOMPARE(root.value(QLatin1String("staging"))
                     .toObject()
                     .value(QLatin1String("baseUrl"))
                     .toString(),
                 QStringLiteral("https://staging"));
        QVERIFY(!readFile(privatePath()).contains("demo"));
    }

    void aBrokenFileIsShownAndNotSaved()
    {
        const QByteArray broken = "{\n  \"demo\": {\n    \"baseUrl\": \"x\",,\n  }\n}\n";
        QVERIFY(writeFile(publicPath(), broken));
        const EnvironmentSet set = EnvironmentSet::load(m_dir->path());
        QVERIFY(!set.diagnostics().isEmpty());
        const Diagnostic &expected = set.diagnostics().first();
        openDialog(QStringLiteral("demo"));
        QLabel *label = m_dialog->problemLabel();
        QVERIFY(label->isVisible());
        const QString where =
            QStringLiteral("http-client.env.json:%1:%2: ").arg(expected.line).arg(expected.column);
        QVERIFY2(label->text().contains(where), qPrintable(label->text()));
        QVERIFY(label->text().contains(QLatin1String("does not parse")));
        QVERIFY(!m_dialog->saveButton()->isEnabled());
        QVERIFY(!m_dialog->save());
        QTest::keyClick(m_dialog.get(), Qt::Key_S, Qt::ControlModifier);
        QVERIFY(m_dialog->isVisible());
        QCOMPARE(readFile(publicPath()), broken);
        QCOMPARE(readFile(privatePath()), QByteArray(PrivateJson));
    }

    void aFileChangedOnDiskIsNotOverwritten()
    {
        openDialog(QStringLiteral("demo"));
        editCell(rowOf(model(), QStringLiteral("user")), EnvironmentVariablesModel::ValueColumn,
                 QStringLiteral("alice"));
        const QByteArray theirs = "{\n  \"demo\": {\n    \"user\": \"bob\"\n  }\n}\n";
        QVERIFY(writeFile(publicPath(), theirs));
        clickSave();
        QVERIFY(m_dialog->isVisible());
        QCOMPARE(m_dialog->result(), int(QDialog::Rejected));
        QVERIFY(m_dialog->problemLabel()->isVisible());
        QVERIFY2(m_dialog->problemLabel()->text().contains(QLatin1String("changed on disk")),
                 qPrintable(m_dialog->problemLabel()->text()));
        QCOMPARE(readFile(publicPath()), theirs);
    }

    void cancellingWithEditsAsksOnce()
    {
        openDialog(QStringLiteral("demo"));
        // Without edits it just closes.
        QTest::keyClick(m_dialog.get(), Qt::Key_Escape);
        QVERIFY(!m_dialog->isVisible());
        QCOMPARE(m_asked, 0);

        openDialog(QStringLiteral("demo"));
        editCell(0, EnvironmentVariablesModel::ValueColumn, QStringLiteral("changed"));
        m_discard = false; // keep the edits
        auto *cancel = m_dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Cancel);
        QTest::mouseClick(cancel, Qt::LeftButton);
        QCOMPARE(m_asked, 1);
        QVERIFY(m_dialog->isVisible());
        QCOMPARE(model()->index(0, EnvironmentVariablesModel::ValueColumn).data().toString(),
                 QStringLiteral("changed"));
        m_discard = true;
        QTest::keyClick(m_dialog.get(), Qt::Key_Escape);
        QCOMPARE(m_asked, 2);
        QVERIFY(!m_dialog->isVisible());
        QCOMPARE(m_dialog->result(), int(QDialog::Rejected));
        QCOMPARE(readFile(publicPath()), QByteArray(PublicJson));
    }

    void theModelsAreSound()
    {
        openDialog(QStringLiteral("demo"));
        QAbstractItemModelTester variables(model(),
                                           QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester environments(
            m_dialog->environmentList()->model(),
            QAbstractItemModelTester::FailureReportingMode::QtTest);
        editCell(model()->rowCount() - 1, EnvironmentVariablesModel::NameColumn,
                 QStringLiteral("extra"));
        QVERIFY(model()->setData(
            model()->index(model()->rowCount() - 1, EnvironmentVariablesModel::SecretColumn),
            Qt::Checked, Qt::CheckStateRole));
        QVERIFY(model()->removeRows(0, 2));
        QVERIFY(!model()->removeRows(model()->rowCount() - 1, 1)); // the empty row stays
        model()->setShowSecrets(true);
        model()->setShowSecrets(false);
        clickItem(QStringLiteral("prod"));
        QTest::mouseClick(m_dialog->addButton(), Qt::LeftButton);
        QLineEdit *edit = openEditor(m_dialog->environmentList());
        QVERIFY(edit);
        typeInto(edit, QStringLiteral("qa"));
        QTRY_VERIFY(itemOf(m_dialog->environmentList(), QStringLiteral("qa")));
        QTest::mouseClick(m_dialog->removeButton(), Qt::LeftButton);
        QVERIFY(!itemOf(m_dialog->environmentList(), QStringLiteral("qa")));
    }

    void theMainWindowOpensItAndUsesTheSavedValues()
    {
        const QString folder = m_dir->filePath(QStringLiteral("demo"));
        QString error;
        QVERIFY2(DemoWorkspace::install(folder, &error), qPrintable(error));
        HttpClient client;
        WorkspaceModel workspace;
        WorkspaceSession session(&workspace, &client);
        QSettings settings(m_dir->filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        MainWindow window(&client, &session, &settings);
        window.setCloseQuestion([](const QString &) { return MainWindow::CloseAnswer::Discard; });
        QVERIFY(window.openWorkspace(folder));
        window.refreshEnvironments(DemoWorkspace::environmentName());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QString demo = DemoWorkspace::environmentName();
        QCOMPARE(window.currentEnvironment(), demo);

        auto *button = window.findChild<QToolButton *>(QStringLiteral("editEnvironments"));
        QVERIFY(button);
        QTest::mouseClick(button, Qt::LeftButton);
        EnvironmentDialog *dialog = window.findChild<EnvironmentDialog *>();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QCOMPARE(window.showEnvironmentDialog(), dialog); // one at a time
        QCOMPARE(dialog->currentEnvironment(), demo);

        auto *variables = dialog->variablesModel();
        int user = -1;
        for (int row = 0; row < variables->rowCount(); ++row) {
            if (variables->index(row, 0).data().toString() == QLatin1String("user"))
                user = row;
        }
        QVERIFY(user >= 0);
        QTableView *table = dialog->variablesView();
        table->setFocus();
        table->setCurrentIndex(variables->index(user, EnvironmentVariablesModel::ValueColumn));
        QTest::keyClick(table, Qt::Key_F2);
        QLineEdit *edit = openEditor(table);
        QVERIFY(edit);
        typeInto(edit, QStringLiteral("alice"));
        QTRY_COMPARE(
            variables->index(user, EnvironmentVariablesModel::ValueColumn).data().toString(),
            QStringLiteral("alice"));
        QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
        QTRY_VERIFY(!window.findChild<EnvironmentDialog *>()); // closed and deleted
        QCOMPARE(window.environmentPicker()->currentData().toString(), demo);
        QCOMPARE(workspace.workspace().environments().variables(demo).value(QStringLiteral("user")),
                 QStringLiteral("alice"));

        // The menu's shortcut opens it too.
        QAction *action = window.findChild<QAction *>(QStringLiteral("environmentsAction"));
        QVERIFY(action);
        QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
        action->trigger();
        dialog = window.findChild<EnvironmentDialog *>();
        QVERIFY(dialog);
        // Renaming the picked environment: the picker follows it.
        QListWidget *list = dialog->environmentList();
        QCOMPARE(dialog->currentEnvironment(), demo);
        QTest::mouseClick(dialog->renameButton(), Qt::LeftButton);
        edit = openEditor(list);
        QVERIFY(edit);
        typeInto(edit, QStringLiteral("local"));
        QTRY_COMPARE(dialog->currentEnvironment(), QStringLiteral("local"));
        QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
        QTRY_VERIFY(!window.findChild<EnvironmentDialog *>());
        QCOMPARE(window.currentEnvironment(), QStringLiteral("local"));
        QCOMPARE(workspace.workspace()
                     .environments()
                     .variables(QStringLiteral("local"))
                     .value(QStringLiteral("user")),
                 QStringLiteral("alice"));
    }
};

QTEST_MAIN(tst_EnvironmentDialog)
#include "tst_environmentdialog.moc"
