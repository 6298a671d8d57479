#pragma once

#include "collectiondraft.h"

#include <QByteArray>
#include <QString>

namespace mr {

// Reads an Insomnia export, format 4 ({"_type": "export", "__export_format": 4, "resources":
// […]}, as JSON or YAML), into a collection draft. Resources are linked by _id/parentId:
// the workspace's requests go into a file named after it; each request group becomes a
// folder holding a file named after the group, sorted as Insomnia's sidebar sorts them
// (metaSortKey). Nunjucks variables ({{ _.x }}, {{ _['x-y'] }}) become {{x}}; {% uuid %} and
// {% now 'unix' %} / 'iso-8601' become our dynamic variables; other tags stay as written and
// are reported. The base environment becomes "$shared", sub-environments named environments
// (private ones go to the private file), folder environments file variables. Folder headers
// and authentication are applied to the requests that inherit them, because a .http file has
// no folder level. Everything else (gRPC and WebSocket requests, scripts, cookie jars, API
// specs, OAuth…) is reported, never silently dropped.
class InsomniaImporter
{
public:
    static bool looksLike(const QByteArray &data);
    static CollectionDraft read(const QByteArray &data, const QString &path);
};

} // namespace mr
