#pragma once

#include "net/exchangejob.h"
#include "workspace/requestdefinition.h"

#include <QPointer>
#include <QWidget>

namespace mr {

class RequestEditor;
class ResponseView;

// One open request: its editor beside its last response, where it lives (file and index in
// that file) and whether it has edits not yet saved.
class RequestTab : public QWidget
{
    Q_OBJECT
public:
    explicit RequestTab(QWidget *parent = nullptr);

    // Shows a saved request; `origin` is "folder/file.http:12" for the header.
    void setSaved(const QString &filePath, int requestIndex, const RequestDefinition &request,
                  const QString &origin);
    // Where the request went after a tree edit (moved, or its file renamed), keeping edits;
    // their relative "< ./file" lines are rewritten to name the same files from there.
    void relocate(const QString &filePath, int requestIndex);
    // The saved request changed under edits (renamed in the tree): the edits stay on it.
    void follow(const RequestDefinition &request, const QString &origin);
    // Shows a request that lives in no file yet (one re-opened from the history); its
    // variables and relative "< ./file" bodies are those of `sourceFile`, if it has one.
    void setUnsaved(const RequestDefinition &request, const QString &sourceFile,
                    const QString &origin);
    // Empty for a request in no file.
    QString filePath() const { return m_filePath; }
    // The .http file whose variables and folder the request uses.
    QString sourceFile() const { return m_filePath.isEmpty() ? m_sourceFile : m_filePath; }
    int requestIndex() const { return m_requestIndex; }
    const RequestDefinition &saved() const { return m_saved; }
    bool isModified() const { return m_modified; }
    // Puts edits made earlier (a draft kept from last time) into the editor, unsaved.
    void takeEdits(const RequestDefinition &edited);
    // "Get user" or "GET {{baseUrl}}/users"
    QString title() const;

    RequestEditor *editor() const { return m_editor; }
    ResponseView *response() const { return m_response; }

    // The exchange in flight for this tab, if any.
    ExchangeJob *job() const { return m_job; }
    void setJob(ExchangeJob *job);

Q_SIGNALS:
    void modifiedChanged(bool modified);

private:
    void updateModified();

    RequestEditor *m_editor;
    ResponseView *m_response;
    QString m_filePath;
    QString m_sourceFile;
    int m_requestIndex = -1;
    RequestDefinition m_saved;
    bool m_modified = false;
    QPointer<ExchangeJob> m_job;
};

} // namespace mr
