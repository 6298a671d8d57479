#pragma once

#include "workspace/httpfile.h"
#include "workspace/variableexpander.h"

#include <QStringList>

namespace mr {

// Writes requests as curl command lines for a POSIX shell, with variables resolved, so that
// what reaches the server is what Microrequests would send: -L unless # @no-redirect (curl
// does not follow redirects by default), --compressed (the engine asks for compressed
// bodies), --digest -u for Digest, --connect-timeout/--retry from the directives, the HTTP
// version as --http1.1, --http2 (https) or --http2-prior-knowledge (http://, where curl's
// --http2 would try the h2c Upgrade),
// and bodies byte for byte (a body that is just "< ./file" becomes --data-binary @file; any
// other body goes as --data-raw, so a body starting with @ is never read as a file name).
class CurlExporter
{
public:
    // *problems gets what could not be expressed (unresolved variables, WebSocket blocks…).
    static QString command(const RequestDefinition &request, const VariableExpander &expander,
                           const QString &baseFolder, QStringList *problems);
    // Every request of a file, each after a "# name" comment line, separated by blank lines.
    static QString file(const HttpFile &file, const VariableExpander &expander,
                        QStringList *problems);
};

} // namespace mr
