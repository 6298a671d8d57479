// Helpers the importer suites share: finding requests, headers and notes in a draft, and
// proving that a draft's files read back as the same requests.
#pragma once

#include "formats/collectiondraft.h"
#include "formats/collectionwriter.h"
#include "workspace/httpfileparser.h"

#include <QFile>
#include <QTest>

namespace mr::test {

inline QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The 1-based line of the first occurrence of needle; 0 when absent.
inline int lineOf(const QByteArray &text, const QByteArray &needle)
{
    const qsizetype at = text.indexOf(needle);
    return at < 0 ? 0 : int(text.left(at).count('\n')) + 1;
}

inline const CollectionDraft::File *findFile(const CollectionDraft &draft, const QString &path)
{
    for (const CollectionDraft::File &file : draft.files) {
        if (file.path == path)
            return &file;
    }
    return nullptr;
}

inline const RequestDefinition *findRequest(const CollectionDraft &draft, const QString &name)
{
    for (const CollectionDraft::File &file : draft.files) {
        for (const RequestDefinition &request : file.requests) {
            if (request.name == name)
                return &request;
        }
    }
    return nullptr;
}

// The header's value, or a null string when the request has no such header.
inline QString header(const RequestDefinition &request, const QString &name)
{
    for (const RequestDefinition::Header &h : request.headers) {
        if (h.name.compare(name, Qt::CaseInsensitive) == 0)
            return h.value;
    }
    return QString();
}

inline QStringList headerNames(const RequestDefinition &request)
{
    QStringList names;
    for (const RequestDefinition::Header &h : request.headers)
        names.append(h.name);
    return names;
}

inline QStringList directiveNames(const RequestDefinition &request)
{
    QStringList names;
    for (const RequestDefinition::Directive &d : request.directives)
        names.append(d.name);
    return names;
}

// Notes whose message contains all the given parts.
inline QList<Diagnostic> notesWith(const CollectionDraft &draft, const QStringList &parts)
{
    QList<Diagnostic> found;
    for (const Diagnostic &note : draft.notes) {
        bool all = true;
        for (const QString &part : parts)
            all = all && note.message.contains(part);
        if (all)
            found.append(note);
    }
    return found;
}

inline QString allNotes(const CollectionDraft &draft)
{
    QStringList lines;
    for (const Diagnostic &note : draft.notes)
        lines.append(note.toString());
    return lines.join(QLatin1Char('\n'));
}

// Renders each file and parses it back: the same requests, names, comments and directives,
// and no errors. Returns what differs, empty when everything reads back.
inline QString readBackDifferences(const CollectionDraft &draft)
{
    QStringList problems;
    for (const CollectionDraft::File &file : draft.files) {
        const HttpFile back = HttpFileParser::parse(CollectionWriter::renderFile(file), file.path);
        for (const Diagnostic &d : back.diagnostics) {
            if (d.severity == Diagnostic::Severity::Error)
                problems.append(d.toString());
        }
        if (back.variables != file.variables)
            problems.append(file.path + QStringLiteral(": file variables differ"));
        if (back.requests.size() != file.requests.size()) {
            problems.append(file.path + QStringLiteral(": %1 requests read back, %2 written")
                                            .arg(back.requests.size())
                                            .arg(file.requests.size()));
            continue;
        }
        for (qsizetype i = 0; i < file.requests.size(); ++i) {
            const RequestDefinition &a = file.requests[i];
            const RequestDefinition &b = back.requests[i];
            if (a.name != b.name || a.method != b.method || a.url != b.url ||
                a.headers != b.headers || a.body != b.body || a.comments != b.comments ||
                a.directives != b.directives)
                problems.append(file.path + QStringLiteral(": request \"%1\" differs").arg(a.name));
        }
    }
    return problems.join(QLatin1Char('\n'));
}

// The auth cases the Postman and Insomnia fixtures share (auth.postman_collection.json and
// auth.json name their requests alike): the request's name, the Authorization line it gets
// (null: none) and words of the note it gets (empty: none). Each suite adds its own rows.
inline void addSharedAuthenticationRows()
{
    QTest::addColumn<QString>("request");
    QTest::addColumn<QString>("authorization");
    QTest::addColumn<QString>("note");
    QTest::newRow("basic") << "Basic"
                           << "Basic ada {{password}}"
                           << "";
    QTest::newRow("basic with spaces, as base64")
        << "Basic with spaces"
        << "Basic " + QString::fromLatin1(QByteArray("ada lovelace:open sesame").toBase64()) << "";
    QTest::newRow("basic, no password, with a variable")
        << "Basic without password" << QString() << "empty or spaced";
    QTest::newRow("digest") << "Digest"
                            << "Digest ada pw"
                            << "";
    QTest::newRow("oauth2") << "OAuth 2" << QString() << "oauth2 authentication is not";
    QTest::newRow("own header wins") << "Own header"
                                     << "Custom abc"
                                     << "own Authorization";
}

// The request's Authorization line is `authorization` (null: none); with `note`, exactly one
// note names the request (in quotes) with those words, and *noteLine is its line.
inline void checkAuthentication(const CollectionDraft &draft, const QString &request,
                                const QString &authorization, const QString &note, int *noteLine)
{
    *noteLine = 0;
    const RequestDefinition *found = findRequest(draft, request);
    QVERIFY2(found, qPrintable(request));
    QCOMPARE(header(*found, "Authorization"), authorization);
    if (note.isEmpty())
        return;
    const QList<Diagnostic> notes = notesWith(draft, {"\"" + request + "\"", note});
    QCOMPARE(notes.size(), 1);
    *noteLine = notes.first().line;
}

// The current row of addSharedAuthenticationRows() (and the suite's own rows) checked on
// `draft`, as checkAuthentication does.
inline void checkAuthenticationRow(const CollectionDraft &draft, int *noteLine)
{
    QFETCH(QString, request);
    QFETCH(QString, authorization);
    QFETCH(QString, note);
    checkAuthentication(draft, request, authorization, note, noteLine);
}

// A file that is not JSON: one error at the line of `at` in `text` (the file at `path`),
// nothing read.
inline void checkOneJsonErrorAt(const CollectionDraft &draft, const QString &path,
                                const QByteArray &text, const QByteArray &at)
{
    QCOMPARE(draft.errors.size(), 1);
    const Diagnostic &e = draft.errors.first();
    QCOMPARE(e.file, path);
    QCOMPARE(e.line, lineOf(text, at));
    QVERIFY(e.column >= 1);
    QVERIFY2(e.message.contains("invalid JSON"), qPrintable(e.message));
    QVERIFY(draft.files.isEmpty());
}

// The raw bodies both the Postman and the Insomnia body fixtures hold, read alike: JSON kept
// as written with only its Content-Type, XML typed and its CRLF noted, text whose lines would
// break the file shifted and noted, a request without a body.
inline void checkSharedRawBodies(const CollectionDraft &draft)
{
    const RequestDefinition *json = findRequest(draft, "JSON");
    QVERIFY(json);
    QCOMPARE(json->body, QStringLiteral("{\n  \"a\": 1,\n  \"b\": [true, null]\n}"));
    QCOMPARE(headerNames(*json), QStringList({"Content-Type"}));
    const RequestDefinition *xml = findRequest(draft, "XML");
    QVERIFY(xml);
    QCOMPARE(header(*xml, "Content-Type"), QStringLiteral("application/xml"));
    QCOMPARE(xml->body, QStringLiteral("<order>\n<id>7</id>\n</order>"));
    QCOMPARE(notesWith(draft, {"\"XML\"", "CRLF"}).size(), 1);
    const RequestDefinition *text = findRequest(draft, "Text");
    QVERIFY(text);
    QCOMPARE(text->body,
             QStringLiteral("first line\n ### not a separator\n > not a handler\nlast"));
    QCOMPARE(notesWith(draft, {"\"Text\"", "body line 2, 3"}).size(), 1);
    QVERIFY(findRequest(draft, "No body")->body.isEmpty());
}

// The url-encoded form both body fixtures hold, with the disabled field "remember" noted;
// the note, for the suite to place.
inline void checkSharedFormBody(const CollectionDraft &draft, QList<Diagnostic> *remember)
{
    const RequestDefinition *form = findRequest(draft, "Form");
    QVERIFY(form);
    QCOMPARE(form->body,
             QStringLiteral("user=ada+lovelace&password={{password}}&note=50%25+%26+more"));
    QCOMPARE(header(*form, "Content-Type"), QStringLiteral("application/x-www-form-urlencoded"));
    *remember = notesWith(draft, {"disabled form field \"remember\""});
    QCOMPARE(remember->size(), 1);
}

// Writes the draft into `dir` as a workspace of `files` files, and checks that the writer
// found nothing that reads back differently.
inline void checkWrittenCleanly(const CollectionDraft &draft, const QString &dir, int files)
{
    const CollectionWriter::Result result = CollectionWriter::write(draft, dir);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.written.size(), files);
    QCOMPARE(result.notes.size(), draft.notes.size());
}

} // namespace mr::test
