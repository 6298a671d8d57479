#pragma once

#include <QList>
#include <QString>

namespace mr {

// One request as written in a .http file, before variables are resolved. Line numbers are
// 1-based and let the editor and error messages point into the file.
struct RequestDefinition {
    struct Header {
        QString name;
        QString value; // may hold {{variables}}
        int line = 0;
    };
    struct Directive { // "# @name value"
        QString name;
        QString value;
        int line = 0;
    };

    QString name; // from "# @name" or the text after "###"; may be empty
    QString method = QStringLiteral("GET");
    QString url;         // may hold {{variables}}
    QString httpVersion; // as written, e.g. "HTTP/1.1"; empty when absent
    QList<Header> headers;
    QString body;
    QList<Directive> directives;
    QString responseHandlers; // "> {% … %}" and "<> file" lines, kept verbatim
    int firstLine = 0;        // the block's first line (after its ### separator)
    int requestLine = 0;      // the METHOD URL line
    int lastLine = 0;

    // The name, or "METHOD url" when it has none.
    QString displayName() const;
    bool hasDirective(const QString &directiveName) const;
    QString directive(const QString &directiveName) const;
};

} // namespace mr
