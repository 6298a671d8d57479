#pragma once

// What every importer's fuzz target asserts of a draft: errors and notes point into the input
// (line and column from 1, the input's file name), and what is imported reads back from the
// rendered .http files as the same requests. A failed check traps, which libFuzzer reports.
#include "formats/collectiondraft.h"
#include "formats/collectionwriter.h"
#include "workspace/httpfileparser.h"

inline void checkImportedDraft(const mr::CollectionDraft &draft, const QString &inputName)
{
    for (const QList<mr::Diagnostic> *list : {&draft.errors, &draft.notes}) {
        for (const mr::Diagnostic &d : *list) {
            if (d.line < 1 || d.column < 1 || d.file != inputName)
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
