#include "httpclient.h"

#include "exchangejob.h"

#include <QBuffer>
#include <QNetworkRequest>

namespace mr {

HttpClient::HttpClient(QObject *parent)
    : QNetworkAccessManager(parent)
{
    // Redirects are shown, not silently followed, until the engine follows them itself.
    setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

QNetworkReply *HttpClient::sendRaw(const HttpRequest &request)
{
    QNetworkRequest networkRequest(request.url);
    networkRequest.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    for (const auto &field : request.headers.fields())
        networkRequest.setRawHeader(field.first, field.second);
    if (request.body.isEmpty() && request.method != "POST" && request.method != "PUT" &&
        request.method != "PATCH")
        return sendCustomRequest(networkRequest, request.method);
    return sendCustomRequest(networkRequest, request.method, request.body);
}

ExchangeJob *HttpClient::send(const HttpRequest &request, QObject *parent)
{
    auto *job = new ExchangeJob(this, request, parent);
    job->start();
    return job;
}

} // namespace mr
