#pragma once

#include "challengeanswerer.h"
#include "exchange.h"
#include "http/httpauthchallenge.h"
#include "networkerrortext.h"
#include "redirectplanner.h"
#include "responsebodybuffer.h"
#include "retrypolicy.h"
#include "transferrequest.h"
#include "transferupdate.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <optional>

class QTimer;

namespace mr {

class HttpClient;
struct EngineRequest;

// The QNetworkReply of a request our engine serves. It lives in the caller's thread and
// behaves like QNAM's own replies — metaDataChanged, readyRead, downloadProgress,
// errorOccurred and finished, abort(), sslErrors with ignoreSslErrors(), redirected(),
// authenticationRequired — and carries the Exchange record besides.
//
// A request may take several hops — redirects, answers to authentication challenges,
// retries — each a transfer of the engine; the reply decides them here, in the caller's
// thread, where the cookie jar and the caller's slots live, and shows only the last response.
class EngineReply : public QNetworkReply
{
    Q_OBJECT
public:
    // `request` is what request() gives back; `asked` says how the hops are decided.
    EngineReply(HttpClient *client, QNetworkAccessManager::Operation operation,
                const QNetworkRequest &request, const EngineRequest &asked,
                const TransferRequest &transfer);
    ~EngineReply() override;

    // Sends the first hop (after the body is complete).
    void begin(const TransferRequest &transfer);
    // A reply of core's own entry (HttpClient::sendRaw), which skips QNAM's: it emits its
    // manager's finished(), encrypted() and sslErrors() itself, each just before its own
    // (where QNAM's slots, the first connected, would emit them), and deletes itself after
    // finishing when the request says AutoDeleteReplyOnFinishAttribute. QNetworkReply's
    // header list stays empty: the response's fields are in exchange(), where core reads
    // them (filling both would cost a tenth of a request's CPU time).
    void setOwnEntry();

    quint64 transferId() const { return m_transferId; }
    // Built on first use: most callers of the QNAM API never ask for it.
    const Exchange &exchange() const;
    const QList<Attempt> &attempts() const { return m_attempts; }
    // The whole response arrived: a status, and no failure after it (see Exchange::isComplete).
    bool isComplete() const { return m_head.status > 0 && m_failure.isEmpty(); }
    // Why it failed, in plain words (as in its Exchange); empty when it did not.
    NetworkErrorText failure() const { return {m_failure, m_failureHint}; }

    void abort() override;
    void close() override;
    qint64 bytesAvailable() const override;
    bool isSequential() const override { return true; }
    void ignoreSslErrors() override;

    void onUpdate(const mr::TransferUpdate &update);
    // Ends the reply with an error from the event loop (for requests refused up front).
    void failLater(QNetworkReply::NetworkError error, const QString &message);

Q_SIGNALS:
    void abortRequested();

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }
    void ignoreSslErrorsImplementation(const QList<QSslError> &errors) override;
    void sslConfigurationImplementation(QSslConfiguration &configuration) const override;
    void setSslConfigurationImplementation(const QSslConfiguration &configuration) override;

private:
    enum class Hop { Final, Redirect, Authenticate, Retry };

    void send(const TransferRequest &hop);
    Hop classify(const HttpResponseHead &head);
    void continueAfter(Hop hop);
    void followRedirect();
    void onRedirectAllowed();
    bool retryAfterError(QNetworkReply::NetworkError error, const QString &message,
                         bool requestMayHaveLeft);
    void retryLater(double delayMs);
    void applyHead(const HttpResponseHead &head, bool decoded);
    void complete(const TransferUpdate &update);
    void fail(QNetworkReply::NetworkError error, const QString &message);
    void failWith(QNetworkReply::NetworkError error, const QString &message,
                  const NetworkErrorText &text);
    void endOfDownload();
    void annotateLastAttempt(const QString &outcome);
    bool appendBody(const QByteArray &data); // false: it could not be kept, the reply failed
    void discardResponse();

    HttpClient *m_client;
    quint64 m_transferId = 0;
    TransferRequest m_hop;    // the current (or next) request
    QByteArray m_ownCookies;  // the caller's Cookie header; dropped on a cross-origin hop
    QByteArray m_requestHead; // the last hop's request, as written
    HttpResponseHead m_head;  // the final response's
    HttpHeaders m_trailers;
    QList<Attempt> m_attempts; // every hop's
    double m_durationMs = 0;
    QString m_failure;
    QString m_failureHint;
    mutable std::optional<Exchange> m_exchange;
    std::shared_ptr<std::atomic<qint64>> m_undelivered = std::make_shared<std::atomic<qint64>>(0);
    ResponseBodyBuffer m_body;   // the final response's, in memory or spilled to a file
    bool m_bodyComplete = false; // the final response's body ended as its framing said
    qint64 m_bytesTotal = -1;
    std::optional<QSslConfiguration> m_tlsConfiguration;
    bool m_ignoreAllSslErrors = false;
    QList<QSslError> m_ignoredSslErrors;
    bool m_done = false;
    // Set for core's own entry (setOwnEntry); a QPointer, since a reparented reply may
    // outlive its client.
    QPointer<HttpClient> m_manager;
    bool m_ownEntry = false;

    // Hops.
    Hop m_hopKind = Hop::Final;
    QNetworkRequest::RedirectPolicy m_redirectPolicy;
    int m_maxRedirects = 10;
    int m_redirects = 0;
    RedirectPlanner::Plan m_redirect;
    bool m_awaitingRedirectApproval = false;
    bool m_redirectApproved = false;
    QNetworkReply::NetworkError m_finalError = QNetworkReply::NoError; // decided at the head
    QString m_finalMessage;
    bool m_loadCookies = true;
    bool m_saveCookies = true;
    ChallengeAnswerer m_auth; // 401s: which credentials answer them, and how often
    bool m_resentWithFreshAnswer = false;
    RetryState m_retry;
    RetryState::Decision m_retryDecision;
    QTimer *m_waitTimer = nullptr;
    QTimer *m_totalTimer = nullptr;
    int m_totalTimeoutMs = 0;
};

} // namespace mr
