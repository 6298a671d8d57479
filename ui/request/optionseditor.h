#pragma once

#include "workspace/requestoptions.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QSpinBox;

namespace mr {

// The Options tab: per-request timeouts, retries, redirects, connection reuse, cookies and
// the HTTP version, written as "# @directives" through RequestOptions.
class OptionsEditor : public QWidget
{
    Q_OBJECT
public:
    explicit OptionsEditor(QWidget *parent = nullptr);

    // Unless `force`, options that read as the ones shown are not shown again.
    void showRequest(const RequestDefinition &request, bool force);
    void applyTo(RequestDefinition *request) const { m_options.applyTo(request); }
    const RequestOptions &options() const { return m_options; }
    // How many options differ from the defaults.
    int changedCount() const;

    QSpinBox *timeoutBox() const { return m_timeout; }
    QSpinBox *connectTimeoutBox() const { return m_connectTimeout; }
    QSpinBox *retriesBox() const { return m_retries; }
    QCheckBox *followRedirectsBox() const { return m_redirects; }
    QCheckBox *keepAliveBox() const { return m_keepAlive; }
    QCheckBox *cookieJarBox() const { return m_cookies; }
    // Default, HTTP/1.1 only, HTTP/2: each item's data is the ProtocolChoice as an int, or
    // none for the default.
    QComboBox *protocolBox() const { return m_protocol; }

Q_SIGNALS:
    void edited();

private:
    void showOptions();
    void fieldsEdited();

    RequestOptions m_options;
    bool m_loading = false;
    QSpinBox *m_timeout;
    QSpinBox *m_connectTimeout;
    QSpinBox *m_retries;
    QCheckBox *m_redirects;
    QCheckBox *m_keepAlive;
    QCheckBox *m_cookies;
    QComboBox *m_protocol;
};

} // namespace mr
