#pragma once

#include "workspace/requestdefinition.h"
#include "workspace/urlquery.h"
#include "workspace/variableexpander.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTabWidget;

namespace mr {

class AuthEditor;
class BodyEditor;
class KeyValueTable;
class OptionsEditor;
class VariableLineEdit;

// Shows one request for editing before it is sent: method and URL, then tabs for params,
// headers, body, auth and options. The editor holds the request being edited; each tab
// applies its edit to it through core's operations (UrlQuery, RequestBody, RequestAuth,
// RequestOptions) and the other tabs show the result, so the Headers tab lists the
// Authorization and Content-Type that Auth and Body write, and the other way round.
class RequestEditor : public QWidget
{
    Q_OBJECT
public:
    enum Tab { ParamsTab, HeadersTab, BodyTab, AuthTab, OptionsTab };

    explicit RequestEditor(QWidget *parent = nullptr);

    void setRequest(const RequestDefinition &request, const QString &origin);
    // Replaces method, URL, headers, body and directives (e.g. from a pasted curl command),
    // keeping the request's name, comments and place in its file.
    void takeContent(const RequestDefinition &content);
    // The request with the user's edits; right after setRequest(), the request as given.
    RequestDefinition request() const;
    bool hasRequest() const { return m_hasRequest; }
    void setBusy(bool busy);
    // What {{variables}} stand for now (the file's, the environment's): for highlighting,
    // hover and completion.
    void setVariables(const VariableExpander &expander);
    // The .http file's folder, which files picked for the body are named from.
    void setBaseFolder(const QString &folder);

    QLineEdit *urlEdit() const;
    VariableLineEdit *variableUrlEdit() const { return m_url; }
    QPushButton *sendButton() const { return m_send; }
    QTabWidget *tabs() const { return m_tabs; }
    KeyValueTable *paramsTable() const { return m_params; }
    KeyValueTable *headersTable() const { return m_headers; }
    BodyEditor *bodyEditor() const { return m_body; }
    AuthEditor *authEditor() const { return m_auth; }
    OptionsEditor *optionsEditor() const { return m_options; }

Q_SIGNALS:
    void sendRequested();
    // A curl command was typed or pasted into the URL field.
    void curlEntered(const QString &command);
    void cancelRequested();
    // The user changed something (method, URL, a header, the body…).
    void edited();

private:
    void showContent();
    void showUrl();
    void showParams();
    void showHeaders();
    void updateTabTitles();

    void urlEdited();
    void paramsEdited();
    void headersEdited();
    void bodyEdited();
    void authEdited();
    void optionsEdited();
    void changed();

    RequestDefinition m_request;
    UrlQuery m_query; // the URL's params, with the disabled ones the URL cannot hold
    bool m_hasRequest = false;
    bool m_busy = false;
    bool m_showing = false; // setting widgets from m_request: their signals are no edits
    QLabel *m_title;
    QLabel *m_origin;
    QComboBox *m_method;
    VariableLineEdit *m_url;
    QPushButton *m_send;
    QTabWidget *m_tabs;
    KeyValueTable *m_params;
    KeyValueTable *m_headers;
    BodyEditor *m_body;
    AuthEditor *m_auth;
    OptionsEditor *m_options;
};

} // namespace mr
