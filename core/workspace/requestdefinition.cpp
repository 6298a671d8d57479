#include "requestdefinition.h"

namespace mr {

QString RequestDefinition::displayName() const
{
    if (!name.isEmpty())
        return name;
    return method + QLatin1Char(' ') + url;
}

bool RequestDefinition::hasDirective(const QString &directiveName) const
{
    for (const Directive &d : directives) {
        if (d.name == directiveName)
            return true;
    }
    return false;
}

QString RequestDefinition::directive(const QString &directiveName) const
{
    for (const Directive &d : directives) {
        if (d.name == directiveName)
            return d.value;
    }
    return {};
}

} // namespace mr
