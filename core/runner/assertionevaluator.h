#pragma once

#include "assertionresult.h"
#include "net/exchange.h"
#include "workspace/requestassertion.h"

#include <QJsonValue>

namespace mr {

class VariableExpander;

// Checks "?? …" assertions against a finished exchange, with httpyac's semantics: the
// expected text is converted to the actual value's type (a number, a boolean, JSON for
// objects and arrays) before comparing; "body PATH" reads JSONPath ("$.id") or httpyac's
// property paths ("items[0].id"); {{variables}} in the expected text are expanded first.
class AssertionEvaluator
{
public:
    // What a result says of the assertion alone, whatever the exchange: made once for an
    // assertion a run checks many times, and shared by every result.
    struct Texts {
        QString description;
        QString expected; // as results show it, before {{variables}} are expanded
    };
    static Texts texts(const RequestAssertion &assertion);

    static AssertionResult evaluate(const RequestAssertion &assertion, const Exchange &exchange,
                                    const VariableExpander *expander = nullptr);
    // The same with texts(assertion) made beforehand.
    static AssertionResult evaluate(const RequestAssertion &assertion, const Texts &texts,
                                    const Exchange &exchange, const VariableExpander *expander);

    // The value an assertion's subject has in the exchange (Undefined when absent); *note
    // says why it is absent when that is not obvious (the body is not JSON, say).
    static QJsonValue actualValue(const RequestAssertion &assertion, const Exchange &exchange,
                                  QString *note);
    // Whether `actual` satisfies `predicate` against the expected text.
    static bool holds(RequestAssertion::Predicate predicate, const QJsonValue &actual,
                      const QString &expected, const QByteArray &actualBytes, QString *note);
};

} // namespace mr
