#include "requesteditor.h"

#include "autheditor.h"
#include "bodyeditor.h"
#include "keyvaluetable.h"
#include "optionseditor.h"
#include "variablelineedit.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTabBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace mr {

RequestEditor::RequestEditor(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_origin(new QLabel(this))
    , m_method(new QComboBox(this))
    , m_url(new VariableLineEdit(this))
    , m_send(new QPushButton(tr("Send"), this))
    , m_tabs(new QTabWidget(this))
    , m_params(new KeyValueTable({KeyValueModel::Name, KeyValueModel::Value}, true, this))
    , m_headers(new KeyValueTable({KeyValueModel::Name, KeyValueModel::Value}, false, this))
    , m_body(new BodyEditor(this))
    , m_auth(new AuthEditor(this))
    , m_options(new OptionsEditor(this))
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
    m_url->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_send->setObjectName(QStringLiteral("send"));
    m_send->setToolTip(tr("Send the request (Ctrl+Enter)"));
    m_send->setDefault(true);

    m_params->setObjectName(QStringLiteral("requestParams"));
    m_params->rowsModel()->setPlaceholder(tr("Add a param"));
    m_headers->setObjectName(QStringLiteral("requestHeaders"));
    m_headers->rowsModel()->setPlaceholder(tr("Add a header"));
    m_headers->delegate()->setNameCompletions(commonHeaderNames());
    m_headers->setColumnWidth(0, 180);
    m_params->setColumnWidth(0, 180);
    m_tabs->setObjectName(QStringLiteral("requestEditorTabs"));
    m_tabs->insertTab(ParamsTab, m_params, tr("Params"));
    m_tabs->insertTab(HeadersTab, m_headers, tr("Headers"));
    m_tabs->insertTab(BodyTab, m_body, tr("Body"));
    m_tabs->insertTab(AuthTab, m_auth, tr("Auth"));
    m_tabs->insertTab(OptionsTab, m_options, tr("Options"));
    m_tabs->setDocumentMode(true);
    // Titles shorten rather than hide behind scroll arrows when the editor is narrow.
    m_tabs->setUsesScrollButtons(false);
    m_tabs->tabBar()->setElideMode(Qt::ElideRight);

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
    connect(m_method, &QComboBox::currentTextChanged, this, [this] {
        if (!m_showing)
            Q_EMIT edited();
    });
    connect(m_url, &QLineEdit::textChanged, this, &RequestEditor::urlEdited);
    connect(m_params->rowsModel(), &KeyValueModel::edited, this, &RequestEditor::paramsEdited);
    connect(m_headers->rowsModel(), &KeyValueModel::edited, this, &RequestEditor::headersEdited);
    connect(m_body, &BodyEditor::edited, this, &RequestEditor::bodyEdited);
    connect(m_auth, &AuthEditor::edited, this, &RequestEditor::authEdited);
    connect(m_options, &OptionsEditor::edited, this, &RequestEditor::optionsEdited);
    setEnabled(false);
}

QLineEdit *RequestEditor::urlEdit() const
{
    return m_url;
}

void RequestEditor::setRequest(const RequestDefinition &request, const QString &origin)
{
    m_request = request;
    m_hasRequest = true;
    setEnabled(true);
    m_title->setText(request.displayName());
    m_origin->setText(origin);
    showContent();
}

void RequestEditor::takeContent(const RequestDefinition &content)
{
    m_request.method = content.method;
    m_request.url = content.url;
    m_request.headers = content.headers;
    m_request.body = content.body;
    m_request.directives = content.directives;
    showContent();
}

void RequestEditor::setVariables(const VariableExpander &expander)
{
    m_url->setExpander(expander);
    m_params->delegate()->setExpander(expander);
    m_headers->delegate()->setExpander(expander);
    m_body->setExpander(expander);
}

void RequestEditor::showContent()
{
    // Everything as read: no tab rewrites the request just by showing it.
    m_showing = true;
    m_method->setCurrentText(m_request.method);
    m_query = UrlQuery::split(m_request.url);
    showUrl();
    showParams();
    showHeaders();
    m_body->showRequest(m_request, true);
    m_auth->showRequest(m_request, true);
    m_options->showRequest(m_request, true);
    m_showing = false;
    updateTabTitles();
    if (!m_request.body.isEmpty())
        m_tabs->setCurrentIndex(BodyTab);
    else if (!m_query.params.isEmpty())
        m_tabs->setCurrentIndex(ParamsTab);
    else
        m_tabs->setCurrentIndex(HeadersTab);
}

void RequestEditor::showUrl()
{
    if (m_url->text().trimmed() == m_request.url)
        return;
    const bool showing = m_showing;
    m_showing = true;
    m_url->setText(m_request.url);
    m_showing = showing;
}

void RequestEditor::showParams()
{
    QList<KeyValueModel::Row> rows;
    for (const UrlQuery::Param &param : std::as_const(m_query.params))
        rows.append({param.enabled, param.name, param.value, {}, {}});
    m_params->rowsModel()->setRows(rows);
}

void RequestEditor::showHeaders()
{
    QList<KeyValueModel::Row> rows;
    for (const RequestDefinition::Header &header : std::as_const(m_request.headers))
        rows.append({true, header.name, header.value, {}, {}});
    m_headers->rowsModel()->setRows(rows);
}

void RequestEditor::updateTabTitles()
{
    const auto counted = [](const QString &title, qsizetype count) {
        return count == 0 ? title : QStringLiteral("%1 (%2)").arg(title).arg(count);
    };
    m_tabs->setTabText(ParamsTab, counted(tr("Params"), m_query.params.size()));
    m_tabs->setTabText(HeadersTab, counted(tr("Headers"), m_request.headers.size()));
    const QString body = m_body->summary();
    m_tabs->setTabText(BodyTab, body.isEmpty() ? tr("Body") : tr("Body \u00b7 %1").arg(body));
    // Short names: five tabs share half a window.
    QString auth;
    switch (m_auth->auth().kind) {
    case RequestAuth::Kind::None: break;
    case RequestAuth::Kind::Basic: auth = tr("Basic"); break;
    case RequestAuth::Kind::Bearer: auth = tr("Bearer"); break;
    case RequestAuth::Kind::ApiKey: auth = tr("API key"); break;
    case RequestAuth::Kind::Digest: auth = tr("Digest"); break;
    }
    m_tabs->setTabText(AuthTab, auth.isEmpty() ? tr("Auth") : tr("Auth \u00b7 %1").arg(auth));
    m_tabs->setTabText(OptionsTab, counted(tr("Options"), m_options->changedCount()));
}

void RequestEditor::urlEdited()
{
    if (m_showing)
        return;
    // The field's text, not the signal's: a pasted curl command has already been replaced
    // (textEdited comes before textChanged) by the URL it holds.
    m_request.url = m_url->text().trimmed();
    UrlQuery query = UrlQuery::split(m_request.url);
    query.keepDisabledFrom(m_query);
    m_query = query;
    showParams();
    m_auth->showRequest(m_request, false); // an API key may live in the query
    changed();
}

void RequestEditor::paramsEdited()
{
    const QList<KeyValueModel::Row> &rows = m_params->rowsModel()->rows();
    QList<UrlQuery::Param> params;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        UrlQuery::Param param;
        param.name = rows.at(i).name;
        param.value = rows.at(i).value;
        param.enabled = rows.at(i).enabled;
        // "?flag" stays without "=" until it gets a value.
        const bool hadValue = i < m_query.params.size() ? m_query.params.at(i).hasValue : false;
        param.hasValue = hadValue || !param.value.isEmpty();
        params.append(param);
    }
    m_query.params = params;
    if (!params.isEmpty())
        m_query.emptyQuery = false;
    m_request.url = m_query.join();
    showUrl();
    m_auth->showRequest(m_request, false);
    changed();
}

void RequestEditor::headersEdited()
{
    const QList<KeyValueModel::Row> &rows = m_headers->rowsModel()->rows();
    QList<RequestDefinition::Header> headers;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const int line = i < m_request.headers.size() ? m_request.headers.at(i).line : 0;
        headers.append({rows.at(i).name.trimmed(), rows.at(i).value, line});
    }
    // A row whose name is still empty is no header yet.
    headers.removeIf([](const RequestDefinition::Header &header) { return header.name.isEmpty(); });
    m_request.headers = headers;
    m_body->showRequest(m_request, false);
    m_auth->showRequest(m_request, false);
    changed();
}

void RequestEditor::bodyEdited()
{
    m_body->applyTo(&m_request);
    showHeaders();
    changed();
}

void RequestEditor::authEdited()
{
    m_auth->applyTo(&m_request);
    UrlQuery query = UrlQuery::split(m_request.url);
    query.keepDisabledFrom(m_query);
    m_query = query;
    showUrl();
    showParams();
    showHeaders();
    changed();
}

void RequestEditor::optionsEdited()
{
    m_options->applyTo(&m_request);
    changed();
}

void RequestEditor::changed()
{
    updateTabTitles();
    Q_EMIT edited();
}

RequestDefinition RequestEditor::request() const
{
    RequestDefinition edited = m_request;
    edited.method = m_method->currentText().trimmed().toUpper();
    return edited;
}

void RequestEditor::setBusy(bool busy)
{
    m_busy = busy;
    m_send->setText(busy ? tr("Cancel") : tr("Send"));
}

void RequestEditor::setBaseFolder(const QString &folder)
{
    m_body->setBaseFolder(folder);
}

} // namespace mr
