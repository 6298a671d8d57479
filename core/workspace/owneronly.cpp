#include "owneronly.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QStringList>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace mr {

namespace {

constexpr mode_t OthersBits = S_IRWXG | S_IRWXO;

// The mode of the path itself (not what a link points to); false when there is nothing there.
bool modeOf(const QByteArray &path, mode_t *mode)
{
    struct stat info {
    };
    if (::lstat(path.constData(), &info) != 0)
        return false;
    *mode = info.st_mode;
    return true;
}

} // namespace

bool OwnerOnly::makeFolder(const QString &folder)
{
    // The folders mkpath will make, outermost first.
    QStringList missing;
    for (QString path = QDir::cleanPath(QFileInfo(folder).absoluteFilePath());
         !QFileInfo::exists(path); path = QFileInfo(path).absolutePath()) {
        missing.prepend(path);
        if (QDir(path).isRoot())
            break;
    }
    if (!QDir().mkpath(folder))
        return false;
    for (const QString &made : std::as_const(missing))
        ::chmod(QFile::encodeName(made).constData(), S_IRWXU);
    return tighten(folder);
}

bool OwnerOnly::makeFile(const QString &path)
{
    if (!makeFolder(QFileInfo(path).absolutePath()))
        return false;
    const int fd = ::open(QFile::encodeName(path).constData(),
                          O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, S_IRUSR | S_IWUSR);
    if (fd >= 0)
        return ::close(fd) == 0;
    return errno == EEXIST && tighten(path);
}

bool OwnerOnly::tighten(const QString &path)
{
    const QByteArray native = QFile::encodeName(path);
    mode_t mode = 0;
    if (!modeOf(native, &mode))
        return errno == ENOENT;
    if (S_ISLNK(mode) || (mode & OthersBits) == 0)
        return true;
    return ::chmod(native.constData(), mode & 07777 & ~OthersBits) == 0;
}

void OwnerOnly::tightenTree(const QString &folder)
{
    mode_t mode = 0;
    if (!modeOf(QFile::encodeName(folder), &mode) || !S_ISDIR(mode) || (mode & OthersBits) == 0)
        return;
    QDirIterator it(folder,
                    QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot |
                        QDir::NoSymLinks,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        tighten(it.next());
    // Last: a start stopped half-way leaves the folder open, and the next one finishes.
    tighten(folder);
}

} // namespace mr
