#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace mr {

// Splits a multipart/form-data body into its parts, for the echo's form and files.
class DemoMultipart
{
public:
    struct Part {
        QString name;
        QString fileName; // null when the part is a plain field
        QByteArray contentType;
        QByteArray data;
    };
    // An unparsable body gives no parts.
    static QList<Part> parse(const QByteArray &body, const QByteArray &contentType);
};

} // namespace mr
