#pragma once

#include "exchange.h"
#include "transferrequest.h"
#include "transferupdate.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <optional>

namespace mr {

// The QNetworkReply of a request our engine serves. It lives in the caller's thread and
// behaves like QNAM's own replies — metaDataChanged, readyRead, downloadProgress,
// errorOccurred and finished, abort(), sslErrors with ignoreSslErrors() — and carries the
// Exchange record besides.
class EngineReply : public QNetworkReply
{
    Q_OBJECT
public:
    EngineReply(QNetworkAccessManager::Operation operation, const QNetworkRequest &request,
                const TransferRequest &transfer, QObject *parent);
    ~EngineReply() override;

    quint64 transferId() const { return m_transferId; }
    // Built on first use: most callers of the QNAM API never ask for it.
    const Exchange &exchange() const;
    const QList<Attempt> &attempts() const { return m_attempts; }

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
    void sslErrorsDecided(bool ignore, const QList<QSslError> &errors);

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }
    void ignoreSslErrorsImplementation(const QList<QSslError> &errors) override;
    void sslConfigurationImplementation(QSslConfiguration &configuration) const override;
    void setSslConfigurationImplementation(const QSslConfiguration &configuration) override;

private:
    void applyHead(const HttpResponseHead &head);
    void complete(const TransferUpdate &update);
    void fail(QNetworkReply::NetworkError error, const QString &message);
    void endOfDownload();

    quint64 m_transferId;
    QByteArray m_method;
    HttpHeaders m_requestHeaders;
    QByteArray m_requestBody;
    QByteArray m_requestHead; // as written
    HttpResponseHead m_head;
    HttpHeaders m_trailers;
    QList<Attempt> m_attempts;
    double m_durationMs = 0;
    QString m_failure;
    QString m_failureHint;
    mutable std::optional<Exchange> m_exchange;
    QByteArray m_body;
    qint64 m_readPosition = 0;
    qint64 m_bytesTotal = -1;
    std::optional<QSslConfiguration> m_tlsConfiguration;
    bool m_ignoreAllSslErrors = false;
    QList<QSslError> m_ignoredSslErrors;
    bool m_done = false;
};

} // namespace mr
