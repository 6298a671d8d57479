#pragma once

#include "workspace/namedresponses.h"
#include "workspace/requestresolver.h"

#include <QObject>
#include <QSet>
#include <optional>

namespace mr {

class ExchangeJob;
class HttpClient;

// The one way a request of a .http file is sent, by the window, the Runs page and `run`:
// resolved (variables, the files its body reads, {{name.response…}} references to earlier
// exchanges of this sender), sent through an HttpClient, and, when it has a name
// ("# @name login"), remembered as what those references stand for from then on. A request
// that cannot be resolved is not sent, and the error says why. One sender is one chain of
// named responses: the window's session, or one iteration of a run.
class RequestSender : public QObject
{
    Q_OBJECT
public:
    // What a request is resolved against.
    struct Context {
        // Its workspace's, file's and environment's variables, and the overrides; this
        // sender's named responses are added to it.
        VariableExpander expander;
        // What its body may read; the size limit is the client's.
        RequestResolver::FileAccess files;
        QString file; // the .http file, for "api.http:7:3: …" in the error about files
        // How the user allows files outside the workspace, after "…outside the workspace; ".
        // Empty: such a request is only marked (Sending::needsConsent), for the caller to ask.
        QString outsideFilesHint;
        // RequestResolver::prepare() of the request, made once for many sends; nullptr: none.
        const RequestResolver::Prepared *prepared = nullptr;
        std::optional<int> retries; // over # @retries
        bool noReuse = false;       // as # @no-reuse
    };

    // What send() did.
    struct Sending {
        RequestResolver::Result resolved;
        ExchangeJob *job = nullptr; // nullptr: not sent, and error says why
        QString error;

        bool sent() const { return job != nullptr; }
        // Not sent only because the body reads files outside the workspace that were not
        // allowed (error: a line per file when the context has a hint).
        bool needsConsent() const { return !sent() && resolved.needsConsent; }
    };

    explicit RequestSender(HttpClient *client, QObject *parent = nullptr);

    HttpClient *client() const { return m_client; }
    // The last exchange of each named request sent, for {{name.response.body.$.x}}.
    const NamedResponses &namedResponses() const { return m_named; }
    // Remembers only these names' exchanges (a run knows every text that may refer to one):
    // keeping a copy of each step's exchange cost more than 4,000 instructions a request.
    void rememberOnly(const QSet<QString> &names) { m_rememberOnly = names; }

    // Resolves `request` and, when it can be sent, starts sending it; the job (a child of
    // `jobParent`) reports finished() once, after this sender remembered its exchange. A
    // failed send (no response, or one cut short) does not replace a response that came
    // before it.
    Sending send(const RequestDefinition &request, const Context &context,
                 QObject *jobParent = nullptr);

    // "api.http:7:3: the body reads /etc/passwd, outside the workspace; <hint>", a line per
    // file outside.
    static QString outsideFilesError(const RequestDefinition &request, const QString &file,
                                     const QString &hint, const RequestResolver::Result &resolved);

private:
    void remember(const QString &name, const Exchange &exchange);

    HttpClient *m_client;
    NamedResponses m_named;
    std::optional<QSet<QString>> m_rememberOnly; // none: every name
};

} // namespace mr
