#include "usersettings.h"

#include "settingfield.h"

#include <QSettings>

namespace mr {

namespace {
const QString Group = QStringLiteral("client");
}

QVariantMap UserSettings::load(QSettings &settings)
{
    QVariantMap values;
    settings.beginGroup(Group);
    for (const SettingField &field : SettingField::all()) {
        const QString stored = QString(field.key).replace(QLatin1Char('.'), QLatin1Char('/'));
        if (!settings.contains(stored))
            continue;
        if (const QVariant v = field.normalized(settings.value(stored)); v.isValid())
            values.insert(field.key, v);
    }
    settings.endGroup();
    return values;
}

void UserSettings::save(QSettings &settings, const QVariantMap &values)
{
    settings.remove(Group);
    settings.beginGroup(Group);
    for (const SettingField &field : SettingField::all()) {
        const auto it = values.constFind(field.key);
        if (it == values.constEnd())
            continue;
        if (const QVariant v = field.normalized(*it); v.isValid())
            settings.setValue(QString(field.key).replace(QLatin1Char('.'), QLatin1Char('/')), v);
    }
    settings.endGroup();
    settings.sync();
}

} // namespace mr
