#include "workspaceeditor.h"

#include "filereferencerewriter.h"
#include "httpfileparser.h"
#include "httpfilewriter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>

namespace mr {

namespace {

const QByteArray Utf8Bom = "\xef\xbb\xbf";

QByteArray terminatorOf(const QByteArray &line, const QByteArray &fallback)
{
    if (line.endsWith("\r\n"))
        return "\r\n";
    return line.endsWith('\n') ? QByteArray("\n") : fallback;
}

QByteArray withLineEnding(QByteArray bytes, const QByteArray &from, const QByteArray &to)
{
    if (from == to)
        return bytes;
    bytes.replace("\r\n", "\n");
    if (to != "\n")
        bytes.replace("\n", to);
    return bytes;
}

bool isDirectiveLine(const QByteArray &line)
{
    static const QRegularExpression re(QStringLiteral("^\\s*(?:#+|//)\\s*@[\\w.-]+"));
    return re.match(QString::fromUtf8(line)).hasMatch();
}

// A file's head is its first block when it does not start with "###": the file's variables
// and comments, and maybe its first request. Splits such a head holding a request into
// what stays at the top of the file (variables, comments, blank lines) and a "###" block
// with the request (and its directives). Returns the request's block index.
int splitHead(QList<QByteArray> *blocks, const HttpFile &file, int index)
{
    const RequestDefinition &request = file.requests[index];
    if (request.block != 0 || blocks->first().startsWith("###"))
        return request.block;
    const QList<QByteArray> lines = HttpFileWriter::splitLines(blocks->first());
    QByteArray bom; // stays the file's first bytes
    QByteArray staying;
    QByteArray moving = "###" + file.lineEnding;
    const int requestLine = request.requestLine - 1; // the head starts at the file's line 1
    for (int i = 0; i < lines.size(); ++i) {
        QByteArray line = lines[i];
        if (i == 0 && line.startsWith(Utf8Bom)) {
            bom = Utf8Bom;
            line.remove(0, Utf8Bom.size());
        }
        if (i >= requestLine || isDirectiveLine(line))
            moving += line;
        else
            staying += line;
    }
    if (staying.trimmed().isEmpty()) {
        if (bom.isEmpty()) {
            (*blocks)[0] = moving;
            return 0;
        }
        staying.clear();
    } else if (!staying.endsWith('\n')) {
        staying += file.lineEnding;
    }
    (*blocks)[0] = bom + staying;
    blocks->insert(1, moving);
    return 1;
}

// The block with the request's name set where it is written.
QByteArray renamedBlock(const QByteArray &block, const RequestDefinition &request,
                        const QString &name, const QByteArray &lineEnding)
{
    QList<QByteArray> lines = HttpFileWriter::splitLines(block);
    if (request.nameSource == RequestDefinition::NameSource::Directive) {
        static const QRegularExpression re(QStringLiteral("^(\\s*(?:#+|//)\\s*@name)\\b"));
        for (QByteArray &line : lines) {
            const QRegularExpressionMatch m = re.match(QString::fromUtf8(line));
            if (m.hasMatch() && !line.startsWith("###")) {
                line =
                    m.captured(1).toUtf8() + ' ' + name.toUtf8() + terminatorOf(line, lineEnding);
                return lines.join();
            }
        }
    }
    if (!lines.isEmpty() && lines.first().startsWith("###")) {
        lines.first() = "### " + name.toUtf8() + terminatorOf(lines.first(), lineEnding);
        return lines.join();
    }
    return "### " + name.toUtf8() + lineEnding + block;
}

HttpFile reparsed(const HttpFile &file, const QList<QByteArray> &blocks)
{
    HttpFile result = HttpFileParser::parse(blocks.join(), file.path);
    result.loadedBytes = file.loadedBytes; // still what is on disk
    return result;
}

// Whether the rewritten file reads back as exactly the expected requests, in order: the
// last guard before writing, so that an edit never garbles a neighbour.
bool readsBackAs(const HttpFile &file, const QList<RequestDefinition> &expected, QString *error)
{
    bool same = file.requests.size() == expected.size();
    for (qsizetype i = 0; same && i < expected.size(); ++i)
        same = file.requests[i].sameContent(expected[i]);
    if (!same)
        *error = QStringLiteral("%1 was not changed: written this way it would not read back "
                                "as the same requests. Edit it in a text editor instead.")
                     .arg(QDir::toNativeSeparators(file.path));
    return same;
}

// Inserts a request's block before the request at `position` (or at the end).
int insertAt(QList<QByteArray> *blocks, const HttpFile &file, int position, QByteArray block)
{
    int at = int(blocks->size());
    if (position < file.requests.size())
        at = splitHead(blocks, file, position);
    if (at > 0 && !(*blocks)[at - 1].isEmpty() && !(*blocks)[at - 1].endsWith('\n'))
        (*blocks)[at - 1] += file.lineEnding;
    if (!block.endsWith('\n'))
        block += file.lineEnding;
    blocks->insert(at, block);
    return at;
}

bool writeNewFile(const QString &path, const QByteArray &bytes, QString *error)
{
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(path), out.errorString());
        return false;
    }
    out.write(bytes);
    if (!out.commit()) {
        *error = QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(path), out.errorString());
        return false;
    }
    return true;
}

bool isRequestFileName(const QString &name)
{
    return name.endsWith(QLatin1String(".http"), Qt::CaseInsensitive) ||
           name.endsWith(QLatin1String(".rest"), Qt::CaseInsensitive);
}

QByteArray newRequestBlock(const QString &name, const QByteArray &lineEnding)
{
    return "### " + name.toUtf8() + lineEnding + "GET https://example.com/" + lineEnding +
           lineEnding;
}

} // namespace

WorkspaceEditor::WorkspaceEditor(const Workspace &workspace)
    : m_workspace(workspace)
{}

QString WorkspaceEditor::checkName(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return QStringLiteral("a name is needed");
    if (trimmed.contains(QLatin1Char('/')) || trimmed.contains(QLatin1Char('\\')))
        return QStringLiteral("\"%1\" has a slash; names cannot hold / or \\").arg(trimmed);
    if (trimmed.startsWith(QLatin1Char('.')))
        return QStringLiteral("\"%1\" starts with a dot: hidden files and folders are not part "
                              "of the workspace")
            .arg(trimmed);
    if (trimmed.contains(QLatin1Char('\n')) || trimmed.contains(QLatin1Char('\r')))
        return QStringLiteral("a name is one line");
    return {};
}

QString WorkspaceEditor::unusedName(const QString &folder, const QString &stem,
                                    const QString &suffix)
{
    const QDir dir(folder);
    QString name = stem + suffix;
    for (int n = 2; dir.exists(name); ++n)
        name = QStringLiteral("%1 %2%3").arg(stem).arg(n).arg(suffix);
    return name;
}

QString WorkspaceEditor::relative(const QString &path) const
{
    const QString text = QDir(m_workspace.root()).relativeFilePath(path);
    return QDir::toNativeSeparators(text.isEmpty() ? QStringLiteral(".") : text);
}

bool WorkspaceEditor::insideRoot(const QString &path) const
{
    const QString root = QDir::cleanPath(m_workspace.root());
    const QString clean = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    return clean == root || clean.startsWith(root + QLatin1Char('/'));
}

const HttpFile *WorkspaceEditor::fileAt(const QString &path, QString *error) const
{
    const HttpFile *file = m_workspace.file(path);
    if (!file)
        *error = QStringLiteral("%1 is not a file of the open workspace; reload it and try again")
                     .arg(QDir::toNativeSeparators(path));
    return file;
}

const HttpFile *WorkspaceEditor::requestAt(const QString &path, int index, QString *error) const
{
    const HttpFile *file = fileAt(path, error);
    if (file && (index < 0 || index >= file->requests.size())) {
        *error = QStringLiteral("%1 has no request %2 any more; reload it and try again")
                     .arg(relative(path))
                     .arg(index + 1);
        return nullptr;
    }
    return file;
}

QString WorkspaceEditor::uniqueName(const HttpFile &file, const QString &base) const
{
    QString name = base;
    for (int n = 2;; ++n) {
        bool taken = false;
        for (const RequestDefinition &request : file.requests)
            taken = taken || request.name == name;
        if (!taken)
            return name;
        name = QStringLiteral("%1 %2").arg(base).arg(n);
    }
}

bool WorkspaceEditor::addRequest(const QString &filePath, int *index, QString *error)
{
    const HttpFile *file = fileAt(filePath, error);
    if (!file)
        return false;
    const QString name = uniqueName(*file, newRequestName());
    QList<QByteArray> blocks = file->blocks;
    const int position = int(file->requests.size());
    insertAt(&blocks, *file, position, newRequestBlock(name, file->lineEnding));
    const HttpFile updated = reparsed(*file, blocks);
    RequestDefinition added;
    added.name = name;
    added.url = QStringLiteral("https://example.com/");
    QList<RequestDefinition> expected = file->requests;
    expected.append(added);
    if (!readsBackAs(updated, expected, error) || !HttpFileWriter::save(updated, error))
        return false;
    *index = position;
    m_relocations.append({QString(), -1, filePath, position});
    return true;
}

bool WorkspaceEditor::addFile(const QString &folder, const QString &name, bool withRequest,
                              QString *path, QString *error)
{
    if (const QString problem = checkName(name); !problem.isEmpty()) {
        *error = QStringLiteral("No file created in %1: %2").arg(relative(folder), problem);
        return false;
    }
    QString fileName = name.trimmed();
    if (!isRequestFileName(fileName))
        fileName += QLatin1String(".http");
    const QString target = QDir(folder).filePath(fileName);
    if (!insideRoot(folder) || !QFileInfo(folder).isDir()) {
        *error = QStringLiteral("%1 is not a folder of the workspace").arg(relative(folder));
        return false;
    }
    if (QFileInfo::exists(target)) {
        *error = QStringLiteral("%1 already exists; pick another name").arg(relative(target));
        return false;
    }
    const QByteArray bytes = withRequest ? newRequestBlock(newRequestName(), "\n") : QByteArray();
    if (!writeNewFile(target, bytes, error))
        return false;
    *path = target;
    m_relocations.append({QString(), -1, target, withRequest ? 0 : -1});
    return true;
}

bool WorkspaceEditor::addFolder(const QString &parentFolder, const QString &name, QString *path,
                                QString *error)
{
    if (const QString problem = checkName(name); !problem.isEmpty()) {
        *error = QStringLiteral("No folder created in %1: %2").arg(relative(parentFolder), problem);
        return false;
    }
    if (!insideRoot(parentFolder) || !QFileInfo(parentFolder).isDir()) {
        *error = QStringLiteral("%1 is not a folder of the workspace").arg(relative(parentFolder));
        return false;
    }
    const QString target = QDir(parentFolder).filePath(name.trimmed());
    if (QFileInfo::exists(target)) {
        *error = QStringLiteral("%1 already exists; pick another name").arg(relative(target));
        return false;
    }
    if (!QDir(parentFolder).mkdir(name.trimmed())) {
        *error = QStringLiteral("Could not create the folder %1; check that you may write in %2")
                     .arg(relative(target), relative(parentFolder));
        return false;
    }
    *path = target;
    m_relocations.append({QString(), -1, target, -1});
    return true;
}

bool WorkspaceEditor::renameRequest(const QString &filePath, int index, const QString &name,
                                    QString *error)
{
    const HttpFile *file = requestAt(filePath, index, error);
    if (!file)
        return false;
    const QString newName = name.trimmed();
    if (newName.isEmpty() || newName.contains(QLatin1Char('\n'))) {
        *error = QStringLiteral("Not renamed: a request's name is one line of text");
        return false;
    }
    for (int i = 0; i < file->requests.size(); ++i) {
        if (i != index && file->requests[i].name == newName) {
            *error = QStringLiteral("Not renamed: %1 already has a request named \"%2\"; pick "
                                    "another name")
                         .arg(relative(filePath), newName);
            return false;
        }
    }
    QList<QByteArray> blocks = file->blocks;
    const RequestDefinition &request = file->requests[index];
    // A "# @name" line is edited where it is; a "###" line may have to be added, and then
    // the file's head (its variables) must stay above it.
    const int block = request.nameSource == RequestDefinition::NameSource::Directive
                          ? request.block
                          : splitHead(&blocks, *file, index);
    blocks[block] = renamedBlock(blocks[block], request, newName, file->lineEnding);
    const HttpFile updated = reparsed(*file, blocks);
    QList<RequestDefinition> expected = file->requests;
    expected[index].name = newName;
    if (!readsBackAs(updated, expected, error) || !HttpFileWriter::save(updated, error))
        return false;
    m_relocations.append({filePath, index, filePath, index});
    return true;
}

bool WorkspaceEditor::renamePath(const QString &path, const QString &name, QString *newPath,
                                 QString *error)
{
    if (const QString problem = checkName(name); !problem.isEmpty()) {
        *error = QStringLiteral("%1 is not renamed: %2").arg(relative(path), problem);
        return false;
    }
    const QFileInfo info(path);
    if (!info.exists() || !insideRoot(path) || QDir::cleanPath(path) == m_workspace.root()) {
        *error = QStringLiteral("%1 is not a file or folder inside the workspace")
                     .arg(QDir::toNativeSeparators(path));
        return false;
    }
    QString newName = name.trimmed();
    if (info.isFile() && !isRequestFileName(newName)) // keeps its kind: .http or .rest
        newName += QLatin1Char('.') + info.suffix().toLower();
    const QString target = info.dir().filePath(newName);
    if (target == info.absoluteFilePath()) {
        *newPath = target;
        return true;
    }
    // A change of case only is a rename on case-insensitive file systems, not a clash.
    if (QFileInfo::exists(target) &&
        target.compare(info.absoluteFilePath(), Qt::CaseInsensitive) != 0) {
        *error = QStringLiteral("%1 is not renamed: %2 already exists; pick another name")
                     .arg(relative(path), relative(target));
        return false;
    }
    const QString failure = QStringLiteral("Could not rename %1 to %2; check that no other "
                                           "program holds it and that you may write in its folder")
                                .arg(relative(path), newName);
    if (!relocate(info.absoluteFilePath(), target, failure, error))
        return false;
    *newPath = target;
    m_relocations.append({info.absoluteFilePath(), -1, target, -1});
    return true;
}

bool WorkspaceEditor::duplicateRequest(const QString &filePath, int index, int *copyIndex,
                                       QString *error)
{
    const HttpFile *file = requestAt(filePath, index, error);
    if (!file)
        return false;
    const RequestDefinition &original = file->requests[index];
    const QString name = uniqueName(*file, original.displayName() + QStringLiteral(" copy"));
    QList<QByteArray> blocks = file->blocks;
    const int block = splitHead(&blocks, *file, index);
    QByteArray copy = renamedBlock(blocks[block], original, name, file->lineEnding);
    if (block + 1 < blocks.size() && !copy.endsWith('\n'))
        copy += file->lineEnding;
    if (!blocks[block].endsWith('\n'))
        blocks[block] += file->lineEnding;
    blocks.insert(block + 1, copy);
    const HttpFile updated = reparsed(*file, blocks);
    QList<RequestDefinition> expected = file->requests;
    RequestDefinition copied = original;
    copied.name = name;
    expected.insert(index + 1, copied);
    if (!readsBackAs(updated, expected, error) || !HttpFileWriter::save(updated, error))
        return false;
    *copyIndex = index + 1;
    m_relocations.append({QString(), -1, filePath, index + 1});
    return true;
}

bool WorkspaceEditor::moveRequest(const QString &fromFile, int index, const QString &toFile,
                                  int position, int *newIndex, QString *error)
{
    const HttpFile *source = requestAt(fromFile, index, error);
    const HttpFile *destination = source ? fileAt(toFile, error) : nullptr;
    if (!destination)
        return false;
    const RequestDefinition &request = source->requests[index];
    position = qBound(0, position, int(destination->requests.size()));

    if (source == destination) {
        const int to = position > index ? position - 1 : position;
        if (to == index) {
            *newIndex = index;
            return true;
        }
        QList<QByteArray> blocks = source->blocks;
        const int block = splitHead(&blocks, *source, index);
        QByteArray moving = blocks.takeAt(block);
        // Re-read the file without it, so positions count what is left.
        const HttpFile without = reparsed(*source, blocks);
        if (without.requests.size() != source->requests.size() - 1)
            return readsBackAs(without, {}, error);
        blocks = without.blocks;
        insertAt(&blocks, without, to, moving);
        const HttpFile updated = reparsed(*source, blocks);
        QList<RequestDefinition> expected = source->requests;
        expected.move(index, to);
        if (!readsBackAs(updated, expected, error) || !HttpFileWriter::save(updated, error))
            return false;
        *newIndex = to;
        m_relocations.append({fromFile, index, toFile, to});
        return true;
    }

    if (!request.name.isEmpty()) {
        for (const RequestDefinition &other : destination->requests) {
            if (other.name == request.name) {
                *error = QStringLiteral("Not moved: %1 already has a request named \"%2\"; "
                                        "rename one of them first")
                             .arg(relative(toFile), request.name);
                return false;
            }
        }
    }
    // Both files are checked before either is written.
    if (!HttpFileWriter::canOverwrite(*source, error) ||
        !HttpFileWriter::canOverwrite(*destination, error))
        return false;
    // File references ("< ./file" lines, handlers naming files) are relative to the file's
    // folder: they must name the same files from the destination's. Only the moving request's
    // lines change.
    const FileReferenceRewriter references(QFileInfo(fromFile).absolutePath(),
                                           QFileInfo(toFile).absolutePath());
    QList<QByteArray> sourceBlocks = references.rewriteRequest(*source, index);
    const int block = splitHead(&sourceBlocks, *source, index);
    const QByteArray moving =
        withLineEnding(sourceBlocks.takeAt(block), source->lineEnding, destination->lineEnding);
    const HttpFile sourceUpdated = reparsed(*source, sourceBlocks);
    QList<RequestDefinition> sourceExpected = source->requests;
    sourceExpected.removeAt(index);

    QList<QByteArray> destinationBlocks = destination->blocks;
    insertAt(&destinationBlocks, *destination, position, moving);
    const HttpFile destinationUpdated = reparsed(*destination, destinationBlocks);
    QList<RequestDefinition> destinationExpected = destination->requests;
    RequestDefinition moved = request;
    moved.body = references.rewriteBody(request.body);
    moved.responseHandlers = references.rewriteHandlers(request.responseHandlers);
    destinationExpected.insert(position, moved);

    if (!readsBackAs(sourceUpdated, sourceExpected, error) ||
        !readsBackAs(destinationUpdated, destinationExpected, error))
        return false;
    // The destination first: if writing the source fails, the request is in both files
    // rather than in neither.
    if (!HttpFileWriter::save(destinationUpdated, error))
        return false;
    if (!HttpFileWriter::save(sourceUpdated, error)) {
        *error = QStringLiteral("The request was copied to %1 but could not be taken out of %2 "
                                "(%3); it is now in both files: delete one of them.")
                     .arg(relative(toFile), relative(fromFile), *error);
        m_relocations.append({QString(), -1, toFile, position});
        return false;
    }
    *newIndex = position;
    m_relocations.append({fromFile, index, toFile, position});
    return true;
}

bool WorkspaceEditor::movePath(const QString &path, const QString &toFolder, QString *newPath,
                               QString *error)
{
    const QFileInfo info(path);
    const QString from = QDir::cleanPath(info.absoluteFilePath());
    const QString folder = QDir::cleanPath(QFileInfo(toFolder).absoluteFilePath());
    if (!info.exists() || !insideRoot(from) || from == m_workspace.root()) {
        *error = QStringLiteral("%1 is not a file or folder inside the workspace")
                     .arg(QDir::toNativeSeparators(path));
        return false;
    }
    if (!QFileInfo(folder).isDir() || !insideRoot(folder)) {
        *error = QStringLiteral("%1 is not moved: %2 is not a folder of the workspace")
                     .arg(relative(from), QDir::toNativeSeparators(toFolder));
        return false;
    }
    if (info.isDir() && (folder == from || folder.startsWith(from + QLatin1Char('/')))) {
        *error = QStringLiteral("%1 is not moved: a folder cannot go into itself or one of its "
                                "sub-folders")
                     .arg(relative(from));
        return false;
    }
    const QString target = QDir(folder).filePath(info.fileName());
    if (target == from) {
        *newPath = target;
        return true;
    }
    if (QFileInfo::exists(target)) {
        *error = QStringLiteral("%1 is not moved: %2 already exists; rename one of them first")
                     .arg(relative(from), relative(target));
        return false;
    }
    const QString failure = QStringLiteral("Could not move %1 to %2; check that no other "
                                           "program holds it and that you may write in both "
                                           "folders")
                                .arg(relative(from), relative(folder));
    if (!relocate(from, target, failure, error))
        return false;
    *newPath = target;
    m_relocations.append({from, -1, target, -1});
    return true;
}

bool WorkspaceEditor::relocate(const QString &from, const QString &to, const QString &renameFailure,
                               QString *error)
{
    // The .http files that move, with their references to files outside what moves rewritten
    // (FileReferenceRewriter; references inside it move along and stay as written). Every
    // file is checked before anything is written.
    const QString movedFrom = QDir::cleanPath(from);
    const QString movedTo = QDir::cleanPath(to);
    struct Rewrite {
        const HttpFile *original;
        HttpFile updated;
    };
    QList<Rewrite> rewrites;
    for (const HttpFile &file : m_workspace.files()) {
        const QString filePath = QDir::cleanPath(file.path);
        if (filePath != movedFrom && !filePath.startsWith(movedFrom + QLatin1Char('/')))
            continue;
        const QString newFilePath = movedTo + filePath.mid(movedFrom.size());
        const FileReferenceRewriter references(QFileInfo(filePath).absolutePath(),
                                               QFileInfo(newFilePath).absolutePath(), movedFrom,
                                               movedTo);
        QList<RequestDefinition> expected;
        const HttpFile updated = references.rewriteFile(file, &expected);
        if (updated.blocks == file.blocks)
            continue;
        if (!HttpFileWriter::canOverwrite(file, error) || !readsBackAs(updated, expected, error)) {
            *error = QStringLiteral("%1 stays where it is: its \"< file\" references must be "
                                    "rewritten to follow it, and %2")
                         .arg(relative(from), *error);
            return false;
        }
        rewrites.append({&file, updated});
    }
    // Written in place first, then moved: a failure puts back what was written.
    const auto restore = [&](qsizetype count) {
        QStringList unrestored;
        for (qsizetype i = 0; i < count; ++i) {
            QString ignored;
            if (!writeNewFile(rewrites[i].original->path, rewrites[i].original->loadedBytes,
                              &ignored))
                unrestored.append(relative(rewrites[i].original->path));
        }
        if (!unrestored.isEmpty())
            *error += QStringLiteral(" Its file references were rewritten in %1 and could not "
                                     "be put back: check them there.")
                          .arg(unrestored.join(QStringLiteral(", ")));
    };
    for (qsizetype i = 0; i < rewrites.size(); ++i) {
        if (!HttpFileWriter::save(rewrites[i].updated, error)) {
            *error = QStringLiteral("%1 stays where it is: %2").arg(relative(from), *error);
            restore(i);
            return false;
        }
    }
    if (!QDir().rename(from, to)) {
        *error = renameFailure;
        restore(rewrites.size());
        return false;
    }
    return true;
}

bool WorkspaceEditor::removeRequest(const QString &filePath, int index, QString *error)
{
    const HttpFile *file = requestAt(filePath, index, error);
    if (!file)
        return false;
    QList<QByteArray> blocks = file->blocks;
    blocks.removeAt(splitHead(&blocks, *file, index));
    const HttpFile updated = reparsed(*file, blocks);
    QList<RequestDefinition> expected = file->requests;
    expected.removeAt(index);
    if (!readsBackAs(updated, expected, error) || !HttpFileWriter::save(updated, error))
        return false;
    m_relocations.append({filePath, index, QString(), -1});
    return true;
}

WorkspaceEditor::RemoveResult WorkspaceEditor::removePath(const QString &path, Removal removal,
                                                          QString *error)
{
    const QFileInfo info(path);
    const QString from = QDir::cleanPath(info.absoluteFilePath());
    if (!info.exists() || !insideRoot(from) || from == m_workspace.root()) {
        *error = QStringLiteral("%1 is not a file or folder inside the workspace")
                     .arg(QDir::toNativeSeparators(path));
        return RemoveResult::Failed;
    }
    if (removal == Removal::ToTrash) {
        QString inTrash;
        if (!QFile::moveToTrash(from, &inTrash))
            return RemoveResult::TrashUnavailable;
        if (inTrash.isEmpty() || QFileInfo(inTrash).isRelative() ||
            inTrash.startsWith(QDir::currentPath() + QLatin1String("/files/"))) {
            // Qt 6.4 with no usable trash folder "trashes" into ./files and ./info of the
            // current folder: put it back, and say there is no trash.
            QDir().rename(inTrash, from);
            const QString trashInfo =
                QStringLiteral("info/%1.trashinfo").arg(QFileInfo(inTrash).fileName());
            QFile::remove(trashInfo);
            QDir().rmdir(QStringLiteral("files"));
            QDir().rmdir(QStringLiteral("info"));
            if (!QFileInfo::exists(from)) {
                *error = QStringLiteral("%1 went to %2 instead of the trash; move it back by hand")
                             .arg(relative(from),
                                  QDir::toNativeSeparators(QFileInfo(inTrash).absoluteFilePath()));
                return RemoveResult::Failed;
            }
            return RemoveResult::TrashUnavailable;
        }
        m_relocations.append({from, -1, QString(), -1});
        return RemoveResult::Trashed;
    }
    const bool removed = info.isDir() ? QDir(from).removeRecursively() : QFile::remove(from);
    if (!removed) {
        *error = QStringLiteral("Could not delete %1 (or some of what it holds); check that "
                                "you may write there")
                     .arg(relative(from));
        // Part of a folder may be gone: the tree must be read again either way.
        m_relocations.append({from, -1, QString(), -1});
        return RemoveResult::Failed;
    }
    m_relocations.append({from, -1, QString(), -1});
    return RemoveResult::Deleted;
}

} // namespace mr
