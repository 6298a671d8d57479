#include "redirectplanner.h"

#include "http/credentialnames.h"

namespace mr {

namespace {

// The URL without the query items of those names (compared decoded); the rest as it was.
QUrl withoutQueryItems(const QUrl &url, const QStringList &names)
{
    if (names.isEmpty() || !url.hasQuery())
        return url;
    QList<QByteArray> kept;
    bool removed = false;
    for (const QByteArray &item : url.query(QUrl::FullyEncoded).toLatin1().split('&')) {
        const qsizetype eq = item.indexOf('=');
        QByteArray name = eq < 0 ? item : item.left(eq);
        if (names.contains(QUrl::fromPercentEncoding(name.replace('+', ' '))))
            removed = true;
        else
            kept.append(item);
    }
    if (!removed)
        return url;
    QUrl out = url;
    out.setQuery(kept.isEmpty() ? QString() : QString::fromLatin1(kept.join('&')));
    return out;
}

} // namespace

bool RedirectPlanner::isRedirectStatus(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

RedirectPlanner::Plan RedirectPlanner::plan(const TransferRequest &current,
                                            const HttpResponseHead &head,
                                            QNetworkRequest::RedirectPolicy policy,
                                            int followedSoFar, int limit)
{
    Plan plan;
    if (policy == QNetworkRequest::ManualRedirectPolicy || !isRedirectStatus(head.status) ||
        !head.headers.contains("Location"))
        return plan;
    const QUrl location = QUrl::fromEncoded(head.headers.value("Location").trimmed());
    plan.target = current.url.resolved(location);
    const QString scheme = plan.target.scheme().toLower();
    if (!location.isValid() || plan.target.host().isEmpty()) {
        plan.verdict = Verdict::Refuse;
        plan.error = QNetworkReply::ProtocolFailure;
        plan.message = QStringLiteral("the server redirected to an invalid URL \"%1\"")
                           .arg(QString::fromLatin1(head.headers.value("Location").left(200)));
        return plan;
    }
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https")) {
        plan.verdict = Verdict::Refuse;
        plan.error = QNetworkReply::ProtocolUnknownError;
        plan.message = QStringLiteral("the server redirected to %1, which is not http or https")
                           .arg(plan.target.toString());
        return plan;
    }
    const Origin from = current.origin;
    const Origin to = Origin::fromUrl(plan.target);
    plan.crossOrigin = from.scheme != to.scheme || from.host != to.host || from.port != to.port;
    if (followedSoFar >= limit) {
        plan.verdict = Verdict::TooMany;
        plan.error = QNetworkReply::TooManyRedirectsError;
        plan.message = QStringLiteral("Too many redirects: more than %1 (the last one to %2)")
                           .arg(limit)
                           .arg(plan.target.toString());
        return plan;
    }
    if (policy == QNetworkRequest::NoLessSafeRedirectPolicy && from.isTls() && !to.isTls()) {
        plan.verdict = Verdict::Refuse;
        plan.error = QNetworkReply::InsecureRedirectError;
        plan.message = QStringLiteral("Insecure redirect: %1 sent it on to %2 over plain http")
                           .arg(current.url.toString(), plan.target.toString());
        return plan;
    }
    if (policy == QNetworkRequest::SameOriginRedirectPolicy && plan.crossOrigin) {
        plan.verdict = Verdict::Refuse;
        plan.error = QNetworkReply::InsecureRedirectError;
        plan.message = QStringLiteral("Redirect to another origin (%1) refused by the same-origin "
                                      "policy")
                           .arg(to.toString());
        return plan;
    }

    TransferRequest next = current;
    next.url = plan.target;
    next.origin = to;
    const bool toGet = (head.status == 301 || head.status == 302 || head.status == 303) &&
                       current.method != "HEAD";
    if (toGet) {
        next.method = "GET";
        next.body.clear();
        next.bodyParts.clear();
        next.hasBody = false;
        for (const char *name :
             {"Content-Type", "Content-Length", "Content-Encoding", "Transfer-Encoding"})
            next.headers.remove(name);
    }
    if (current.oneTimeAuthorization) {
        // A Digest answer names the URI it was computed for: the next hop answers its own
        // challenge instead.
        next.headers.remove("Authorization");
        next.oneTimeAuthorization = false;
    }
    if (plan.crossOrigin) {
        // The credentials were meant for the first origin (CVE-2018-1000007, CVE-2023-43804):
        // Authorization and cookies, the headers the caller named as credentials, and any
        // header whose name says it holds a credential (an API key, a token, a secret).
        for (const char *name : {"Authorization", "Cookie", "Proxy-Authorization"})
            next.headers.remove(name);
        for (const QByteArray &name : current.credentialHeaders)
            next.headers.remove(name);
        QList<QByteArray> keys;
        for (const auto &field : next.headers.fields()) {
            if (CredentialNames::isCredentialName(QString::fromLatin1(field.first)))
                keys.append(field.first);
        }
        for (const QByteArray &name : keys)
            next.headers.remove(name);
        // Nor does a query API key go on, even when the server's Location repeats it.
        plan.target = withoutQueryItems(plan.target, current.credentialQueryItems);
        next.url = plan.target;
    }
    // Host follows the new URL, unless the caller set it on purpose for the same origin.
    if (plan.crossOrigin)
        next.headers.remove("Host");
    plan.next = next;
    plan.verdict =
        policy == QNetworkRequest::UserVerifiedRedirectPolicy ? Verdict::AskUser : Verdict::Follow;
    return plan;
}

} // namespace mr
