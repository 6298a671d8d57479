#include "junitreporter.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QIODevice>
#include <QMap>
#include <QXmlStreamWriter>
#include <algorithm>

namespace mr {

void JunitReporter::begin(const RunPlan &plan, int iterations)
{
    Q_UNUSED(plan)
    m_showIteration = iterations > 1;
    m_startedAt = QDateTime::currentDateTime().toString(Qt::ISODate);
}

void JunitReporter::step(const RunStep &step)
{
    Case c;
    c.file = step.file;
    c.item = step.item;
    c.iteration = step.iteration;
    c.name = m_showIteration
                 ? QStringLiteral("%1 [iteration %2]").arg(step.name).arg(step.iteration)
                 : step.name;
    c.seconds = step.exchange.durationMs / 1000.0;
    c.neededBy = step.neededBy;
    QStringList lines;
    for (const AssertionResult &result : step.assertions) {
        lines.append(QStringLiteral("%1 %2 (line %3)")
                         .arg(result.passed()   ? QStringLiteral("passed:")
                              : result.failed() ? QStringLiteral("FAILED:")
                                                : QStringLiteral("skipped:"),
                              result.message())
                         .arg(result.line));
        if (result.failed() && c.failure.isEmpty())
            c.failure = result.message();
    }
    c.details = lines.join(QLatin1Char('\n'));
    if (!step.error.isEmpty())
        c.error = step.error;
    m_cases.append(c);
}

void JunitReporter::finish(const RunSummary &summary)
{
    // Cases in plan order (they arrive in the order they finish), grouped by file.
    std::stable_sort(m_cases.begin(), m_cases.end(), [](const Case &a, const Case &b) {
        return a.iteration != b.iteration ? a.iteration < b.iteration : a.item < b.item;
    });
    QStringList files;
    for (const Case &c : m_cases) {
        if (!files.contains(c.file))
            files.append(c.file);
    }
    int failures = 0;
    int errors = 0;
    for (const Case &c : m_cases) {
        failures += c.error.isEmpty() && !c.failure.isEmpty() ? 1 : 0;
        errors += c.error.isEmpty() ? 0 : 1;
    }

    QXmlStreamWriter xml(m_out);
    xml.setAutoFormatting(true);
    xml.writeStartDocument();
    xml.writeStartElement(QStringLiteral("testsuites"));
    xml.writeAttribute(QStringLiteral("name"), QStringLiteral("microrequests"));
    xml.writeAttribute(QStringLiteral("tests"), QString::number(m_cases.size()));
    xml.writeAttribute(QStringLiteral("failures"), QString::number(failures));
    xml.writeAttribute(QStringLiteral("errors"), QString::number(errors));
    xml.writeAttribute(QStringLiteral("time"), QString::number(summary.seconds, 'f', 3));
    for (const QString &file : files) {
        int tests = 0;
        int fileFailures = 0;
        int fileErrors = 0;
        double seconds = 0;
        for (const Case &c : m_cases) {
            if (c.file != file)
                continue;
            ++tests;
            fileFailures += c.error.isEmpty() && !c.failure.isEmpty() ? 1 : 0;
            fileErrors += c.error.isEmpty() ? 0 : 1;
            seconds += c.seconds;
        }
        const QString suiteName = QDir::current().relativeFilePath(file);
        xml.writeStartElement(QStringLiteral("testsuite"));
        xml.writeAttribute(QStringLiteral("name"), suiteName);
        xml.writeAttribute(QStringLiteral("tests"), QString::number(tests));
        xml.writeAttribute(QStringLiteral("failures"), QString::number(fileFailures));
        xml.writeAttribute(QStringLiteral("errors"), QString::number(fileErrors));
        xml.writeAttribute(QStringLiteral("skipped"), QStringLiteral("0"));
        xml.writeAttribute(QStringLiteral("time"), QString::number(seconds, 'f', 3));
        xml.writeAttribute(QStringLiteral("timestamp"), m_startedAt);
        for (const Case &c : m_cases) {
            if (c.file != file)
                continue;
            xml.writeStartElement(QStringLiteral("testcase"));
            xml.writeAttribute(QStringLiteral("classname"), QFileInfo(file).completeBaseName());
            xml.writeAttribute(QStringLiteral("name"), c.name);
            xml.writeAttribute(QStringLiteral("time"), QString::number(c.seconds, 'f', 3));
            if (!c.neededBy.isEmpty()) { // as Jenkins and GitLab read testcase properties
                xml.writeStartElement(QStringLiteral("properties"));
                xml.writeStartElement(QStringLiteral("property"));
                xml.writeAttribute(QStringLiteral("name"), QStringLiteral("neededBy"));
                xml.writeAttribute(QStringLiteral("value"), c.neededBy);
                xml.writeEndElement();
                xml.writeEndElement();
            }
            if (!c.error.isEmpty()) {
                xml.writeStartElement(QStringLiteral("error"));
                xml.writeAttribute(QStringLiteral("message"), c.error);
                xml.writeAttribute(QStringLiteral("type"), QStringLiteral("RequestError"));
                xml.writeCharacters(c.details.isEmpty() ? c.error
                                                        : c.error + QLatin1Char('\n') + c.details);
                xml.writeEndElement();
            } else if (!c.failure.isEmpty()) {
                xml.writeStartElement(QStringLiteral("failure"));
                xml.writeAttribute(QStringLiteral("message"), c.failure);
                xml.writeAttribute(QStringLiteral("type"), QStringLiteral("AssertionError"));
                xml.writeCharacters(c.details);
                xml.writeEndElement();
            } else if (!c.details.isEmpty()) {
                xml.writeTextElement(QStringLiteral("system-out"), c.details);
            }
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }
    xml.writeEndElement();
    xml.writeEndDocument();
}

} // namespace mr
