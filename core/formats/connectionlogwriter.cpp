#include "connectionlogwriter.h"

#include "connections/connectionlog.h"
#include "connections/connectionsummary.h"
#include "formats/harwriter.h"

#include <QCoreApplication>

namespace mr {

bool ConnectionLogWriter::write(const ConnectionLog &log, Format format, const QString &path,
                                QString *error, const SecretsProvider &secrets)
{
    if (format == Format::Har) {
        const SecretRedactor redactor = secrets ? secrets() : SecretRedactor();
        QList<Exchange> exchanges = log.exchanges();
        for (Exchange &exchange : exchanges)
            exchange = redactor.redacted(exchange);
        return HarWriter::write(path, exchanges, QCoreApplication::applicationVersion(), error);
    }
    return ConnectionSummary::of(log).writeCsv(path, error);
}

} // namespace mr
