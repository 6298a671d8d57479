#include "variablelineedit.h"

#include "themecolors.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QCoreApplication>
#include <QEvent>
#include <QHelpEvent>
#include <QInputMethodEvent>
#include <QKeyEvent>
#include <QStringListModel>
#include <QTextCharFormat>
#include <QToolTip>

namespace mr {

VariableLineEdit::VariableLineEdit(QWidget *parent)
    : QLineEdit(parent)
    , m_completer(new QCompleter(this))
    , m_names(new QStringListModel(this))
{
    m_completer->setModel(m_names);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setFilterMode(Qt::MatchStartsWith);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    // Not QLineEdit::setCompleter(): that one completes the whole text, not the name after "{{".
    m_completer->setWidget(this);
    connect(m_completer, qOverload<const QString &>(&QCompleter::activated), this,
            &VariableLineEdit::insertCompletion);
    connect(this, &QLineEdit::textChanged, this, &VariableLineEdit::updateSpans);
    connect(this, &QLineEdit::textEdited, this, &VariableLineEdit::offerCompletion);
}

void VariableLineEdit::setExpander(const VariableExpander &expander)
{
    m_expander = expander;
    m_names->setStringList(VariableSpans::variableNames(expander));
    updateSpans();
}

void VariableLineEdit::updateSpans()
{
    m_spans = VariableSpans::find(text(), m_expander);
    // QLineEdit has no API for character formats, but input method attributes carry them
    // (relative to the cursor); an empty pre-edit string leaves the text alone.
    QList<QInputMethodEvent::Attribute> attributes;
    for (const VariableSpans::Span &span : std::as_const(m_spans)) {
        QTextCharFormat format;
        if (span.known) {
            format.setForeground(ThemeColors::color(ThemeColors::Variable, palette()));
            format.setFontWeight(QFont::DemiBold);
        } else {
            const QColor red = ThemeColors::color(ThemeColors::Error, palette());
            format.setForeground(red);
            format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
            format.setUnderlineColor(red);
        }
        attributes.append({QInputMethodEvent::TextFormat, int(span.start) - cursorPosition(),
                           int(span.length), format});
    }
    QInputMethodEvent event(QString(), attributes);
    QCoreApplication::sendEvent(this, &event);
}

QString VariableLineEdit::toolTipAt(int position) const
{
    for (const VariableSpans::Span &span : m_spans) {
        if (position < span.start || position >= span.start + span.length)
            continue;
        if (!span.known && !span.reason.isEmpty())
            return tr("{{%1}}: %2").arg(span.name, span.reason);
        if (!span.known)
            return tr("{{%1}}: unknown variable \u2014 define it in the environment or with "
                      "@%1 = value")
                .arg(span.name);
        // A response body can be long: the start says enough.
        const QString value =
            span.value.size() > 300 ? span.value.left(300) + QChar(0x2026) : span.value;
        return tr("{{%1}} = %2").arg(span.name, value);
    }
    return {};
}

bool VariableLineEdit::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString tip = toolTipAt(cursorPositionAt(help->pos()));
        if (tip.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), tip, this);
        return true;
    }
    return QLineEdit::event(event);
}

void VariableLineEdit::keyPressEvent(QKeyEvent *event)
{
    // While the popup is open, Return picks a name instead of sending the request.
    if (m_completer->popup()->isVisible()) {
        switch (event->key()) {
        case Qt::Key_Return:
        case Qt::Key_Enter:
        case Qt::Key_Escape:
        case Qt::Key_Tab: event->ignore(); return;
        default: break;
        }
    }
    QLineEdit::keyPressEvent(event);
}

bool VariableLineEdit::typedName(QString *name) const
{
    const QString before = text().left(cursorPosition());
    const qsizetype open = before.lastIndexOf(QLatin1String("{{"));
    if (open < 0 || before.indexOf(QLatin1String("}}"), open) >= 0)
        return false;
    *name = before.mid(open + 2);
    return !name->contains(QLatin1Char(' '));
}

void VariableLineEdit::offerCompletion()
{
    QString name;
    if (!typedName(&name) || m_names->rowCount() == 0) {
        m_completer->popup()->hide();
        return;
    }
    m_completer->setCompletionPrefix(name);
    if (m_completer->completionCount() == 0) {
        m_completer->popup()->hide();
        return;
    }
    QRect where = cursorRect();
    where.setWidth(m_completer->popup()->sizeHintForColumn(0) + 24);
    m_completer->complete(where);
}

void VariableLineEdit::insertCompletion(const QString &name)
{
    QString typed;
    if (!typedName(&typed))
        return;
    const int cursor = cursorPosition();
    const QString after = text().mid(cursor);
    QString insert = name;
    if (!after.startsWith(QLatin1String("}}")))
        insert += QLatin1String("}}");
    // One edit, so undo takes it back in one step.
    setSelection(cursor - int(typed.size()), int(typed.size()));
    QLineEdit::insert(insert);
    if (after.startsWith(QLatin1String("}}")))
        setCursorPosition(cursorPosition() + 2);
}

void VariableLineEdit::changeEvent(QEvent *event)
{
    QLineEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateSpans(); // its colours follow the palette
}

} // namespace mr
