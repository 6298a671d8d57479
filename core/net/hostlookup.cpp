#include "hostlookup.h"

#include <QMetaObject>
#include <QUrl>

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
};

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

void HostLookup::start(const QString &host)
{
    // getaddrinfo wants the ASCII (IDNA) form of an internationalised name.
    const QByteArray name = QUrl::toAce(host).isEmpty() ? host.toUtf8() : QUrl::toAce(host);
    auto lookup = [shared = m_shared, name] {
        Answer answer = resolve(name);
        const std::lock_guard lock(shared->mutex);
        if (!shared->owner)
            return; // abandoned
        // Posted while the lock keeps the object alive; deleting it drops what is posted.
        QMetaObject::invokeMethod(
            shared->owner,
            [owner = shared->owner, answer = std::move(answer)] {
                Q_EMIT owner->finished(answer.addresses, answer.error);
            },
            Qt::QueuedConnection);
    };
    try {
        std::thread(std::move(lookup)).detach();
    } catch (const std::system_error &error) { // no thread to be had (a process limit)
        QMetaObject::invokeMethod(
            this,
            [this, message = QString::fromLocal8Bit(error.what())] {
                Q_EMIT finished({}, message);
            },
            Qt::QueuedConnection);
    }
}

} // namespace mr
