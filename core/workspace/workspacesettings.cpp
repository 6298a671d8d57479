#include "workspacesettings.h"

#include "net/httpclient.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace mr {

namespace {

// Reads one section, reporting keys it does not know and values of the wrong type.
class Section
{
public:
    Section(const QJsonObject &object, const QString &name, const QString &path,
            const QString &text, WorkspaceSettings *settings)
        : m_object(object)
        , m_name(name)
        , m_path(path)
        , m_text(text)
        , m_diagnostics(&settings->diagnostics)
        , m_values(&settings->values)
    {}

    // Keeps a value that was read, by its dotted key, for LayeredSettings.
    void keep(const QString &key, const QVariant &value)
    {
        m_values->insert(m_name.isEmpty() ? key : m_name + QLatin1Char('.') + key, value);
    }

    void report(const QString &key, const QString &message)
    {
        // QJsonDocument keeps no positions: find the key in the text, inside its section.
        const qsizetype section =
            m_name.isEmpty() ? 0 : m_text.indexOf(QLatin1Char('"') + m_name + QLatin1Char('"'));
        const qsizetype at =
            m_text.indexOf(QLatin1Char('"') + key + QLatin1Char('"'), qMax<qsizetype>(0, section));
        m_diagnostics->append(
            Diagnostic::at(m_path, m_text, qMax<qsizetype>(0, at),
                           (m_name.isEmpty() ? key : m_name + QLatin1Char('.') + key) +
                               QStringLiteral(": ") + message));
    }
    // A problem with one entry of an object-valued key ("trusted": {"https://a": …}), at
    // that entry.
    void reportEntry(const QString &key, const QString &entry, const QString &message)
    {
        const qsizetype section =
            m_name.isEmpty() ? 0 : m_text.indexOf(QLatin1Char('"') + m_name + QLatin1Char('"'));
        const qsizetype keyAt =
            m_text.indexOf(QLatin1Char('"') + key + QLatin1Char('"'), qMax<qsizetype>(0, section));
        const qsizetype at =
            m_text.indexOf(QLatin1Char('"') + entry + QLatin1Char('"'), qMax<qsizetype>(0, keyAt));
        m_diagnostics->append(
            Diagnostic::at(m_path, m_text, qMax<qsizetype>(0, at < 0 ? keyAt : at),
                           (m_name.isEmpty() ? key : m_name + QLatin1Char('.') + key) +
                               QStringLiteral(": ") + message));
    }
    void checkKeys(const QStringList &known)
    {
        for (auto it = m_object.begin(); it != m_object.end(); ++it) {
            if (!known.contains(it.key()))
                report(it.key(), QStringLiteral("unknown key; expected one of %1")
                                     .arg(known.join(QStringLiteral(", "))));
        }
    }
    void integer(const char *key, int min, int max, int *target)
    {
        const QJsonValue value = m_object.value(QLatin1String(key));
        if (value.isUndefined())
            return;
        const double number = value.toDouble(-1e18);
        if (!value.isDouble() || number != double(qint64(number)) || number < min || number > max) {
            report(QLatin1String(key),
                   QStringLiteral("expected a whole number from %1 to %2").arg(min).arg(max));
            return;
        }
        *target = int(number);
        keep(QLatin1String(key), *target);
    }
    void real(const char *key, double *target)
    {
        const QJsonValue value = m_object.value(QLatin1String(key));
        if (value.isUndefined())
            return;
        if (!value.isDouble() || value.toDouble() < 0) {
            report(QLatin1String(key), QStringLiteral("expected a number of milliseconds"));
            return;
        }
        *target = value.toDouble();
        keep(QLatin1String(key), *target);
    }
    void boolean(const char *key, bool *target)
    {
        const QJsonValue value = m_object.value(QLatin1String(key));
        if (value.isUndefined())
            return;
        if (!value.isBool()) {
            report(QLatin1String(key), QStringLiteral("expected true or false"));
            return;
        }
        *target = value.toBool();
        keep(QLatin1String(key), *target);
    }
    void string(const char *key, QString *target)
    {
        const QJsonValue value = m_object.value(QLatin1String(key));
        if (value.isUndefined())
            return;
        if (!value.isString()) {
            report(QLatin1String(key), QStringLiteral("expected a string"));
            return;
        }
        *target = value.toString();
        keep(QLatin1String(key), *target);
    }
    QJsonValue value(const char *key) const { return m_object.value(QLatin1String(key)); }

private:
    QJsonObject m_object;
    QString m_name;
    QString m_path;
    QString m_text;
    QList<Diagnostic> *m_diagnostics;
    QVariantMap *m_values;
};

} // namespace

WorkspaceSettings WorkspaceSettings::load(const QString &workspaceFolder)
{
    const QString path = QDir(workspaceFolder).filePath(QLatin1String(FileName));
    QFile file(path);
    if (!file.exists())
        return {};
    if (!file.open(QIODevice::ReadOnly)) {
        WorkspaceSettings settings;
        Diagnostic d;
        d.file = path;
        d.message = QStringLiteral("cannot read the file: %1").arg(file.errorString());
        settings.diagnostics.append(d);
        return settings;
    }
    return parse(file.readAll(), path, workspaceFolder);
}

WorkspaceSettings WorkspaceSettings::parse(const QByteArray &json, const QString &path,
                                           const QString &folder)
{
    WorkspaceSettings settings;
    const QString text = QString::fromUtf8(json);
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        const qsizetype offset = error.error != QJsonParseError::NoError
                                     ? QString::fromUtf8(json.left(error.offset)).size()
                                     : 0;
        settings.diagnostics.append(
            Diagnostic::at(path, text, offset,
                           error.error != QJsonParseError::NoError
                               ? error.errorString() + QStringLiteral(" (invalid JSON)")
                               : QStringLiteral("expected an object of settings")));
        return settings;
    }
    const QJsonObject root = document.object();
    Section top(root, QString(), path, text, &settings);
    top.checkKeys({"pool", "retries", "timeouts", "tls", "proxy", "maxRedirects", "protocol"});
    auto object = [&](const char *key) -> std::optional<QJsonObject> {
        const QJsonValue value = root.value(QLatin1String(key));
        if (value.isUndefined())
            return std::nullopt;
        if (!value.isObject()) {
            top.report(QLatin1String(key), QStringLiteral("expected an object"));
            return std::nullopt;
        }
        return value.toObject();
    };
    if (root.contains(QStringLiteral("maxRedirects"))) {
        int redirects = 10;
        top.integer("maxRedirects", 0, 100, &redirects);
        settings.maxRedirects = redirects;
    }
    if (root.contains(QStringLiteral("protocol"))) {
        const QJsonValue value = root.value(QStringLiteral("protocol"));
        const std::optional<ProtocolChoice> choice =
            value.isString() ? parseProtocolChoice(value.toString().toUtf8()) : std::nullopt;
        if (choice) {
            settings.protocol = choice;
            top.keep(QStringLiteral("protocol"), QString::fromLatin1(protocolChoiceName(*choice)));
        } else {
            top.report(QStringLiteral("protocol"),
                       QStringLiteral("expected \"auto\", \"http1.1\" or \"http2\""));
        }
    }
    if (const auto pool = object("pool")) {
        Section s(*pool, QStringLiteral("pool"), path, text, &settings);
        s.checkKeys({"maxPerOrigin", "maxHosts", "blockWhenFull", "idleExpiryMs", "keepAlive"});
        PoolSettings p;
        s.integer("maxPerOrigin", 1, PoolSettings::MaxConnectionsPerOrigin, &p.maxPerOrigin);
        s.integer("maxHosts", 1, PoolSettings::MaxHosts, &p.maxHosts);
        s.boolean("blockWhenFull", &p.blockWhenFull);
        s.integer("idleExpiryMs", 0, 24 * 3600 * 1000, &p.idleExpiryMs);
        s.boolean("keepAlive", &p.keepAlive);
        settings.pool = p;
    }
    if (const auto retries = object("retries")) {
        Section s(*retries, QStringLiteral("retries"), path, text, &settings);
        s.checkKeys({"total", "connect", "read", "status", "statusList", "backoffFactorMs",
                     "backoffMaxMs", "backoffJitterMs", "retryAfterMaxMs"});
        RetryPolicy r;
        s.integer("total", -1, 100, &r.total);
        s.integer("connect", 0, 100, &r.connect);
        s.integer("read", 0, 100, &r.read);
        s.integer("status", 0, 100, &r.status);
        s.real("backoffFactorMs", &r.backoffFactorMs);
        s.real("backoffMaxMs", &r.backoffMaxMs);
        s.real("backoffJitterMs", &r.backoffJitterMs);
        s.real("retryAfterMaxMs", &r.retryAfterMaxMs);
        const QJsonValue list = s.value("statusList");
        if (!list.isUndefined()) {
            QList<int> codes;
            bool ok = list.isArray();
            for (const QJsonValue &code : list.toArray()) {
                ok = ok && code.isDouble() && code.toInt() >= 100 && code.toInt() <= 599;
                codes.append(code.toInt());
            }
            if (ok) {
                r.statusList = codes;
                QVariantList kept;
                for (int code : codes)
                    kept.append(code);
                s.keep(QStringLiteral("statusList"), kept);
            } else
                s.report(QStringLiteral("statusList"),
                         QStringLiteral("expected an array of status codes"));
        }
        settings.retries = r;
    }
    if (const auto timeouts = object("timeouts")) {
        Section s(*timeouts, QStringLiteral("timeouts"), path, text, &settings);
        s.checkKeys({"connectMs", "inactivityMs", "totalMs"});
        TimeoutSettings t;
        s.integer("connectMs", 0, 24 * 3600 * 1000, &t.connectMs);
        s.integer("inactivityMs", 0, 24 * 3600 * 1000, &t.inactivityMs);
        s.integer("totalMs", 0, 24 * 3600 * 1000, &t.totalMs);
        settings.timeouts = t;
    }
    if (const auto tls = object("tls")) {
        Section s(*tls, QStringLiteral("tls"), path, text, &settings);
        s.checkKeys({"caFile", "clientCertificate", "clientKey", "trusted"});
        TlsSettings t;
        s.string("caFile", &t.caFile);
        s.string("clientCertificate", &t.clientCertificateFile);
        s.string("clientKey", &t.clientKeyFile);
        const QDir base(folder);
        for (QString *file : {&t.caFile, &t.clientCertificateFile, &t.clientKeyFile}) {
            if (!file->isEmpty())
                *file = base.absoluteFilePath(*file);
        }
        // Paths are the workspace's: keep them resolved.
        const std::pair<const char *, QString *> files[] = {
            {"caFile", &t.caFile},
            {"clientCertificate", &t.clientCertificateFile},
            {"clientKey", &t.clientKeyFile}};
        for (const auto &[key, file] : files) {
            if (tls->contains(QLatin1String(key)) && !file->isEmpty())
                s.keep(QLatin1String(key), *file);
        }
        if (!t.caFile.isEmpty() && !QFile::exists(t.caFile))
            s.report(QStringLiteral("caFile"), QStringLiteral("%1 does not exist").arg(t.caFile));
        // {"https://host:port": ["<sha-256 hex>", …]}: each certificate on its origin only.
        const QJsonValue trusted = s.value("trusted");
        const QString form = QStringLiteral("\"trusted\": {\"https://HOST:PORT\": [%1]}");
        if (trusted.isArray()) {
            // The old bare list trusted a certificate on every origin: not applied, and the
            // message says what to write instead.
            QStringList digests;
            for (const QJsonValue &digest : trusted.toArray())
                digests.append(QLatin1Char('"') + digest.toString() + QLatin1Char('"'));
            s.report(QStringLiteral("trusted"),
                     QStringLiteral("a fingerprint is trusted on one origin only, so this list "
                                    "is not applied; write %1")
                         .arg(form.arg(digests.join(QStringLiteral(", ")))));
        } else if (trusted.isObject()) {
            const QJsonObject origins = trusted.toObject();
            QVariantList kept;
            for (auto it = origins.begin(); it != origins.end(); ++it) {
                const QString origin = TlsSettings::httpsOrigin(it.key());
                if (origin.isEmpty()) {
                    s.reportEntry(QStringLiteral("trusted"), it.key(),
                                  QStringLiteral("\"%1\" is not an https origin; write it as "
                                                 "\"https://HOST:PORT\"")
                                      .arg(it.key()));
                    continue;
                }
                QList<QByteArray> digests;
                bool ok = it.value().isArray();
                for (const QJsonValue &digest : it.value().toArray()) {
                    digests.append(TlsSettings::sha256Fingerprint(digest.toString()));
                    ok = ok && digest.isString() && !digests.last().isEmpty();
                }
                if (!ok) {
                    s.reportEntry(QStringLiteral("trusted"), it.key(),
                                  QStringLiteral("expected an array of SHA-256 fingerprints "
                                                 "(64 hex digits) for %1")
                                      .arg(it.key()));
                    continue;
                }
                for (const QByteArray &digest : digests) {
                    if (!t.trustedByOrigin[origin].contains(digest))
                        t.trustedByOrigin[origin].append(digest);
                    kept.append(origin + QLatin1Char(' ') + QString::fromLatin1(digest.toHex()));
                }
            }
            if (!kept.isEmpty())
                s.keep(QStringLiteral("trusted"), kept);
        } else if (!trusted.isUndefined()) {
            s.report(
                QStringLiteral("trusted"),
                QStringLiteral("expected %1").arg(form.arg(QStringLiteral("\"<sha-256 hex>\""))));
        }
        settings.tls = t;
    }
    if (const auto proxy = object("proxy")) {
        Section s(*proxy, QStringLiteral("proxy"), path, text, &settings);
        s.checkKeys({"type", "host", "port", "user", "password"});
        QString type = QStringLiteral("system");
        QString host, user, password;
        int port = 0;
        s.string("type", &type);
        s.string("host", &host);
        s.integer("port", 1, 65535, &port);
        s.string("user", &user);
        s.string("password", &password);
        if (type == QLatin1String("none"))
            settings.proxy = QNetworkProxy(QNetworkProxy::NoProxy);
        else if (type == QLatin1String("system"))
            settings.proxy = QNetworkProxy(QNetworkProxy::DefaultProxy);
        else if ((type == QLatin1String("http") || type == QLatin1String("socks5")) &&
                 !host.isEmpty() && port > 0)
            settings.proxy =
                QNetworkProxy(type == QLatin1String("http") ? QNetworkProxy::HttpProxy
                                                            : QNetworkProxy::Socks5Proxy,
                              host, quint16(port), user, password);
        else
            s.report(QStringLiteral("type"),
                     QStringLiteral("expected \"none\", \"system\", or \"http\"/\"socks5\" "
                                    "with a host and a port"));
    }
    return settings;
}

void WorkspaceSettings::applyTo(HttpClient &client) const
{
    if (pool)
        client.setPoolSettings(*pool);
    if (retries)
        client.setRetryPolicy(*retries);
    if (timeouts)
        client.setTimeouts(*timeouts);
    if (tls)
        client.setTlsSettings(*tls);
    if (proxy)
        client.setProxy(*proxy);
    if (maxRedirects)
        client.setMaxRedirects(*maxRedirects);
    if (protocol)
        client.setDefaultProtocol(*protocol);
}

} // namespace mr
