#include "settingfield.h"

#include "http/protocolchoice.h"
#include "net/tlssettings.h"

namespace mr {

namespace {

constexpr int Day = 24 * 3600 * 1000;

SettingField field(const char *key, SettingField::Kind kind, QVariant defaultValue,
                   const char *label, const char *help, int minimum = 0, int maximum = 0,
                   const char *directive = "")
{
    SettingField f;
    f.key = QLatin1String(key);
    f.kind = kind;
    f.defaultValue = std::move(defaultValue);
    f.label = QString::fromUtf8(label);
    f.help = QString::fromUtf8(help);
    f.minimum = minimum;
    f.maximum = maximum;
    f.directive = QLatin1String(directive);
    return f;
}

QList<SettingField> makeFields()
{
    using K = SettingField::Kind;
    QList<SettingField> fields{
        field("pool.maxPerOrigin", K::Integer, 50, "Connections per origin",
              "How many connections to one scheme, host and port may be open at once.", 1, 256),
        field("pool.maxHosts", K::Integer, 100, "Origins kept",
              "Connections to this many origins are kept; the least recently used go first.", 1,
              100000),
        field("pool.blockWhenFull", K::Boolean, true, "Queue when every connection is busy",
              "Off: open extra connections beyond the limit and close them after use."),
        field("pool.idleExpiryMs", K::Milliseconds, 4000, "Close idle connections after",
              "An idle kept-alive connection is closed after this long.", 0, Day),
        field("pool.keepAlive", K::Boolean, true, "Keep connections alive",
              "Off: every request opens a connection of its own.", 0, 0, "@no-reuse"),
        field("retries.connect", K::Integer, 1, "Retries after a connect error",
              "The request never left, so any method is retried.", 0, 100),
        field("retries.read", K::Integer, 0, "Retries after a read error",
              "Only idempotent methods (GET, HEAD, PUT, DELETE, OPTIONS, TRACE).", 0, 100),
        field("retries.status", K::Integer, 0, "Retries on a listed status",
              "Retries when the status is in the list below; Retry-After is honoured.", 0, 100,
              "@retries"),
        field("retries.statusList", K::List, QVariantList{429, 502, 503, 504}, "Statuses to retry",
              "Comma-separated status codes."),
        field("retries.total", K::Integer, -1, "Retries in all",
              "A cap over every kind of retry; -1 for none.", -1, 100),
        field("retries.backoffFactorMs", K::Milliseconds, 0, "Backoff factor",
              "Wait factor·2^(k−1) before the k-th retry in a row (none before the first).", 0,
              Day),
        field("retries.backoffMaxMs", K::Milliseconds, 120000, "Longest backoff",
              "No wait between retries is longer than this.", 0, Day),
        field("retries.backoffJitterMs", K::Milliseconds, 0, "Backoff jitter",
              "A random extra wait of up to this long.", 0, Day),
        field("retries.retryAfterMaxMs", K::Milliseconds, 120000, "Longest Retry-After",
              "A server's Retry-After is honoured up to this long.", 0, Day),
        field("timeouts.connectMs", K::Milliseconds, 10000, "Connect timeout",
              "DNS, TCP and TLS of a new connection; 0 waits forever.", 0, Day,
              "@connection-timeout"),
        field("timeouts.inactivityMs", K::Milliseconds, 60000, "Inactivity timeout",
              "No byte in either direction for this long ends the request; 0 waits forever.", 0,
              Day),
        field("timeouts.totalMs", K::Milliseconds, 0, "Total timeout",
              "The whole request, redirects and retries included; 0 waits forever.", 0, Day,
              "@timeout"),
        field("protocol", K::Choice, QString::fromLatin1(protocolChoiceName(ProtocolChoice::Auto)),
              "HTTP version",
              "auto: HTTP/2 when an https server offers it (ALPN), HTTP/1.1 on http://; "
              "http1.1: HTTP/1.1 only; http2: HTTP/2 only (with prior knowledge on http://).",
              0, 0, "@http1/@http2"),
        field("maxRedirects", K::Integer, 10, "Redirects to follow",
              "More than this many redirects in a row end the request.", 0, 100, "@no-redirect"),
        field("maxFileBodyMB", K::Integer, 1024, "Largest body from files (MB)",
              "A request whose body files (\"< ./file\" lines) add up to more is refused "
              "before sending.",
              1, 1024 * 1024),
        field("tls.caFile", K::File, QString(), "Extra CA certificates",
              "A PEM file of certificates trusted besides the system's."),
        field("tls.clientCertificate", K::File, QString(), "Client certificate",
              "A PEM certificate sent when a server asks for one."),
        field("tls.clientKey", K::File, QString(), "Client key",
              "The PEM private key of the client certificate."),
        field("tls.trusted", K::List, QVariantList(), "Trusted certificates",
              "Certificates trusted despite errors, each on one origin: \"https://host:port "
              "<SHA-256, 64 hex digits>\", comma-separated. A certificate for another host "
              "name is still refused; verification stays on for every other certificate."),
        field("proxy.type", K::Choice, QStringLiteral("system"), "Proxy",
              "none, the system's proxy, or an HTTP or SOCKS5 proxy at the host and port below."),
        field("proxy.host", K::Text, QString(), "Proxy host", "The proxy's host name or address."),
        field("proxy.port", K::Integer, 0, "Proxy port", "The proxy's port.", 0, 65535),
        field("proxy.user", K::Text, QString(), "Proxy user", "Only when the proxy asks."),
        field("proxy.password", K::Secret, QString(), "Proxy password",
              "Kept in the user's settings file, readable by the user only."),
    };
    for (SettingField &f : fields) {
        if (f.key == QLatin1String("proxy.type"))
            f.choices = {QStringLiteral("none"), QStringLiteral("system"), QStringLiteral("http"),
                         QStringLiteral("socks5")};
        if (f.key == QLatin1String("protocol")) {
            for (ProtocolChoice choice :
                 {ProtocolChoice::Auto, ProtocolChoice::Http1, ProtocolChoice::Http2})
                f.choices.append(QString::fromLatin1(protocolChoiceName(choice)));
        }
    }
    return fields;
}

} // namespace

QString SettingField::section() const
{
    const qsizetype dot = key.indexOf(QLatin1Char('.'));
    return dot < 0 ? QString() : key.left(dot);
}

const QList<SettingField> &SettingField::all()
{
    static const QList<SettingField> fields = makeFields();
    return fields;
}

const SettingField *SettingField::find(const QString &key)
{
    for (const SettingField &f : all()) {
        if (f.key == key)
            return &f;
    }
    return nullptr;
}

QVariant SettingField::normalized(const QVariant &value) const
{
    switch (kind) {
    case Kind::Integer:
    case Kind::Milliseconds: {
        bool ok = false;
        const double number = value.toDouble(&ok);
        if (!ok || number != double(qint64(number)) || number < minimum || number > maximum)
            return {};
        return int(number);
    }
    case Kind::Boolean:
        if (value.typeId() == QMetaType::Bool)
            return value;
        if (value.toString() == QLatin1String("true"))
            return true;
        if (value.toString() == QLatin1String("false"))
            return false;
        return {};
    case Kind::Choice:
        if (key == QLatin1String("protocol")) { // also "HTTP2", "h2", "1.1": stored by its name
            if (value.typeId() != QMetaType::QString && value.typeId() != QMetaType::QByteArray)
                return {};
            const std::optional<ProtocolChoice> choice =
                parseProtocolChoice(value.toString().toUtf8());
            return choice ? QVariant(QString::fromLatin1(protocolChoiceName(*choice))) : QVariant();
        }
        return choices.contains(value.toString()) ? QVariant(value.toString()) : QVariant();
    case Kind::List: {
        // QSettings gives a list back as a QStringList, or a lone string for one element.
        QVariantList items;
        QVariantList raw = value.toList();
        if (value.typeId() == QMetaType::QString) {
            raw.clear();
            for (const QString &part : value.toString().split(QLatin1Char(',')))
                raw.append(part);
        }
        for (const QVariant &item : raw) {
            if (key == QLatin1String("retries.statusList")) {
                bool ok = false;
                const int code = item.toString().trimmed().toInt(&ok);
                if (!ok || code < 100 || code > 599)
                    return {};
                items.append(code);
            } else {
                // "https://host:port <sha-256 hex>": a certificate trusted on that origin only.
                const QStringList parts =
                    item.toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
                if (parts.isEmpty())
                    continue;
                const QString origin = TlsSettings::httpsOrigin(parts.first());
                const QByteArray digest = TlsSettings::sha256Fingerprint(parts.value(1));
                if (parts.size() != 2 || origin.isEmpty() || digest.isEmpty())
                    return {};
                items.append(origin + QLatin1Char(' ') + QString::fromLatin1(digest.toHex()));
            }
        }
        return items;
    }
    case Kind::Text:
    case Kind::Secret:
    case Kind::File: return value.toString();
    }
    return {};
}

} // namespace mr
