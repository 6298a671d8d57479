#pragma once

#include "requestdefinition.h"

#include <QString>

namespace mr {

// The auth tab's view of a request. The .http format has no auth section: auth is the
// Authorization header (with JetBrains' "Basic user password" and "Digest user password"
// shorthands, which RequestResolver expands) or an API key header or query param. read()
// finds it there and applyTo() writes it back in the same place, replacing what read() found.
//
// read() looks, in order, at the first Authorization header, then a header, then a query
// param whose name looks like an API key (see isApiKeyName). An Authorization value it
// cannot take apart ("Token abc", "Basic {{encoded}}") reads as an API key in the header
// "Authorization", so it is shown and kept as written. An API key written under a name
// isApiKeyName() does not know is sent, but reads back as a plain header or param.
class RequestAuth
{
public:
    enum class Kind { None, Basic, Bearer, ApiKey, Digest };
    enum class Where { Header, Query };

    Kind kind = Kind::None;
    QString user;     // Basic, Digest
    QString password; // Basic, Digest
    QString token;    // Bearer
    QString keyName;  // ApiKey: the header or query param
    QString keyValue; // ApiKey
    Where where = Where::Header;

    static RequestAuth read(const RequestDefinition &request);
    // Replaces the auth read() finds in *request with this one (None removes it). A request
    // whose auth already reads as this one is left untouched, so "Basic ZGVtbzpzM2NyZXQ="
    // stays encoded until its credentials change. Does nothing when problem() is not empty.
    void applyTo(RequestDefinition *request) const;
    // applyTo() for an editor that wrote `previous` itself: an API key under a name read()
    // does not take for one ("a", "token" while it is typed) reads back as a plain header or
    // param, so it is taken out first instead of being written again beside the new one.
    void replace(const RequestAuth &previous, RequestDefinition *request) const;
    // Why this auth cannot be written into a .http file; empty when it can.
    QString problem() const;

    // "X-API-Key", "api_key", "apiKey", "X-Auth-Token"…: names read() takes for an API key.
    static bool isApiKeyName(const QString &name);
    // Words split at white space outside {{…}}: "Digest {{user}} {{pass word}}" is three.
    static QStringList words(const QString &text);

    friend bool operator==(const RequestAuth &a, const RequestAuth &b);
    friend bool operator!=(const RequestAuth &a, const RequestAuth &b) { return !(a == b); }
};

} // namespace mr
