#pragma once

#include "http/httprequest.h"

#include <QNetworkAccessManager>

namespace mr {

class ExchangeJob;

// The client every part of Microrequests sends through. It is a QNetworkAccessManager, so any
// Qt code can use it directly; send() adds the Exchange record on top.
class HttpClient : public QNetworkAccessManager
{
    Q_OBJECT
public:
    explicit HttpClient(QObject *parent = nullptr);

    // Starts sending; the job reports finished() once, then can be deleted.
    ExchangeJob *send(const HttpRequest &request, QObject *parent = nullptr);
    QNetworkReply *sendRaw(const HttpRequest &request);
};

} // namespace mr
