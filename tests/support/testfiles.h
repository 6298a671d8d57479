// Files the suites write for what they test (workspace settings, collections to import).
#pragma once

#include <QFile>
#include <QTest>

namespace mr::test {

// Writes `text` into the file at `path`, replacing it; fails the test when it cannot.
inline void writeFile(const QString &path, const QByteArray &text)
{
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
    QCOMPARE(file.write(text), text.size());
}

} // namespace mr::test
