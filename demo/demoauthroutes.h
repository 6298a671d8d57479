#pragma once

#include "demoroute.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QSet>

namespace mr {

// Auth endpoints: /basic-auth/{user}/{pass}, /hidden-basic-auth/{user}/{pass},
// /bearer and /digest-auth/{qop}/{user}/{pass}[/{algorithm}] (RFC 7616: MD5, SHA-256,
// SHA-512; qop auth or auth-int).
class DemoAuthRoutes : public DemoRoute
{
public:
    std::optional<DemoResponse> route(const DemoRequest &request, const QStringList &segments,
                                      const DemoRequestContext &context) override;

private:
    DemoResponse basic(const DemoRequest &request, const QStringList &segments, bool hidden);
    DemoResponse bearer(const DemoRequest &request);
    DemoResponse digest(const DemoRequest &request, const QStringList &segments);
    QByteArray newNonce();

    QSet<QByteArray> m_nonces;
    QList<QByteArray> m_nonceOrder; // oldest first, to bound m_nonces
    QByteArray m_opaque;
};

} // namespace mr
