#include "environmenteditor.h"

#include "base/jsonpositions.h"
#include "environmentset.h"
#include "gitignore.h"
#include "owneronly.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <algorithm>

namespace mr {

namespace {

// A value as the table shows it; the same text EnvironmentSet gives the expander.
QString textOf(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble() || value.isBool())
        return value.toVariant().toString();
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    return {};
}

// One JSON value (or a key, as a string) in compact form: QJsonDocument only writes objects
// and arrays, so write a one-element array and take the brackets off.
QByteArray compact(const QJsonValue &value)
{
    const QByteArray array = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

// The keys of the object at `pointer`, in the order the text has them.
QStringList keysInOrder(const QJsonObject &object, const JsonPositions &positions,
                        const QString &pointer)
{
    QStringList keys = object.keys();
    auto where = [&](const QString &key) {
        const Diagnostic d = positions.at(QString(), JsonPositions::child(pointer, key), {});
        return std::pair{d.line, d.column};
    };
    std::stable_sort(keys.begin(), keys.end(),
                     [&](const QString &a, const QString &b) { return where(a) < where(b); });
    return keys;
}

} // namespace

EnvironmentEditor EnvironmentEditor::load(const QString &folder)
{
    EnvironmentEditor editor;
    editor.m_folder = folder;
    editor.m_public.path = QDir(folder).filePath(QLatin1String(EnvironmentSet::PublicFileName));
    editor.m_private.path = QDir(folder).filePath(QLatin1String(EnvironmentSet::PrivateFileName));
    editor.readFile(&editor.m_public);
    editor.readFile(&editor.m_private);

    for (const Entry &e : std::as_const(editor.m_public.entries)) {
        if (!e.value.isObject())
            continue;
        Environment environment{e.key, e.key, {}};
        const QJsonObject secrets = editor.entry(editor.m_private, e.key)
                                        ? editor.entry(editor.m_private, e.key)->value.toObject()
                                        : QJsonObject();
        const QJsonObject values = e.value.toObject();
        for (const QString &name : e.order) {
            const bool secret = secrets.contains(name);
            environment.variables.append(
                {name, textOf(secret ? secrets.value(name) : values.value(name)), secret});
        }
        editor.m_environments.append(environment);
    }
    for (const Entry &e : std::as_const(editor.m_private.entries)) {
        if (!e.value.isObject())
            continue;
        int index = editor.indexOf(e.key);
        if (index < 0) {
            editor.m_environments.append({e.key, e.key, {}});
            index = int(editor.m_environments.size()) - 1;
        }
        Environment &environment = editor.m_environments[index];
        const QJsonObject values = e.value.toObject();
        for (const QString &name : e.order) {
            bool known = false;
            for (const Variable &v : std::as_const(environment.variables))
                known = known || v.name == name;
            if (!known)
                environment.variables.append({name, textOf(values.value(name)), true});
        }
    }
    editor.m_loaded = editor.m_environments;
    return editor;
}

void EnvironmentEditor::readFile(File *file)
{
    QFile in(file->path);
    file->exists = in.exists();
    if (!file->exists)
        return;
    if (!in.open(QIODevice::ReadOnly)) {
        Diagnostic d;
        d.file = file->path;
        d.message = QStringLiteral("cannot read the file: %1").arg(in.errorString());
        m_diagnostics.append(d);
        file->broken = true;
        return;
    }
    file->loaded = in.readAll();
    file->lineEnding = file->loaded.contains("\r\n") ? QByteArray("\r\n") : QByteArray("\n");
    // EnvironmentSet says what is wrong, as file:line:column, the way the workspace does.
    EnvironmentSet check;
    check.addFile(file->path, file->loaded);
    m_diagnostics += check.diagnostics();
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(file->loaded, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        file->broken = true;
        return;
    }
    const QString text = QString::fromUtf8(file->loaded);
    const JsonPositions positions = JsonPositions::scan(text);
    const QJsonObject root = document.object();
    for (const QString &key : keysInOrder(root, positions, QString())) {
        Entry e{key, root.value(key), {}};
        if (e.value.isObject())
            e.order = keysInOrder(e.value.toObject(), positions, JsonPositions::child({}, key));
        file->entries.append(e);
    }
}

const EnvironmentEditor::Entry *EnvironmentEditor::entry(const File &file, const QString &key) const
{
    if (key.isEmpty())
        return nullptr;
    for (const Entry &e : file.entries) {
        if (e.key == key && e.value.isObject())
            return &e;
    }
    return nullptr;
}

int EnvironmentEditor::indexOf(const QString &environment) const
{
    for (int i = 0; i < m_environments.size(); ++i) {
        if (m_environments[i].name == environment)
            return i;
    }
    return -1;
}

bool EnvironmentEditor::canSave() const
{
    return !m_public.broken && !m_private.broken;
}

QStringList EnvironmentEditor::environments() const
{
    QStringList names;
    for (const Environment &environment : m_environments)
        names.append(environment.name);
    return names;
}

bool EnvironmentEditor::contains(const QString &environment) const
{
    return indexOf(environment) >= 0;
}

QList<EnvironmentEditor::Variable> EnvironmentEditor::variables(const QString &environment) const
{
    const int index = indexOf(environment);
    return index < 0 ? QList<Variable>() : m_environments[index].variables;
}

bool EnvironmentEditor::setVariables(const QString &environment, const QList<Variable> &variables,
                                     QString *error)
{
    const int index = indexOf(environment);
    if (index < 0) {
        *error = QStringLiteral("there is no environment \"%1\"").arg(environment);
        return false;
    }
    QStringList seen;
    for (const Variable &v : variables) {
        if (v.name.trimmed().isEmpty()) {
            *error = QStringLiteral("a variable needs a name");
            return false;
        }
        if (seen.contains(v.name)) {
            *error = QStringLiteral("\"%1\" is defined twice in %2").arg(v.name, environment);
            return false;
        }
        seen.append(v.name);
    }
    m_environments[index].variables = variables;
    return true;
}

bool EnvironmentEditor::addEnvironment(const QString &name, QString *error)
{
    if (name.trimmed().isEmpty()) {
        *error = QStringLiteral("an environment needs a name");
        return false;
    }
    if (contains(name)) {
        *error = QStringLiteral("there already is an environment \"%1\"").arg(name);
        return false;
    }
    m_environments.append({name, QString(), {}});
    return true;
}

bool EnvironmentEditor::renameEnvironment(const QString &from, const QString &to, QString *error)
{
    const int index = indexOf(from);
    if (index < 0) {
        *error = QStringLiteral("there is no environment \"%1\"").arg(from);
        return false;
    }
    if (from == to)
        return true;
    if (to.trimmed().isEmpty() || contains(to)) {
        *error = to.trimmed().isEmpty()
                     ? QStringLiteral("an environment needs a name")
                     : QStringLiteral("there already is an environment \"%1\"").arg(to);
        return false;
    }
    m_environments[index].name = to;
    return true;
}

bool EnvironmentEditor::removeEnvironment(const QString &name, QString *error)
{
    const int index = indexOf(name);
    if (index < 0) {
        *error = QStringLiteral("there is no environment \"%1\"").arg(name);
        return false;
    }
    m_environments.removeAt(index);
    return true;
}

bool EnvironmentEditor::isModified() const
{
    if (m_environments.size() != m_loaded.size())
        return true;
    for (int i = 0; i < m_environments.size(); ++i) {
        const Environment &a = m_environments[i];
        const Environment &b = m_loaded[i];
        if (a.name != b.name || a.original != b.original || a.variables != b.variables)
            return true;
    }
    return false;
}

QList<EnvironmentEditor::Entry> EnvironmentEditor::entriesFor(const File &file, bool secrets) const
{
    const File &other = secrets ? m_public : m_private;
    auto build = [&](const Environment &environment, bool *keep) {
        const Entry *before = entry(file, environment.original);
        const Entry *secretsBefore = entry(m_private, environment.original);
        const QJsonObject old = before ? before->value.toObject() : QJsonObject();
        const QJsonObject oldSecrets =
            secretsBefore ? secretsBefore->value.toObject() : QJsonObject();
        Entry out{environment.name, QJsonValue(), {}};
        QJsonObject values;
        bool hasSecrets = false;
        for (const Variable &v : environment.variables) {
            hasSecrets = hasSecrets || v.secret;
            if (v.secret != secrets) {
                // A public placeholder of a variable that was and stays secret is kept.
                if (!secrets && old.contains(v.name) && oldSecrets.contains(v.name)) {
                    values.insert(v.name, old.value(v.name));
                    out.order.append(v.name);
                }
                continue;
            }
            const bool same = old.contains(v.name) && textOf(old.value(v.name)) == v.value;
            values.insert(v.name, same ? old.value(v.name) : QJsonValue(v.value));
            out.order.append(v.name);
        }
        out.value = values;
        // Kept where it was; a new environment without secrets goes to the public file.
        *keep = !out.order.isEmpty() || before ||
                (!secrets && !hasSecrets && !entry(other, environment.original));
        return out;
    };

    QList<Entry> entries;
    QStringList written;
    for (const Entry &e : file.entries) {
        if (!e.value.isObject()) {
            entries.append(e); // not an environment: not ours to change
            continue;
        }
        for (const Environment &environment : m_environments) {
            if (environment.original != e.key)
                continue;
            bool keep = false;
            const Entry out = build(environment, &keep);
            if (keep)
                entries.append(out);
            written.append(environment.name);
        }
    }
    for (const Environment &environment : m_environments) {
        if (written.contains(environment.name))
            continue;
        bool keep = false;
        const Entry out = build(environment, &keep);
        if (keep)
            entries.append(out);
    }
    return entries;
}

QByteArray EnvironmentEditor::render(const QList<Entry> &entries, const QByteArray &lineEnding)
{
    QByteArray out = "{";
    for (int i = 0; i < entries.size(); ++i) {
        const Entry &e = entries[i];
        out += lineEnding + "  " + compact(e.key) + ": ";
        if (!e.value.isObject()) {
            out += compact(e.value);
        } else if (e.order.isEmpty()) {
            out += "{}";
        } else {
            const QJsonObject values = e.value.toObject();
            out += "{";
            for (int k = 0; k < e.order.size(); ++k) {
                out += lineEnding + "    " + compact(e.order[k]) + ": " +
                       compact(values.value(e.order[k]));
                if (k + 1 < e.order.size())
                    out += ",";
            }
            out += lineEnding + "  }";
        }
        if (i + 1 < entries.size())
            out += ",";
    }
    out += (entries.isEmpty() ? QByteArray() : lineEnding) + "}" + lineEnding;
    return out;
}

bool EnvironmentEditor::save(QString *error)
{
    for (const File *file : {&m_public, &m_private}) {
        if (file->broken) {
            QString where = file->path;
            for (const Diagnostic &d : std::as_const(m_diagnostics)) {
                if (d.file == file->path && d.severity == Diagnostic::Severity::Error) {
                    where = d.toString();
                    break;
                }
            }
            *error = QStringLiteral("the environments are not saved: %1 does not parse (%2). Fix "
                                    "it in a text editor first.")
                         .arg(QDir::toNativeSeparators(file->path), where);
            return false;
        }
        QFile current(file->path);
        const bool changed = current.exists() != file->exists ||
                             (current.exists() && (!current.open(QIODevice::ReadOnly) ||
                                                   current.readAll() != file->loaded));
        if (changed) {
            *error = QStringLiteral("the environments are not saved: %1 changed on disk since "
                                    "it was read (another program wrote it); reload it first")
                         .arg(QDir::toNativeSeparators(file->path));
            return false;
        }
    }

    // Secrets first: a variable moving between the files is never in neither.
    for (File *file : {&m_private, &m_public}) {
        const QList<Entry> entries = entriesFor(*file, file == &m_private);
        bool same = entries.size() == file->entries.size();
        for (int i = 0; same && i < entries.size(); ++i)
            same = entries[i].key == file->entries[i].key &&
                   entries[i].value == file->entries[i].value &&
                   entries[i].order == file->entries[i].order;
        if (same && (file->exists || entries.isEmpty()))
            continue;
        QSaveFile out(file->path);
        // Secrets are the user's only, whatever mode an older version left the file in.
        if (!out.open(QIODevice::WriteOnly) ||
            (file == &m_private && !out.setPermissions(OwnerOnly::FilePermissions)) ||
            out.write(render(entries, file->lineEnding)) < 0 || !out.commit()) {
            *error = QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(file->path),
                                                  out.errorString());
            return false;
        }
        if (file == &m_private) {
            bool ignored = false;
            QString ignoreError;
            GitIgnore::protectSecrets(m_folder, &ignored, &ignoreError); // best effort
        }
    }
    *this = load(m_folder);
    return true;
}

} // namespace mr
