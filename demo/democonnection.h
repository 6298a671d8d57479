#pragma once

#include "demorequestreader.h"
#include "demoresponse.h"

#include <QObject>
#include <QTimer>

class QTcpSocket;

namespace mr {

class DemoRouter;

// One server-side TCP (or TLS) connection: reads requests in order, has the router answer
// them and carries out each answer — delays, streaming, faults — before reading the next.
// Stamps every response with the X-Demo-* ground truth. Deletes itself when closed.
class DemoConnection : public QObject
{
    Q_OBJECT
public:
    // latencyMs > 0 simulates a distant service: the connection is served only after that
    // long, and every response starts that much later (it says so in Server-Timing:
    // ServerTiming::simulatedLatencyName).
    DemoConnection(QTcpSocket *socket, int serial, bool tls, DemoRouter *router, int idleTimeoutMs,
                   int latencyMs = 0, QObject *parent = nullptr);

    int serial() const { return m_serial; }

Q_SIGNALS:
    void closed();

private:
    void onReadyRead();
    void processBuffer();
    void answer(DemoResponse response);
    void begin();
    QByteArray head() const;
    void writeHeadSlowly(const QByteArray &head);
    void writeBody();
    void pumpGenerated();
    void writeNextChunk();
    void finish();
    void resetConnection();
    void closeGracefully();

    QTcpSocket *m_socket;
    DemoRouter *m_router;
    const int m_serial;
    const bool m_tls;
    const int m_idleTimeoutMs;
    const int m_latencyMs;
    bool m_admitted = true; // false while a new connection's latency runs
    QByteArray m_buffer;
    DemoRequestReader m_reader;
    int m_requestCount = 0;
    bool m_busy = false;
    bool m_closing = false;

    // The response being sent.
    DemoResponse m_response;
    bool m_headOnly = false;
    bool m_keepAlive = true;
    int m_requestMinorVersion = 1;
    qint64 m_generatedSent = 0;
    bool m_generating = false;
    int m_nextChunk = 0;
    QTimer m_idleTimer;
    QTimer m_stepTimer;
};

} // namespace mr
