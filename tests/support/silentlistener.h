#pragma once

#include <QHostAddress>
#include <QList>

// A TCP port on a loopback address that never completes a handshake, as a host that does not
// answer: it listens with no backlog and its one slot is taken, so the kernel drops every
// further SYN — without a packet leaving the machine. IPv4 only (127.0.0.0/8 is all loopback).
class SilentListener
{
public:
    SilentListener() = default;
    SilentListener(const SilentListener &) = delete;
    SilentListener &operator=(const SilentListener &) = delete;
    ~SilentListener();

    bool listen(const QHostAddress &address, quint16 port);

private:
    int m_listener = -1;
    QList<int> m_fillers; // connections that fill the accept queue
};
