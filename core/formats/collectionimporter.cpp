#include "collectionimporter.h"

#include "curlimporter.h"
#include "harimporter.h"
#include "insomniaimporter.h"
#include "openapiimporter.h"
#include "postmanimporter.h"

namespace mr {

namespace {

struct Format {
    const char *name;
    bool (*looksLike)(const QByteArray &);
    CollectionDraft (*read)(const QByteArray &, const QString &);
};

// In sniffing order: the JSON formats have distinctive keys; curl is plain text. Postman first:
// it checks the root of the document, so a Postman schema URL quoted in another format's
// request body does not make that file Postman's.
const Format Formats[] = {
    {"postman", &PostmanImporter::looksLike, &PostmanImporter::read},
    {"insomnia", &InsomniaImporter::looksLike, &InsomniaImporter::read},
    {"har", &HarImporter::looksLike, &HarImporter::read},
    {"openapi", &OpenApiImporter::looksLike, &OpenApiImporter::read},
    {"curl", &CurlImporter::looksLike, &CurlImporter::read},
};

} // namespace

QStringList CollectionImporter::formats()
{
    QStringList names;
    for (const Format &format : Formats)
        names.append(QLatin1String(format.name));
    return names;
}

QString CollectionImporter::sniff(const QByteArray &data)
{
    for (const Format &format : Formats) {
        if (format.looksLike(data))
            return QLatin1String(format.name);
    }
    return {};
}

CollectionDraft CollectionImporter::read(const QString &format, const QByteArray &data,
                                         const QString &path)
{
    for (const Format &candidate : Formats) {
        if (format == QLatin1String(candidate.name))
            return candidate.read(data, path);
    }
    CollectionDraft draft;
    Diagnostic error;
    error.file = path;
    error.message = QStringLiteral("unknown format \"%1\"; expected one of %2")
                        .arg(format, formats().join(QStringLiteral(", ")));
    draft.errors.append(error);
    return draft;
}

} // namespace mr
