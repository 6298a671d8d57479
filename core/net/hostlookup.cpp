#include "hostlookup.h"

#include <QHash>
#include <QMetaObject>
#include <QUrl>

#include <chrono>
#include <deque>
#include <mutex>
#include <system_error>
#include <thread>

#include <netdb.h>
#include <sys/socket.h>

namespace mr {

namespace {

struct Answer {
    QList<QHostAddress> addresses;
    QString error;
};

Answer resolve(const QByteArray &name)
{
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM; // one entry per address, not one per socket type
    hints.ai_flags = AI_ADDRCONFIG;  // no IPv6 answers on a host without IPv6, as Qt does
    addrinfo *list = nullptr;
    int result = getaddrinfo(name.constData(), nullptr, &hints, &list);
    if (result == EAI_BADFLAGS) {
        hints.ai_flags = 0;
        result = getaddrinfo(name.constData(), nullptr, &hints, &list);
    }
    Answer answer;
    if (result != 0) {
        answer.error = result == EAI_SYSTEM ? QString::fromLocal8Bit(strerror(errno))
                                            : QString::fromLocal8Bit(gai_strerror(result));
        return answer;
    }
    for (const addrinfo *entry = list; entry; entry = entry->ai_next) {
        const QHostAddress address(entry->ai_addr);
        if (!address.isNull() && !answer.addresses.contains(address))
            answer.addresses.append(address);
    }
    freeaddrinfo(list);
    if (answer.addresses.isEmpty())
        answer.error = QStringLiteral("no address");
    return answer;
}

} // namespace

// What the lookup thread and the object share; the object may be gone when the thread ends.
struct HostLookup::Shared {
    std::mutex mutex;
    HostLookup *owner = nullptr; // null once the object is deleted

    // Hands the answer to the owner's thread, unless the owner is gone.
    void deliver(const Answer &answer)
    {
        const std::lock_guard lock(mutex);
        if (!owner)
            return; // abandoned
        // Posted while the lock keeps the object alive; deleting it drops what is posted.
        QMetaObject::invokeMethod(
            owner,
            [target = owner, answer] { Q_EMIT target->finished(answer.addresses, answer.error); },
            Qt::QueuedConnection);
    }

    bool abandoned()
    {
        const std::lock_guard lock(mutex);
        return !owner;
    }
};

namespace {

// The lookups of the whole process: at most MaxThreads at once (more wait their turn, as on
// QHostInfo's pool of 20), and the addresses of names that resolved, kept for a minute (as Qt
// and curl keep them), so a new connection to a known host does not ask again. Never
// destroyed: lookup threads may outlive main().
class LookupService
{
public:
    static constexpr int MaxThreads = 20;
    static constexpr int MaxCached = 256;
    static constexpr auto Lifetime = std::chrono::seconds(60);

    static LookupService &instance()
    {
        static auto *service = new LookupService;
        return *service;
    }

    // The cached addresses of `name`, or none.
    QList<QHostAddress> cached(const QByteArray &name)
    {
        const std::lock_guard lock(m_mutex);
        const auto found = m_cache.constFind(name);
        if (found == m_cache.constEnd() || found->expires < Clock::now())
            return {};
        return found->addresses;
    }

    // Queues a lookup; false when no thread could be had to run it.
    bool enqueue(std::shared_ptr<HostLookup::Shared> shared, const QByteArray &name)
    {
        const std::lock_guard lock(m_mutex);
        m_queue.push_back({std::move(shared), name});
        if (m_running >= MaxThreads)
            return true; // a running thread takes it next
        try {
            std::thread([this] { work(); }).detach();
            ++m_running;
            return true;
        } catch (const std::system_error &) { // a process limit
            m_queue.pop_back();
            return m_running > 0;
        }
    }

private:
    using Clock = std::chrono::steady_clock;
    struct Pending {
        std::shared_ptr<HostLookup::Shared> shared;
        QByteArray name;
    };
    struct Cached {
        QList<QHostAddress> addresses;
        Clock::time_point expires;
    };

    void work()
    {
        for (;;) {
            Pending next;
            {
                const std::lock_guard lock(m_mutex);
                if (m_queue.empty()) {
                    --m_running;
                    return;
                }
                next = std::move(m_queue.front());
                m_queue.pop_front();
            }
            if (next.shared->abandoned())
                continue;
            const Answer answer = resolve(next.name);
            if (answer.error.isEmpty())
                remember(next.name, answer.addresses);
            next.shared->deliver(answer);
        }
    }

    void remember(const QByteArray &name, const QList<QHostAddress> &addresses)
    {
        const std::lock_guard lock(m_mutex);
        const Clock::time_point now = Clock::now();
        if (m_cache.size() >= MaxCached) {
            m_cache.removeIf([now](const auto &entry) { return entry.value().expires < now; });
            if (m_cache.size() >= MaxCached)
                m_cache.clear();
        }
        m_cache.insert(name, {addresses, now + Lifetime});
    }

    std::mutex m_mutex;
    int m_running = 0;
    std::deque<Pending> m_queue;
    QHash<QByteArray, Cached> m_cache;
};

} // namespace

HostLookup::HostLookup(QObject *parent)
    : QObject(parent)
    , m_shared(std::make_shared<Shared>())
{
    m_shared->owner = this;
}

HostLookup::~HostLookup()
{
    const std::lock_guard lock(m_shared->mutex);
    m_shared->owner = nullptr;
}

namespace {

// getaddrinfo wants the ASCII (IDNA) form of an internationalised name.
QByteArray asciiName(const QString &host)
{
    const QByteArray ace = QUrl::toAce(host);
    return ace.isEmpty() ? host.toUtf8() : ace;
}

} // namespace

void HostLookup::start(const QString &host)
{
    const QByteArray name = asciiName(host);
    LookupService &service = LookupService::instance();
    if (const QList<QHostAddress> known = service.cached(name); !known.isEmpty()) {
        m_shared->deliver({known, QString()});
        return;
    }
    if (!service.enqueue(m_shared, name))
        m_shared->deliver({{}, QStringLiteral("no thread could be started to resolve it")});
}

bool HostLookup::isCached(const QString &host)
{
    return !LookupService::instance().cached(asciiName(host)).isEmpty();
}

} // namespace mr
