#pragma once

#include <QJsonValue>
#include <QString>

#include <utility>
#include <vector>

namespace mr {

// A value for an OpenAPI request (from an example, or made up from a schema), with its object
// members in the order the document wrote them: QJsonObject sorts its keys, and a body whose
// fields come out alphabetically reads badly.
struct OpenApiSample {
    enum class Kind { Scalar, Array, Object };
    Kind kind = Kind::Scalar;
    QJsonValue scalar = QJsonValue(QJsonValue::Null);
    std::vector<OpenApiSample> items;
    std::vector<std::pair<QString, OpenApiSample>> members;

    static OpenApiSample of(const QJsonValue &value);
    static OpenApiSample ofKind(Kind kind);
    bool isNull() const { return kind == Kind::Scalar && scalar.isNull(); }
    // Adds a member, or replaces the one of that name where it stands.
    void insert(const QString &key, OpenApiSample value);

    static QString toJson(const OpenApiSample &sample, bool pretty);
    // A primitive as text ("5", "true", "Rex"); anything else as compact JSON.
    static QString toText(const OpenApiSample &sample);
    // One JSON scalar as JSON text ("\"Rex\"", "5", "null").
    static QString scalarJson(const QJsonValue &value);

private:
    static void writeJson(const OpenApiSample &sample, int indent, bool pretty, QString *out);
};

} // namespace mr
