#include "silentlistener.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

SilentListener::~SilentListener()
{
    for (int fd : m_fillers)
        ::close(fd);
    if (m_listener >= 0)
        ::close(m_listener);
}

bool SilentListener::listen(const QHostAddress &address, quint16 port)
{
    sockaddr_in where{};
    where.sin_family = AF_INET;
    where.sin_port = htons(port);
    where.sin_addr.s_addr = htonl(address.toIPv4Address());
    m_listener = ::socket(AF_INET, SOCK_STREAM, 0);
    if (m_listener < 0 || ::bind(m_listener, reinterpret_cast<sockaddr *>(&where), sizeof where) ||
        ::listen(m_listener, 0))
        return false;
    // The first connection takes the only slot of the accept queue (never accepted); the
    // others wait in SYN-SENT, as every later one will.
    for (int i = 0; i < 3; ++i) {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0)
            return false;
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
        ::connect(fd, reinterpret_cast<sockaddr *>(&where), sizeof where); // EINPROGRESS
        m_fillers.append(fd);
    }
    return true;
}
