#include "importerbase.h"

#include "importedfilepath.h"
#include "workspace/requestsanitizer.h"

#include <QRegularExpression>

namespace mr {

ImporterBase::ImporterBase(const QString &path, const JsonPositions &positions,
                           CollectionDraft *draft, Repeats repeats)
    : m_path(path)
    , m_positions(positions)
    , m_draft(draft)
    , m_repeats(repeats)
{}

bool ImporterBase::reportedBefore(const QString &pointer, const QString &message)
{
    if (m_repeats == Repeats::Reported)
        return false;
    const QString key = pointer + QLatin1Char('\n') + message;
    if (m_reported.contains(key))
        return true;
    m_reported.insert(key);
    return false;
}

void ImporterBase::error(const QString &pointer, const QString &message)
{
    if (!reportedBefore(pointer, message))
        m_draft->errors.append(m_positions.located(m_path, pointer, message));
}

void ImporterBase::note(const QString &pointer, const QString &message)
{
    if (!reportedBefore(pointer, message))
        m_draft->notes.append(
            m_positions.located(m_path, pointer, message, Diagnostic::Severity::Warning));
}

void ImporterBase::notes(const QString &pointer, const QString &subject,
                         const QStringList &messages)
{
    for (const QString &message : messages)
        note(pointer, subject + QStringLiteral(": ") + message);
}

bool ImporterBase::skipsDisabled(const QJsonObject &item, const QString &pointer,
                                 const QString &subject, const QString &what, const QString &name)
{
    if (!item.value(QLatin1String("disabled")).toBool())
        return false;
    note(pointer, QStringLiteral("%1: the disabled %2 \"%3\" is not imported")
                      .arg(subject, what, shortened(name)));
    return true;
}

bool ImporterBase::withinNesting(int depth, const QString &pointer)
{
    if (depth < MaxNesting)
        return true;
    note(pointer,
         QStringLiteral("folders nested deeper than %1 levels are not imported").arg(MaxNesting));
    return false;
}

void ImporterBase::noteFileOutside(const QString &pointer, const QString &subject,
                                   const QString &file)
{
    if (ImportedFilePath::leavesWorkspace(file))
        note(pointer, QStringLiteral("%1: %2").arg(subject, ImportedFilePath::note(file)));
}

void ImporterBase::setAuthorization(const QString &pointer, const QString &subject,
                                    const QString &type, const QString &value,
                                    RequestDefinition *request)
{
    if (hasHeader(*request, QStringLiteral("Authorization"))) {
        note(pointer, QStringLiteral("%1: has its own Authorization header; the %2 "
                                     "authentication is not added")
                          .arg(subject, type));
        return;
    }
    request->headers.append({QStringLiteral("Authorization"), value, 0});
}

void ImporterBase::setUserAuthorization(const QString &pointer, const QString &subject,
                                        const QString &type, const QString &user,
                                        const QString &password, RequestDefinition *request)
{
    const bool basic = type == QLatin1String("basic");
    const QString value = RequestSanitizer::authorization(!basic, user, password);
    if (!value.isEmpty()) {
        setAuthorization(pointer, subject, type, value, request);
        return;
    }
    note(pointer,
         QStringLiteral("%1: %2 authentication with an empty or spaced user name or "
                        "password cannot be written as \"Authorization: %3 user "
                        "password\"; not imported")
             .arg(subject, type, basic ? QStringLiteral("Basic") : QStringLiteral("Digest")));
}

void ImporterBase::noteUnsupportedAuth(const QString &pointer, const QString &subject,
                                       const QString &type)
{
    note(pointer, QStringLiteral("%1: %2 authentication is not imported (a .http file can only "
                                 "send fixed headers); add an Authorization header with a token "
                                 "instead")
                      .arg(subject, type));
}

void ImporterBase::addFolderVariable(const QString &pointer, const QString &subject,
                                     const QString &name, const QString &value,
                                     CollectionDraft::Variables *variables)
{
    static const QRegularExpression fileVariable(QStringLiteral(R"(^[A-Za-z_][\w.-]*$)"));
    if (!fileVariable.match(name).hasMatch() || value.contains(QLatin1Char('\n')) ||
        value.contains(QLatin1Char('\r'))) {
        note(pointer, QStringLiteral("%1: the folder variable \"%2\" cannot be a .http file "
                                     "variable (its name or a line break in its value); not "
                                     "imported")
                          .arg(subject, shortened(name)));
        return;
    }
    for (qsizetype i = 0; i < variables->size(); ++i) {
        if (variables->at(i).first == name) {
            variables->removeAt(i);
            break;
        }
    }
    variables->append({name, value.trimmed()});
}

bool ImporterBase::parse(const QByteArray &data, const QString &path, Syntax syntax,
                         JsonYamlDocument *document, CollectionDraft *draft)
{
    Diagnostic error;
    const bool parsed = syntax == Syntax::Json
                            ? JsonYamlDocument::readJson(data, path, document, &error)
                            : JsonYamlDocument::read(data, path, document, &error);
    if (!parsed) {
        draft->errors.append(error);
        return false;
    }
    draft->notes += document->warnings;
    return true;
}

QList<QPair<QJsonObject, QString>> ImporterBase::objectsOf(const QJsonArray &array,
                                                           const QString &pointer)
{
    QList<QPair<QJsonObject, QString>> objects;
    for (qsizetype i = 0; i < array.size(); ++i)
        objects.append({array[i].toObject(), JsonPositions::child(pointer, i)});
    return objects;
}

QString ImporterBase::shortened(const QString &text)
{
    QString line = text;
    line.replace(QRegularExpression(QStringLiteral("[\\r\\n]+")), QStringLiteral(" "));
    return line.size() > 60 ? line.left(57) + QStringLiteral("...") : line;
}

bool ImporterBase::hasHeader(const RequestDefinition &request, const QString &name)
{
    for (const RequestDefinition::Header &header : request.headers) {
        if (header.name.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QString ImporterBase::uniqueName(const QString &name, QSet<QString> *taken)
{
    QString candidate = name;
    for (int n = 2; candidate.isEmpty() || taken->contains(candidate.toLower()); ++n)
        candidate = name + QLatin1Char(' ') + QString::number(n);
    taken->insert(candidate.toLower());
    return candidate;
}

} // namespace mr
