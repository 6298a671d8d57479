#pragma once

#include "http/httpresponsehead.h"
#include "transferrequest.h"

#include <QNetworkReply>
#include <QNetworkRequest>

namespace mr {

// Whether and how to follow a redirect, under QNetworkRequest's redirect policies: 301, 302
// and 303 become GET without a body (HEAD stays HEAD), 307 and 308 keep method and body;
// credentials (Authorization, Cookie, Proxy-Authorization, API key headers and the caller's
// credential headers and query items) are dropped when the scheme, host or port change; a
// one-time Digest answer is dropped on every hop; https→http is refused unless the policy
// allows it.
class RedirectPlanner
{
public:
    enum class Verdict {
        NotARedirect, // no 3xx with a Location, or the policy is manual
        Follow,       // follow to plan.next
        AskUser,      // UserVerifiedRedirectPolicy: emit redirected() and wait
        Refuse,       // an error ends the reply (insecure, other origin, bad target)
        TooMany,      // the limit is reached
    };
    struct Plan {
        Verdict verdict = Verdict::NotARedirect;
        QUrl target;
        TransferRequest next; // url, method, body and headers for the next hop
        bool crossOrigin = false;
        QNetworkReply::NetworkError error = QNetworkReply::NoError;
        QString message;
    };

    static bool isRedirectStatus(int status);
    static Plan plan(const TransferRequest &current, const HttpResponseHead &head,
                     QNetworkRequest::RedirectPolicy policy, int followedSoFar, int limit);
};

} // namespace mr
