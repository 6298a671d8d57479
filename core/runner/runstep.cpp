#include "runstep.h"

#include "workspace/secretredactor.h"

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

RunStep RunStep::redacted(const SecretRedactor &secrets) const
{
    if (!secrets.isEnabled())
        return *this;
    const SecretRedactor all = secrets.withSecretsOf(exchange);
    RunStep step = *this;
    // What secrets.redacted(exchange) gives, from `all` as it is: the exchange's secrets are
    // collected once.
    step.exchange = all.redactedCollected(exchange);
    step.name = all.redactedText(name);
    step.neededBy = all.redactedText(neededBy);
    step.error = all.redactedText(error);
    for (AssertionResult &result : step.assertions) {
        result.description = all.redactedText(result.description);
        result.expected = all.redactedText(result.expected);
        result.actual = all.redactedText(result.actual);
        result.note = all.redactedText(result.note);
    }
    return step;
}

} // namespace mr
