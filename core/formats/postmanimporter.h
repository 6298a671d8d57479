#pragma once

#include "collectiondraft.h"

#include <QByteArray>
#include <QString>

namespace mr {

// Reads a Postman Collection v2.0 or v2.1 ({"info": {"schema": "…/v2.1.0/collection.json"},
// "item": […]}) into a collection draft. The collection's own requests go into a file named
// after it; each folder becomes a folder holding a file named after it. Collection variables
// become the "$shared" environment, folder variables file variables of the folder's files.
// {{$guid}}, {{$timestamp}}, {{$isoTimestamp}} and {{$randomInt}} become our dynamic
// variables; other dynamic variables stay as written and are reported. Authentication (basic,
// digest, bearer, API key) is written as headers or query parameters into the requests that
// use or inherit it; bodies (raw, urlencoded, form-data, file, GraphQL as JSON) as .http
// bodies. protocolProfileBehavior's followRedirects, disableCookies and protocolVersion
// (http1, http2) become # @no-redirect, # @no-cookie-jar, # @http1 and # @http2. A request's
// test script as our export writes it ("?? …" assertions as pm.test calls, see
// PostmanTestScript) becomes those "?? …" lines again. Other scripts, OAuth and the
// other authentication schemes, saved responses and settings a .http file cannot hold are
// reported, never silently dropped. Collection v1 and Postman
// environment files are refused with what to do instead.
class PostmanImporter
{
public:
    static bool looksLike(const QByteArray &data);
    static CollectionDraft read(const QByteArray &data, const QString &path);
};

} // namespace mr
