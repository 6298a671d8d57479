#include "httpfilewriter.h"

#include "httpfileparser.h"

#include <QFile>
#include <QSaveFile>

namespace mr {

namespace {

int trailingBlankLines(const QByteArray &block)
{
    QList<QByteArray> lines = block.split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast(); // the text after the last terminator
    int count = 0;
    for (qsizetype i = lines.size() - 1; i > 0 && lines[i].trimmed().isEmpty(); --i)
        ++count;
    return count;
}

HttpFile reparsed(const HttpFile &file, const QList<QByteArray> &blocks)
{
    HttpFile result = HttpFileParser::parse(blocks.join(), file.path);
    result.loadedBytes = file.loadedBytes; // still what is on disk
    return result;
}

} // namespace

QByteArray HttpFileWriter::renderBlock(const RequestDefinition &request,
                                       const QByteArray &originalBlock,
                                       const QByteArray &lineEnding)
{
    QStringList lines;
    if (request.nameSource == RequestDefinition::NameSource::Separator && !request.name.isEmpty())
        lines.append(QStringLiteral("### ") + request.name);
    else if (originalBlock.startsWith("###")) // its text may be a description: kept
        lines.append(QString::fromUtf8(originalBlock.left(originalBlock.indexOf('\n')).trimmed()));
    else if (originalBlock.isEmpty()) // a new block
        lines.append(QStringLiteral("###"));
    lines += request.comments;
    if (request.nameSource == RequestDefinition::NameSource::Directive && !request.name.isEmpty())
        lines.append(QStringLiteral("# @name ") + request.name);
    for (const RequestDefinition::Directive &directive : request.directives)
        lines.append(QStringLiteral("# @") + directive.name +
                     (directive.value.isEmpty() ? QString() : QLatin1Char(' ') + directive.value));
    lines.append(
        request.method + QLatin1Char(' ') + request.url +
        (request.httpVersion.isEmpty() ? QString() : QLatin1Char(' ') + request.httpVersion));
    for (const RequestDefinition::Header &header : request.headers)
        lines.append(header.name + QStringLiteral(": ") + header.value);
    if (!request.body.isEmpty()) {
        lines.append(QString());
        lines += request.body.split(QLatin1Char('\n'));
    }
    if (!request.responseHandlers.isEmpty()) {
        if (request.body.isEmpty())
            lines.append(QString());
        lines += request.responseHandlers.split(QLatin1Char('\n'));
    }
    const int blanks = originalBlock.isEmpty() ? 1 : trailingBlankLines(originalBlock);
    for (int i = 0; i < blanks; ++i)
        lines.append(QString());
    QByteArray out;
    for (const QString &line : lines)
        out += line.toUtf8() + lineEnding;
    return out;
}

HttpFile HttpFileWriter::replaceRequest(const HttpFile &file, int index,
                                        const RequestDefinition &edited)
{
    QList<QByteArray> blocks = file.blocks;
    const int block = file.requests.value(index).block;
    if (block < 0 || block >= blocks.size())
        return file;
    blocks[block] = renderBlock(edited, blocks[block], file.lineEnding);
    return reparsed(file, blocks);
}

HttpFile HttpFileWriter::appendRequest(const HttpFile &file, const RequestDefinition &request)
{
    QList<QByteArray> blocks = file.blocks;
    if (!blocks.isEmpty() && !blocks.last().isEmpty() && !blocks.last().endsWith('\n'))
        blocks.last() += file.lineEnding;
    blocks.append(renderBlock(request, QByteArray(), file.lineEnding));
    return reparsed(file, blocks);
}

HttpFile HttpFileWriter::removeRequest(const HttpFile &file, int index)
{
    QList<QByteArray> blocks = file.blocks;
    const int block = file.requests.value(index).block;
    if (block < 0 || block >= blocks.size())
        return file;
    blocks.removeAt(block);
    return reparsed(file, blocks);
}

bool HttpFileWriter::canOverwrite(const HttpFile &file, QString *error)
{
    for (const Diagnostic &d : file.diagnostics) {
        if (d.severity == Diagnostic::Severity::Error) {
            *error = QStringLiteral(
                         "%1 is not saved: it does not parse (%2). Fix it in a text editor first.")
                         .arg(file.path, d.toString());
            return false;
        }
    }
    QFile current(file.path);
    if (current.exists()) {
        if (!current.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("%1: %2").arg(file.path, current.errorString());
            return false;
        }
        if (current.readAll() != file.loadedBytes) {
            *error =
                QStringLiteral("%1 changed on disk since it was read (another program wrote it); "
                               "reload it before saving")
                    .arg(file.path);
            return false;
        }
    }
    return true;
}

bool HttpFileWriter::save(const HttpFile &file, QString *error)
{
    if (!canOverwrite(file, error))
        return false;
    QSaveFile out(file.path);
    if (!out.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("%1: %2").arg(file.path, out.errorString());
        return false;
    }
    out.write(file.bytes());
    if (!out.commit()) {
        *error = QStringLiteral("%1: %2").arg(file.path, out.errorString());
        return false;
    }
    return true;
}

QList<QByteArray> HttpFileWriter::splitLines(const QByteArray &bytes)
{
    QList<QByteArray> lines;
    qsizetype pos = 0;
    while (pos < bytes.size()) {
        qsizetype end = bytes.indexOf('\n', pos);
        end = end < 0 ? bytes.size() : end + 1;
        lines.append(bytes.mid(pos, end - pos));
        pos = end;
    }
    return lines;
}

} // namespace mr
