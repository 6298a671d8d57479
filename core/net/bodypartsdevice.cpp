#include "bodypartsdevice.h"

#include <QFileInfo>

#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace mr {

BodyPartsDevice::BodyPartsDevice(QList<BodyPart> parts, QObject *parent)
    : QIODevice(parent)
    , m_parts(std::move(parts))
    , m_size(BodyPart::totalLength(m_parts))
{}

bool BodyPartsDevice::open(OpenMode mode)
{
    if (mode & WriteOnly)
        return false;
    m_position = 0;
    // Unbuffered: QIODevice's position is then ours, and nothing is read ahead.
    return QIODevice::open(mode | Unbuffered);
}

void BodyPartsDevice::close()
{
    m_file.close();
    m_openPart = -1;
    QIODevice::close();
}

bool BodyPartsDevice::seek(qint64 position)
{
    if (position < 0 || position > m_size || !QIODevice::seek(position))
        return false;
    m_position = position;
    return true;
}

qint64 BodyPartsDevice::readData(char *data, qint64 maxSize)
{
    qint64 done = 0;
    qint64 start = 0; // where part i starts in the body
    for (int i = 0; i < m_parts.size() && done < maxSize && m_position < m_size; ++i) {
        const BodyPart &part = m_parts[i];
        const qint64 end = start + part.length();
        if (m_position < end) {
            const qint64 within = m_position - start;
            const qint64 wanted = qMin(maxSize - done, end - m_position);
            qint64 n = wanted;
            if (part.isFile()) {
                n = readFile(i, within, data + done, wanted);
                if (n < 0)
                    return done > 0 ? done : -1;
            } else {
                std::memcpy(data + done, part.bytes.constData() + within, size_t(n));
            }
            done += n;
            m_position += n;
            if (n < wanted)
                break;
        }
        start = end;
    }
    return done;
}

qint64 BodyPartsDevice::readFile(int index, qint64 within, char *data, qint64 maxSize)
{
    const BodyPart &part = m_parts[index];
    if (m_openPart != index) {
        m_file.close();
        m_openPart = -1;
        if (part.inode != 0) {
            // The very file that was checked, opened without following a link: a file
            // replaced since (by a symlink out of the workspace, say) is not read.
            const int fd = ::open(QFile::encodeName(part.filePath).constData(),
                                  O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
            struct stat opened {
            };
            if (fd < 0 || ::fstat(fd, &opened) != 0 || !S_ISREG(opened.st_mode) ||
                quint64(opened.st_dev) != part.device || quint64(opened.st_ino) != part.inode) {
                if (fd >= 0)
                    ::close(fd);
                setErrorString(QStringLiteral("%1 was replaced since the request was prepared; "
                                              "send it again")
                                   .arg(part.filePath));
                return -1;
            }
            if (!m_file.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
                ::close(fd);
                setErrorString(
                    QStringLiteral("cannot read %1: %2").arg(part.filePath, m_file.errorString()));
                return -1;
            }
        } else {
            // A Qt caller's file: checked again here, since it may have been replaced.
            if (!QFileInfo(part.filePath).isFile()) {
                setErrorString(
                    QStringLiteral("%1 is not a regular file any more").arg(part.filePath));
                return -1;
            }
            m_file.setFileName(part.filePath);
            if (!m_file.open(QIODevice::ReadOnly)) {
                setErrorString(
                    QStringLiteral("cannot read %1: %2").arg(part.filePath, m_file.errorString()));
                return -1;
            }
        }
        m_openPart = index;
    }
    if (!m_file.seek(part.offset + within)) {
        setErrorString(
            QStringLiteral("cannot read %1: %2").arg(part.filePath, m_file.errorString()));
        return -1;
    }
    const qint64 n = m_file.read(data, maxSize);
    if (n <= 0) {
        setErrorString(QStringLiteral("%1 ended early: it is shorter than when the request was "
                                      "prepared (%2 bytes)")
                           .arg(part.filePath)
                           .arg(part.offset + part.size));
        return -1;
    }
    return n;
}

qint64 BodyPartsDevice::writeData(const char *data, qint64 maxSize)
{
    Q_UNUSED(data)
    Q_UNUSED(maxSize)
    return -1;
}

} // namespace mr
