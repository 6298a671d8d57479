#pragma once

#include "collectiondraft.h"

#include <QByteArray>

namespace mr {

// Reads an OpenAPI 3.0 or 3.1 description (JSON or YAML) into a collection draft: one
// request per operation, in one .http file per tag, with the first server as {{baseUrl}},
// parameters and bodies from the description's examples (or values made up from the
// schemas), and authentication headers from its security schemes. Swagger 2.0 is refused
// with a message saying how to convert it.
class OpenApiImporter
{
public:
    static bool looksLike(const QByteArray &data);
    static CollectionDraft read(const QByteArray &data, const QString &path);
};

} // namespace mr
