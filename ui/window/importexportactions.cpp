#include "importexportactions.h"

#include "formats/collectionimporter.h"
#include "formats/collectionwriter.h"
#include "formats/curlexporter.h"
#include "formats/curlimporter.h"
#include "formats/postmanexporter.h"
#include "requesteditor.h"
#include "requesttab.h"
#include "requesttabs.h"
#include "workspace/workspacemodel.h"
#include "workspace/workspacesession.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QSaveFile>

namespace mr {

ImportExportActions::ImportExportActions(WorkspaceSession *session, RequestTabs *tabs,
                                         QWidget *dialogParent)
    : QObject(dialogParent)
    , m_session(session)
    , m_tabs(tabs)
    , m_dialogParent(dialogParent)
    , m_environment([] { return QString(); })
    , m_expander([] { return VariableExpander(); })
{}

void ImportExportActions::chooseAndImport()
{
    const QString root = m_session->model()->workspace().root();
    const QString path = QFileDialog::getOpenFileName(
        m_dialogParent, tr("Import into %1").arg(QDir::toNativeSeparators(root)), QDir::homePath(),
        tr("Collections (*.json *.yaml *.yml *.har *.sh *.txt *.curl);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    const QString summary = importFile(path, &error);
    if (!error.isEmpty())
        QMessageBox::warning(m_dialogParent, tr("Import"), error);
    else
        QMessageBox::information(m_dialogParent, tr("Import"), summary);
}

QString ImportExportActions::importFile(const QString &path, QString *error)
{
    QFile input(path);
    if (!input.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(path, input.errorString());
        return {};
    }
    const QByteArray data = input.readAll();
    const QString format = CollectionImporter::sniff(data);
    if (format.isEmpty()) {
        *error = tr("%1 is not in a format Microrequests can import (%2).")
                     .arg(path, CollectionImporter::formats().join(QStringLiteral(", ")));
        return {};
    }
    const CollectionDraft draft = CollectionImporter::read(format, data, path);
    const QString root = m_session->model()->workspace().root();
    const CollectionWriter::Result result = CollectionWriter::write(draft, root);
    if (!result.ok) {
        *error = tr("Nothing was imported.\n\n%1").arg(result.error);
        return {};
    }
    m_session->reload();
    QString summary = tr("Imported %n request(s) from %1 into:", nullptr, draft.requestCount())
                          .arg(QFileInfo(path).fileName());
    for (const QString &written : result.written)
        summary += QStringLiteral("\n  ") + written;
    if (!result.notes.isEmpty()) {
        summary += QStringLiteral("\n\n") + tr("Not carried over:");
        for (const Diagnostic &note : result.notes)
            summary += QStringLiteral("\n  ") + note.toString();
    }
    Q_EMIT message(tr("Imported %n request(s)", nullptr, draft.requestCount()), 5000);
    return summary;
}

void ImportExportActions::chooseAndExportPostman()
{
    const QString root = m_session->model()->workspace().root();
    if (root.isEmpty()) {
        Q_EMIT message(tr("Open a workspace to export it"), 5000);
        return;
    }
    const QString path = QFileDialog::getSaveFileName(
        m_dialogParent, tr("Export as a Postman collection"),
        QDir::home().filePath(QDir(root).dirName() + QStringLiteral(".postman_collection.json")),
        tr("Postman collections (*.json)"));
    if (path.isEmpty())
        return;
    QString error;
    const QString summary = exportPostman(path, &error);
    if (!error.isEmpty())
        QMessageBox::warning(m_dialogParent, tr("Export"), error);
    else
        Q_EMIT message(summary, 10000);
}

QString ImportExportActions::exportPostman(const QString &path, QString *error)
{
    const Workspace &workspace = m_session->model()->workspace();
    const PostmanExporter::Result result =
        PostmanExporter::collection(workspace, workspace.files(), workspace.root(),
                                    QDir(workspace.root()).dirName(), m_environment());
    if (result.requests == 0) {
        *error = tr("The workspace has no requests to export.");
        return {};
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(result.json) != result.json.size() ||
        !file.commit()) {
        *error = tr("%1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return {};
    }
    QString summary = tr("Exported %n request(s) to %1", nullptr, result.requests)
                          .arg(QDir::toNativeSeparators(path));
    if (!result.problems.isEmpty())
        summary += tr("; not carried over: %1").arg(result.problems.join(QStringLiteral("; ")));
    return summary;
}

QString ImportExportActions::copyAsCurl()
{
    const RequestTab *tab = m_tabs->current();
    if (!tab)
        return {};
    QStringList problems;
    const QString command = CurlExporter::command(tab->editor()->request(), m_expander(),
                                                  m_tabs->currentFolder(), &problems);
    if (command.isEmpty()) {
        Q_EMIT message(problems.join(QStringLiteral("; ")), 8000);
        return {};
    }
    QApplication::clipboard()->setText(command);
    Q_EMIT message(problems.isEmpty()
                       ? tr("Copied as curl")
                       : tr("Copied as curl; %1").arg(problems.join(QStringLiteral("; "))),
                   8000);
    return command;
}

bool ImportExportActions::pasteCurl(const QString &command)
{
    RequestTab *tab = m_tabs->current();
    if (!tab)
        return false;
    const CollectionDraft draft = CurlImporter::read(command.toUtf8(), tr("pasted command"));
    if (draft.hasErrors() || draft.requestCount() != 1) {
        Q_EMIT message(draft.hasErrors() ? draft.errors.first().toString()
                                         : tr("Paste one curl command at a time"),
                       8000);
        return false;
    }
    // An edit like typing: the tab shows the dot, the draft is kept, closing asks.
    tab->takeEdits(draft.files.first().requests.first());
    QStringList notes;
    for (const Diagnostic &note : draft.notes)
        notes.append(note.message);
    Q_EMIT message(notes.isEmpty()
                       ? tr("Read the curl command")
                       : tr("Read the curl command; %1").arg(notes.join(QStringLiteral("; "))),
                   8000);
    return true;
}

} // namespace mr
