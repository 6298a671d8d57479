#pragma once

// What the OpenAPI suites share: the pet store fixtures (OPENAPI_FIXTURES), a description
// written inline with the usual header, and finding requests, headers and variables in the
// draft.
#include "formats/collectiondraft.h"
#include "formats/openapiimporter.h"

#include <QFile>

namespace openapitest {

using namespace mr;

inline QByteArray fixture(const QString &name)
{
    QFile file(QStringLiteral(OPENAPI_FIXTURES "/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read fixture %s", qPrintable(name));
    return file.readAll();
}

inline QString lines(const QList<Diagnostic> &diagnostics)
{
    QStringList out;
    for (const Diagnostic &d : diagnostics)
        out.append(d.toString());
    return out.join(QLatin1Char('\n'));
}

inline CollectionDraft importYaml(const QByteArray &yaml)
{
    return OpenApiImporter::read(yaml, QStringLiteral("api.yaml"));
}

// A description with the usual header, and the given paths and components.
inline QByteArray spec(const QByteArray &rest, const QByteArray &version = "3.0.3")
{
    return "openapi: " + version +
           "\n"
           "info: {title: T, version: '1'}\n"
           "servers: [{url: 'https://api.example.com'}]\n" +
           rest;
}

const RequestDefinition *request(const CollectionDraft &draft, const QString &name)
{
    for (const CollectionDraft::File &file : draft.files) {
        for (const RequestDefinition &r : file.requests) {
            if (r.name == name)
                return &r;
        }
    }
    qWarning("no request named %s", qPrintable(name));
    return nullptr;
}

inline QString header(const RequestDefinition *r, const QString &name)
{
    if (!r)
        return QStringLiteral("<no request>");
    for (const RequestDefinition::Header &h : r->headers) {
        if (h.name.compare(name, Qt::CaseInsensitive) == 0)
            return h.value;
    }
    return QString();
}

inline QString variable(const CollectionDraft::Variables &variables, const QString &name)
{
    for (const auto &[key, value] : variables) {
        if (key == name)
            return value;
    }
    return QStringLiteral("<unset>");
}

} // namespace openapitest
