#include "reportfile.h"

#include <QFileInfo>

#include <cerrno>
#include <cstdio>
#include <cstring>

ReportFile::ReportFile(const QString &path)
    : m_path(path)
    , m_file(path + QStringLiteral(".XXXXXX"))
{}

bool ReportFile::open()
{
    if (!m_file.open()) {
        m_error = m_file.errorString();
        return false;
    }
    // What QSaveFile gives: the permissions of the report it replaces, else those of a new
    // file (a temporary file is the owner's only).
    const QFileInfo existing(m_path);
    m_file.setPermissions(existing.exists() ? existing.permissions()
                                            : QFile::ReadOwner | QFile::WriteOwner |
                                                  QFile::ReadGroup | QFile::ReadOther);
    return true;
}

bool ReportFile::commit()
{
    if (!m_file.flush() || m_file.error() != QFileDevice::NoError) {
        m_error = m_file.errorString();
        return false;
    }
    m_file.close();
    // One rename(2) replaces the target, as QSaveFile does (QTemporaryFile::rename() in Qt
    // 6.4 refuses to replace a file).
    if (std::rename(QFile::encodeName(m_file.fileName()).constData(),
                    QFile::encodeName(m_path).constData()) != 0) {
        m_error = QString::fromLocal8Bit(std::strerror(errno));
        return false;
    }
    m_file.setAutoRemove(false); // it is the report now
    return true;
}
