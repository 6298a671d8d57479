#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace mr {

// Which HTTP version a request asks for. Auto lets TLS's ALPN decide (h2 when the server
// offers it); Http1 and Http2 insist.
enum class ProtocolChoice { Auto, Http1, Http2 };

// "auto", "http1.1" or "http2": what settings, directives and the command line write, and
// what parseProtocolChoice reads back.
QByteArray protocolChoiceName(ProtocolChoice choice);
// Accepts "auto", "http1.1"/"http1"/"1.1" and "http2"/"h2"/"2", in any ASCII case and with
// surrounding spaces; anything else is nullopt, so a typo is reported, not guessed.
std::optional<ProtocolChoice> parseProtocolChoice(QByteArrayView text);

} // namespace mr
