#include "settingsdialog.h"

#include "settings/settingfield.h"
#include "themecolors.h"
#include "workspace/workspace.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace mr {

namespace {

QString pageTitle(const QString &section)
{
    if (section == QLatin1String("pool") || section.isEmpty())
        return SettingsDialog::tr("Connections");
    if (section == QLatin1String("retries"))
        return SettingsDialog::tr("Retries");
    if (section == QLatin1String("timeouts"))
        return SettingsDialog::tr("Timeouts");
    if (section == QLatin1String("tls"))
        return SettingsDialog::tr("TLS");
    return SettingsDialog::tr("Proxy");
}

QString listText(const QVariant &value)
{
    QStringList parts;
    for (const QVariant &item : value.toList())
        parts.append(item.toString());
    return parts.join(QStringLiteral(", "));
}

QString shown(const SettingField &field, const QVariant &value)
{
    switch (field.kind) {
    case SettingField::Kind::Boolean:
        return value.toBool() ? SettingsDialog::tr("on") : SettingsDialog::tr("off");
    case SettingField::Kind::Milliseconds: return SettingsDialog::tr("%1 ms").arg(value.toInt());
    case SettingField::Kind::List: return listText(value);
    case SettingField::Kind::Secret: return QStringLiteral("••••");
    default: return value.toString();
    }
}

} // namespace

SettingsDialog::SettingsDialog(const LayeredSettings &layers, const Workspace &workspace,
                               QWidget *parent)
    : QDialog(parent)
    , m_pages(new QTabWidget(this))
{
    setWindowTitle(tr("Settings"));
    setObjectName(QStringLiteral("settingsDialog"));

    // How many requests of the workspace set each directive.
    QHash<QString, int> directiveUse;
    for (const HttpFile &file : workspace.files()) {
        for (const RequestDefinition &request : file.requests) {
            for (const SettingField &field : SettingField::all()) {
                // "@http1/@http2": either directive overrides the setting.
                const QStringList names =
                    field.directive.split(QLatin1Char('/'), Qt::SkipEmptyParts);
                if (std::any_of(names.begin(), names.end(), [&](const QString &name) {
                        return request.hasDirective(name.mid(1));
                    }))
                    ++directiveUse[field.directive];
            }
        }
    }

    QHash<QString, QFormLayout *> forms;
    for (const SettingField &field : SettingField::all()) {
        const QString title = pageTitle(field.section());
        QFormLayout *form = forms.value(title);
        if (!form) {
            auto *page = new QWidget;
            form = new QFormLayout(page);
            form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
            auto *scroll = new QScrollArea;
            scroll->setWidgetResizable(true);
            scroll->setFrameShape(QFrame::NoFrame);
            scroll->setWidget(page);
            m_pages->addTab(scroll, title);
            forms.insert(title, form);
        }
        auto *cell = new QWidget;
        auto *column = new QVBoxLayout(cell);
        column->setContentsMargins(0, 0, 0, 0);
        column->setSpacing(2);
        QWidget *editor = editorFor(field, cell);
        editor->setToolTip(field.help);
        column->addWidget(editor);

        QStringList notes;
        if (layers.source(field.key) == LayeredSettings::Source::Workspace)
            notes.append(tr("This workspace's microrequests.json sets %1; it wins while the "
                            "workspace is open.")
                             .arg(shown(field, layers.value(field.key))));
        if (const int uses = directiveUse.value(field.directive); uses > 0)
            notes.append(
                (uses == 1 ? tr("1 request of this workspace overrides it with # %1.")
                           : tr("%1 requests of this workspace override it with # %2.").arg(uses))
                    .arg(field.directive));
        auto *note = new QLabel(notes.join(QLatin1Char(' ')), cell);
        note->setObjectName(QStringLiteral("note:") + field.key);
        note->setWordWrap(true);
        note->setVisible(!notes.isEmpty());
        QFont small = note->font();
        small.setPointSizeF(small.pointSizeF() * 0.9);
        note->setFont(small);
        note->setForegroundRole(QPalette::PlaceholderText);
        column->addWidget(note);
        m_notes.insert(field.key, note);

        auto *label = new QLabel(field.label + QLatin1Char(':'));
        label->setBuddy(editor);
        label->setToolTip(field.help);
        form->addRow(label, cell);
        m_editors.insert(field.key, editor);

        // The form shows the user's own value, or the built-in one where they set none.
        const QVariant user = layers.user().value(field.key);
        const QVariant own = user.isValid() ? field.normalized(user) : QVariant();
        setFieldValue(field.key, own.isValid() ? own : field.defaultValue);
    }

    auto *intro = new QLabel(
        tr("Your defaults for every workspace. A workspace's microrequests.json, a request's "
           "# @directives and command-line options win over them, in that order."),
        this);
    intro->setWordWrap(true);

    auto *buttons = new QDialogButtonBox(
        QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
            &SettingsDialog::restoreDefaults);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_pages, 1);
    layout->addWidget(buttons);
    resize(640, 520);
    updateProxyFields();
}

QWidget *SettingsDialog::editorFor(const SettingField &field, QWidget *parent)
{
    QWidget *editor = nullptr;
    switch (field.kind) {
    case SettingField::Kind::Integer:
    case SettingField::Kind::Milliseconds: {
        auto *spin = new QSpinBox(parent);
        spin->setRange(field.minimum, field.maximum);
        if (field.kind == SettingField::Kind::Milliseconds) {
            spin->setSuffix(tr(" ms"));
            spin->setSingleStep(100);
            spin->setGroupSeparatorShown(true);
        }
        if (field.minimum == 0 && field.kind == SettingField::Kind::Milliseconds &&
            field.key.startsWith(QLatin1String("timeouts.")))
            spin->setSpecialValueText(tr("no limit"));
        if (field.minimum == -1)
            spin->setSpecialValueText(tr("no cap"));
        editor = spin;
        break;
    }
    case SettingField::Kind::Boolean: editor = new QCheckBox(parent); break;
    case SettingField::Kind::Choice: {
        auto *combo = new QComboBox(parent);
        for (const QString &choice : field.choices)
            combo->addItem(choice, choice);
        connect(combo, &QComboBox::currentIndexChanged, this, &SettingsDialog::updateProxyFields);
        editor = combo;
        break;
    }
    case SettingField::Kind::File: {
        auto *row = new QWidget(parent);
        auto *layout = new QHBoxLayout(row);
        layout->setContentsMargins(0, 0, 0, 0);
        auto *line = new QLineEdit(row);
        line->setObjectName(QStringLiteral("path"));
        line->setPlaceholderText(tr("none"));
        auto *browse = new QToolButton(row);
        browse->setText(tr("Choose…"));
        connect(browse, &QToolButton::clicked, this, [this, line, label = field.label] {
            const QString path = QFileDialog::getOpenFileName(
                this, label, line->text(), tr("PEM files (*.pem *.crt *.key);;All files (*)"));
            if (!path.isEmpty())
                line->setText(path);
        });
        layout->addWidget(line, 1);
        layout->addWidget(browse);
        row->setFocusProxy(line);
        editor = row;
        break;
    }
    case SettingField::Kind::Text:
    case SettingField::Kind::Secret:
    case SettingField::Kind::List: {
        auto *line = new QLineEdit(parent);
        if (field.kind == SettingField::Kind::Secret)
            line->setEchoMode(QLineEdit::PasswordEchoOnEdit);
        editor = line;
        break;
    }
    }
    editor->setObjectName(field.key);
    return editor;
}

void SettingsDialog::setFieldValue(const QString &key, const QVariant &value)
{
    QWidget *editor = m_editors.value(key);
    if (!editor)
        return;
    if (auto *spin = qobject_cast<QSpinBox *>(editor))
        spin->setValue(value.toInt());
    else if (auto *check = qobject_cast<QCheckBox *>(editor))
        check->setChecked(value.toBool());
    else if (auto *combo = qobject_cast<QComboBox *>(editor))
        combo->setCurrentIndex(qMax(0, combo->findData(value.toString())));
    else if (auto *line = qobject_cast<QLineEdit *>(editor))
        line->setText(value.typeId() == QMetaType::QVariantList ? listText(value)
                                                                : value.toString());
    else if (auto *path = editor->findChild<QLineEdit *>(QStringLiteral("path")))
        path->setText(value.toString());
}

QVariant SettingsDialog::fieldValue(const QString &key) const
{
    QWidget *editor = m_editors.value(key);
    const SettingField *field = SettingField::find(key);
    if (!editor || !field)
        return {};
    QVariant raw;
    if (auto *spin = qobject_cast<QSpinBox *>(editor))
        raw = spin->value();
    else if (auto *check = qobject_cast<QCheckBox *>(editor))
        raw = check->isChecked();
    else if (auto *combo = qobject_cast<QComboBox *>(editor))
        raw = combo->currentData();
    else if (auto *line = qobject_cast<QLineEdit *>(editor))
        raw = line->text();
    else if (auto *path = editor->findChild<QLineEdit *>(QStringLiteral("path")))
        raw = path->text().trimmed();
    return field->normalized(raw);
}

QString SettingsDialog::note(const QString &key) const
{
    const QLabel *label = m_notes.value(key);
    return label && !label->isHidden() ? label->text() : QString();
}

QVariantMap SettingsDialog::userValues() const
{
    QVariantMap values;
    for (const SettingField &field : SettingField::all()) {
        const QVariant value = fieldValue(field.key);
        if (value.isValid() && value != field.normalized(field.defaultValue))
            values.insert(field.key, value);
    }
    return values;
}

void SettingsDialog::restoreDefaults()
{
    for (const SettingField &field : SettingField::all())
        setFieldValue(field.key, field.defaultValue);
}

void SettingsDialog::accept()
{
    for (const SettingField &field : SettingField::all()) {
        if (fieldValue(field.key).isValid())
            continue;
        QWidget *editor = m_editors.value(field.key);
        for (int page = 0; page < m_pages->count(); ++page) {
            if (m_pages->widget(page)->isAncestorOf(editor))
                m_pages->setCurrentIndex(page);
        }
        QLabel *note = m_notes.value(field.key);
        note->setText(field.key == QLatin1String("retries.statusList")
                          ? tr("Give status codes from 100 to 599, separated by commas.")
                          : tr("Give each certificate as \"https://host:port\", a space and "
                               "its SHA-256 fingerprint (64 hex digits); separate them by "
                               "commas."));
        QPalette error = note->palette();
        error.setColor(QPalette::BrightText, ThemeColors::color(ThemeColors::Error, error));
        note->setPalette(error);
        note->setForegroundRole(QPalette::BrightText);
        note->show();
        editor->setFocus();
        return;
    }
    QDialog::accept();
}

void SettingsDialog::updateProxyFields()
{
    // Host, port and credentials only mean something for a proxy of our own choosing.
    const QString type = fieldValue(QStringLiteral("proxy.type")).toString();
    const bool own = type == QLatin1String("http") || type == QLatin1String("socks5");
    for (const char *key : {"proxy.host", "proxy.port", "proxy.user", "proxy.password"}) {
        if (QWidget *editor = m_editors.value(QLatin1String(key)))
            editor->setEnabled(own);
    }
}

} // namespace mr
