#pragma once

#include <QString>

namespace mr {

// One "?? …" line of a .http file: a check on the response, in httpyac's syntax —
// "?? status == 200", "?? header content-type includes json", "?? body $.id == 7",
// "?? body name == Ada" (a property path as httpyac writes it), "?? duration < 500" —
// plus ours: "?? connection reused" and "?? connection new". Parsing keeps the line as
// written; a line that can't be read carries a problem (and its column) instead.
struct RequestAssertion {
    enum class Subject { Status, Header, Body, Duration, Connection, Unsupported };
    enum class Predicate {
        None, // "connection reused|new": the argument is the whole check
        Equals,
        NotEquals,
        Less,
        LessOrEqual,
        Greater,
        GreaterOrEqual,
        StartsWith,
        EndsWith,
        Includes,
        Matches,
        Exists, // also isTrue: the value is truthy
        IsFalse,
        IsNumber,
        IsString,
        IsBoolean,
        IsArray,
        Sha256, // base64 digests of the value's bytes, as httpyac compares them
        Sha512,
        Md5,
    };

    QString text; // the whole line, as written
    int line = 0;
    Subject subject = Subject::Status;
    QString subjectName; // as written: "status", "header", "js"
    QString argument;    // header name, body path ("$.id", "name"), "reused"/"new"
    Predicate predicate = Predicate::None;
    QString predicateText; // as written: "==", "includes"
    QString expected;      // may hold {{variables}}; empty for predicates without one
    QString problem;       // why the line can't be used; empty when it can
    int problemColumn = 1;

    bool isValid() const { return problem.isEmpty(); }
    // "status == 200": the check without the "??".
    QString description() const;

    // Whether a line of a .http file is an assertion line (starts with "??").
    static bool isAssertionLine(const QString &line);
    static RequestAssertion parse(const QString &line, int lineNumber);
    // Predicates that take no expected value (exists, isFalse, isNumber…).
    static bool takesNoExpected(Predicate predicate);
};

} // namespace mr
