#pragma once

#include "digestsession.h"
#include "http/httpauthchallenge.h"

#include <QString>
#include <QStringList>
#include <QUrl>
#include <functional>
#include <optional>

class QAuthenticator;

namespace mr {

struct TransferRequest;

// The answers to a server's 401 challenges over one reply's hops. Credentials answer the
// scheme they were given for only: CredentialsAttribute's (Digest unless it names Basic), the
// URL's (Basic, sent up front), or authenticationRequired's (the scheme it was asked for).
// Never another: that could give a password away.
class ChallengeAnswerer
{
public:
    // Asks the caller for credentials (authenticationRequired); false when the reply ended
    // meanwhile.
    using Ask = std::function<bool(QAuthenticator *)>;

    // The request's own credentials ({user, password[, "Basic"]}), else its URL's user info.
    void useCredentials(const std::optional<QStringList> &given, const QUrl &url);
    // Sets up the hop's answer to a 401's challenges: true when there is one to send. False
    // leaves the 401 standing; *mismatch then says why, when the credentials were for another
    // scheme than the server asked for.
    bool answer(const QList<HttpAuthChallenge> &challenges, TransferRequest &hop, const Ask &ask,
                QString *mismatch);
    // A fresh Digest answer for a hop whose Authorization is good once (a new nc and cnonce).
    QByteArray digestAnswer(const QByteArray &method, const QByteArray &target);
    // A redirect: the new URL may challenge afresh; on another origin, the credentials (given
    // for the first) are dropped, and the caller may be asked for that origin's.
    void followRedirect(bool crossOrigin);
    // "Basic" or "Digest": what the last answer was, for the attempt's note.
    const QByteArray &answeredScheme() const { return m_answeredScheme; }

private:
    bool askForCredentials(const QList<HttpAuthChallenge> &challenges, const Ask &ask);

    QString m_user;
    QString m_password;
    QByteArray m_credentialScheme; // "basic" or "digest"; empty: none (yet)
    bool m_credentialsFromUrl = false;
    bool m_askedForCredentials = false;
    DigestSession m_digest;       // the challenge answered; each hop gets a fresh answer
    int m_challengesAnswered = 0; // on the current URL: a stale nonce may ask again, not forever
    QByteArray m_answeredScheme;
};

} // namespace mr
