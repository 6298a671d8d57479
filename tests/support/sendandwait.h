#pragma once

#include "net/exchange.h"

class QNetworkReply;

namespace mr {
class HttpClient;
struct HttpRequest;
} // namespace mr

// Sends through the client and waits (10 s at most) for the exchange; an empty Exchange when
// it did not finish in time.
mr::Exchange sendAndWait(mr::HttpClient &client, const mr::HttpRequest &request);

// Waits (20 s at most) for a reply of our engine, takes its exchange and deletes the reply.
mr::Exchange takeExchange(QNetworkReply *reply);
