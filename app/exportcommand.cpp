#include "exportcommand.h"

#include "formats/curlexporter.h"
#include "formats/postmanexporter.h"
#include "workspace/environmentset.h"
#include "workspace/workspace.h"
#include "workspace/workspacesettings.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

#include <cstdio>

namespace {

int usage(const QString &message)
{
    std::fprintf(stderr, "microrequests export: %s\n", qPrintable(message));
    return 2;
}

bool writeOutput(const QString &path, const QByteArray &bytes, QString *error)
{
    if (path.isEmpty() || path == QLatin1String("-")) {
        std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
        return true;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

// A folder or a file as one Postman collection named after it.
int exportPostman(const mr::Workspace &workspace, const QList<mr::HttpFile> &files,
                  const QFileInfo &target, const QString &environment, const QString &output)
{
    const QString base = target.isDir() ? target.absoluteFilePath() : target.absolutePath();
    const QString name = target.isDir() ? QDir(base).dirName() : target.completeBaseName();
    const mr::PostmanExporter::Result result =
        mr::PostmanExporter::collection(workspace, files, base, name, environment);
    for (const QString &problem : result.problems)
        std::fprintf(stderr, "warning: %s\n", qPrintable(problem));
    if (result.requests == 0)
        return usage(QStringLiteral("nothing to export"));
    QString error;
    if (!writeOutput(output, result.json, &error))
        return usage(error);
    return 0;
}

} // namespace

int ExportCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Exports a .http file or a workspace folder (PATH) to another format."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("PATH"),
                                 QStringLiteral("A .http file or a folder."));
    parser.addOptions({
        {QStringLiteral("format"), QStringLiteral("curl or postman."), QStringLiteral("F")},
        {QStringLiteral("output"),
         QStringLiteral("Write here (atomically) instead of to standard output."),
         QStringLiteral("FILE")},
        {QStringLiteral("env"),
         QStringLiteral("curl: resolve variables with this environment. postman: its public "
                        "values become collection variables."),
         QStringLiteral("NAME")},
        {QStringLiteral("request"), QStringLiteral("curl: only the request with this name."),
         QStringLiteral("NAME")},
    });
    if (!parser.parse(QStringList{QStringLiteral("microrequests export")} + arguments))
        return usage(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return 0;
    }
    if (parser.positionalArguments().size() != 1)
        return usage(QStringLiteral("give exactly one PATH (see --help)"));
    const QString format = parser.value(QStringLiteral("format"));
    if (format != QLatin1String("curl") && format != QLatin1String("postman"))
        return usage(
            format.isEmpty()
                ? QStringLiteral("name the format with --format curl or --format postman")
                : QStringLiteral("unknown --format %1; expected curl or postman").arg(format));
    const QFileInfo target(parser.positionalArguments().first());
    if (!target.exists())
        return usage(QStringLiteral("%1: no such file or folder").arg(target.filePath()));

    const mr::Workspace workspace =
        mr::Workspace::load(mr::Workspace::rootFor(target.absoluteFilePath()));
    const QString environment = parser.value(QStringLiteral("env"));
    if (!environment.isEmpty() && !workspace.environments().contains(environment))
        return usage(QStringLiteral("no environment \"%1\" in %2 (have: %3)")
                         .arg(environment, workspace.root(),
                              workspace.environments().names().join(QStringLiteral(", "))));
    const QString prefix = target.absoluteFilePath();
    QList<mr::HttpFile> files;
    for (const mr::HttpFile &file : workspace.files()) {
        if (file.path == prefix ||
            (target.isDir() && file.path.startsWith(prefix + QLatin1Char('/'))))
            files.append(file);
    }
    if (files.isEmpty())
        return usage(QStringLiteral("%1: no .http or .rest files").arg(target.filePath()));
    bool broken = false;
    for (const mr::HttpFile &file : std::as_const(files)) {
        for (const mr::Diagnostic &d : file.diagnostics) {
            std::fprintf(stderr, "%s\n", qPrintable(d.toString()));
            broken = broken || d.severity == mr::Diagnostic::Severity::Error;
        }
    }
    if (broken)
        return usage(QStringLiteral("fix the errors above first"));

    if (format == QLatin1String("postman") && parser.isSet(QStringLiteral("request")))
        return usage(QStringLiteral("--request works with --format curl; a Postman export "
                                    "holds a whole file or folder"));
    if (format == QLatin1String("postman"))
        return exportPostman(workspace, files, target, environment,
                             parser.value(QStringLiteral("output")));

    const QString only = parser.value(QStringLiteral("request"));
    QString out;
    QStringList problems;
    int exported = 0;
    for (const mr::HttpFile &file : std::as_const(files)) {
        const mr::VariableExpander expander = workspace.expander(file, environment);
        QStringList commands;
        for (const mr::RequestDefinition &request : file.requests) {
            if (!only.isEmpty() && request.name != only)
                continue;
            const QString command = mr::CurlExporter::command(
                request, expander, QFileInfo(file.path).absolutePath(), &problems);
            if (command.isEmpty())
                continue;
            commands.append(QStringLiteral("# ") + request.displayName().simplified() +
                            QLatin1Char('\n') + command);
            ++exported;
        }
        if (commands.isEmpty())
            continue;
        if (target.isDir())
            out += QStringLiteral("# === %1\n\n")
                       .arg(QDir(workspace.root()).relativeFilePath(file.path));
        out += commands.join(QStringLiteral("\n\n")) + QStringLiteral("\n\n");
    }
    for (const QString &problem : std::as_const(problems))
        std::fprintf(stderr, "warning: %s\n", qPrintable(problem));
    if (exported == 0)
        return usage(only.isEmpty() ? QStringLiteral("nothing to export")
                                    : QStringLiteral("no request named \"%1\"").arg(only));
    QString error;
    if (!writeOutput(parser.value(QStringLiteral("output")), out.trimmed().toUtf8() + '\n', &error))
        return usage(error);
    return 0;
}
