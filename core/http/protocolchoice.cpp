#include "protocolchoice.h"

#include "httpheaders.h"

namespace mr {

QByteArray protocolChoiceName(ProtocolChoice choice)
{
    switch (choice) {
    case ProtocolChoice::Auto: return "auto";
    case ProtocolChoice::Http1: return "http1.1";
    case ProtocolChoice::Http2: return "http2";
    }
    return "auto";
}

std::optional<ProtocolChoice> parseProtocolChoice(QByteArrayView text)
{
    const QByteArrayView word = text.trimmed();
    const auto is = [&](QByteArrayView name) { return HttpHeaders::sameName(word, name); };
    if (is("auto"))
        return ProtocolChoice::Auto;
    if (is("http1.1") || is("http1") || is("1.1"))
        return ProtocolChoice::Http1;
    if (is("http2") || is("h2") || is("2"))
        return ProtocolChoice::Http2;
    return std::nullopt;
}

} // namespace mr
