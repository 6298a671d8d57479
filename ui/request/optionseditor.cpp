#include "optionseditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

namespace mr {

namespace {
// A spin box whose 0 means "not set: the workspace's default" (a zero timeout means nothing,
// and no retries is the default).
QSpinBox *optionalBox(QWidget *parent, const QString &name, int maximum, const QString &suffix)
{
    auto *box = new QSpinBox(parent);
    box->setObjectName(name);
    box->setRange(0, maximum);
    box->setSpecialValueText(QObject::tr("Default"));
    box->setSuffix(suffix);
    box->setAccelerated(true);
    return box;
}

std::optional<int> optionalValue(const QSpinBox *box, int scale)
{
    if (box->value() <= 0)
        return std::nullopt;
    return box->value() * scale;
}
} // namespace

OptionsEditor::OptionsEditor(QWidget *parent)
    : QWidget(parent)
    , m_timeout(optionalBox(this, QStringLiteral("optionTimeout"), 3600000, tr(" ms")))
    , m_connectTimeout(
          optionalBox(this, QStringLiteral("optionConnectTimeout"), 3600000, tr(" ms")))
    , m_retries(optionalBox(this, QStringLiteral("optionRetries"), 20, QString()))
    , m_redirects(new QCheckBox(tr("Follow redirects"), this))
    , m_keepAlive(new QCheckBox(tr("Reuse connections (keep-alive)"), this))
    , m_cookies(new QCheckBox(tr("Send and store cookies (cookie jar)"), this))
    , m_protocol(new QComboBox(this))
{
    m_timeout->setSingleStep(1000);
    m_connectTimeout->setSingleStep(1000);
    m_redirects->setObjectName(QStringLiteral("optionFollowRedirects"));
    m_keepAlive->setObjectName(QStringLiteral("optionKeepAlive"));
    m_cookies->setObjectName(QStringLiteral("optionCookieJar"));
    m_protocol->setObjectName(QStringLiteral("optionProtocol"));
    m_protocol->addItem(tr("Default"));
    m_protocol->addItem(tr("HTTP/1.1 only"), int(ProtocolChoice::Http1));
    m_protocol->addItem(tr("HTTP/2"), int(ProtocolChoice::Http2));
    m_protocol->setToolTip(
        tr("Default: the client's setting (automatic: HTTP/2 when an https server offers it).\n"
           "HTTP/1.1 only: # @http1. HTTP/2: # @http2 (on http://, without the upgrade)."));

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    form->addRow(tr("Timeout:"), m_timeout);
    form->addRow(tr("Connection timeout:"), m_connectTimeout);
    form->addRow(tr("Retries:"), m_retries);
    form->addRow(m_redirects);
    form->addRow(m_keepAlive);
    form->addRow(m_cookies);
    form->addRow(tr("HTTP version:"), m_protocol);
    auto *note = new QLabel(tr("Saved with the request as # @directives."), this);
    note->setEnabled(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addStretch(1);

    for (QSpinBox *box : {m_timeout, m_connectTimeout, m_retries})
        connect(box, &QSpinBox::valueChanged, this, &OptionsEditor::fieldsEdited);
    for (QCheckBox *box : {m_redirects, m_keepAlive, m_cookies})
        connect(box, &QCheckBox::toggled, this, &OptionsEditor::fieldsEdited);
    connect(m_protocol, &QComboBox::currentIndexChanged, this, &OptionsEditor::fieldsEdited);
}

void OptionsEditor::showRequest(const RequestDefinition &request, bool force)
{
    const RequestOptions read = RequestOptions::read(request);
    if (!force && read == m_options)
        return;
    m_options = read;
    showOptions();
}

int OptionsEditor::changedCount() const
{
    const RequestOptions defaults;
    return int(m_options.timeoutMs.has_value()) + int(m_options.connectTimeoutMs.has_value()) +
           int(m_options.retries.has_value()) +
           int(m_options.followRedirects != defaults.followRedirects) +
           int(m_options.keepAlive != defaults.keepAlive) +
           int(m_options.cookieJar != defaults.cookieJar) +
           int(m_options.protocol.value_or(ProtocolChoice::Auto) != ProtocolChoice::Auto);
}

void OptionsEditor::showOptions()
{
    m_loading = true;
    m_timeout->setValue(m_options.timeoutMs.value_or(0));
    m_connectTimeout->setValue(m_options.connectTimeoutMs.value_or(0));
    m_retries->setValue(m_options.retries.value_or(0));
    m_redirects->setChecked(m_options.followRedirects);
    m_keepAlive->setChecked(m_options.keepAlive);
    m_cookies->setChecked(m_options.cookieJar);
    const int choice = int(m_options.protocol.value_or(ProtocolChoice::Auto));
    const int index = m_protocol->findData(choice);
    m_protocol->setCurrentIndex(index < 0 ? 0 : index); // Auto: the default
    m_loading = false;
}

void OptionsEditor::fieldsEdited()
{
    if (m_loading)
        return;
    m_options.timeoutMs = optionalValue(m_timeout, 1);
    m_options.connectTimeoutMs = optionalValue(m_connectTimeout, 1);
    m_options.retries = optionalValue(m_retries, 1);
    m_options.followRedirects = m_redirects->isChecked();
    m_options.keepAlive = m_keepAlive->isChecked();
    m_options.cookieJar = m_cookies->isChecked();
    const QVariant choice = m_protocol->currentData();
    m_options.protocol = choice.isValid()
                             ? std::optional<ProtocolChoice>(ProtocolChoice(choice.toInt()))
                             : std::nullopt;
    Q_EMIT edited();
}

} // namespace mr
