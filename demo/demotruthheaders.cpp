#include "demotruthheaders.h"

#include "demorequest.h"
#include "http/servertiming.h"

namespace mr {

HttpHeaders DemoTruthHeaders::of(const DemoRequestContext &context, int latencyMs)
{
    HttpHeaders headers;
    headers.append("X-Demo-Connection", QByteArray::number(context.connectionSerial));
    headers.append("X-Demo-Connection-Request", QByteArray::number(context.requestIndex));
    headers.append("X-Demo-Client-Port", QByteArray::number(context.clientPort));
    if (context.isHttp2()) {
        headers.append("X-Demo-Stream", QByteArray::number(context.streamId));
        headers.append("X-Demo-Request-Frames", QByteArray::number(context.requestDataFrames));
    }
    if (latencyMs > 0)
        headers.append(
            "Server-Timing",
            ServerTiming::format({ServerTiming::simulatedLatencyName(), double(latencyMs),
                                  QStringLiteral("demo-server --latency")}));
    return headers;
}

} // namespace mr
