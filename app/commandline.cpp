#include "commandline.h"

#include <QCommandLineParser>
#include <QCoreApplication>

void CommandLine::describeApplication()
{
    QCoreApplication::setApplicationName(QStringLiteral("microrequests"));
    QCoreApplication::setOrganizationName(QStringLiteral("microrequests"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MR_VERSION));
}

void CommandLine::describeWindowOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QStringLiteral(
        "Microrequests — explore, test and understand microservice endpoints.\n\n"
        "Commands:\n"
        "  microrequests [PATH]          the window, on a workspace folder or .http file\n"
        "                                (else the last one; the demo workspace the first time)\n"
        "  microrequests run PATH...     run requests, check ?? assertions, report (CI)\n"
        "  microrequests demo-server     the demo microservice, headless\n"
        "  microrequests bench URL       load one endpoint; latency and connection reuse\n"
        "  microrequests import FILE     Postman, Insomnia, HAR, curl or OpenAPI into a workspace\n"
        "  microrequests export PATH     a .http file or folder as curl commands or Postman\n"
        "Each command has its own --help."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(
        {QStringLiteral("env"), QStringLiteral("Environment to select."), QStringLiteral("NAME")});
    parser.addPositionalArgument(QStringLiteral("PATH"),
                                 QStringLiteral("Workspace folder or .http file."),
                                 QStringLiteral("[PATH]"));
}
