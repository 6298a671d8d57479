#include "environmentset.h"

#include "base/jsonpositions.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace mr {

EnvironmentSet EnvironmentSet::load(const QString &folder)
{
    return load(folder, {PublicFileName, PrivateFileName});
}

EnvironmentSet EnvironmentSet::load(const QString &folder, const QList<const char *> &fileNames)
{
    EnvironmentSet set;
    for (const char *name : fileNames) {
        const QString path = QDir(folder).filePath(QLatin1String(name));
        QFile file(path);
        if (!file.exists())
            continue;
        if (!file.open(QIODevice::ReadOnly)) {
            Diagnostic d;
            d.file = path;
            d.message = QStringLiteral("cannot read the file: %1").arg(file.errorString());
            set.m_diagnostics.append(d);
            continue;
        }
        set.addFile(path, file.readAll());
    }
    return set;
}

void EnvironmentSet::addFile(const QString &path, const QByteArray &json)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    const QString text = QString::fromUtf8(json);
    if (error.error != QJsonParseError::NoError) {
        // QJsonParseError's offset counts UTF-8 bytes; convert to characters for the column.
        const qsizetype offset = QString::fromUtf8(json.left(error.offset)).size();
        m_diagnostics.append(Diagnostic::at(
            path, text, offset, error.errorString() + QStringLiteral(" (invalid JSON)")));
        return;
    }
    if (!document.isObject()) {
        m_diagnostics.append(Diagnostic::at(
            path, text, 0,
            QStringLiteral(
                "expected an object of environments: {\"dev\": {\"name\": \"value\"}}")));
        return;
    }
    const QJsonObject root = document.object();
    const bool secret = QFileInfo(path).fileName() == QLatin1String(PrivateFileName);
    for (auto it = root.begin(); it != root.end(); ++it) {
        if (!it.value().isObject()) {
            const qsizetype offset = text.indexOf(QLatin1Char('"') + it.key() + QLatin1Char('"'));
            m_diagnostics.append(Diagnostic::at(
                path, text, qMax<qsizetype>(offset, 0),
                QStringLiteral("environment \"%1\" must be an object of variables").arg(it.key())));
            continue;
        }
        QHash<QString, QString> &variables = m_environments[it.key()];
        const QJsonObject values = it.value().toObject();
        for (auto v = values.begin(); v != values.end(); ++v) {
            const QJsonValue value = v.value();
            if (v.key() == QLatin1String(EnvironmentTls::Key)) {
                const EnvironmentTls tls = readTls(path, text, it.key(), value);
                if (!tls.isEmpty())
                    m_tls[it.key()].overrideWith(tls);
                continue;
            }
            QString string;
            if (value.isString())
                string = value.toString();
            else if (value.isDouble() || value.isBool())
                string = value.toVariant().toString();
            else if (!value.isNull())
                string = QString::fromUtf8(
                    value.isObject()
                        ? QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact)
                        : QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
            variables.insert(v.key(), string);
            if (secret)
                m_secretNames[it.key()].insert(v.key());
        }
    }
}

EnvironmentTls EnvironmentSet::readTls(const QString &path, const QString &text,
                                       const QString &environment, const QJsonValue &value)
{
    EnvironmentTls tls;
    const JsonPositions positions = JsonPositions::scan(text);
    const QString pointer = JsonPositions::child(JsonPositions::child(QString(), environment),
                                                 QLatin1String(EnvironmentTls::Key));
    const auto report = [&](const QString &key, const QString &message,
                            Diagnostic::Severity severity = Diagnostic::Severity::Error) {
        m_diagnostics.append(positions.located(
            path, key.isEmpty() ? pointer : JsonPositions::child(pointer, key),
            QStringLiteral("%1: %2").arg(QLatin1String(EnvironmentTls::Key), message), severity));
    };
    if (!value.isObject()) {
        report(QString(), QStringLiteral("expected an object such as {\"verifyHostCertificate\": "
                                         "false, \"clientCertificate\": \"cert.pem\"}"));
        return tls;
    }
    const QDir folder = QFileInfo(path).absoluteDir();
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString key = it.key();
        const Diagnostic where = positions.located(path, JsonPositions::child(pointer, key), {});
        if (key == QLatin1String(EnvironmentTls::ClientCertificate) ||
            key == QLatin1String(EnvironmentTls::ClientKey)) {
            // "cert.pem", or {"path": "cert.pem", "format": "PEM"}
            const QJsonObject described = it.value().toObject();
            const QString file = it.value().isString()
                                     ? it.value().toString()
                                     : described.value(QLatin1String("path")).toString();
            const QString format = described.value(QLatin1String("format")).toString();
            if (file.isEmpty() ||
                (!format.isEmpty() && format.compare(QLatin1String("PEM"), Qt::CaseInsensitive))) {
                report(key, QStringLiteral("%1: expected the path of a PEM file").arg(key));
                continue;
            }
            (key == QLatin1String(EnvironmentTls::ClientCertificate) ? tls.clientCertificate
                                                                     : tls.clientKey) =
                folder.absoluteFilePath(file);
            tls.locations.insert(key, where);
        } else if (key == QLatin1String(EnvironmentTls::VerifyHostCertificate)) {
            if (!it.value().isBool()) {
                report(key, QStringLiteral("%1: expected true or false").arg(key));
                continue;
            }
            tls.verifyHostCertificate = it.value().toBool();
            tls.locations.insert(key, where);
        } else if (key == QLatin1String("hasCertificatePassphrase")) {
            if (it.value().toBool())
                report(key,
                       QStringLiteral("a key with a passphrase is not supported; give an "
                                      "unencrypted PEM key"),
                       Diagnostic::Severity::Warning);
        } else {
            report(key,
                   QStringLiteral("%1: unknown key; expected clientCertificate, "
                                  "clientCertificateKey or verifyHostCertificate")
                       .arg(key),
                   Diagnostic::Severity::Warning);
        }
    }
    return tls;
}

EnvironmentTls EnvironmentSet::tls(const QString &name) const
{
    EnvironmentTls result = m_tls.value(QLatin1String(SharedName));
    if (name != QLatin1String(SharedName))
        result.overrideWith(m_tls.value(name));
    return result;
}

QStringList EnvironmentSet::names() const
{
    QStringList result = m_environments.keys();
    result.removeAll(QLatin1String(SharedName));
    return result;
}

QHash<QString, QString> EnvironmentSet::variables(const QString &name) const
{
    QHash<QString, QString> result = m_environments.value(QLatin1String(SharedName));
    const QHash<QString, QString> own = m_environments.value(name);
    for (auto it = own.begin(); it != own.end(); ++it)
        result.insert(it.key(), it.value());
    return result;
}

QHash<QString, QString> EnvironmentSet::secretVariables(const QString &name) const
{
    // Only the secret names are looked up, nothing merged or copied: a run asks for every step.
    const QString shared = QString::fromLatin1(SharedName);
    const QHash<QString, QString> sharedValues = m_environments.value(shared);
    const QHash<QString, QString> ownValues = m_environments.value(name);
    QHash<QString, QString> result;
    for (const QString &environment : {shared, name}) {
        for (const QString &variable : m_secretNames.value(environment)) {
            if (const auto own = ownValues.constFind(variable); own != ownValues.cend())
                result.insert(variable, own.value()); // the environment's own value wins
            else if (const auto common = sharedValues.constFind(variable);
                     common != sharedValues.cend())
                result.insert(variable, common.value());
        }
    }
    return result;
}

} // namespace mr
