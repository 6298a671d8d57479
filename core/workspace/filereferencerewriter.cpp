#include "filereferencerewriter.h"

#include "httpfileparser.h"
#include "httpfilewriter.h"
#include "requestassertion.h"
#include "requestbody.h"

#include <QDir>
#include <QFileInfo>

namespace mr {

namespace {

QString cleanAbsolute(const QString &path)
{
    return path.isEmpty() ? QString() : QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}

// Where the body ends, as the parser sees it: response handlers and assertions follow it.
bool endsBody(const QString &line)
{
    return line.startsWith(QLatin1String("> ")) || line.startsWith(QLatin1String(">>")) ||
           line.startsWith(QLatin1String("<> ")) || RequestAssertion::isAssertionLine(line);
}

// How long the start of a response handler line naming a file is ("> ./handler.js",
// ">> ./saved.json", ">>! ./saved.json", "<> ./previous.json"); 0 for other lines. A
// "> {% script %}" handler names no file: *inScript says when its script goes on below.
qsizetype handlerFilePrefix(const QString &line, bool *inScript)
{
    if (*inScript) {
        *inScript = !line.contains(QLatin1String("%}"));
        return 0;
    }
    for (const char *prefix : {">>!", ">>", "<> ", "> "}) {
        if (!line.startsWith(QLatin1String(prefix)))
            continue;
        const QString rest = line.mid(qsizetype(qstrlen(prefix))).trimmed();
        if (rest.startsWith(QLatin1String("{%"))) {
            *inScript = !rest.contains(QLatin1String("%}"));
            return 0;
        }
        return qsizetype(qstrlen(prefix));
    }
    return 0;
}

QByteArray terminatorOf(const QByteArray &line)
{
    if (line.endsWith("\r\n"))
        return "\r\n";
    return line.endsWith('\n') ? QByteArray("\n") : QByteArray();
}

} // namespace

FileReferenceRewriter::FileReferenceRewriter(const QString &fromFolder, const QString &toFolder,
                                             const QString &movedFrom, const QString &movedTo)
    : m_fromFolder(cleanAbsolute(fromFolder))
    , m_toFolder(cleanAbsolute(toFolder))
    , m_movedFrom(cleanAbsolute(movedFrom))
    , m_movedTo(cleanAbsolute(movedTo))
{}

QString FileReferenceRewriter::rewritePath(const QString &path) const
{
    if (path.isEmpty() || path.contains(QLatin1String("{{")) || QDir::isAbsolutePath(path))
        return path;
    const QString target = QDir::cleanPath(QDir(m_fromFolder).absoluteFilePath(path));
    if (!QFileInfo(target).isFile())
        return path; // nothing to keep pointing at: the user's reference stays as written
    QString after = target;
    if (!m_movedFrom.isEmpty() &&
        (target == m_movedFrom || target.startsWith(m_movedFrom + QLatin1Char('/'))))
        after = m_movedTo + target.mid(m_movedFrom.size());
    if (QDir::cleanPath(QDir(m_toFolder).absoluteFilePath(path)) == after)
        return path;
    QString rewritten = RequestBody::filePathFrom(m_toFolder, after);
    const bool dotted =
        path.startsWith(QLatin1String("./")) || path.startsWith(QLatin1String("../"));
    if (!dotted && rewritten.startsWith(QLatin1String("./")))
        rewritten.remove(0, 2);
    return rewritten;
}

QString FileReferenceRewriter::rewriteLine(const QString &line, qsizetype prefix) const
{
    const QString path = line.mid(prefix).trimmed();
    const QString rewritten = rewritePath(path);
    if (rewritten == path)
        return line;
    const qsizetype at = line.indexOf(path, prefix);
    return line.left(at) + rewritten + line.mid(at + path.size());
}

QString FileReferenceRewriter::rewriteBodyLine(const QString &line) const
{
    return line.startsWith(QLatin1String("< ")) ? rewriteLine(line, 2) : line;
}

QString FileReferenceRewriter::rewriteBody(const QString &body) const
{
    QStringList lines = body.split(QLatin1Char('\n'));
    for (QString &line : lines)
        line = rewriteBodyLine(line);
    return lines.join(QLatin1Char('\n'));
}

QString FileReferenceRewriter::rewriteHandlers(const QString &handlers) const
{
    QStringList lines = handlers.split(QLatin1Char('\n'));
    bool inScript = false;
    for (QString &line : lines) {
        if (const qsizetype prefix = handlerFilePrefix(line, &inScript))
            line = rewriteLine(line, prefix);
    }
    return lines.join(QLatin1Char('\n'));
}

QList<QByteArray> FileReferenceRewriter::rewriteRequest(const HttpFile &file, int index) const
{
    QList<QByteArray> blocks = file.blocks;
    const RequestDefinition &request = file.requests[index];
    int firstLine = 1; // the block's first line, counted in the file
    for (int b = 0; b < request.block; ++b)
        firstLine += int(blocks[b].count('\n'));
    QList<QByteArray> lines = HttpFileWriter::splitLines(blocks[request.block]);
    // After the request line come headers, an empty line, the body, then response handlers
    // and assertions, as the parser reads them.
    enum class Part { Headers, Body, Handlers } part = Part::Headers;
    bool inScript = false;
    bool changed = false;
    for (int i = request.requestLine - firstLine + 1; i < lines.size(); ++i) {
        const QByteArray terminator = terminatorOf(lines[i]);
        const QString line = QString::fromUtf8(lines[i].chopped(terminator.size()));
        if (part != Part::Handlers && endsBody(line))
            part = Part::Handlers;
        QString rewritten = line;
        if (part == Part::Headers) {
            if (line.trimmed().isEmpty())
                part = Part::Body;
        } else if (part == Part::Body) {
            rewritten = rewriteBodyLine(line);
        } else if (const qsizetype prefix = handlerFilePrefix(line, &inScript)) {
            rewritten = rewriteLine(line, prefix);
        }
        if (rewritten != line) {
            lines[i] = rewritten.toUtf8() + terminator;
            changed = true;
        }
    }
    if (changed)
        blocks[request.block] = lines.join();
    return blocks;
}

HttpFile FileReferenceRewriter::rewriteFile(const HttpFile &file,
                                            QList<RequestDefinition> *expected) const
{
    HttpFile current = file;
    *expected = file.requests;
    for (int i = 0; i < file.requests.size(); ++i) {
        current.blocks = rewriteRequest(current, i);
        (*expected)[i].body = rewriteBody(file.requests[i].body);
        (*expected)[i].responseHandlers = rewriteHandlers(file.requests[i].responseHandlers);
    }
    if (current.blocks == file.blocks)
        return file;
    HttpFile result = HttpFileParser::parse(current.blocks.join(), file.path);
    result.loadedBytes = file.loadedBytes; // still what is on disk
    return result;
}

} // namespace mr
