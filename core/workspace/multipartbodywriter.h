#pragma once

#include "workspace/requestdefinition.h"

#include <QList>
#include <QString>

namespace mr {

// Writes form fields and files as a multipart body the way .http files hold one: parts
// between "--boundary" lines, a file as a "< path" line. The importers of formats that keep
// form data as fields (Postman, Insomnia, HAR) share it.
class MultipartBodyWriter
{
public:
    struct Part {
        QString name;
        QString value;       // a field's text, already made body text (RequestSanitizer::bodyText)
        QString fileName;    // names a file in Content-Disposition (its last path segment)
        QString filePath;    // sent from this file ("< path"); else the value is sent
        QString contentType; // the part's Content-Type line, when not empty
    };

    // Sets request->body. The boundary is the one the request's Content-Type names, else the
    // one `mimeType` names, else one that occurs in no part; the Content-Type header is added
    // or completed with it.
    static void write(const QList<Part> &parts, RequestDefinition *request,
                      const QString &mimeType = QString());
};

} // namespace mr
