#include "historyactions.h"

#include "history/historystore.h"
#include "requesttab.h"
#include "requesttabs.h"
#include "responseview.h"
#include "workspace/workspacemodel.h"

#include <QLocale>

namespace mr {

HistoryActions::HistoryActions(HistoryStore *store, RequestTabs *tabs, WorkspaceModel *model,
                               QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_tabs(tabs)
    , m_model(model)
{}

bool HistoryActions::open(qint64 id)
{
    const std::optional<HistoryEntry> entry = m_store ? m_store->load(id) : std::nullopt;
    if (!entry) {
        Q_EMIT message(tr("That history entry is not there any more"), 8000);
        return false;
    }
    // Its file's variables still apply when the file is still in the workspace.
    const QString sourceFile =
        m_model->workspace().file(entry->source.filePath) ? entry->source.filePath : QString();
    RequestTab *tab = m_tabs->addUnsaved(
        entry->requestDefinition(), sourceFile,
        tr("History · %1")
            .arg(QLocale().toString(entry->recordedAt.toLocalTime(), QLocale::ShortFormat)));
    tab->response()->showExchange(entry->exchange);
    if (entry->responseBodyTruncated)
        Q_EMIT message(tr("The history kept the first %1 bytes of the %2-byte body")
                           .arg(entry->exchange.responseBody.size())
                           .arg(entry->exchange.responseBodySize),
                       10000);
    return true;
}

bool HistoryActions::resend(qint64 id)
{
    if (!open(id))
        return false;
    Q_EMIT sendRequested();
    return true;
}

bool HistoryActions::save(qint64 id)
{
    return open(id) && m_tabs->saveCurrent();
}

} // namespace mr
