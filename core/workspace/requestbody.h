#pragma once

#include "requestdefinition.h"

#include <QList>
#include <QString>

namespace mr {

// The body tab's view of a request: a mode, the Content-Type header, and the fields of that
// mode, read from and written back to RequestDefinition::body as the .http format holds it:
// - Raw: the text as written ("< ./file" lines inside it stay includes);
// - Form (application/x-www-form-urlencoded): "a=1&b=2" on one line, fields as written
//   (not decoded), split like a URL query (UrlQuery::splitQuery);
// - Multipart (multipart/form-data): parts between "--boundary" lines, a file part as a
//   "< ./path" line (MultipartBodyWriter's layout);
// - Binary: the whole body is one "< ./path" line.
// read() then applyTo() without edits leaves the request as it was; unedited multipart parts
// (and any text before the first or after the last boundary) keep their lines exactly.
// Disabled form fields and parts are not written: like disabled query params, the .http
// format cannot hold them, so they live only in the editor's memory.
class RequestBody
{
public:
    enum class Mode { None, Raw, Form, Multipart, Binary };
    enum class RawType { Json, Xml, Text, Other };

    struct Field {
        QString name;  // as written (still encoded)
        QString value; // as written (still encoded)
        bool enabled = true;
    };
    struct Part {
        QString name;
        QString value;       // a text part's content
        QString filePath;    // a file part: sent from this file ("< path"), relative to the file
        QString fileName;    // Content-Disposition's filename; defaults to filePath's file name
        QString contentType; // the part's own Content-Type; may be empty
        bool enabled = true;
        QString raw;              // the part's lines as read, kept when it is not edited
        QStringList otherHeaders; // part header lines other than the two above, kept

        bool isFile() const { return !filePath.isEmpty(); }
    };

    Mode mode = Mode::None;
    QString contentType; // the Content-Type header's value; empty: no header
    QString text;        // Raw
    QList<Field> fields; // Form
    QList<Part> parts;   // Multipart
    QString filePath;    // Binary

    static RequestBody read(const RequestDefinition &request);
    // Writes body and Content-Type into *request. An empty contentType removes the header; a
    // multipart one gets a boundary when it has none (an existing boundary is kept).
    void applyTo(RequestDefinition *request) const;

    // Switches mode as the editor's mode buttons do, with a fitting Content-Type: None clears
    // it, Form and Multipart set theirs, Raw and Binary keep one that suits them.
    void setMode(Mode newMode);
    static RawType rawType(const QString &contentType);
    static QString contentTypeFor(RawType type); // Other gives an empty string

    // For "validated as you type": empty when `json` is JSON, where a {{variable}} may stand
    // for a value ({"id": {{id}}}); else the first problem in plain words, with *line and
    // *column (1-based) where it is. Blank text is valid (no body).
    // How a body or part names a file the user picked: relative to the .http file's folder
    // ("./data.json", "../shared/logo.png"), so the workspace moves and clones intact.
    static QString filePathFrom(const QString &folder, const QString &absolutePath);
    static QString validateJson(const QString &json, int *line, int *column);

    friend bool operator==(const Field &a, const Field &b)
    {
        return a.name == b.name && a.value == b.value && a.enabled == b.enabled;
    }
    // Parts compare by what the editor shows (not raw).
    friend bool operator==(const Part &a, const Part &b)
    {
        return a.name == b.name && a.value == b.value && a.filePath == b.filePath &&
               a.fileName == b.fileName && a.contentType == b.contentType &&
               a.enabled == b.enabled && a.otherHeaders == b.otherHeaders;
    }
    friend bool operator==(const RequestBody &a, const RequestBody &b)
    {
        return a.mode == b.mode && a.contentType == b.contentType && a.text == b.text &&
               a.fields == b.fields && a.parts == b.parts && a.filePath == b.filePath;
    }

private:
    QStringList m_preamble;         // multipart: lines before the first boundary, kept
    QStringList m_epilogue;         // multipart: the closing boundary line and what follows
    bool m_readAsMultipart = false; // read() found parts (so a missing closing line stays so)
};

} // namespace mr
