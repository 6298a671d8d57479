// libFuzzer: any bytes, read as JSON or YAML, give a draft or errors with valid positions;
// no yaml-cpp exception escapes; every request written reads back as the same request.
#include "base/yamldocument.h"
#include "formats/collectionwriter.h"
#include "formats/openapiimporter.h"
#include "workspace/httpfileparser.h"

#include <cstddef>
#include <cstdint>

namespace {

void checkPositions(const QList<mr::Diagnostic> &diagnostics, qsizetype lines)
{
    for (const mr::Diagnostic &d : diagnostics) {
        if (d.line < 1 || d.line > lines || d.column < 1 || d.message.isEmpty())
            __builtin_trap();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype lines = bytes.count('\n') + 1;

    // The YAML reader on its own, JSON-looking input included (JSON is YAML too).
    const mr::YamlDocument yaml = mr::YamlDocument::parse(bytes, QStringLiteral("fuzz.yaml"));
    checkPositions(yaml.errors(), lines);
    checkPositions(yaml.warnings(), lines);
    if (yaml.hasErrors() && !yaml.value().isNull())
        __builtin_trap();

    mr::OpenApiImporter::looksLike(bytes);
    const mr::CollectionDraft draft = mr::OpenApiImporter::read(bytes, QStringLiteral("fuzz"));
    checkPositions(draft.errors, lines);
    checkPositions(draft.notes, lines);
    if (draft.hasErrors())
        return 0;
    for (const mr::CollectionDraft::File &file : draft.files) {
        if (!file.path.endsWith(QLatin1String(".http")) || file.path.contains(QLatin1Char('/')))
            __builtin_trap();
        const mr::HttpFile back =
            mr::HttpFileParser::parse(mr::CollectionWriter::renderFile(file), file.path);
        if (back.hasErrors() || back.requests.size() != file.requests.size() ||
            back.variables != file.variables)
            __builtin_trap();
        for (qsizetype i = 0; i < file.requests.size(); ++i) {
            const mr::RequestDefinition &a = file.requests[i];
            const mr::RequestDefinition &b = back.requests[i];
            if (a.name != b.name || a.method != b.method || a.url != b.url ||
                a.headers != b.headers || a.body != b.body || !b.directives.isEmpty())
                __builtin_trap();
        }
    }
    return 0;
}
