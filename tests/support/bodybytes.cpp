#include "bodybytes.h"

#include "http/httprequest.h"
#include "net/bodypartsdevice.h"

QByteArray bodyBytes(const mr::HttpRequest &request)
{
    if (!request.streamsBody())
        return request.body;
    mr::BodyPartsDevice device(request.bodyParts);
    device.open(QIODevice::ReadOnly);
    return device.readAll();
}
