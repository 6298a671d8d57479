// core/content: understanding response bodies — what kind they are and how to show them.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <atomic>
#include <optional>

namespace mr {

// A JSONPath subset, evaluated on the raw bytes of a document without building a tree:
// $, .name, ['name'], [n] (negative from the end), [*], .*, ..name (recursive descent),
// [a,b] unions, [start:end:step] slices, and filters [?(@.field op value)] with
// == != < <= > >= against numbers, strings, true, false and null, or [?(@.field)].
class JsonPath
{
public:
    struct Error {
        int column = 0; // 1-based, in the expression; 0: no error
        QString message;
        bool isError() const { return column > 0; }
        QString text() const; // "column 5: expected ']' to close the brackets"
    };

    static std::optional<JsonPath> compile(const QString &expression, Error *error);

    // The matched values as slices of json, which must be valid JSON (see
    // JsonPrettyPrinter::validate). Empty when cancelled.
    QList<QByteArrayView> evaluate(const QByteArray &json,
                                   const std::atomic_bool *cancel = nullptr) const;
    // The matches as one JSON array: "[m1,m2]".
    static QByteArray joined(const QList<QByteArrayView> &matches);

private:
    struct Key {
        bool isIndex = false;
        QByteArray name; // UTF-8
        qint64 index = 0;
    };
    struct Literal {
        enum class Type { Null, Bool, Number, String } type = Type::Null;
        bool boolean = false;
        double number = 0;
        QByteArray string; // UTF-8
    };
    enum class Op { Exists, Eq, Ne, Lt, Le, Gt, Ge };
    struct Item {
        enum class Type { Key, Slice } type = Type::Key;
        Key key;
        std::optional<qint64> start;
        std::optional<qint64> end;
        qint64 step = 1;
    };
    struct Step {
        enum class Type { Union, Wildcard, Filter } type = Type::Union;
        bool descendant = false;
        QList<Item> items;
        QList<Key> filterPath; // relative to @
        Op op = Op::Exists;
        Literal value;
    };
    friend class JsonPathParser;
    friend class JsonPathEvaluator;

    QList<Step> m_steps;
};

} // namespace mr
