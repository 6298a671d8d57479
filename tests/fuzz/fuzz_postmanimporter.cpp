// libFuzzer: any input (a Postman collection or not) is either imported or refused with a
// positioned error; every note has a position; what is imported reads back from the rendered .http
// files as the same requests (importeddraftcheck.h).
#include "formats/postmanimporter.h"
#include "importeddraftcheck.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    mr::PostmanImporter::looksLike(bytes);
    checkImportedDraft(mr::PostmanImporter::read(bytes, QStringLiteral("fuzz.json")),
                       QStringLiteral("fuzz.json"));
    return 0;
}
