#pragma once

#include "connectionevent.h"
#include "http/httprequest.h"
#include "origin.h"
#include "poolsettings.h"
#include "tlssettings.h"

#include <QHash>
#include <QNetworkAccessManager>
#include <QSslConfiguration>
#include <QThread>
#include <atomic>
#include <optional>

namespace mr {

class Engine;
class EngineReply;
class Transfer;
struct TransferRequest;
class ExchangeJob;

// The client every part of Microrequests sends through, and a drop-in
// QNetworkAccessManager for any Qt code: http:// and https:// HTTP/1.1 requests are served by
// our engine — an exact per-origin keep-alive pool in a thread of its own, with measured
// phases and connection identity — and everything else (HTTP/2 when a request asks for it,
// plain HTTP through a proxy, other schemes) by QNAM's built-in implementation.
class HttpClient : public QNetworkAccessManager
{
    Q_OBJECT
public:
    // Request attributes understood by the engine.
    enum Attribute {
        NoReuseAttribute = QNetworkRequest::User + 101, // bool: a fresh connection, closed after
    };

    explicit HttpClient(QObject *parent = nullptr);
    ~HttpClient() override;

    PoolSettings poolSettings() const { return m_poolSettings; }
    void setPoolSettings(const PoolSettings &settings);
    TlsSettings tlsSettings() const { return m_tlsSettings; }
    void setTlsSettings(const TlsSettings &settings);

    // QNAM's clearConnectionCache() is not virtual; this is the engine's equivalent.
    void closeIdleConnections();

    // Starts sending; the job reports finished() once, then can be deleted.
    ExchangeJob *send(const HttpRequest &request, QObject *parent = nullptr);
    QNetworkReply *sendRaw(const HttpRequest &request);

Q_SIGNALS:
    // The pool, live (delivered in this object's thread).
    void connectionOpened(const mr::ConnectionEvent &event);
    void connectionClosed(const mr::ConnectionEvent &event);
    void originStateChanged(const mr::OriginState &state);
    void requestQueued(quint64 id, const QString &origin);
    void requestStarted(quint64 id, const QString &connectionId);
    void requestFinished(quint64 id);

protected:
    QNetworkReply *createRequest(Operation operation, const QNetworkRequest &request,
                                 QIODevice *outgoingData) override;
    void connectNotify(const QMetaMethod &signal) override;

private:
    bool servedByEngine(const QNetworkRequest &request) const;
    void submitBatch();
    static QString invalidRequestReason(const TransferRequest &transfer);
    void start(EngineReply *reply, const TransferRequest &transfer);
    QString poolKey(const Origin &origin,
                    const std::optional<QSslConfiguration> &configuration) const;

    QThread m_thread;
    Engine *m_engine = nullptr;
    PoolSettings m_poolSettings;
    TlsSettings m_tlsSettings;
    std::atomic<quint64> m_nextId{1};
    bool m_forwarding = false;
    // Requests created in one turn of the caller's event loop reach the engine together,
    // as QNAM starts its own replies once control returns to the event loop.
    QList<Transfer *> m_batch;
};

} // namespace mr
