#include "consolereporter.h"

#include <QDir>
#include <QIODevice>

namespace mr {

void ConsoleReporter::begin(const RunPlan &plan, int iterations)
{
    Q_UNUSED(plan)
    m_showIteration = iterations > 1;
}

QString ConsoleReporter::line(const RunStep &step, bool showIteration)
{
    QString text = step.passed() ? QStringLiteral("PASS  ") : QStringLiteral("FAIL  ");
    if (showIteration)
        text += QStringLiteral("[%1] ").arg(step.iteration);
    text += step.name;
    if (!step.neededBy.isEmpty())
        text += QStringLiteral(" (needed by %1)").arg(step.neededBy);
    if (step.exchange.hasResponse()) {
        text += QStringLiteral("  %1").arg(step.exchange.status);
        if (!step.exchange.reasonPhrase.isEmpty())
            text += QLatin1Char(' ') + QString::fromLatin1(step.exchange.reasonPhrase);
    } else {
        text += step.sent ? QStringLiteral("  no response") : QStringLiteral("  not sent");
    }
    if (step.sent)
        text += QStringLiteral("  %1 ms").arg(step.exchange.durationMs, 0, 'f', 1);
    const QString connection = step.connectionLabel();
    if (!connection.isEmpty())
        text += QStringLiteral("  ") + connection;
    else if (step.sent && step.exchange.path != Exchange::Path::Pool)
        text += QStringLiteral("  ") + step.exchange.pathLabel();
    if (!step.assertions.isEmpty()) {
        const int failed = step.failedAssertions();
        text += QStringLiteral("  %1/%2 assertions passed")
                    .arg(step.assertions.size() - failed)
                    .arg(step.assertions.size());
    }
    text += QLatin1Char('\n');
    for (const AssertionResult &result : step.assertions) {
        if (!result.passed())
            text += QStringLiteral("      %1 (line %2)\n").arg(result.message()).arg(result.line);
    }
    if (!step.error.isEmpty())
        text += QStringLiteral("      error: %1\n").arg(step.error);
    if (!step.passed())
        text += QStringLiteral("      at %1:%2\n")
                    .arg(QDir::current().relativeFilePath(step.file))
                    .arg(step.line);
    return text;
}

void ConsoleReporter::step(const RunStep &step)
{
    write(line(step, m_showIteration));
}

void ConsoleReporter::finish(const RunSummary &summary)
{
    write(QLatin1Char('\n') + summary.text() + QLatin1Char('\n'));
}

void ConsoleReporter::write(const QString &text)
{
    m_out->write(text.toUtf8());
}

} // namespace mr
