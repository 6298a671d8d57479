#pragma once

#include "httpheaders.h"

#include <QByteArray>
#include <QHash>
#include <QList>

namespace mr {

// One challenge of a WWW-Authenticate (or Proxy-Authenticate) header: its scheme and its
// parameters, e.g. Digest realm="x", nonce="y", qop="auth".
struct HttpAuthChallenge {
    QByteArray scheme; // lower-case: "basic", "digest", "bearer", "ntlm", "negotiate"…
    QHash<QByteArray, QByteArray> parameters;

    QByteArray parameter(const QByteArray &name) const { return parameters.value(name); }

    // Every challenge in the named header fields, in order.
    static QList<HttpAuthChallenge> fromHeaders(const HttpHeaders &headers,
                                                const QByteArray &name = "WWW-Authenticate");
    // Parameters of a challenge or credentials ("a=b, c=\"d\""), names lower-cased.
    static QHash<QByteArray, QByteArray> parseParameters(const QByteArray &text);
};

} // namespace mr
