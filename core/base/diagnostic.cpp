#include "diagnostic.h"

namespace mr {

QString Diagnostic::toString() const
{
    const QString prefix = severity == Severity::Warning ? QStringLiteral("warning: ") : QString();
    if (line <= 0)
        return QStringLiteral("%1: %2%3").arg(file, prefix, message);
    return QStringLiteral("%1:%2:%3: %4%5")
        .arg(file)
        .arg(line)
        .arg(qMax(column, 1))
        .arg(prefix, message);
}

Diagnostic Diagnostic::at(const QString &file, const QString &text, qsizetype offset,
                          const QString &message)
{
    Diagnostic d;
    d.file = file;
    d.message = message;
    d.line = 1;
    qsizetype lineStart = 0;
    const qsizetype end = qMin(offset, text.size());
    for (qsizetype i = 0; i < end; ++i) {
        if (text[i] == QLatin1Char('\n')) {
            ++d.line;
            lineStart = i + 1;
        }
    }
    d.column = int(end - lineStart) + 1;
    return d;
}

} // namespace mr
