#pragma once

#include "workspace/requestdefinition.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;
class QTabWidget;

namespace mr {

// Shows one request for editing before it is sent: method, URL, headers and body.
class RequestEditor : public QWidget
{
    Q_OBJECT
public:
    explicit RequestEditor(QWidget *parent = nullptr);

    void setRequest(const RequestDefinition &request, const QString &origin);
    // Replaces method, URL, headers, body and directives (e.g. from a pasted curl command),
    // keeping the request's name, comments and place in its file.
    void takeContent(const RequestDefinition &content);
    // The request with the user's edits.
    RequestDefinition request() const;
    bool hasRequest() const { return m_hasRequest; }
    void setBusy(bool busy);

    QLineEdit *urlEdit() const { return m_url; }
    QPushButton *sendButton() const { return m_send; }

Q_SIGNALS:
    void sendRequested();
    // A curl command was typed or pasted into the URL field.
    void curlEntered(const QString &command);
    void cancelRequested();
    // The user changed something (method, URL, a header, the body…).
    void edited();

private:
    void showContent(const RequestDefinition &request);
    void addHeaderRow(const QString &name, const QString &value);
    void ensureEmptyHeaderRow();

    RequestDefinition m_request;
    bool m_hasRequest = false;
    bool m_busy = false;
    QLabel *m_title;
    QLabel *m_origin;
    QComboBox *m_method;
    QLineEdit *m_url;
    QPushButton *m_send;
    QTabWidget *m_tabs;
    QTableWidget *m_headers;
    QPlainTextEdit *m_body;
};

} // namespace mr
