#pragma once

#include "base/diagnostic.h"
#include "jsonpositions.h"

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QString>

namespace mr {

// A document that comes as JSON or as YAML (Insomnia exports, OpenAPI), read into Qt's JSON
// values together with where each value starts, so an importer reads one shape and still
// reports "file:line:column". Text starting with "{" or "[" is JSON (Qt's parser, whose
// errors say where); anything else is YAML, read by YamlDocument.
struct JsonYamlDocument {
    QJsonValue root;
    JsonPositions positions;
    QList<Diagnostic> warnings; // YAML that the tree cannot hold (YamlDocument::warnings)

    // False with *error (its file, line and column set) when the text is neither.
    static bool read(const QByteArray &data, const QString &path, JsonYamlDocument *document,
                     Diagnostic *error);
    // JSON only (Postman, HAR): false with *error, positioned, when the text is not JSON.
    static bool readJson(const QByteArray &data, const QString &path, JsonYamlDocument *document,
                         Diagnostic *error);
};

} // namespace mr
