#include "openapidocument.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

#include <algorithm>
#include <utility>
#include <vector>

namespace mr {

namespace {

constexpr int MaxRefHops = 64; // $ref chains

} // namespace

OpenApiDocument::OpenApiDocument(const QJsonObject &root, const JsonPositions &positions,
                                 const QString &path, CollectionDraft *draft)
    : ImporterBase(path, positions, draft, Repeats::ReportedOnce)
    , m_root(root)
{}

QStringList OpenApiDocument::orderedKeys(const QJsonObject &object, const QString &pointer) const
{
    std::vector<std::pair<std::pair<int, int>, QString>> keyed;
    const QStringList keys = object.keys();
    for (const QString &key : keys) {
        const Diagnostic at = positions().at(path(), JsonPositions::child(pointer, key), {});
        keyed.push_back({{at.line, at.column}, key});
    }
    std::stable_sort(keyed.begin(), keyed.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    QStringList result;
    for (const auto &entry : keyed)
        result.append(entry.second);
    return result;
}

QJsonValue OpenApiDocument::lookup(const QString &pointer, bool *found) const
{
    *found = true;
    QJsonValue current = m_root;
    if (pointer.isEmpty())
        return current;
    if (!pointer.startsWith(QLatin1Char('/'))) {
        *found = false;
        return {};
    }
    const QStringList parts = pointer.mid(1).split(QLatin1Char('/'));
    for (QString part : parts) {
        part.replace(QLatin1String("~1"), QLatin1String("/"));
        part.replace(QLatin1String("~0"), QLatin1String("~"));
        if (current.isObject() && current.toObject().contains(part)) {
            current = current.toObject().value(part);
        } else if (current.isArray()) {
            bool ok = false;
            const int index = part.toInt(&ok);
            if (!ok || index < 0 || index >= current.toArray().size()) {
                *found = false;
                return {};
            }
            current = current.toArray().at(index);
        } else {
            *found = false;
            return {};
        }
    }
    return current;
}

OpenApiDocument::Resolved OpenApiDocument::resolve(const QJsonValue &value, const QString &pointer)
{
    Resolved result{value, pointer, true};
    QSet<QString> seen;
    QJsonObject siblings;
    for (int hop = 0;
         result.value.isObject() && result.value.toObject().contains(QLatin1String("$ref"));
         ++hop) {
        const QJsonObject object = result.value.toObject();
        const QString refPointer = JsonPositions::child(result.pointer, QStringLiteral("$ref"));
        const QJsonValue refValue = object.value(QLatin1String("$ref"));
        if (!refValue.isString()) {
            error(refPointer, QStringLiteral("\"$ref\" must be a string"));
            return {QJsonValue(), pointer, false};
        }
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (it.key() != QLatin1String("$ref") && !siblings.contains(it.key()))
                siblings.insert(it.key(), it.value());
        }
        const QString ref = refValue.toString();
        if (!ref.startsWith(QLatin1Char('#'))) {
            note(refPointer,
                 QStringLiteral("the external reference \"%1\" is not followed (only "
                                "references within the document are); what it describes is "
                                "left out. Bundle the description into one file first, e.g. "
                                "with \"redocly bundle\"")
                     .arg(ref));
            return {QJsonValue(), pointer, false};
        }
        const QString target = QUrl::fromPercentEncoding(ref.mid(1).toUtf8());
        if (seen.contains(target) || hop >= MaxRefHops) {
            error(refPointer, QStringLiteral("\"$ref\": \"%1\" refers back to itself").arg(ref));
            return {QJsonValue(), pointer, false};
        }
        seen.insert(target);
        bool found = false;
        const QJsonValue targetValue = lookup(target, &found);
        if (!found) {
            error(refPointer,
                  QStringLiteral("\"$ref\": \"%1\" points at nothing in this document").arg(ref));
            return {QJsonValue(), pointer, false};
        }
        result.value = targetValue;
        result.pointer = target;
    }
    if (!siblings.isEmpty() && result.value.isObject()) {
        QJsonObject merged = result.value.toObject();
        for (auto it = siblings.begin(); it != siblings.end(); ++it)
            merged.insert(it.key(), it.value());
        result.value = merged;
    }
    return result;
}

bool OpenApiDocument::isArrayIfPresent(const QJsonValue &value, const QString &pointer,
                                       const QString &key)
{
    if (value.isUndefined() || value.isArray())
        return true;
    error(pointer, QStringLiteral("\"%1\" must be an array").arg(key));
    return false;
}

QString OpenApiDocument::headerValue(QString value, const QString &pointer)
{
    if (value.contains(QLatin1Char('\n')) || value.contains(QLatin1Char('\r'))) {
        note(pointer, QStringLiteral("a header value has line breaks, which a header cannot "
                                     "hold; they are replaced by spaces"));
        value.replace(QRegularExpression(QStringLiteral("[\r\n]+")), QStringLiteral(" "));
    }
    return value.trimmed();
}

} // namespace mr
