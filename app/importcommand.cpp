#include "importcommand.h"

#include "formats/collectionimporter.h"
#include "formats/collectionwriter.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>

#include <cstdio>

namespace {

int usage(const QString &message)
{
    std::fprintf(stderr, "microrequests import: %s\n", qPrintable(message));
    return 2;
}

} // namespace

int ImportCommand::run(const QStringList &arguments)
{
    const QString formats = mr::CollectionImporter::formats().join(QLatin1Char('|'));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Imports FILE (\"-\" for standard input) into the workspace folder DIR as .http\n"
        "files and environments. Existing files are never overwritten."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("The file to import."));
    parser.addOptions({
        {QStringLiteral("format"),
         QStringLiteral("%1 (default: recognised from the content).").arg(formats),
         QStringLiteral("F")},
        {QStringLiteral("into"),
         QStringLiteral("The workspace folder to write into (created if missing)."),
         QStringLiteral("DIR")},
    });
    if (!parser.parse(QStringList{QStringLiteral("microrequests import")} + arguments))
        return usage(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return 0;
    }
    if (parser.positionalArguments().size() != 1)
        return usage(QStringLiteral("give exactly one FILE (see --help)"));
    if (!parser.isSet(QStringLiteral("into")))
        return usage(QStringLiteral("say where to write with --into DIR"));

    const QString path = parser.positionalArguments().first();
    QFile input;
    const bool fromStdin = path == QLatin1String("-");
    if (fromStdin ? !input.open(stdin, QIODevice::ReadOnly)
                  : (input.setFileName(path), !input.open(QIODevice::ReadOnly)))
        return usage(QStringLiteral("%1: %2").arg(path, input.errorString()));
    const QByteArray data = input.readAll();

    QString format = parser.value(QStringLiteral("format"));
    if (format.isEmpty()) {
        format = mr::CollectionImporter::sniff(data);
        if (format.isEmpty())
            return usage(QStringLiteral("%1: not a format I recognise; name it with --format %2")
                             .arg(path, formats));
    } else if (!mr::CollectionImporter::formats().contains(format)) {
        return usage(QStringLiteral("unknown --format %1; expected %2").arg(format, formats));
    }

    const mr::CollectionDraft draft = mr::CollectionImporter::read(format, data, path);
    if (draft.hasErrors()) {
        for (const mr::Diagnostic &error : draft.errors)
            std::fprintf(stderr, "%s\n", qPrintable(error.toString()));
        std::fprintf(stderr, "microrequests import: nothing was written\n");
        return 2;
    }
    const QString folder = parser.value(QStringLiteral("into"));
    const mr::CollectionWriter::Result result = mr::CollectionWriter::write(draft, folder);
    for (const mr::Diagnostic &note : result.notes)
        std::fprintf(stderr, "%s\n", qPrintable(note.toString()));
    if (!result.ok) {
        std::fprintf(stderr, "microrequests import: %s\n", qPrintable(result.error));
        return 2;
    }
    std::printf("Imported %d request%s (%s) into %s:\n", draft.requestCount(),
                draft.requestCount() == 1 ? "" : "s", qPrintable(format),
                qPrintable(QDir::toNativeSeparators(folder)));
    for (const QString &file : result.written)
        std::printf("  %s\n", qPrintable(file));
    if (!result.notes.isEmpty())
        std::printf("%lld note%s about what was not carried over: see above.\n",
                    static_cast<long long>(result.notes.size()),
                    result.notes.size() == 1 ? "" : "s");
    return 0;
}
