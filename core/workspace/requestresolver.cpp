#include "requestresolver.h"

namespace mr {

static void addUnresolved(QStringList *all, const QStringList &more)
{
    for (const QString &name : more) {
        if (!all->contains(name))
            all->append(name);
    }
}

RequestResolver::Result RequestResolver::resolve(const RequestDefinition &definition,
                                                 const VariableExpander &expander)
{
    Result result;
    result.request.method = definition.method.toLatin1();

    const VariableExpander::Result url = expander.expand(definition.url);
    addUnresolved(&result.unresolved, url.unresolved);
    QString urlText = url.text.trimmed();
    if (!urlText.contains(QLatin1String("://")))
        urlText.prepend(QLatin1String("http://"));
    const QUrl parsed(urlText, QUrl::StrictMode);
    if (!url.unresolved.isEmpty()) {
        result.error = QStringLiteral("the URL uses undefined variables: %1; pick an environment "
                                      "that defines them")
                           .arg(url.unresolved.join(QStringLiteral(", ")));
    } else if (!parsed.isValid() || parsed.host().isEmpty()) {
        result.error =
            QStringLiteral("\"%1\" is not a valid URL: %2")
                .arg(urlText, parsed.errorString().isEmpty() ? QStringLiteral("it has no host")
                                                             : parsed.errorString());
    } else if (parsed.scheme() != QLatin1String("http") &&
               parsed.scheme() != QLatin1String("https")) {
        result.error =
            QStringLiteral("\"%1\": only http:// and https:// URLs can be sent").arg(urlText);
    }
    result.request.url = parsed;

    for (const RequestDefinition::Header &header : definition.headers) {
        const VariableExpander::Result value = expander.expand(header.value);
        addUnresolved(&result.unresolved, value.unresolved);
        result.request.headers.append(header.name.toLatin1(), value.text.toUtf8());
    }
    const VariableExpander::Result body = expander.expand(definition.body);
    addUnresolved(&result.unresolved, body.unresolved);
    result.request.body = body.text.toUtf8();
    return result;
}

} // namespace mr
