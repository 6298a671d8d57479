#pragma once

#include "bodypart.h"
#include "httpheaders.h"
#include "sendoptions.h"

#include <QByteArray>
#include <QUrl>

namespace mr {

// A request ready to send: variables resolved, body in bytes or, when it reads files, in parts.
struct HttpRequest {
    QByteArray method = "GET";
    QUrl url;
    HttpHeaders headers;
    // The body's bytes. When bodyParts is set, the body is sent from the parts instead and this
    // only describes it for history and reports, each file as "< /path (120.0 MB)": a streamed
    // body is never held in memory whole.
    QByteArray body;
    QList<BodyPart> bodyParts; // set when the body reads files (streamed while sending)
    SendOptions options;

    bool streamsBody() const { return !bodyParts.isEmpty(); }
    // The bytes that go on the wire as the body.
    qint64 bodySize() const
    {
        return streamsBody() ? BodyPart::totalLength(bodyParts) : qint64(body.size());
    }
};

} // namespace mr
