#pragma once

#include "variableexpander.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace mr {

// Where the {{variables}} of a text are and what they stand for, for highlighting and hover
// in the URL bar and the tables, and the names to offer for completion. Spans are found the
// way VariableExpander finds them ("{{" up to the next "}}"; an unclosed "{{" is no span).
class VariableSpans
{
public:
    struct Span {
        qsizetype start = 0;    // of "{{"
        qsizetype length = 0;   // through "}}"
        QString name;           // the expression inside, trimmed: "host", "$randomInt 1 10"
        bool known = false;     // defined, or a dynamic variable the expander can generate
        bool dynamic = false;   // "$…"
        bool reference = false; // to a named request's exchange: "login.response.body.$.id"
        // A defined variable's value with its own variables expanded (any it cannot expand
        // stay as {{…}}); for generated ones a description ("a new UUID each request");
        // $processEnv and $dotenv show what they read now.
        QString value;
        QString reason; // why a reference to a named request has no value
    };

    static QList<Span> find(const QString &text, const VariableExpander &expander);
    // Defined names (sorted), then the dynamic ones ("$uuid", "$randomInt", …).
    static QStringList variableNames(const VariableExpander &expander);
    static const QStringList &dynamicNames();
};

} // namespace mr
