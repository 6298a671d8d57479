#include "tabsender.h"

#include "history/historystore.h"
#include "net/exchangejob.h"
#include "outsidefilesdialog.h"
#include "requesteditor.h"
#include "requesttab.h"
#include "requesttabs.h"
#include "responseview.h"
#include "runner/requestsender.h"
#include "workspace/httpfilewriter.h"
#include "workspace/workspacemodel.h"

#include <utility>

namespace mr {

TabSender::TabSender(RequestSender *sender, RequestTabs *tabs, WorkspaceModel *model, Scope scope,
                     QWidget *dialogParent)
    : QObject(dialogParent)
    , m_sender(sender)
    , m_tabs(tabs)
    , m_model(model)
    , m_scope(std::move(scope))
    , m_dialogParent(dialogParent)
{}

void TabSender::send()
{
    RequestTab *tab = m_tabs->current();
    if (!tab || tab->job())
        return;
    const RequestDefinition request = tab->editor()->request();
    RequestSender::Context context;
    context.expander = m_scope.expander();
    context.files.baseFolder = m_tabs->currentFolder();
    context.files.workspaceRoot = m_model->workspace().root();
    context.files.allowedOutside = allowedOutsideFiles(context.files.workspaceRoot);
    context.file = tab->sourceFile();
    const RequestSender::Sending sent = m_sender->send(request, context, tab);
    const RequestResolver::Result &resolved = sent.resolved;
    if (sent.needsConsent()) {
        askToSendOutsideFiles(tab, request, resolved);
        return;
    }
    if (!sent.sent()) {
        tab->response()->showError(sent.error,
                                   resolved.reasons.isEmpty()
                                       ? QString()
                                       : tr("Send the requests they name first, or correct them."));
        return;
    }
    QString sending = QString::fromLatin1(resolved.request.method) + QLatin1Char(' ') +
                      resolved.request.url.toString();
    if (!resolved.bodyFiles.isEmpty()) // "body: 3 files, 120.0 MB", known before it is read
        sending += QStringLiteral(" · ") + resolved.bodySummary();
    tab->response()->showSending(sending);
    // What the history keeps about where it came from, and the secrets it masks, as they are
    // now (not when it ends). "# @no-log" keeps the exchange out of the history.
    const bool logged = m_history && !request.hasDirective(QStringLiteral("no-log"));
    HistorySource source;
    SecretRedactor secrets;
    if (logged) {
        source = {tab->sourceFile(), request.name, m_scope.environment(),
                  QString::fromUtf8(HttpFileWriter::renderBlock(request, QByteArray(), "\n"))};
        secrets = m_scope.secrets(request);
    }
    ExchangeJob *job = sent.job;
    tab->setJob(job);
    // The sender remembered a named exchange before this: other requests' {{name.response…}}
    // stand for it once exchangeFinished() is handled.
    connect(job, &ExchangeJob::finished, tab, [this, tab, job, logged, source, secrets] {
        tab->response()->showExchange(job->exchange());
        tab->setJob(nullptr);
        QString error;
        if (logged && m_history && m_history->record(job->exchange(), source, secrets, &error) < 0)
            Q_EMIT message(tr("Not kept in the history: %1").arg(error), 10000);
        job->deleteLater();
        Q_EMIT exchangeFinished(tab);
    });
}

void TabSender::cancel()
{
    if (RequestTab *tab = m_tabs->current(); tab && tab->job())
        tab->job()->cancel();
}

void TabSender::askToSendOutsideFiles(RequestTab *tab, const RequestDefinition &request,
                                      const RequestResolver::Result &resolved)
{
    const QString root = m_model->workspace().root();
    const QSet<QString> allowed = m_allowedOutsideFiles.value(root);
    QList<RequestResolver::BodyFile> asked;
    for (const RequestResolver::BodyFile &file : resolved.outsideFiles()) {
        if (!allowed.contains(file.path))
            asked.append(file);
    }
    auto *dialog = new OutsideFilesDialog(request.displayName(), root, asked,
                                          resolved.bodySummary(), m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QPointer<RequestTab> target(tab);
    connect(dialog, &QDialog::accepted, this, [this, target, root, asked] {
        // Remembered for this workspace until the window closes.
        for (const RequestResolver::BodyFile &file : asked)
            m_allowedOutsideFiles[root].insert(file.path);
        if (target && m_tabs->current() == target)
            send();
    });
    connect(dialog, &QDialog::rejected, this, [target] {
        if (target)
            target->response()->showError(
                tr("Not sent: the body reads files outside the workspace."),
                tr("Send again and choose Send to allow them."));
    });
    dialog->open();
}

} // namespace mr
