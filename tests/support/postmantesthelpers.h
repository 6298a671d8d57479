#pragma once

// What the Postman import suites share: the fixtures (fixtures/postman beside the suite),
// importing one, and reading variables, paths and names out of the draft.
#include "formats/postmanimporter.h"
#include "importtesthelpers.h"

#include <QTest>

namespace postmantest {

using namespace mr;
using namespace mr::test;

inline QString fixturePath(const QString &name)
{
    return QFINDTESTDATA(QStringLiteral("fixtures/postman/") + name);
}

inline QByteArray fixture(const QString &name)
{
    return readFile(fixturePath(name));
}

inline CollectionDraft import(const QString &name)
{
    return PostmanImporter::read(fixture(name), fixturePath(name));
}

// The 1-based column of the first occurrence of needle; 0 when absent.
inline int columnOf(const QByteArray &text, const QByteArray &needle)
{
    const qsizetype at = text.indexOf(needle);
    return at < 0 ? 0 : int(at - text.lastIndexOf('\n', at));
}

inline QString value(const CollectionDraft::Variables &variables, const QString &name)
{
    for (const auto &[key, text] : variables) {
        if (key == name)
            return text;
    }
    return QString();
}

inline QStringList names(const CollectionDraft::Variables &variables)
{
    QStringList list;
    for (const auto &variable : variables)
        list.append(variable.first);
    return list;
}

inline QStringList paths(const CollectionDraft &draft)
{
    QStringList list;
    for (const CollectionDraft::File &file : draft.files)
        list.append(file.path);
    return list;
}

inline QStringList requestNames(const CollectionDraft::File &file)
{
    QStringList list;
    for (const RequestDefinition &request : file.requests)
        list.append(request.name);
    return list;
}

inline const QStringList Collections = {
    "shop.postman_collection.json", "legacy-v2.0.json", "auth.postman_collection.json",
    "bodies.postman_collection.json", "extras.postman_collection.json"};

} // namespace postmantest
