#pragma once

#include "importerbase.h"

namespace mr {

// What the parts of the Insomnia import share: the diagnostics, and Nunjucks templates
// converted to {{variables}} with what cannot be converted reported.
class InsomniaContext : public ImporterBase
{
public:
    using ImporterBase::ImporterBase;

    QString convert(const QString &text, const QString &pointer, const QString &subject);
};

} // namespace mr
