#include "assertionresult.h"

namespace mr {

QString AssertionResult::message() const
{
    switch (outcome) {
    case Outcome::Passed: return description;
    case Outcome::Skipped: return QStringLiteral("%1: skipped (%2)").arg(description, note);
    case Outcome::Failed: break;
    }
    QString text = QStringLiteral("%1: expected %2, actual %3").arg(description, expected, actual);
    if (!note.isEmpty())
        text += QStringLiteral(" (%1)").arg(note);
    return text;
}

} // namespace mr
