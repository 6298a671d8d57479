// core/content: understanding response bodies — what kind they are and how to show them.
#pragma once

#include "jsonprettyprinter.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <atomic>

namespace mr {

// Filters a JSON body: a JSONPath (starts with '$', see JsonPath) or else a jq program (libjq).
// Synchronous and slow for big bodies: call it from a worker (BodyFormatJob::filter).
class JsonFilter
{
public:
    enum class Language { JsonPath, Jq };

    struct Result {
        bool ok = false;
        bool cancelled = false;
        Language language = Language::Jq;
        // Indented: JSONPath gives one array of the matches, jq its outputs, one after another.
        QString text;
        QList<JsonPrettyPrinter::FoldRegion> folds;
        int count = 0; // matches (JSONPath) or outputs (jq)
        QString error; // plain words, e.g. "JSONPath column 3: expected ']' to close the brackets"
        bool truncated = false; // jq output stopped at MaxOutputBytes
    };

    // jq output beyond this is dropped (a program such as `repeat(1)` never ends).
    static constexpr qint64 MaxOutputBytes = qint64(256) << 20;

    static Language languageOf(const QString &expression);
    static Result run(const QString &expression, const QByteArray &json,
                      const std::atomic_bool *cancel = nullptr);
};

} // namespace mr
