// libFuzzer: the demo service's request reader must never crash, hang or over-read, and
// must give the same result however the bytes are split.
#include "demo/demorequestreader.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    mr::DemoRequestReader::Limits limits;
    limits.maxBodyBytes = 1 << 16;
    limits.maxHeadBytes = 1 << 14;

    mr::DemoRequestReader whole(limits);
    QByteArray buffer = input;
    int wholeRequests = 0;
    while (whole.read(&buffer) == mr::DemoRequestReader::Status::Ready) {
        whole.takeRequest();
        ++wholeRequests;
    }

    mr::DemoRequestReader split(limits);
    QByteArray pending;
    int splitRequests = 0;
    for (qsizetype i = 0; i < input.size(); i += 7) {
        pending += input.mid(i, 7);
        while (split.read(&pending) == mr::DemoRequestReader::Status::Ready) {
            split.takeRequest();
            ++splitRequests;
        }
    }
    if (whole.errorStatus() == 0 && split.errorStatus() == 0 && wholeRequests != splitRequests)
        __builtin_trap();
    return 0;
}
