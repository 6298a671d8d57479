#include "phasetimings.h"

#include <initializer_list>

namespace mr {

double PhaseTimings::total() const
{
    double sum = 0;
    for (double phase : {blocked, dns, tcp, tls, send, wait, receive}) {
        if (phase > 0)
            sum += phase;
    }
    return sum;
}

} // namespace mr
