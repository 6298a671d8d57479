#pragma once

#include "jsonpositions.h"
#include "workspace/diagnostic.h"

#include <QByteArray>
#include <QJsonValue>
#include <QString>

namespace mr {

// A document that comes as JSON or as YAML (Insomnia exports, OpenAPI), read into Qt's JSON
// values together with where each value starts, so an importer reads one shape and still
// reports "file:line:column". Text starting with "{" or "[" is JSON; anything else is YAML,
// whose plain scalars get JSON types (true/false, null, numbers). YAML aliases are expanded
// within a budget, so a small hostile file cannot grow without bound.
struct JsonYamlDocument {
    QJsonValue root;
    JsonPositions positions;

    // False with *error (its file, line and column set) when the text is neither.
    static bool read(const QByteArray &data, const QString &path, JsonYamlDocument *document,
                     Diagnostic *error);
};

} // namespace mr
