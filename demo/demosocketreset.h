#pragma once

class QTcpSocket;

namespace mr {

// Breaks a connection as a crashed peer would: a TCP reset instead of a FIN (SO_LINGER 0).
class DemoSocketReset
{
public:
    static void reset(QTcpSocket *socket);
};

} // namespace mr
