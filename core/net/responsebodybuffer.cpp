#include "responsebodybuffer.h"

#include <QDir>
#include <QTemporaryFile>

namespace mr {

bool ResponseBodyBuffer::append(const QByteArray &data)
{
    m_size += data.size();
    if (!m_file && m_memory.size() + data.size() <= m_memoryLimit) {
        m_memory += data;
        return true;
    }
    if (!m_file) {
        // Large bodies go to a temporary file the Exchange points at; memory stays flat.
        if (!openFile()) {
            m_memoryLimit = std::numeric_limits<qint64>::max(); // no disk: keep it in memory
            m_memory += data;
            return true;
        }
        const QByteArray inMemory = std::exchange(m_memory, QByteArray());
        if (!writeFile(inMemory))
            return false;
    }
    return writeFile(data);
}

bool ResponseBodyBuffer::openFile()
{
    // QTemporaryFile picks a unique name (mode 0600); BodyFile removes it with its last holder.
    QTemporaryFile temporary(QDir::tempPath() + QStringLiteral("/microrequests-body-XXXXXX"));
    temporary.setAutoRemove(false);
    if (!temporary.open())
        return false;
    auto owner = std::make_shared<BodyFile>(temporary.fileName());
    temporary.close();
    // Unbuffered: a write the disk refuses fails here, not in a later flush nobody checks.
    auto file = std::make_unique<QFile>(owner->path());
    if (!file->open(QIODevice::ReadWrite | QIODevice::Unbuffered))
        return false;
    m_file = std::move(file);
    m_fileOwner = std::move(owner);
    return true;
}

bool ResponseBodyBuffer::writeFile(const QByteArray &data)
{
    qint64 written = 0;
    while (written < data.size()) {
        const qint64 n = m_file->write(data.constData() + written, data.size() - written);
        if (n <= 0) {
            // A full disk or a file size limit: the body kept so far is all there is, and
            // the exchange fails rather than pass a shorter body off as the whole one.
            const qint64 kept = m_file->size();
            const QString message =
                QStringLiteral("Could not keep the response body: %1 (after %2 bytes)")
                    .arg(m_file->errorString())
                    .arg(kept);
            m_size = kept;
            m_failure = {message, QStringLiteral("Free some space in %1 (or set TMPDIR to a "
                                                 "folder with room) and send it again.")
                                      .arg(QDir::toNativeSeparators(QDir::tempPath()))};
            return false;
        }
        written += n;
    }
    return true;
}

qint64 ResponseBodyBuffer::read(char *data, qint64 maxSize)
{
    const qint64 n = qMin(maxSize, unread());
    if (m_file) {
        m_file->seek(m_readPosition);
        const qint64 read = m_file->read(data, n);
        m_file->seek(m_file->size());
        if (read <= 0)
            return -1;
        m_readPosition += read;
        return read;
    }
    memcpy(data, m_memory.constData() + m_readPosition, size_t(n));
    m_readPosition += n;
    return n;
}

void ResponseBodyBuffer::clear()
{
    m_memory.clear();
    m_size = 0;
    m_readPosition = 0;
    m_file.reset();
    m_fileOwner.reset();
}

} // namespace mr
