#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QVariantMap>

namespace mr {

class Workspace;

// What in a workspace's own files changes whom its requests trust or where they go:
// microrequests.json's "proxy" and "tls" (CA file, client certificate and key, trusted
// fingerprints) and each environment's "SSLConfiguration" (client certificate and key,
// verifyHostCertificate: false). A repository someone else wrote must not decide that on its
// own — its proxy would see every request, tokens included — so the window applies these
// only once the user trusts the workspace, and `run` says which it applies. One list for the
// window's question, the run's line and the tests.
class WorkspaceTrust
{
public:
    struct Change {
        enum class Kind {
            Proxy,
            CaFile,
            ClientCertificate,
            ClientKey,
            TrustedCertificate,
            VerificationOff
        };

        Kind kind = Kind::Proxy;
        QString value;       // as shown: "http://10.0.0.1:3128", "certs/ca.pem" (relative)
        QString environment; // the environment of an SSLConfiguration value; else empty
        QString file;        // relative to the workspace: "microrequests.json"
        int line = 0;
        int column = 0;
        // A CA, certificate or key file: SHA-256 of its bytes when trust was collected, so a
        // pull that rewrites the file asks again (empty when it cannot be read).
        QByteArray contentDigest;

        // "proxy http://10.0.0.1:3128", "CA certs/ca.pem", "certificate verification off
        // (environment dev)"
        QString what() const;
        // "microrequests.json:3:15"
        QString location() const;
    };

    static WorkspaceTrust collect(const Workspace &workspace);

    // In the order of the files (microrequests.json, then the environment files), each file's
    // changes in the order they are written.
    const QList<Change> &changes() const { return m_changes; }
    bool isEmpty() const { return m_changes.isEmpty(); }
    // Only what a run in `environment` applies: SSLConfiguration of "$shared" and of that
    // environment, and microrequests.json's.
    WorkspaceTrust forEnvironment(const QString &environment) const;
    // Only the changes written in `file` (relative to the workspace: "microrequests.json").
    WorkspaceTrust inFile(const QString &file) const;
    // SHA-256 (hex) of what the changes are, not of where they are written: an answer
    // given for one digest does not hold for another (a pull that sets another proxy).
    QByteArray digest() const;
    // "from microrequests.json: proxy http://10.0.0.1:3128, CA certs/ca.pem; from
    // http-client.env.json: certificate verification off (environment dev)"
    QString summary() const;

    // The workspace's layer of settings (WorkspaceSettings::values) without what changes
    // trust: what applies while the workspace is not trusted.
    static QVariantMap withoutTrustChanges(const QVariantMap &workspaceValues);

private:
    QList<Change> m_changes;
};

} // namespace mr
