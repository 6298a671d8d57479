#include "requesteditor.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace mr {

RequestEditor::RequestEditor(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_origin(new QLabel(this))
    , m_method(new QComboBox(this))
    , m_url(new QLineEdit(this))
    , m_send(new QPushButton(tr("Send"), this))
    , m_tabs(new QTabWidget(this))
    , m_headers(new QTableWidget(0, 2, this))
    , m_body(new QPlainTextEdit(this))
{
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setObjectName(QStringLiteral("requestTitle"));
    m_origin->setObjectName(QStringLiteral("requestOrigin"));
    m_origin->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette dim = m_origin->palette();
    dim.setColor(QPalette::WindowText, dim.color(QPalette::PlaceholderText));
    m_origin->setPalette(dim);

    m_method->setEditable(true);
    m_method->addItems({QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("PUT"),
                        QStringLiteral("PATCH"), QStringLiteral("DELETE"), QStringLiteral("HEAD"),
                        QStringLiteral("OPTIONS")});
    m_method->setObjectName(QStringLiteral("method"));
    m_method->setMinimumContentsLength(7);
    m_url->setObjectName(QStringLiteral("url"));
    m_url->setPlaceholderText(tr("https://example.com/path or {{baseUrl}}/path"));
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_url->setFont(mono);
    m_send->setObjectName(QStringLiteral("send"));
    m_send->setToolTip(tr("Send the request (Ctrl+Enter)"));
    m_send->setDefault(true);

    m_headers->setObjectName(QStringLiteral("requestHeaders"));
    m_headers->setHorizontalHeaderLabels({tr("Name"), tr("Value")});
    m_headers->horizontalHeader()->setStretchLastSection(true);
    m_headers->verticalHeader()->hide();
    m_body->setObjectName(QStringLiteral("requestBody"));
    m_body->setFont(mono);
    m_body->setPlaceholderText(tr("Request body"));
    m_tabs->addTab(m_headers, tr("Headers"));
    m_tabs->addTab(m_body, tr("Body"));

    auto *line = new QHBoxLayout;
    line->addWidget(m_method);
    line->addWidget(m_url, 1);
    line->addWidget(m_send);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_origin);
    layout->addLayout(line);
    layout->addWidget(m_tabs, 1);

    connect(m_send, &QPushButton::clicked, this, [this] {
        if (m_busy)
            Q_EMIT cancelRequested();
        else
            Q_EMIT sendRequested();
    });
    connect(m_url, &QLineEdit::returnPressed, this, &RequestEditor::sendRequested);
    // A pasted curl command (more than one character at once), never one being typed.
    connect(m_url, &QLineEdit::textEdited, this,
            [this, length = qsizetype(0)](const QString &text) mutable {
                const bool pasted = text.size() - length > 1;
                length = text.size();
                if (pasted && text.trimmed().startsWith(QLatin1String("curl ")))
                    Q_EMIT curlEntered(text);
            });
    connect(m_headers, &QTableWidget::cellChanged, this, &RequestEditor::ensureEmptyHeaderRow);
    connect(m_headers, &QTableWidget::cellChanged, this, &RequestEditor::edited);
    connect(m_method, &QComboBox::currentTextChanged, this, &RequestEditor::edited);
    connect(m_url, &QLineEdit::textChanged, this, &RequestEditor::edited);
    connect(m_body, &QPlainTextEdit::textChanged, this, &RequestEditor::edited);
    setEnabled(false);
}

void RequestEditor::setRequest(const RequestDefinition &request, const QString &origin)
{
    m_request = request;
    m_hasRequest = true;
    setEnabled(true);
    m_title->setText(request.displayName());
    m_origin->setText(origin);
    showContent(request);
}

void RequestEditor::takeContent(const RequestDefinition &content)
{
    m_request.method = content.method;
    m_request.url = content.url;
    m_request.headers = content.headers;
    m_request.body = content.body;
    m_request.directives = content.directives;
    showContent(m_request);
}

void RequestEditor::showContent(const RequestDefinition &request)
{
    m_method->setCurrentText(request.method);
    m_url->setText(request.url);
    m_headers->blockSignals(true);
    m_headers->setRowCount(0);
    for (const auto &header : request.headers)
        addHeaderRow(header.name, header.value);
    m_headers->blockSignals(false);
    ensureEmptyHeaderRow();
    m_body->setPlainText(request.body);
    m_tabs->setTabText(0, request.headers.isEmpty()
                              ? tr("Headers")
                              : tr("Headers (%1)").arg(request.headers.size()));
    m_tabs->setCurrentIndex(request.body.isEmpty() ? 0 : 1);
}

void RequestEditor::addHeaderRow(const QString &name, const QString &value)
{
    const int row = m_headers->rowCount();
    m_headers->insertRow(row);
    m_headers->setItem(row, 0, new QTableWidgetItem(name));
    m_headers->setItem(row, 1, new QTableWidgetItem(value));
}

void RequestEditor::ensureEmptyHeaderRow()
{
    const int rows = m_headers->rowCount();
    const bool lastEmpty = rows > 0 && (!m_headers->item(rows - 1, 0) ||
                                        m_headers->item(rows - 1, 0)->text().isEmpty());
    if (!lastEmpty) {
        m_headers->blockSignals(true);
        addHeaderRow(QString(), QString());
        m_headers->blockSignals(false);
    }
}

RequestDefinition RequestEditor::request() const
{
    RequestDefinition edited = m_request;
    edited.method = m_method->currentText().trimmed().toUpper();
    edited.url = m_url->text().trimmed();
    edited.headers.clear();
    for (int row = 0; row < m_headers->rowCount(); ++row) {
        const QTableWidgetItem *name = m_headers->item(row, 0);
        const QTableWidgetItem *value = m_headers->item(row, 1);
        if (name && !name->text().trimmed().isEmpty())
            edited.headers.append({name->text().trimmed(), value ? value->text() : QString(), 0});
    }
    edited.body = m_body->toPlainText();
    return edited;
}

void RequestEditor::setBusy(bool busy)
{
    m_busy = busy;
    m_send->setText(busy ? tr("Cancel") : tr("Send"));
}

} // namespace mr
