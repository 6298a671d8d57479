// settings: the client's defaults as named fields ("timeouts.connectMs"), the layers that set
// them (built-in, the user's QSettings, the workspace's microrequests.json) and what wins.
#pragma once

#include <QList>
#include <QString>
#include <QVariant>

namespace mr {

// One setting the user, a workspace or a request can choose: its key (the dotted path it has
// in microrequests.json and in QSettings), its kind, range, default and the words to show.
struct SettingField {
    enum class Kind { Integer, Milliseconds, Boolean, Text, Secret, File, Choice, List };

    QString key; // "pool.maxPerOrigin"
    Kind kind = Kind::Integer;
    QVariant defaultValue;
    int minimum = 0;
    int maximum = 0;
    QStringList choices; // Kind::Choice
    QString label;       // "Connections per origin"
    QString help;        // one sentence, shown as a tooltip
    QString directive;   // the request directive that overrides it: "@timeout"; empty: none;
                         // several joined by "/": "@http1/@http2"

    // The group a key belongs to: "pool" for "pool.maxPerOrigin", "" for "maxRedirects".
    QString section() const;

    // Every field, in the order a form shows them.
    static const QList<SettingField> &all();
    // nullptr for a key that is not a setting.
    static const SettingField *find(const QString &key);
    // A value brought to this field's kind, or nullopt-like invalid QVariant when it cannot be
    // (a string where a number belongs, a number out of range).
    QVariant normalized(const QVariant &value) const;
};

} // namespace mr
