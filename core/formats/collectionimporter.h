#pragma once

#include "collectiondraft.h"

#include <QStringList>

namespace mr {

// The one door to every importer: names the formats, recognises a file's format from its
// content, and reads it. The CLI and the window both come through here.
class CollectionImporter
{
public:
    // "postman", "insomnia", "har", "curl", "openapi" — those built in.
    static QStringList formats();
    // The format of `data`, or empty when none recognises it.
    static QString sniff(const QByteArray &data);
    // Reads with the named format; an unknown name is an error in the draft.
    static CollectionDraft read(const QString &format, const QByteArray &data, const QString &path);
};

} // namespace mr
