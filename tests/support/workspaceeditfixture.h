#pragma once

// What the workspace editing suites share: a temporary workspace with users.http and
// shop/orders.http, the files requests name (for moves that must keep them pointing at the
// same files), and reading requests back as they would be sent.
#include "bodybytes.h"
#include "workspace/httpfileparser.h"
#include "workspace/requestresolver.h"
#include "workspace/workspace.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QTemporaryDir>

#include <memory>

namespace workspacefixture {

using namespace mr;

inline const QByteArray Users = "# Users of the shop\n"
                                "@host = https://shop.example\n"
                                "\n"
                                "### List users\n"
                                "GET {{host}}/users\n"
                                "Accept: application/json\n"
                                "\n"
                                "### Create user\n"
                                "# @name createUser\n"
                                "POST {{host}}/users\n"
                                "Content-Type: application/json\n"
                                "\n"
                                "{\"name\": \"Ada\"}\n"
                                "\n"
                                "###\n"
                                "DELETE {{host}}/users/1\n";

// CRLF, and a first request without a "###" line (its head holds a variable and a comment).
inline const QByteArray Orders = "@host = https://shop.example\r\n"
                                 "# orders, newest first\r\n"
                                 "# @name listOrders\r\n"
                                 "GET {{host}}/orders\r\n"
                                 "\r\n"
                                 "### Get order\r\n"
                                 "GET {{host}}/orders/7\r\n";

inline const QByteArray Broken = "### Fine\n"
                                 "GET https://example.com/\n"
                                 "\n"
                                 "### Broken\n"
                                 "GET https://example.com/ HTTP/1.1 extra words\n";

inline QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("(unreadable)");
}

inline bool writeAll(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
           file.write(bytes) == bytes.size();
}

inline QStringList names(const QString &path)
{
    QStringList list;
    for (const RequestDefinition &request : HttpFileParser::parseFile(path).requests)
        list.append(request.displayName());
    return list;
}

// Requests that name files relative to their .http file (api/items.http), for the moves that
// must keep those names pointing at the same files.
inline const QByteArray CreateItem = "### Create item\n"
                                     "POST https://example.com/items\n"
                                     "Content-Type: application/json\n"
                                     "\n"
                                     "< ../data/payload.json\n"
                                     "\n";
inline const QByteArray Upload =
    "### Upload\n"
    "POST https://example.com/upload\n"
    "Content-Type: multipart/form-data; boundary=XYZ\n"
    "\n"
    "--XYZ\n"
    "Content-Disposition: form-data; name=\"title\"\n"
    "\n"
    "Logo\n"
    "--XYZ\n"
    "Content-Disposition: form-data; name=\"file\"; filename=\"logo.png\"\n"
    "Content-Type: image/png\n"
    "\n"
    "< ../data/logo.png\n"
    "--XYZ--\n"
    "\n";
// Its include sits among JSON lines; the "< ./local.json" line in the response handler is
// script text, not a body line, and stays.
inline const QByteArray Local = "### Local\n"
                                "POST https://example.com/local\n"
                                "Content-Type: application/json\n"
                                "\n"
                                "[\n"
                                "< ./local.json\n"
                                "]\n"
                                "\n"
                                "> {%\n"
                                "< ./local.json\n"
                                "%}\n"
                                "\n";
inline const QByteArray Templated = "### Templated\n"
                                    "POST https://example.com/templated\n"
                                    "\n"
                                    "< ./{{which}}.json\n"
                                    "\n";
inline const QByteArray Missing = "### Missing\n"
                                  "POST https://example.com/missing\n"
                                  "\n"
                                  "< ./not-yet.json\n"
                                  "\n";
// Written without "./": a rewritten path is written without it too.
inline const QByteArray Plain = "### Plain\n"
                                "POST https://example.com/plain\n"
                                "\n"
                                "< local.json\n"
                                "\n";
// Response handlers naming files (kept for other clients): a script, a file the response is
// saved to, and a previous response that is not there.
inline const QByteArray Handled = "### Handled\n"
                                  "GET https://example.com/handled\n"
                                  "\n"
                                  "> ../data/handler.js\n"
                                  ">> ../data/saved.json\n"
                                  "<> ./previous.json\n"
                                  "\n";
inline const QByteArray Existing = "### Existing\n"
                                   "GET https://example.com/\n"
                                   "\n";

// The .http file's requests, each resolved as it would be sent: its body's bytes (or why not).
inline QHash<QString, QByteArray> resolvedBodies(const QString &root, const QString &filePath)
{
    const Workspace workspace = Workspace::load(root);
    QHash<QString, QByteArray> bodies;
    const HttpFile *file = workspace.file(filePath);
    if (!file)
        return bodies;
    for (const RequestDefinition &request : file->requests) {
        RequestResolver::FileAccess files;
        files.baseFolder = QFileInfo(filePath).absolutePath();
        files.workspaceRoot = root;
        const RequestResolver::Result result =
            RequestResolver::resolve(request, workspace.expander(*file, QString()), files);
        bodies.insert(request.displayName(),
                      result.ok() ? bodyBytes(result.request) : "(error) " + result.error.toUtf8());
    }
    return bodies;
}

// `bytes` with the first `from` replaced by `to`.
inline QByteArray replaced(QByteArray bytes, const QByteArray &from, const QByteArray &to)
{
    const qsizetype at = bytes.indexOf(from);
    return at < 0 ? bytes : bytes.replace(at, from.size(), to);
}

} // namespace workspacefixture

class WorkspaceEditFixture : public QObject
{
protected:
    std::unique_ptr<QTemporaryDir> m_dir;

    QString path(const QString &relative) const { return m_dir->filePath(relative); }
    mr::Workspace workspace() const { return mr::Workspace::load(m_dir->path()); }

    // api/items.http names files in data/ and api/; other/, api/sub/ and the root hold one
    // request each, where requests are moved to.
    QString writeReferenceFixture()
    {
        using namespace workspacefixture;
        const QDir root(m_dir->path());
        for (const char *folder : {"api/sub", "data", "other"})
            root.mkpath(QLatin1String(folder));
        writeAll(path(QStringLiteral("data/payload.json")), "{\"id\": 1}\n");
        writeAll(path(QStringLiteral("data/logo.png")), "\x89PNG bytes");
        writeAll(path(QStringLiteral("api/local.json")), "{\"local\": true}");
        writeAll(path(QStringLiteral("data/handler.js")), "client.log('done');");
        writeAll(path(QStringLiteral("data/saved.json")), "{}");
        writeAll(path(QStringLiteral("data/absolute.json")), "{\"absolute\": true}");
        for (const char *file : {"other/more.http", "api/sub/deeper.http", "top.http"})
            writeAll(path(QLatin1String(file)), Existing);
        const QString items = path(QStringLiteral("api/items.http"));
        writeAll(items, "@which = local\n\n" + CreateItem + Upload + Local + absoluteBlock() +
                            Templated + Missing + Plain + Handled);
        return items;
    }

    QByteArray absoluteBlock() const
    {
        return "### Absolute\n"
               "POST https://example.com/absolute\n"
               "\n"
               "< " +
               path(QStringLiteral("data/absolute.json")).toUtf8() + "\n\n";
    }

    // A fresh workspace: users.http, shop/orders.http and an empty shop/archive/.
    bool createWorkspace()
    {
        using namespace workspacefixture;
        m_dir = std::make_unique<QTemporaryDir>();
        return m_dir->isValid() && QDir(m_dir->path()).mkpath(QStringLiteral("shop/archive")) &&
               writeAll(path(QStringLiteral("users.http")), Users) &&
               writeAll(path(QStringLiteral("shop/orders.http")), Orders);
    }
};
