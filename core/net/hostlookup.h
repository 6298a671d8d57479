#pragma once

#include <QHostAddress>
#include <QList>
#include <QObject>

#include <memory>

namespace mr {

// Resolves one host name with getaddrinfo(3) on a thread of a small process-wide set (at most
// 20, names that resolved kept for a minute) and reports back in the thread this object
// lives in. Why not QHostInfo: its lookups run on a process-wide thread
// pool that Qt tears down as the application object goes, which raced the engine thread's
// exit (heap corruption at exit, seen in about 1 run in 10 after a failed connect), and
// which makes the process wait at exit for a lookup nobody wants any more (QTBUG-14092).
// A lookup here is abandoned when this object is deleted: the thread finishes on its own,
// touches nothing but its shared state, and never delays exit.
class HostLookup : public QObject
{
    Q_OBJECT
public:
    explicit HostLookup(QObject *parent = nullptr);
    ~HostLookup() override;

    // Starts the lookup (once); finished() follows, never from within this call.
    void start(const QString &host);
    // Whether `host` resolved within the last minute (its addresses are kept that long).
    static bool isCached(const QString &host);

    struct Shared;

Q_SIGNALS:
    // `addresses` in the resolver's order (RFC 6724), without repeats; empty with `error`
    // set when the name could not be resolved.
    void finished(const QList<QHostAddress> &addresses, const QString &error);

private:
    std::shared_ptr<Shared> m_shared;
};

} // namespace mr
