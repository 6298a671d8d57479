#pragma once

#include "workspace/requestassertion.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace mr {

// A request's "?? …" assertions as a Postman test script ("test" event, script.exec lines)
// and back. Each assertion becomes one pm.test named as the line reads ("status == 200"),
// checking with pm.expect what AssertionEvaluator checks, with httpyac's semantics: the
// expected text is read as the actual value's type at run time (asActual), so newman passes
// or fails each test as `microrequests run` does. Small helpers the tests share are written
// once, above them, and only when used. Reading back accepts exactly the script this class
// writes: anything else in a test script is Postman's own and stays unread.
class PostmanTestScript
{
public:
    // The lines of one pm.test for `assertion` ({{variables}} in the expected text are
    // written in Postman's spelling and expanded with pm.variables.replaceIn); empty, with
    // *whyNot saying what is not exported and why, when Postman cannot express it.
    static QStringList test(const RequestAssertion &assertion, QString *whyNot);

    struct Skipped {
        int line = 0;
        int column = 1; // of the assertion's subject ("connection", "js")
        QString message;
    };
    struct Script {
        QStringList exec; // helpers, then one pm.test per exported assertion; empty if none
        QList<Skipped> skipped;
    };
    static Script script(const QList<RequestAssertion> &assertions);

    // The "?? …" lines a script written by script() holds, in order. *ok is false when the
    // script holds anything else (a user's own Postman test): then nothing should be read.
    static QStringList assertionLines(const QStringList &exec, bool *ok);
};

} // namespace mr
