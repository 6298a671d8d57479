#include "exchangetranscript.h"

#include "exchange.h"

namespace mr {

namespace {
QString headOf(const Exchange &exchange)
{
    // Qt's own path (HTTP/2, proxies) writes its own head; show what we asked it to send.
    QString head = QString::fromLatin1(exchange.request.method) + QLatin1Char(' ') +
                   exchange.request.url.toString(QUrl::FullyEncoded) + QLatin1Char('\n');
    for (const auto &field : exchange.request.headers.fields())
        head += QString::fromLatin1(field.first) + QStringLiteral(": ") +
                QString::fromUtf8(field.second) + QLatin1Char('\n');
    return head;
}
} // namespace

QString ExchangeTranscript::text(const Exchange &exchange)
{
    QString out;
    int number = 0;
    for (const Attempt &attempt : exchange.attempts) {
        ++number;
        out += QStringLiteral("* Attempt %1").arg(number);
        if (!attempt.connectionId.isEmpty())
            out +=
                QStringLiteral(" on %1 (%2)").arg(attempt.connectionId, attempt.connectionLabel());
        out += QLatin1Char('\n');
        if (!attempt.remoteAddress.isEmpty())
            out += QStringLiteral("* Remote %1 port %2, local port %3\n")
                       .arg(attempt.remoteAddress)
                       .arg(attempt.remotePort)
                       .arg(attempt.localPort);
        for (const QString &failure : attempt.connectFailures)
            out += QStringLiteral("* Tried %1\n").arg(failure);
        if (!attempt.proxy.isEmpty())
            out += QStringLiteral("* Through proxy %1\n").arg(attempt.proxy);
        if (!attempt.tlsProtocol.isEmpty())
            out += QStringLiteral("* %1, cipher %2\n").arg(attempt.tlsProtocol, attempt.tlsCipher);
        for (int i = 0; i < attempt.certificateChain.size(); ++i)
            out +=
                QStringLiteral("*   certificate %1: %2\n").arg(i).arg(attempt.certificateChain[i]);
        out += QStringLiteral("* Phases: %1\n").arg(attempt.phasesText());
        if (!attempt.requestHead.isEmpty()) {
            // As written on the wire, CRLFs shown as line breaks.
            QString head = QString::fromUtf8(attempt.requestHead);
            head.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
            out += head;
        }
        if (!attempt.outcome.isEmpty())
            out += QStringLiteral("* %1\n").arg(attempt.outcome);
        else if (!attempt.errorString.isEmpty())
            out += QStringLiteral("* %1\n").arg(attempt.errorString);
        out += QLatin1Char('\n');
    }
    if (exchange.attempts.isEmpty() || exchange.attempts.last().requestHead.isEmpty()) {
        if (!exchange.pathLabel().isEmpty())
            out += QStringLiteral("* %1\n").arg(exchange.pathLabel());
        out += headOf(exchange) + QLatin1Char('\n');
    }
    if (!exchange.hasResponse()) {
        out += QStringLiteral("* No response: %1\n").arg(exchange.error);
        return out;
    }
    out += QStringLiteral("%1 %2 %3\n")
               .arg(QString::fromLatin1(exchange.httpVersion.isEmpty() ? QByteArray("HTTP/1.1")
                                                                       : exchange.httpVersion))
               .arg(exchange.status)
               .arg(QString::fromLatin1(exchange.reasonPhrase));
    for (const auto &field : exchange.responseHeaders.fields())
        out += QString::fromLatin1(field.first) + QStringLiteral(": ") +
               QString::fromUtf8(field.second) + QLatin1Char('\n');
    if (!exchange.error.isEmpty()) // the head came, the rest did not (or failed after it)
        out += QStringLiteral("\n* %1\n").arg(exchange.error);
    return out;
}

} // namespace mr
