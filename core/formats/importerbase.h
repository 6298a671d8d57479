#pragma once

#include "base/jsonpositions.h"
#include "base/jsonyamldocument.h"
#include "collectiondraft.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QSet>
#include <QString>
#include <QStringList>

namespace mr {

// What the importers of JSON and YAML formats (Postman, Insomnia, HAR, OpenAPI) share: their
// diagnostics go into the draft at the position of a JSON pointer in the input file, and they
// name, quote and check things the same way, so that their messages read alike.
class ImporterBase
{
public:
    // Folders deeper than this are reported, not followed.
    static constexpr int MaxNesting = 64;

    // OpenAPI reaches the same $ref from many places; each says what is wrong only once.
    enum class Repeats { Reported, ReportedOnce };

    ImporterBase(const QString &path, const JsonPositions &positions, CollectionDraft *draft,
                 Repeats repeats = Repeats::Reported);

    const QString &path() const { return m_path; }
    const JsonPositions &positions() const { return m_positions; }
    CollectionDraft *draft() const { return m_draft; }

    // The input is broken: an error at `pointer`.
    void error(const QString &pointer, const QString &message);
    // What a .http file cannot hold: a note (a warning) at `pointer`.
    void note(const QString &pointer, const QString &message);
    // "subject: message" for each message.
    void notes(const QString &pointer, const QString &subject, const QStringList &messages);
    // True, with "subject: the disabled header "X-Trace" is not imported", when `item` (a
    // header, a form field…) is switched off in the tool.
    bool skipsDisabled(const QJsonObject &item, const QString &pointer, const QString &subject,
                       const QString &what, const QString &name);
    // False, with a note, when a folder at `depth` is nested too deep to follow.
    bool withinNesting(int depth, const QString &pointer);
    // A file a request sends, noted when it lies outside the workspace (see ImportedFilePath).
    void noteFileOutside(const QString &pointer, const QString &subject, const QString &file);

    // Sets the Authorization header unless the request has its own (which wins, as it does in
    // the tools we import from).
    void setAuthorization(const QString &pointer, const QString &subject, const QString &type,
                          const QString &value, RequestDefinition *request);
    // "basic" or "digest" `type` as our "Authorization: Basic user password" shorthand.
    void setUserAuthorization(const QString &pointer, const QString &subject, const QString &type,
                              const QString &user, const QString &password,
                              RequestDefinition *request);
    void noteUnsupportedAuth(const QString &pointer, const QString &subject, const QString &type);

    // A folder's variable as a file variable of its files: replaces one of the same name from
    // an outer folder; one a .http file cannot hold is noted instead.
    void addFolderVariable(const QString &pointer, const QString &subject, const QString &name,
                           const QString &value, CollectionDraft::Variables *variables);

    enum class Syntax { Json, JsonOrYaml };
    // Parses the input; false with the parse error in `draft`. What YAML a JSON tree cannot
    // hold becomes notes.
    static bool parse(const QByteArray &data, const QString &path, Syntax syntax,
                      JsonYamlDocument *document, CollectionDraft *draft);
    // The items of a JSON array as objects (what is not one reads as {}), each with its
    // pointer.
    static QList<QPair<QJsonObject, QString>> objectsOf(const QJsonArray &array,
                                                        const QString &pointer);
    // For quoting input in a one-line message.
    static QString shortened(const QString &text);
    static bool hasHeader(const RequestDefinition &request, const QString &name);
    // `name`, else "name 2", "name 3"…: the first not in `taken` (case-insensitively), which
    // then holds it. Never empty.
    static QString uniqueName(const QString &name, QSet<QString> *taken);

private:
    bool reportedBefore(const QString &pointer, const QString &message);

    const QString m_path;
    const JsonPositions &m_positions;
    CollectionDraft *m_draft;
    const Repeats m_repeats;
    QSet<QString> m_reported;
};

} // namespace mr
