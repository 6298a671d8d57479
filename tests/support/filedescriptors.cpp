#include "filedescriptors.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QThread>

int openFileDescriptors()
{
    return int(QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::NoDotAndDotDot).size());
}

int settledFileDescriptors()
{
    int count = openFileDescriptors();
    QElapsedTimer stable;
    stable.start();
    QElapsedTimer total;
    total.start();
    while (stable.elapsed() < 300 && total.elapsed() < 10000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(5);
        if (const int now = openFileDescriptors(); now != count) {
            count = now;
            stable.restart();
        }
    }
    return count;
}
