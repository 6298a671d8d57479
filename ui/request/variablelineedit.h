#pragma once

#include "workspace/variableexpander.h"
#include "workspace/variablespans.h"

#include <QLineEdit>

class QCompleter;
class QStringListModel;

namespace mr {

// A line edit for text that may hold {{variables}} (the URL, header and param values): known
// variables in one colour, unknown ones red with a wavy underline, their values on hover, and
// variable names offered after "{{".
class VariableLineEdit : public QLineEdit
{
    Q_OBJECT
public:
    explicit VariableLineEdit(QWidget *parent = nullptr);

    void setExpander(const VariableExpander &expander);
    const QList<VariableSpans::Span> &spans() const { return m_spans; }
    // What hovering the character at `position` shows; empty outside a variable.
    QString toolTipAt(int position) const;
    QCompleter *variableCompleter() const { return m_completer; }

protected:
    void changeEvent(QEvent *event) override;
    bool event(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void updateSpans();
    // The name being typed after an unclosed "{{" before the cursor; false when none.
    bool typedName(QString *name) const;
    void offerCompletion();
    void insertCompletion(const QString &name);

    VariableExpander m_expander;
    QList<VariableSpans::Span> m_spans;
    QCompleter *m_completer;
    QStringListModel *m_names;
};

} // namespace mr
