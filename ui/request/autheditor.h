#pragma once

#include "workspace/requestauth.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QStackedWidget;

namespace mr {

// The Auth tab: a kind (none, Basic, Bearer, API key, Digest) and its fields, read from and
// written to the request's Authorization header or API key through RequestAuth.
class AuthEditor : public QWidget
{
    Q_OBJECT
public:
    explicit AuthEditor(QWidget *parent = nullptr);

    // Shows the request's auth. Unless `force`, an auth that reads as the one last shown or
    // written is left alone, so half-typed fields (not written yet: see problem()) stay.
    void showRequest(const RequestDefinition &request, bool force);
    // Writes the auth into the request unless it has a problem (shown under the fields).
    void applyTo(RequestDefinition *request);
    const RequestAuth &auth() const { return m_auth; }

    QComboBox *kindPicker() const { return m_kind; }
    QLineEdit *userEdit() const { return m_user; }
    QLineEdit *passwordEdit() const { return m_password; }
    QLineEdit *tokenEdit() const { return m_token; }
    QLineEdit *keyNameEdit() const { return m_keyName; }
    QLineEdit *keyValueEdit() const { return m_keyValue; }
    QComboBox *keyWherePicker() const { return m_where; }
    QLabel *problemLabel() const { return m_problem; }

Q_SIGNALS:
    void edited();

private:
    void showAuth();
    void fieldsEdited();

    RequestAuth m_auth;
    RequestAuth m_written; // what the request holds, as last read or written
    RequestAuth m_lastKey; // the API key this editor last wrote (kind None: none)
    bool m_loading = false;
    QComboBox *m_kind;
    QStackedWidget *m_pages;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QLineEdit *m_token;
    QLineEdit *m_keyName;
    QLineEdit *m_keyValue;
    QComboBox *m_where;
    QLabel *m_problem;
};

} // namespace mr
