#pragma once

#include "importerbase.h"

#include <QJsonObject>
#include <QStringList>

namespace mr {

// One OpenAPI description as a JSON tree: its keys in document order, "$ref"s followed, and
// where what the import says about it goes (each message once: a $ref is reached from many
// places).
class OpenApiDocument : public ImporterBase
{
public:
    struct Resolved {
        QJsonValue value;
        QString pointer; // where the value is, after the references
        bool ok = true;
    };

    OpenApiDocument(const QJsonObject &root, const JsonPositions &positions, const QString &path,
                    CollectionDraft *draft);

    const QJsonObject &root() const { return m_root; }
    // An object's keys in document order (ties, such as keys the positions do not know, stay
    // alphabetical).
    QStringList orderedKeys(const QJsonObject &object, const QString &pointer) const;
    // Follows "$ref"s within the document. OpenAPI 3.1 lets a reference carry siblings (a
    // summary, a description; any keyword in a schema): they override the target's.
    Resolved resolve(const QJsonValue &value, const QString &pointer);
    // False, with an error, when `value` (at `pointer`, named `key`) is there but not an array.
    bool isArrayIfPresent(const QJsonValue &value, const QString &pointer, const QString &key);
    // A header value on one line, noted when it had line breaks.
    QString headerValue(QString value, const QString &pointer);

private:
    QJsonValue lookup(const QString &pointer, bool *found) const;

    const QJsonObject m_root;
};

} // namespace mr
