#include "layeredsettings.h"

#include "net/httpclient.h"
#include "settingfield.h"

#include <algorithm>

namespace mr {

QVariant LayeredSettings::layerValue(const QVariantMap &layer, const QString &key) const
{
    const SettingField *field = SettingField::find(key);
    const auto it = layer.constFind(key);
    if (!field || it == layer.constEnd())
        return {};
    return field->normalized(*it);
}

QVariant LayeredSettings::value(const QString &key) const
{
    if (QVariant v = layerValue(m_workspace, key); v.isValid())
        return v;
    if (QVariant v = layerValue(m_user, key); v.isValid())
        return v;
    const SettingField *field = SettingField::find(key);
    return field ? field->defaultValue : QVariant();
}

LayeredSettings::Source LayeredSettings::source(const QString &key) const
{
    if (layerValue(m_workspace, key).isValid())
        return Source::Workspace;
    if (layerValue(m_user, key).isValid())
        return Source::User;
    return Source::Default;
}

PoolSettings LayeredSettings::pool() const
{
    PoolSettings p;
    p.maxPerOrigin = value(QStringLiteral("pool.maxPerOrigin")).toInt();
    p.maxHosts = value(QStringLiteral("pool.maxHosts")).toInt();
    p.blockWhenFull = value(QStringLiteral("pool.blockWhenFull")).toBool();
    p.idleExpiryMs = value(QStringLiteral("pool.idleExpiryMs")).toInt();
    p.keepAlive = value(QStringLiteral("pool.keepAlive")).toBool();
    return p;
}

RetryPolicy LayeredSettings::retries() const
{
    RetryPolicy r;
    r.connect = value(QStringLiteral("retries.connect")).toInt();
    r.read = value(QStringLiteral("retries.read")).toInt();
    r.status = value(QStringLiteral("retries.status")).toInt();
    r.total = value(QStringLiteral("retries.total")).toInt();
    r.statusList.clear();
    for (const QVariant &code : value(QStringLiteral("retries.statusList")).toList())
        r.statusList.append(code.toInt());
    r.backoffFactorMs = value(QStringLiteral("retries.backoffFactorMs")).toDouble();
    r.backoffMaxMs = value(QStringLiteral("retries.backoffMaxMs")).toDouble();
    r.backoffJitterMs = value(QStringLiteral("retries.backoffJitterMs")).toDouble();
    r.retryAfterMaxMs = value(QStringLiteral("retries.retryAfterMaxMs")).toDouble();
    return r;
}

TimeoutSettings LayeredSettings::timeouts() const
{
    TimeoutSettings t;
    t.connectMs = value(QStringLiteral("timeouts.connectMs")).toInt();
    t.inactivityMs = value(QStringLiteral("timeouts.inactivityMs")).toInt();
    t.totalMs = value(QStringLiteral("timeouts.totalMs")).toInt();
    return t;
}

TlsSettings LayeredSettings::tls() const
{
    TlsSettings t;
    t.caFile = value(QStringLiteral("tls.caFile")).toString();
    t.clientCertificateFile = value(QStringLiteral("tls.clientCertificate")).toString();
    t.clientKeyFile = value(QStringLiteral("tls.clientKey")).toString();
    // Items as SettingField normalizes them: "https://host:port <hex>".
    for (const QVariant &item : value(QStringLiteral("tls.trusted")).toList()) {
        const QStringList parts = item.toString().split(QLatin1Char(' '));
        QList<QByteArray> &digests = t.trustedByOrigin[parts.first()];
        const QByteArray digest = QByteArray::fromHex(parts.value(1).toLatin1());
        if (!digests.contains(digest))
            digests.append(digest);
    }
    return t;
}

QNetworkProxy LayeredSettings::proxy() const
{
    // The proxy is one setting, taken whole from one layer: a workspace that names only a
    // host must not be sent the user's proxy type, user and password.
    const auto setsProxy = [](const QVariantMap &layer) {
        return std::any_of(layer.keyBegin(), layer.keyEnd(), [](const QString &key) {
            return key.startsWith(QLatin1String("proxy."));
        });
    };
    const QVariantMap &layer = setsProxy(m_workspace) ? m_workspace : m_user;
    const auto proxyValue = [this, &layer](const char *key) {
        const QString name = QLatin1String(key);
        if (QVariant v = layerValue(layer, name); v.isValid())
            return v;
        const SettingField *field = SettingField::find(name);
        return field ? field->defaultValue : QVariant();
    };
    const QString type = proxyValue("proxy.type").toString();
    if (type == QLatin1String("none"))
        return QNetworkProxy(QNetworkProxy::NoProxy);
    if (type == QLatin1String("system"))
        return QNetworkProxy(QNetworkProxy::DefaultProxy);
    const QString host = proxyValue("proxy.host").toString();
    const int port = proxyValue("proxy.port").toInt();
    if (host.isEmpty() || port <= 0)
        return QNetworkProxy(QNetworkProxy::NoProxy);
    return QNetworkProxy(type == QLatin1String("http") ? QNetworkProxy::HttpProxy
                                                       : QNetworkProxy::Socks5Proxy,
                         host, quint16(port), proxyValue("proxy.user").toString(),
                         proxyValue("proxy.password").toString());
}

int LayeredSettings::maxRedirects() const
{
    return value(QStringLiteral("maxRedirects")).toInt();
}

ProtocolChoice LayeredSettings::protocol() const
{
    // Every layer's value is normalized to a name parseProtocolChoice reads.
    return parseProtocolChoice(value(QStringLiteral("protocol")).toString().toLatin1())
        .value_or(ProtocolChoice::Auto);
}

qint64 LayeredSettings::fileBodyLimit() const
{
    return qint64(value(QStringLiteral("maxFileBodyMB")).toInt()) * 1024 * 1024;
}

void LayeredSettings::applyTo(HttpClient &client) const
{
    client.setPoolSettings(pool());
    client.setRetryPolicy(retries());
    client.setTimeouts(timeouts());
    client.setTlsSettings(tls());
    client.setProxy(proxy());
    client.setMaxRedirects(maxRedirects());
    client.setDefaultProtocol(protocol());
    client.setFileBodyLimit(fileBodyLimit());
}

} // namespace mr
