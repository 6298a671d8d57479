#pragma once

#include "importerbase.h"

#include <QJsonValue>

namespace mr {

// What the parts of the Postman import share: the diagnostics, Postman's {{$dynamic}}
// variables converted, and Postman's values as text.
class PostmanContext : public ImporterBase
{
public:
    using ImporterBase::ImporterBase;

    // Postman's dynamic variables: those we have become ours, the others stay as written and
    // are reported. Plain {{variables}} are already .http variables.
    QString convert(const QString &input, const QString &pointer, const QString &subject);

    // A value as the text Postman would send: strings as they are, numbers and booleans as
    // written, anything else as compact JSON.
    static QString text(const QJsonValue &value);
    // Descriptions are a string or {"content": …, "type": "text/markdown"}.
    static QString description(const QJsonValue &value);
    // A JSON string literal, quotes included.
    static QString jsonString(const QString &text);
    static QString at(const QString &pointer, const char *key);
};

} // namespace mr
