// core/workspace: chaining requests. The last exchange of each named request ("# @name login")
// and what REST Client's references to it stand for: {{login.response.body.$.token}},
// {{login.response.headers.Location}}, {{login.request.body.*}}. Used by VariableExpander, so
// the window and the command-line runner resolve, report and mark references the same way.
#pragma once

#include "http/httpheaders.h"

#include <QByteArray>
#include <QHash>
#include <QString>

namespace mr {

struct Exchange;
struct HttpRequest;

// A value type (implicitly shared): copying it into an expander is cheap and the copy is a
// snapshot that can be read from another thread.
class NamedResponses
{
public:
    // One side of an exchange as the references see it.
    struct Message {
        HttpHeaders headers;
        QByteArray body;
        bool bodyTooLarge = false; // too big to keep: body references to it are unresolved
        qint64 bodySize = 0;
    };
    struct Entry {
        Message request;  // as sent (variables expanded)
        Message response; // empty when no response arrived
        int status = 0;   // 0: the exchange ended without a response
        QString error;    // why no response, or no whole body, arrived
    };

    // What an expression inside {{…}} is.
    enum class Match {
        NotAReference, // not "name.(request|response).(body|headers)…": some other variable
        Resolved,
        Unresolved, // a reference without a value; the reason says why and what to do
    };

    // Bodies larger than this (from a file or memory) are not kept for references.
    static constexpr qint64 MaxBodySize = 32 * 1024 * 1024;

    void remember(const QString &name, const Entry &entry);
    // The exchange's request as sent and its response (a body kept in a file is read back).
    void remember(const QString &name, const Exchange &exchange);
    void forget(const QString &name) { m_entries.remove(name); }
    void clear() { m_entries.clear(); }
    bool contains(const QString &name) const { return m_entries.contains(name); }
    const Entry *entry(const QString &name) const;
    QStringList names() const;

    // Resolves `expression` (trimmed, as found between "{{" and "}}"). For Resolved, *value
    // is the header's value, the whole body ("*"), or the first JSONPath match (a string
    // without its quotes, anything else as JSON text). For Unresolved, *reason says why.
    Match resolve(const QString &expression, QString *value, QString *reason) const;

    // Splits "login.response.body.$.token" into its parts; false when it is not a reference.
    struct Reference {
        QString name; // "login"
        bool response = true;
        bool body = true; // false: headers
        QString path;     // "$.token", "*", "X-Token"; empty when nothing follows
    };
    static bool parse(const QString &expression, Reference *reference);

private:
    QHash<QString, Entry> m_entries;
};

} // namespace mr
