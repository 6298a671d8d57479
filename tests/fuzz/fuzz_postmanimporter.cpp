// libFuzzer: any input (a Postman collection or not) is either imported or refused with a
// positioned error; every note has a position; what is imported reads back from the
// rendered .http files as the same requests.
#include "formats/collectionwriter.h"
#include "formats/postmanimporter.h"
#include "workspace/httpfileparser.h"

#include <cstddef>
#include <cstdint>

namespace {

void check(const mr::CollectionDraft &draft)
{
    for (const QList<mr::Diagnostic> *list : {&draft.errors, &draft.notes}) {
        for (const mr::Diagnostic &d : *list) {
            if (d.line < 1 || d.column < 1 || d.file != QLatin1String("fuzz.json"))
                __builtin_trap();
        }
    }
    if (draft.hasErrors())
        return;
    for (const mr::CollectionDraft::File &file : draft.files) {
        if (!file.path.endsWith(QLatin1String(".http")) || file.path.startsWith(QLatin1Char('/')))
            __builtin_trap();
        const mr::HttpFile back =
            mr::HttpFileParser::parse(mr::CollectionWriter::renderFile(file), file.path);
        if (back.requests.size() != file.requests.size() || back.variables != file.variables)
            __builtin_trap();
        for (qsizetype i = 0; i < file.requests.size(); ++i) {
            const mr::RequestDefinition &a = file.requests[i];
            const mr::RequestDefinition &b = back.requests[i];
            if (a.name != b.name || a.method != b.method || a.url != b.url ||
                a.headers != b.headers || a.body != b.body || a.comments != b.comments)
                __builtin_trap();
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    mr::PostmanImporter::looksLike(bytes);
    check(mr::PostmanImporter::read(bytes, QStringLiteral("fuzz.json")));
    return 0;
}
