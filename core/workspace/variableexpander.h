#pragma once

#include "namedresponses.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <optional>

namespace mr {

// Replaces {{name}} with a variable's value and {{$uuid}}, {{$timestamp}},
// {{$isoTimestamp}}, {{$randomInt}} and {{$processEnv NAME}} with generated ones.
// Variables may refer to other variables; unknown ones are left as written and reported.
// References to named requests ({{login.response.body.$.token}}) take their values from the
// NamedResponses given; those without a value are reported with the reason.
class VariableExpander
{
public:
    struct Result {
        QString text;
        QStringList unresolved; // names, in order of appearance, without duplicates
        // Why an unresolved reference to a named request has no value, by its expression.
        QHash<QString, QString> reasons;
    };

    explicit VariableExpander(QHash<QString, QString> variables = {})
        : m_variables(std::move(variables))
    {}

    Result expand(const QString &text) const;
    // Whether expand(text) gives the same whatever the named responses and the moment: its
    // references (and theirs) are variables only, no {{$…}} values, no responses.
    bool isFixed(const QString &text) const { return isFixedAt(text, 0); }

    // The next "{{…}}" in text from `from`: its start and the index of its "}}"; false when
    // there is none. The one definition of where a reference is, for expanding and marking.
    static bool nextReference(const QString &text, qsizetype from, qsizetype *open,
                              qsizetype *close);
    // Where {{$dotenv NAME}} reads its .env file from (the .http file's folder).
    void setDotenvFolder(const QString &folder) { m_dotenvFolder = folder; }
    const QHash<QString, QString> &variables() const { return m_variables; }
    // The last exchanges of named requests, for {{name.response…}} references.
    void setNamedResponses(const NamedResponses &responses) { m_responses = responses; }
    const NamedResponses &namedResponses() const { return m_responses; }

private:
    QString expandInto(const QString &text, int depth, Result *result) const;
    bool dynamicValue(const QString &expression, QString *value) const;
    bool isFixedAt(const QString &text, int depth) const;

    QHash<QString, QString> m_variables;
    NamedResponses m_responses;
    QString m_dotenvFolder;
    mutable std::optional<QHash<QString, QString>> m_dotenv; // read on first use
};

} // namespace mr
