#include "httpfile.h"

namespace mr {

bool HttpFile::hasErrors() const
{
    for (const Diagnostic &d : diagnostics) {
        if (d.severity == Diagnostic::Severity::Error)
            return true;
    }
    return false;
}

int HttpFile::locate(const RequestDefinition &request, int hint) const
{
    if (hint >= 0 && hint < requests.size() && requests.at(hint).sameContent(request))
        return hint;
    int found = -1;
    for (int i = 0; i < requests.size(); ++i) {
        if (requests.at(i).sameContent(request)) {
            if (found >= 0)
                return -1;
            found = i;
        }
    }
    return found;
}

} // namespace mr
