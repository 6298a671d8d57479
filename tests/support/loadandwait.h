#pragma once

#include "runner/loadrunner.h"

// Runs a load through the client and waits (timeoutMs at most) for it to finish; an empty
// Result when it did not finish in time.
mr::LoadRunner::Result loadAndWait(mr::HttpClient &client, const mr::LoadRunner::Options &options,
                                   int timeoutMs = 60000);
