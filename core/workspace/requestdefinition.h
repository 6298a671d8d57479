#pragma once

#include "http/sendoptions.h"
#include "requestassertion.h"

#include <QList>
#include <QString>
#include <QStringList>

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
    enum class NameSource { None, Separator, Directive };

    QString name; // from "# @name" or the text after "###"; may be empty
    NameSource nameSource = NameSource::None;
    QString method = QStringLiteral("GET");
    QString url; // may hold {{variables}}
    // As written after the URL, e.g. "HTTP/1.1" or "HTTP/2 (Prior Knowledge)"; empty when absent
    QString httpVersion;
    QList<Header> headers;
    QString body; // as written; "< ./file" lines stay as they are
    QList<Directive> directives;
    QStringList comments;     // other comment lines above the request line, verbatim
    QString responseHandlers; // "> {% … %}", "<> file" and "?? …" lines, kept verbatim
    QList<RequestAssertion> assertions; // the "?? …" lines, read (they stay in their place)
    int block = -1;                     // index in HttpFile::blocks
    int firstLine = 0;                  // the block's first line (after its ### separator)
    int requestLine = 0;                // the METHOD URL line
    int lastLine = 0;
    int bodyLine = 0; // the body's first line; 0: no body, or not from a file

    // The name, or "METHOD url" when it has none.
    QString displayName() const;
    // Whether a save would write the same request: name, method, URL, HTTP version, headers,
    // body and directives (not comments, handlers or where it sits in its file).
    bool sameContent(const RequestDefinition &other) const;
    bool hasDirective(const QString &directiveName) const;
    QString directive(const QString &directiveName) const;
    bool isWebSocket() const { return method == QLatin1String("WEBSOCKET"); }

    // The HTTP version the request line asks for: "HTTP/1.1" is Http1, "HTTP/2" and
    // "HTTP/2 (Prior Knowledge)" are Http2; nullopt for none or another version.
    std::optional<ProtocolChoice> requestLineProtocol() const;
    // "http1", "http1.1" or "http2": the directives that choose the HTTP version.
    static bool isProtocolDirective(const QString &directiveName);

    // The directives (and the request line's version) as send options; *problems gets a
    // message per unusable or unknown directive.
    SendOptions options(QStringList *problems = nullptr) const;
    // Durations as JetBrains writes them: "30" (seconds), "500 ms", "2 s", "1 m".
    static std::optional<int> parseDurationMs(const QString &text);
    static const QStringList &knownDirectives();

    friend bool operator==(const Header &a, const Header &b)
    {
        return a.name == b.name && a.value == b.value;
    }
    friend bool operator==(const Directive &a, const Directive &b)
    {
        return a.name == b.name && a.value == b.value;
    }
};

} // namespace mr
