#pragma once

#include <QString>

namespace mr {

struct Exchange;

// An exchange as the text a user reads in the window's Raw tab (and could paste in a bug
// report): each attempt's connection, addresses, TLS session and certificate chain, the
// request head exactly as written, then the response's status line and headers.
class ExchangeTranscript
{
public:
    static QString text(const Exchange &exchange);
};

} // namespace mr
