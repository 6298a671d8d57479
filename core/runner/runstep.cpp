#include "runstep.h"

namespace mr {

bool RunStep::passed() const
{
    return sent && exchange.isComplete() && error.isEmpty() && failedAssertions() == 0;
}

int RunStep::failedAssertions() const
{
    int failed = 0;
    for (const AssertionResult &result : assertions)
        failed += result.failed() ? 1 : 0;
    return failed;
}

QString RunStep::connectionLabel() const
{
    const Attempt *attempt = exchange.finalAttempt();
    return attempt ? attempt->connectionLabel() : QString();
}

} // namespace mr
