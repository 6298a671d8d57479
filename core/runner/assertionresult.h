#pragma once

#include <QString>

namespace mr {

// How one "?? …" check of a response came out, with what was expected and what was there,
// so a failure reads as "status == 201: expected == 201, actual 200".
struct AssertionResult {
    enum class Outcome { Passed, Failed, Skipped };

    Outcome outcome = Outcome::Failed;
    int line = 0;
    QString description; // "status == 201"
    QString expected;    // "== 201" (variables expanded)
    QString actual;      // "200", "\"text/html\"", "(missing)"
    QString note;        // why it failed or was skipped, beyond the values

    bool passed() const { return outcome == Outcome::Passed; }
    bool failed() const { return outcome == Outcome::Failed; }
    // One line for a report.
    QString message() const;
};

} // namespace mr
