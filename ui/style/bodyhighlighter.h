#pragma once

#include "workspace/variableexpander.h"

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

#include <optional>

namespace mr {

// Colours a raw request body: JSON keys, strings, numbers and literals, or XML tags and
// attributes, and {{variables}} in any of them; with an expander, the ones without a value
// (unknown, or a reference to a request not sent yet) are underlined in red, as in the URL.
class BodyHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    enum class Language { Plain, Json, Xml };

    explicit BodyHighlighter(QTextDocument *document);
    void setLanguage(Language language);
    Language language() const { return m_language; }
    void setExpander(const VariableExpander &expander);
    // Colours for this palette (brighter on a dark one); the editor calls it when it changes.
    void setColours(const QPalette &palette);
    QColor keyColour() const { return m_key.foreground().color(); }

protected:
    void highlightBlock(const QString &text) override;

private:
    void highlightJson(const QString &text);
    void highlightXml(const QString &text);

    Language m_language = Language::Plain;
    QTextCharFormat m_key;
    QTextCharFormat m_string;
    QTextCharFormat m_number;
    QTextCharFormat m_literal;
    QTextCharFormat m_tag;
    QTextCharFormat m_attribute;
    QTextCharFormat m_comment;
    QTextCharFormat m_variable;
    QTextCharFormat m_unresolved;
    std::optional<VariableExpander> m_expander;
};

} // namespace mr
