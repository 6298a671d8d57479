#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace mr {

// One piece of a request body: bytes in memory, or a range of a file read while the request
// is sent. A body with files ("< ./photo.png", a multipart part from a file) is a list of
// these, so a 1 GB file streams from disk instead of being held in memory.
struct BodyPart {
    // How many bytes a body may read from files unless configured (HttpClient::fileBodyLimit).
    static constexpr qint64 DefaultFileLimit = qint64(1024) * 1024 * 1024;

    QByteArray bytes; // the part, when filePath is empty
    QString filePath; // absolute: the part is `size` bytes of this file from `offset`
    qint64 offset = 0;
    qint64 size = 0;
    // The file that was checked when the request was prepared (stat's st_dev and st_ino);
    // 0: not checked. A part with them is read only from that very file, never through a
    // symlink put in its place since (a file swapped between a check and a re-send).
    quint64 device = 0;
    quint64 inode = 0;

    static BodyPart fromBytes(const QByteArray &bytes)
    {
        BodyPart part;
        part.bytes = bytes;
        return part;
    }
    static BodyPart fromFile(const QString &path, qint64 offset, qint64 size)
    {
        BodyPart part;
        part.filePath = path;
        part.offset = offset;
        part.size = size;
        return part;
    }

    bool isFile() const { return !filePath.isEmpty(); }
    qint64 length() const { return isFile() ? size : bytes.size(); }

    static qint64 totalLength(const QList<BodyPart> &parts)
    {
        qint64 total = 0;
        for (const BodyPart &part : parts)
            total += part.length();
        return total;
    }
};

} // namespace mr
