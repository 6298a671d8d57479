// libFuzzer: any text is either read as curl commands or reported with a valid line and
// column, and what it reads renders to .http text that parses again. (A body line starting
// with ### may split a request: the importer reports that, so it is not checked here.)
#include "formats/collectionwriter.h"
#include "formats/curlimporter.h"
#include "workspace/httpfileparser.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const mr::CollectionDraft draft = mr::CurlImporter::read(bytes, QStringLiteral("fuzz.sh"));
    const qsizetype lines = QString::fromUtf8(bytes).count(QLatin1Char('\n')) + 1;
    for (const QList<mr::Diagnostic> &list : {draft.errors, draft.notes}) {
        for (const mr::Diagnostic &d : list) {
            if (d.line < 1 || d.line > lines || d.column < 1)
                __builtin_trap();
        }
    }
    for (const mr::CollectionDraft::File &file : draft.files) {
        const mr::HttpFile back =
            mr::HttpFileParser::parse(mr::CollectionWriter::renderFile(file), file.path);
        if (back.requests.isEmpty() && !file.requests.isEmpty() && back.diagnostics.isEmpty())
            __builtin_trap();
    }
    return 0;
}
