#pragma once

#include <QHash>
#include <QString>
#include <QStringList>
#include <optional>

namespace mr {

// Replaces {{name}} with a variable's value and {{$uuid}}, {{$timestamp}},
// {{$isoTimestamp}}, {{$randomInt}} and {{$processEnv NAME}} with generated ones.
// Variables may refer to other variables; unknown ones are left as written and reported.
class VariableExpander
{
public:
    struct Result {
        QString text;
        QStringList unresolved; // names, in order of appearance, without duplicates
    };

    explicit VariableExpander(QHash<QString, QString> variables = {})
        : m_variables(std::move(variables))
    {}

    Result expand(const QString &text) const;

    // The next "{{…}}" in text from `from`: its start and the index of its "}}"; false when
    // there is none. The one definition of where a reference is, for expanding and marking.
    static bool nextReference(const QString &text, qsizetype from, qsizetype *open,
                              qsizetype *close);
    // Where {{$dotenv NAME}} reads its .env file from (the .http file's folder).
    void setDotenvFolder(const QString &folder) { m_dotenvFolder = folder; }
    const QHash<QString, QString> &variables() const { return m_variables; }

private:
    QString expandInto(const QString &text, int depth, QStringList *unresolved) const;
    bool dynamicValue(const QString &expression, QString *value) const;

    QHash<QString, QString> m_variables;
    QString m_dotenvFolder;
    mutable std::optional<QHash<QString, QString>> m_dotenv; // read on first use
};

} // namespace mr
