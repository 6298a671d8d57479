#include "requesttab.h"

#include "net/exchangejob.h"
#include "requesteditor.h"
#include "responseview.h"
#include "workspace/filereferencerewriter.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QSplitter>

namespace mr {

RequestTab::RequestTab(QWidget *parent)
    : QWidget(parent)
    , m_editor(new RequestEditor(this))
    , m_response(new ResponseView(this))
{
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("requestResponseSplitter"));
    splitter->addWidget(m_editor);
    splitter->addWidget(m_response);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(splitter);
    connect(m_editor, &RequestEditor::edited, this, &RequestTab::updateModified);
}

void RequestTab::setSaved(const QString &filePath, int requestIndex,
                          const RequestDefinition &request, const QString &origin)
{
    m_filePath = filePath;
    m_requestIndex = requestIndex;
    m_saved = request;
    m_editor->setBaseFolder(QFileInfo(filePath).absolutePath());
    m_editor->setRequest(request, origin);
    updateModified();
}

void RequestTab::takeEdits(const RequestDefinition &edited)
{
    m_editor->takeContent(edited); // everything the editor edits; the name stays the saved one
    updateModified();
}

void RequestTab::setUnsaved(const RequestDefinition &request, const QString &sourceFile,
                            const QString &origin)
{
    m_filePath.clear();
    m_sourceFile = sourceFile;
    m_requestIndex = -1;
    m_saved = request;
    if (!sourceFile.isEmpty())
        m_editor->setBaseFolder(QFileInfo(sourceFile).absolutePath());
    m_editor->setRequest(request, origin);
    updateModified();
}

void RequestTab::relocate(const QString &filePath, int requestIndex)
{
    // The file already rewrote the saved request's "< ./file" lines; unsaved edits to the body
    // get the same (response handlers are not edited here: they come from the file). Called
    // after the move: files that moved along are not at their old place, so their lines stay.
    const QString fromFolder = QFileInfo(m_filePath).absolutePath();
    const QString toFolder = QFileInfo(filePath).absolutePath();
    if (m_modified && !m_filePath.isEmpty() && fromFolder != toFolder) {
        RequestDefinition edited = m_editor->request();
        const QString body = FileReferenceRewriter(fromFolder, toFolder).rewriteBody(edited.body);
        if (body != edited.body) {
            edited.body = body;
            m_editor->takeContent(edited);
        }
    }
    m_filePath = filePath;
    m_requestIndex = requestIndex;
    m_editor->setBaseFolder(QFileInfo(filePath).absolutePath());
}

void RequestTab::follow(const RequestDefinition &request, const QString &origin)
{
    const RequestDefinition edited = m_editor->request();
    m_saved = request;
    m_editor->setRequest(request, origin);
    m_editor->takeContent(edited);
    updateModified();
}

QString RequestTab::title() const
{
    const RequestDefinition shown = m_editor->hasRequest() ? m_editor->request() : m_saved;
    QString text = shown.displayName();
    if (text.size() > 32)
        text = text.left(31) + QChar(0x2026);
    return text;
}

void RequestTab::setJob(ExchangeJob *job)
{
    m_job = job;
    m_editor->setBusy(job != nullptr);
}

void RequestTab::updateModified()
{
    const bool modified = m_editor->hasRequest() && !m_editor->request().sameContent(m_saved);
    if (modified == m_modified)
        return;
    m_modified = modified;
    Q_EMIT modifiedChanged(modified);
}

} // namespace mr
