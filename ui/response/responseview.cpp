#include "responseview.h"

#include "content/bodyformatter.h"
#include "net/exchangetranscript.h"
#include "phasebar.h"
#include "responsebodyview.h"

#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QNetworkCookie>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace mr {

namespace {
QTreeWidget *makeTable(QWidget *parent, const QString &name, const QStringList &columns)
{
    auto *table = new QTreeWidget(parent);
    table->setObjectName(name);
    table->setHeaderLabels(columns);
    table->setRootIsDecorated(false);
    table->setAlternatingRowColors(true);
    table->setUniformRowHeights(true);
    table->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->header()->setStretchLastSection(true);
    return table;
}
} // namespace

ResponseView::ResponseView(QWidget *parent)
    : QWidget(parent)
    , m_status(new QLabel(this))
    , m_time(new QLabel(this))
    , m_size(new QLabel(this))
    , m_connection(new QLabel(this))
    , m_phases(new PhaseBar(this))
    , m_saveBody(new QPushButton(tr("Save body…"), this))
    , m_copyCurl(new QPushButton(tr("Copy as curl"), this))
    , m_message(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_body(new ResponseBodyView(this))
    , m_headers(makeTable(this, QStringLiteral("responseHeaders"), {tr("Name"), tr("Value")}))
    , m_cookies(makeTable(this, QStringLiteral("responseCookies"),
                          {tr("Name"), tr("Value"), tr("Domain"), tr("Path"), tr("Expires"),
                           tr("HttpOnly"), tr("Secure")}))
    , m_attempts(makeTable(this, QStringLiteral("responseAttempts"),
                           {tr("#"), tr("Started"), tr("Connection"), tr("Status"), tr("Time"),
                            tr("Phases"), tr("Outcome")}))
    , m_raw(new QPlainTextEdit(this))
{
    m_status->setObjectName(QStringLiteral("responseStatus"));
    m_time->setObjectName(QStringLiteral("responseTime"));
    m_size->setObjectName(QStringLiteral("responseSize"));
    m_connection->setObjectName(QStringLiteral("responseConnection"));
    m_message->setObjectName(QStringLiteral("responseMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_saveBody->setObjectName(QStringLiteral("saveBody"));
    m_copyCurl->setObjectName(QStringLiteral("copyAsCurl"));
    m_copyCurl->setToolTip(tr("The request as a curl command, on the clipboard (Ctrl+Shift+C)"));
    m_raw->setObjectName(QStringLiteral("responseRaw"));
    m_raw->setReadOnly(true);
    m_raw->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_raw->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_tabs->setObjectName(QStringLiteral("responseTabs"));
    m_tabs->addTab(m_body, tr("Body"));
    m_tabs->addTab(m_headers, tr("Headers"));
    m_tabs->addTab(m_cookies, tr("Cookies"));
    m_tabs->addTab(m_attempts, tr("Attempts"));
    m_tabs->addTab(m_raw, tr("Raw"));

    QFont strong = m_status->font();
    strong.setBold(true);
    m_status->setFont(strong);

    auto *summary = new QHBoxLayout;
    summary->addWidget(m_status);
    summary->addWidget(m_time);
    summary->addWidget(m_size);
    summary->addWidget(m_connection);
    summary->addStretch(1);
    summary->addWidget(m_copyCurl);
    summary->addWidget(m_saveBody);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(summary);
    layout->addWidget(m_phases);
    layout->addWidget(m_message);
    layout->addWidget(m_tabs, 1);

    connect(m_saveBody, &QPushButton::clicked, this, &ResponseView::chooseAndSaveBody);
    connect(m_copyCurl, &QPushButton::clicked, this, &ResponseView::copyAsCurlRequested);
    clear();
}

void ResponseView::setStatusStyle(ThemeColors::Role role)
{
    m_statusRole = role;
    applyStatusStyle();
}

void ResponseView::applyStatusStyle()
{
    if (!m_statusRole) {
        m_status->setStyleSheet(QString());
        return;
    }
    m_status->setStyleSheet(
        QStringLiteral(
            "QLabel { color: %1; background: %2; border-radius: 3px; padding: 2px 6px; }")
            .arg(ThemeColors::color(ThemeColors::StatusText, palette()).name(),
                 statusColour().name()));
}

QColor ResponseView::statusColour() const
{
    return m_statusRole ? ThemeColors::color(*m_statusRole, palette()) : QColor();
}

void ResponseView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    // A light or dark palette chosen while a status shows: the badge follows.
    if (event->type() == QEvent::PaletteChange)
        applyStatusStyle();
}

void ResponseView::clear()
{
    m_exchange = Exchange();
    m_status->setText(tr("No response yet"));
    m_statusRole.reset();
    applyStatusStyle();
    m_time->clear();
    m_size->clear();
    m_connection->clear();
    m_connection->setToolTip(QString());
    m_phases->clear();
    m_phases->hide();
    m_saveBody->setEnabled(false);
    m_message->setText(tr("Press Send (Ctrl+Enter) to see the response here."));
    m_message->show();
    m_body->clear();
    m_headers->clear();
    m_cookies->clear();
    m_attempts->clear();
    m_raw->clear();
    m_tabs->setTabText(1, tr("Headers"));
    m_tabs->setTabText(2, tr("Cookies"));
    m_tabs->setTabText(3, tr("Attempts"));
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
    setStatusStyle(ThemeColors::StatusFailed);
    m_message->setText(hint.isEmpty() ? message : message + QLatin1Char('\n') + hint);
}

void ResponseView::showExchange(const Exchange &exchange)
{
    if (!exchange.hasResponse()) {
        showError(exchange.error, exchange.hint);
        m_exchange = exchange;
        m_time->setText(tr("%1 ms").arg(exchange.durationMs, 0, 'f', 1));
        showAttempts(exchange);
        m_raw->setPlainText(ExchangeTranscript::text(exchange));
        return;
    }
    clear();
    m_exchange = exchange;
    m_status->setText(QStringLiteral("%1 %2")
                          .arg(exchange.status)
                          .arg(QString::fromLatin1(exchange.reasonPhrase)));
    setStatusStyle(ThemeColors::statusRole(exchange.status));
    m_time->setText(tr("%1 ms").arg(exchange.durationMs, 0, 'f', 1));
    m_size->setText(BodyFormatter::sizeText(
        exchange.responseBodySize > 0 ? exchange.responseBodySize : exchange.responseBody.size()));
    if (const Attempt *attempt = exchange.finalAttempt()) {
        // Which connection carried it: the thing no other API client shows.
        m_connection->setText(attempt->connectionLabel());
        m_connection->setToolTip(QStringLiteral("%1, local port %2\n%3")
                                     .arg(attempt->connectionId)
                                     .arg(attempt->localPort)
                                     .arg(attempt->phasesText()));
        m_phases->setTimings(attempt->timings);
        m_phases->show();
    } else if (!exchange.pathLabel().isEmpty()) {
        m_connection->setText(exchange.pathLabel());
    }
    m_saveBody->setEnabled(exchange.responseBodySize > 0 || !exchange.responseBody.isEmpty());
    if (exchange.isComplete()) {
        m_message->hide();
    } else {
        // A status came, the whole response did not (a body cut short, say): what came is
        // shown below, and this says it is not all.
        setStatusStyle(ThemeColors::StatusFailed);
        m_message->setText(exchange.hint.isEmpty()
                               ? exchange.error
                               : exchange.error + QLatin1Char('\n') + exchange.hint);
        m_message->show();
    }

    m_body->showBody(exchange);

    for (const auto &field : exchange.responseHeaders.fields()) {
        new QTreeWidgetItem(m_headers,
                            {QString::fromLatin1(field.first), QString::fromUtf8(field.second)});
    }
    m_tabs->setTabText(1, tr("Headers (%1)").arg(exchange.responseHeaders.size()));
    showCookies(exchange);
    showAttempts(exchange);
    m_raw->setPlainText(ExchangeTranscript::text(exchange));
}

void ResponseView::showCookies(const Exchange &exchange)
{
    int count = 0;
    const QList<QNetworkCookie> cookies = exchange.cookiesSet();
    for (const QNetworkCookie &cookie : cookies) {
        const QString expires = cookie.isSessionCookie()
                                    ? tr("session")
                                    : cookie.expirationDate().toString(Qt::ISODate);
        new QTreeWidgetItem(m_cookies,
                            {QString::fromUtf8(cookie.name()), QString::fromUtf8(cookie.value()),
                             cookie.domain(), cookie.path(), expires,
                             cookie.isHttpOnly() ? tr("yes") : QString(),
                             cookie.isSecure() ? tr("yes") : QString()});
        ++count;
    }
    m_tabs->setTabText(2, count ? tr("Cookies (%1)").arg(count) : tr("Cookies"));
}

void ResponseView::showAttempts(const Exchange &exchange)
{
    int number = 0;
    for (const Attempt &attempt : exchange.attempts) {
        ++number;
        QString outcome = attempt.outcome;
        if (outcome.isEmpty())
            outcome = attempt.errorString.isEmpty() ? tr("answered") : attempt.errorString;
        auto *item = new QTreeWidgetItem(
            m_attempts,
            {QString::number(number),
             attempt.startedAt.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz")),
             attempt.connectionId.isEmpty()
                 ? tr("none")
                 : QStringLiteral("%1 (%2)").arg(attempt.connectionId, attempt.connectionLabel()),
             attempt.status ? QString::number(attempt.status) : QStringLiteral("\u2013"),
             tr("%1 ms").arg(attempt.timings.total(), 0, 'f', 1), attempt.phasesText(), outcome});
        item->setToolTip(5, attempt.phasesText());
    }
    m_tabs->setTabText(3, number > 1 ? tr("Attempts (%1)").arg(number) : tr("Attempts"));
}

bool ResponseView::saveBody(const QString &path, QString *error) const
{
    return m_exchange.saveBody(path, error);
}

void ResponseView::chooseAndSaveBody()
{
    QString name = QFileInfo(m_exchange.request.url.path()).fileName();
    if (name.isEmpty())
        name = QStringLiteral("response");
    const QString path = QFileDialog::getSaveFileName(this, tr("Save the response body"), name);
    if (path.isEmpty())
        return;
    QString error;
    if (!saveBody(path, &error)) {
        m_message->setText(tr("The body was not saved: %1").arg(error));
        m_message->show();
    }
}

} // namespace mr
