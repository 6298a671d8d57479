#include "insomniacontext.h"

#include "nunjucksconverter.h"

namespace mr {

QString InsomniaContext::convert(const QString &text, const QString &pointer,
                                 const QString &subject)
{
    QStringList problems;
    const QString converted = NunjucksConverter::convert(text, &problems);
    notes(pointer, subject, problems);
    return converted;
}

} // namespace mr
