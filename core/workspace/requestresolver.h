#pragma once

#include "http/httprequest.h"
#include "requestdefinition.h"
#include "variableexpander.h"

namespace mr {

// Turns a RequestDefinition into an HttpRequest ready to send: variables expanded, the URL
// checked, headers and body in bytes ("< ./file" lines replaced by the file, relative to the
// .http file's folder; multipart bodies joined with CRLF), JetBrains' "Basic user password"
// and "Digest user password" shorthands applied, and the # @directives as send options.
class RequestResolver
{
public:
    struct Result {
        HttpRequest request;
        QStringList unresolved; // variables that had no value
        // Why each unresolved reference to a named request has no value; such a request is
        // not sent (error lists them), where an unknown variable in a header or body is.
        QHash<QString, QString> reasons;
        QString error; // why it can't be sent; empty when it can

        bool ok() const { return error.isEmpty(); }
    };

    static Result resolve(const RequestDefinition &definition, const VariableExpander &expander,
                          const QString &baseFolder = QString());
};

} // namespace mr
