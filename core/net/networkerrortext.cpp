#include "networkerrortext.h"

namespace mr {

NetworkErrorText NetworkErrorText::describe(QNetworkReply::NetworkError error,
                                            const QString &detail, const QUrl &url)
{
    const QString where =
        url.host() + QLatin1Char(':') +
        QString::number(url.port(url.scheme() == QLatin1String("https") ? 443 : 80));
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
        return {QStringLiteral("Connection refused: nothing is listening at %1.").arg(where),
                QStringLiteral("Check that the service is running and the port is right.")};
    case QNetworkReply::HostNotFoundError:
        return {QStringLiteral("Host not found: \"%1\" could not be resolved.").arg(url.host()),
                QStringLiteral("Check the spelling of the host and your DNS or VPN.")};
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
        return {QStringLiteral("Timed out waiting for %1.").arg(where),
                QStringLiteral("The service may be slow or unreachable; try a longer timeout.")};
    case QNetworkReply::RemoteHostClosedError:
        return {QStringLiteral("The server closed the connection before answering."),
                QStringLiteral(
                    "The service may have crashed or rejected the request; check its logs.")};
    case QNetworkReply::SslHandshakeFailedError:
        return {QStringLiteral("TLS handshake failed with %1: %2").arg(where, detail),
                QStringLiteral("Check the certificate, or trust it explicitly for this host.")};
    case QNetworkReply::ProtocolUnknownError:
        return {QStringLiteral("Unsupported URL scheme in %1.").arg(url.toString()),
                QStringLiteral("Use an http:// or https:// URL.")};
    default: return {detail, QString()};
    }
}

NetworkErrorText NetworkErrorText::incompleteBody(QNetworkReply::NetworkError error,
                                                  const QString &detail, qint64 received,
                                                  qint64 announced)
{
    const QString counts = announced >= 0
                               ? QStringLiteral("%1 of %2 bytes").arg(received).arg(announced)
                               : QStringLiteral("%1 bytes").arg(received);
    QString why = detail.trimmed();
    while (why.endsWith(QLatin1Char('.')))
        why.chop(1);
    if (!why.isEmpty())
        why[0] = why[0].toLower();
    QString hint;
    switch (error) {
    case QNetworkReply::RemoteHostClosedError:
        why = QStringLiteral("the server closed the connection");
        hint = QStringLiteral("The service may have crashed or cut the response short; check "
                              "its logs.");
        break;
    case QNetworkReply::OperationCanceledError: why = QStringLiteral("cancelled"); break;
    case QNetworkReply::TimeoutError:
        hint = QStringLiteral("The service may be slow; try a longer timeout.");
        break;
    default: break;
    }
    if (why.isEmpty())
        why = QStringLiteral("the transfer failed");
    return {QStringLiteral("Incomplete response body: %1 arrived; %2.").arg(counts, why), hint};
}

} // namespace mr
