// libFuzzer: any input (JSON, YAML or neither) is either imported or refused with a positioned
// error; every note has a position; what is imported reads back from the rendered .http files as
// the same requests (importeddraftcheck.h).
#include "formats/insomniaimporter.h"
#include "importeddraftcheck.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    mr::InsomniaImporter::looksLike(bytes);
    checkImportedDraft(mr::InsomniaImporter::read(bytes, QStringLiteral("fuzz.json")),
                       QStringLiteral("fuzz.json"));
    return 0;
}
