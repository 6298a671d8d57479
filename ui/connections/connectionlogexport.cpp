#include "connectionlogexport.h"

#include "connections/connectionlog.h"

#include <QDir>
#include <QFileDialog>
#include <QPointer>

namespace mr {

void ConnectionLogExport::chooseAndWrite(QWidget *parent, const ConnectionLog *log, Format format,
                                         const QString &baseName,
                                         const std::function<void(const QString &)> &done,
                                         const SecretsProvider &secrets)
{
    const bool har = format == Format::Har;
    const QString suffix = har ? QStringLiteral("har") : QStringLiteral("csv");
    auto *dialog = new QFileDialog(parent,
                                   har ? QFileDialog::tr("Export the exchanges as HAR")
                                       : QFileDialog::tr("Export the summary as CSV"),
                                   QString(),
                                   har ? QFileDialog::tr("HAR files (*.har)")
                                       : QFileDialog::tr("CSV files (*.csv)"));
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(suffix);
    dialog->selectFile(baseName + QLatin1Char('.') + suffix);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QPointer<const ConnectionLog> alive(log);
    QObject::connect(
        dialog, &QFileDialog::fileSelected, dialog,
        [alive, format, done, secrets](const QString &path) {
            if (!alive) // the run went while the dialog was open
                return;
            QString error;
            done(ConnectionLogWriter::write(*alive, format, path, &error, secrets)
                     ? QFileDialog::tr("Written to %1").arg(QDir::toNativeSeparators(path))
                     : QFileDialog::tr("Not written: %1 \u2014 choose another folder.").arg(error));
        });
    dialog->open();
}

} // namespace mr
