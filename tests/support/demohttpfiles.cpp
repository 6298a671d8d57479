#include "demohttpfiles.h"

#include <QDirIterator>
#include <QFile>
#include <QTest>

namespace mr {

void addDemoHttpFileRows()
{
    QDirIterator it(QStringLiteral(":/demo-workspace"), {QStringLiteral("*.http")}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QTest::addRow("demo %s", qPrintable(it.fileName())) << file.readAll();
    }
}

} // namespace mr
