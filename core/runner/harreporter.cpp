#include "harreporter.h"

#include "formats/harwriter.h"

#include <QCoreApplication>
#include <QIODevice>
#include <QJsonDocument>
#include <algorithm>

namespace mr {

void HarReporter::step(const RunStep &step)
{
    if (step.sent) // an entry per exchange; only its JSON is kept, not the whole Exchange
        m_entries.append({step.sequence, HarWriter::entry(step.exchange)});
}

void HarReporter::finish(const RunSummary &summary)
{
    Q_UNUSED(summary)
    std::stable_sort(m_entries.begin(), m_entries.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    QJsonObject document = HarWriter::document({}, QCoreApplication::applicationVersion());
    QJsonObject log = document.value(QStringLiteral("log")).toObject();
    QJsonArray entries;
    for (const auto &entry : std::as_const(m_entries))
        entries.append(entry.second);
    log.insert(QStringLiteral("entries"), entries);
    document.insert(QStringLiteral("log"), log);
    m_out->write(QJsonDocument(document).toJson(QJsonDocument::Indented));
}

} // namespace mr
