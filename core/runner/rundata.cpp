#include "rundata.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace mr {

namespace {

Diagnostic at(const QString &path, int line, int column, const QString &message)
{
    Diagnostic d;
    d.file = path;
    d.line = line;
    d.column = column;
    d.message = message;
    return d;
}

} // namespace

bool RunData::load(const QString &path, QList<Row> *rows, Diagnostic *problem)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *problem =
            at(path, 0, 0, QStringLiteral("cannot read the data file: %1").arg(file.errorString()));
        return false;
    }
    const QByteArray bytes = file.readAll();
    if (path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive))
        return parseJson(bytes, path, rows, problem);
    if (path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive))
        return parseCsv(bytes, path, rows, problem);
    *problem = at(path, 0, 0,
                  QStringLiteral("a data file is .csv (a header row, then a row per iteration) "
                                 "or .json (an array of objects)"));
    return false;
}

bool RunData::parseCsv(const QByteArray &bytes, const QString &path, QList<Row> *rows,
                       Diagnostic *problem)
{
    QString text = QString::fromUtf8(bytes);
    if (text.startsWith(QChar(0xfeff)))
        text.remove(0, 1);
    QList<QStringList> records;
    QList<int> recordLines;
    QStringList record;
    QString field;
    bool quoted = false;
    bool fieldStarted = false;
    int line = 1;
    int column = 1;
    int quoteLine = 0;
    int quoteColumn = 0;
    int recordLine = 1;
    const auto endRecord = [&] {
        record.append(field);
        field.clear();
        fieldStarted = false;
        if (!(record.size() == 1 && record.first().isEmpty())) { // blank lines are skipped
            records.append(record);
            recordLines.append(recordLine);
        }
        record.clear();
    };
    for (qsizetype i = 0; i < text.size(); ++i, ++column) {
        const QChar c = text[i];
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text[i + 1] == QLatin1Char('"')) {
                    field += c;
                    ++i;
                    ++column;
                } else {
                    quoted = false;
                }
            } else {
                if (c == QLatin1Char('\n'))
                    ++line, column = 0;
                field += c;
            }
            continue;
        }
        if (c == QLatin1Char('"') && !fieldStarted) {
            quoted = true;
            fieldStarted = true;
            quoteLine = line;
            quoteColumn = column;
        } else if (c == QLatin1Char(',')) {
            record.append(field);
            field.clear();
            fieldStarted = false;
        } else if (c == QLatin1Char('\r')) {
            continue;
        } else if (c == QLatin1Char('\n')) {
            endRecord();
            ++line;
            column = 0;
            recordLine = line;
        } else {
            field += c;
            fieldStarted = true;
        }
    }
    if (quoted) {
        *problem = at(path, quoteLine, quoteColumn,
                      QStringLiteral("this quoted field is never closed; end it with \""));
        return false;
    }
    if (fieldStarted || !record.isEmpty())
        endRecord();
    if (records.isEmpty()) {
        *problem = at(path, 0, 0,
                      QStringLiteral("the data file is empty; its first row names "
                                     "the variables"));
        return false;
    }
    const QStringList names = records.first();
    for (int r = 1; r < records.size(); ++r) {
        if (records[r].size() != names.size()) {
            *problem = at(path, recordLines[r], 1,
                          QStringLiteral("this row has %1 fields where the header row has %2")
                              .arg(records[r].size())
                              .arg(names.size()));
            return false;
        }
        Row row;
        for (int f = 0; f < names.size(); ++f)
            row.insert(names[f].trimmed(), records[r][f]);
        rows->append(row);
    }
    return true;
}

bool RunData::parseJson(const QByteArray &bytes, const QString &path, QList<Row> *rows,
                        Diagnostic *problem)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError) {
        *problem =
            Diagnostic::at(path, QString::fromUtf8(bytes.left(error.offset)),
                           QString::fromUtf8(bytes.left(error.offset)).size(), error.errorString());
        return false;
    }
    if (!document.isArray()) {
        *problem = at(path, 1, 1,
                      QStringLiteral("expected an array of objects, one per "
                                     "iteration: [{\"id\": 1}, {\"id\": 2}]"));
        return false;
    }
    const QJsonArray array = document.array();
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array[i].isObject()) {
            *problem = at(path, 0, 0,
                          QStringLiteral("item %1 of the array is not an object; each item is "
                                         "one iteration's variables")
                              .arg(i + 1));
            return false;
        }
        Row row;
        const QJsonObject object = array[i].toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QJsonValue v = it.value();
            if (v.isString())
                row.insert(it.key(), v.toString());
            else if (v.isDouble() || v.isBool() || v.isNull())
                row.insert(it.key(), QString::fromUtf8(QJsonDocument(QJsonArray{v})
                                                           .toJson(QJsonDocument::Compact)
                                                           .mid(1)
                                                           .chopped(1)));
            else
                row.insert(it.key(),
                           QString::fromUtf8(
                               v.isArray()
                                   ? QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact)
                                   : QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact)));
        }
        rows->append(row);
    }
    return true;
}

} // namespace mr
