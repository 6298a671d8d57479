#pragma once

#include "http/bodypart.h"

#include <QFile>
#include <QIODevice>

namespace mr {

// A request body made of parts (bytes and file ranges) read as one device, in order, without
// holding a file in memory: what HttpClient streams a resolved request's body from, on our
// engine's path and on Qt's. Random access, with the size known before the first byte. A file
// that is no longer a regular file, or that shrank since the request was prepared, ends the
// read with an error naming it (a FIFO is never opened: that would wait for a writer).
class BodyPartsDevice : public QIODevice
{
    Q_OBJECT
public:
    explicit BodyPartsDevice(QList<BodyPart> parts, QObject *parent = nullptr);

    const QList<BodyPart> &parts() const { return m_parts; }

    bool open(OpenMode mode) override;
    void close() override;
    bool isSequential() const override { return false; }
    qint64 size() const override { return m_size; }
    bool seek(qint64 position) override;

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 maxSize) override;

private:
    // Reads from the file part `index`, `within` bytes into it; -1 on an error (set).
    qint64 readFile(int index, qint64 within, char *data, qint64 maxSize);

    QList<BodyPart> m_parts;
    qint64 m_size = 0;
    qint64 m_position = 0;
    QFile m_file;
    int m_openPart = -1; // the part m_file holds open
};

} // namespace mr
