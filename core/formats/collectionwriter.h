#pragma once

#include "collectiondraft.h"

#include <QByteArray>
#include <QMap>
#include <QStringList>

namespace mr {

// Writes an imported collection into a workspace folder: one .http file per draft file,
// environments merged into http-client.env.json (secrets into the private file). Existing
// files are never overwritten: a clashing name gets " 2", " 3"…; existing environment values
// win over imported ones and the clash is reported. Every file is checked by parsing it back;
// a request that would not read back the same is reported.
class CollectionWriter
{
public:
    // The .http files' bytes by relative path (nothing touched on disk).
    static QMap<QString, QByteArray> render(const CollectionDraft &draft);
    static QByteArray renderFile(const CollectionDraft::File &file);

    struct Result {
        bool ok = false;
        QStringList written;     // relative paths
        QList<Diagnostic> notes; // the draft's notes plus the writer's
        QString error;           // when !ok; files written before the failure are removed
    };
    static Result write(const CollectionDraft &draft, const QString &folder);
};

} // namespace mr
