#pragma once

#include <QVariantMap>

class QSettings;

namespace mr {

// The user's own defaults for the client, kept with QSettings under "client/": only the keys
// the user set are stored, so a later change of a built-in default still reaches them.
class UserSettings
{
public:
    static QVariantMap load(QSettings &settings);
    // Writes `values` (keys of SettingField::all(); others are dropped) in place of the old ones.
    static void save(QSettings &settings, const QVariantMap &values);
};

} // namespace mr
