#pragma once

#include "bodyfile.h"
#include "networkerrortext.h"

#include <QByteArray>
#include <QFile>
#include <memory>

namespace mr {

// A response body as it arrives, kept for the reply's reader and its Exchange: in memory
// while it fits under the limit, then in a temporary file (memory stays flat), written
// unbuffered so that a disk that refuses a write is noticed at once.
class ResponseBodyBuffer
{
public:
    ResponseBodyBuffer() = default;
    ResponseBodyBuffer(const ResponseBodyBuffer &) = delete;
    ResponseBodyBuffer &operator=(const ResponseBodyBuffer &) = delete;

    void setMemoryLimit(qint64 bytes) { m_memoryLimit = bytes; }
    // False when the bytes could not be kept (a full disk, a file size limit): failure()
    // says why, and size() is what was kept.
    bool append(const QByteArray &data);
    // Up to maxSize unread bytes; -1 when the file could not be read.
    qint64 read(char *data, qint64 maxSize);
    // Starts again, empty (a new response), its file removed once nobody else holds it.
    void clear();

    qint64 size() const { return m_size; }
    qint64 unread() const { return m_size - m_readPosition; }
    bool isPartlyRead() const { return m_readPosition > 0; }
    // The bytes, while they are in memory; empty once they went to the file.
    const QByteArray &inMemory() const { return m_memory; }
    // The file holding the body; nullptr while it is in memory.
    const std::shared_ptr<BodyFile> &file() const { return m_fileOwner; }
    const NetworkErrorText &failure() const { return m_failure; }

private:
    bool openFile();
    bool writeFile(const QByteArray &data);

    QByteArray m_memory; // the body while it fits in memory
    qint64 m_size = 0;
    qint64 m_readPosition = 0;
    qint64 m_memoryLimit = 64 * 1024 * 1024;
    std::unique_ptr<QFile> m_file;         // the body, once it outgrew m_memoryLimit
    std::shared_ptr<BodyFile> m_fileOwner; // removes that file with its last holder
    NetworkErrorText m_failure;
};

} // namespace mr
