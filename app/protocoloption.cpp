#include "protocoloption.h"

#include <QCommandLineParser>

QList<QCommandLineOption> ProtocolOption::options(const QString &after)
{
    const QString more = after.isEmpty() ? QString() : QLatin1Char(' ') + after;
    return {
        {QStringLiteral("http2"),
         QStringLiteral("HTTP/2 only: negotiated by ALPN on https://, with prior knowledge on "
                        "http:// (no Upgrade).") +
             more},
        {QStringLiteral("http1.1"), QStringLiteral("HTTP/1.1 only.") + more},
    };
}

bool ProtocolOption::read(const QCommandLineParser &parser,
                          std::optional<mr::ProtocolChoice> *choice, QString *error)
{
    const bool http2 = parser.isSet(QStringLiteral("http2"));
    const bool http1 = parser.isSet(QStringLiteral("http1.1"));
    if (http2 && http1) {
        *error = QStringLiteral("--http2 and --http1.1 exclude each other; give one of them");
        return false;
    }
    if (http2)
        *choice = mr::ProtocolChoice::Http2;
    else if (http1)
        *choice = mr::ProtocolChoice::Http1;
    else
        choice->reset();
    return true;
}
