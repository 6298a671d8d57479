#pragma once

#include "workspace/requestbody.h"
#include "workspace/variableexpander.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QStackedWidget;

namespace mr {

class BodyHighlighter;
class KeyValueTable;

// The Body tab: a mode (none, JSON, XML, text, form, multipart, binary file) and its fields,
// read from and written to a request through RequestBody.
class BodyEditor : public QWidget
{
    Q_OBJECT
public:
    // The mode picker's entries.
    enum Choice { None, Json, Xml, Text, Other, Form, Multipart, Binary };

    explicit BodyEditor(QWidget *parent = nullptr);

    // Shows the request's body. Unless `force`, a request this editor's state already writes
    // is not shown again, so disabled fields and a cursor in the text stay.
    void showRequest(const RequestDefinition &request, bool force);
    void applyTo(RequestDefinition *request) const { m_body.applyTo(request); }
    const RequestBody &body() const { return m_body; }
    Choice choice() const;
    void setChoice(Choice choice);
    // "JSON", "Form"…; empty without a body.
    QString summary() const;
    void setExpander(const VariableExpander &expander);
    // The .http file's folder: picked files are written relative to it.
    void setBaseFolder(const QString &folder);

    QComboBox *modePicker() const { return m_mode; }
    QPlainTextEdit *textEdit() const { return m_text; }
    QLabel *problemLabel() const { return m_problem; }
    KeyValueTable *formTable() const { return m_form; }
    KeyValueTable *partsTable() const { return m_parts; }
    QLineEdit *fileEdit() const { return m_file; }

    BodyHighlighter *highlighter() const { return m_highlighter; }

Q_SIGNALS:
    void edited();

protected:
    void changeEvent(QEvent *event) override;

private:
    void showBody();
    void modeChosen();
    void textEdited();
    void formEdited();
    void partsEdited();
    void validate();

    RequestBody m_body;
    bool m_loading = false;
    QString m_baseFolder;
    QComboBox *m_mode;
    QStackedWidget *m_pages;
    QPlainTextEdit *m_text;
    BodyHighlighter *m_highlighter;
    QLabel *m_problem;
    KeyValueTable *m_form;
    KeyValueTable *m_parts;
    QLineEdit *m_file;
};

} // namespace mr
