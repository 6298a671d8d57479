#pragma once

#include <QString>
#include <QTemporaryFile>

// A report file written whole or not at all: into a temporary file beside it, renamed over it
// by commit(). Unlike QSaveFile, commit() does not wait for the disk (fdatasync): a report is
// made again by running again, and the wait cost 30 ms for a 15 MB report on a VM's disk, 6%
// of a 10,000-request run. Readers still never see half a report, and a run that fails to
// write leaves the previous report as it was. The workspace's own files keep QSaveFile.
class ReportFile
{
public:
    explicit ReportFile(const QString &path);

    bool open(); // false: errorString() says why
    QIODevice *device() { return &m_file; }
    bool commit(); // false: errorString() says why, and the target is untouched
    QString errorString() const { return m_error; }

private:
    QString m_path;
    QTemporaryFile m_file;
    QString m_error;
};
