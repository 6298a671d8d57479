#include "responseview.h"

#include "content/bodyformatter.h"
#include "net/exchange.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace mr {

ResponseView::ResponseView(QWidget *parent)
    : QWidget(parent)
    , m_status(new QLabel(this))
    , m_time(new QLabel(this))
    , m_size(new QLabel(this))
    , m_connection(new QLabel(this))
    , m_message(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_body(new QPlainTextEdit(this))
    , m_headers(new QTreeWidget(this))
{
    m_status->setObjectName(QStringLiteral("responseStatus"));
    m_time->setObjectName(QStringLiteral("responseTime"));
    m_size->setObjectName(QStringLiteral("responseSize"));
    m_connection->setObjectName(QStringLiteral("responseConnection"));
    m_message->setObjectName(QStringLiteral("responseMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_body->setObjectName(QStringLiteral("responseBody"));
    m_body->setReadOnly(true);
    m_body->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_body->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_headers->setObjectName(QStringLiteral("responseHeaders"));
    m_headers->setHeaderLabels({tr("Name"), tr("Value")});
    m_headers->setRootIsDecorated(false);
    m_headers->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_tabs->addTab(m_body, tr("Body"));
    m_tabs->addTab(m_headers, tr("Headers"));

    QFont strong = m_status->font();
    strong.setBold(true);
    m_status->setFont(strong);

    auto *summary = new QHBoxLayout;
    summary->addWidget(m_status);
    summary->addWidget(m_time);
    summary->addWidget(m_size);
    summary->addWidget(m_connection);
    summary->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(summary);
    layout->addWidget(m_message);
    layout->addWidget(m_tabs, 1);
    clear();
}

void ResponseView::setStatusStyle(const QColor &color)
{
    m_status->setStyleSheet(
        QStringLiteral(
            "QLabel { color: white; background: %1; border-radius: 3px; padding: 2px 6px; }")
            .arg(color.name()));
}

void ResponseView::clear()
{
    m_status->setText(tr("No response yet"));
    m_status->setStyleSheet(QString());
    m_time->clear();
    m_size->clear();
    m_connection->clear();
    m_connection->setToolTip(QString());
    m_message->setText(tr("Pick a request and press Send (Ctrl+Enter)."));
    m_message->show();
    m_body->clear();
    m_headers->clear();
}

void ResponseView::showSending(const QString &what)
{
    clear();
    m_status->setText(tr("Sending…"));
    m_message->setText(what);
}

void ResponseView::showError(const QString &message, const QString &hint)
{
    clear();
    m_status->setText(tr("Failed"));
    setStatusStyle(QColor(0xc6, 0x28, 0x28));
    m_message->setText(hint.isEmpty() ? message : message + QLatin1Char('\n') + hint);
}

void ResponseView::showExchange(const Exchange &exchange)
{
    if (!exchange.hasResponse()) {
        showError(exchange.error, exchange.hint);
        m_time->setText(tr("%1 ms").arg(exchange.durationMs, 0, 'f', 1));
        return;
    }
    m_status->setText(QStringLiteral("%1 %2")
                          .arg(exchange.status)
                          .arg(QString::fromLatin1(exchange.reasonPhrase)));
    const QColor color = exchange.status < 300   ? QColor(0x2e, 0x7d, 0x32)
                         : exchange.status < 400 ? QColor(0x15, 0x65, 0xc0)
                         : exchange.status < 500 ? QColor(0xb2, 0x6a, 0x00)
                                                 : QColor(0xc6, 0x28, 0x28);
    setStatusStyle(color);
    m_time->setText(tr("%1 ms").arg(exchange.durationMs, 0, 'f', 1));
    m_size->setText(BodyFormatter::sizeText(exchange.responseBody.size()));
    if (const Attempt *attempt = exchange.finalAttempt()) {
        // Which connection carried it: the thing no other API client shows.
        m_connection->setText(attempt->connectionLabel());
        m_connection->setToolTip(QStringLiteral("%1, local port %2\n%3")
                                     .arg(attempt->connectionId)
                                     .arg(attempt->localPort)
                                     .arg(attempt->phasesText()));
    } else if (!exchange.pathLabel().isEmpty()) {
        m_connection->setText(exchange.pathLabel());
    }

    const BodyFormatter::Result body = BodyFormatter::format(
        exchange.responseBody, exchange.responseHeaders.value("Content-Type"));
    m_body->setPlainText(body.text);
    m_message->setText(body.note);
    m_message->setVisible(!body.note.isEmpty());

    m_headers->clear();
    for (const auto &field : exchange.responseHeaders.fields()) {
        new QTreeWidgetItem(m_headers,
                            {QString::fromLatin1(field.first), QString::fromUtf8(field.second)});
    }
    m_tabs->setTabText(1, tr("Headers (%1)").arg(exchange.responseHeaders.size()));
}

} // namespace mr
