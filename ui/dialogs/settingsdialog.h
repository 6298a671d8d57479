#pragma once

#include "settings/layeredsettings.h"

#include <QDialog>
#include <QHash>

class QLabel;
class QTabWidget;

namespace mr {

class Workspace;
struct SettingField;

// The user's defaults for the client (pool, retries, timeouts, TLS, proxy), one form field per
// SettingField. Beside each field it says when the open workspace's microrequests.json sets
// it (and that its value wins there) and how many of the workspace's requests override it with
// a # @directive, so a value that seems ignored explains itself.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    SettingsDialog(const LayeredSettings &layers, const Workspace &workspace,
                   QWidget *parent = nullptr);

    // The values to keep as the user's: those that differ from the built-in defaults.
    QVariantMap userValues() const;
    // Sets a field as the user would (tests, and "Restore Defaults").
    void setFieldValue(const QString &key, const QVariant &value);
    QVariant fieldValue(const QString &key) const;
    // The note under a field: empty when nothing overrides it.
    QString note(const QString &key) const;
    QTabWidget *pages() const { return m_pages; }

public Q_SLOTS:
    void restoreDefaults();
    // Refuses (and says where) while a field holds something that is not a value for it.
    void accept() override;

private:
    QWidget *editorFor(const SettingField &field, QWidget *parent);
    void updateProxyFields();

    QTabWidget *m_pages;
    QHash<QString, QWidget *> m_editors;
    QHash<QString, QLabel *> m_notes;
};

} // namespace mr
