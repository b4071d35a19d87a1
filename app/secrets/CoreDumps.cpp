#include "secrets/CoreDumps.h"

#include <sys/prctl.h>
#include <sys/resource.h>

namespace saltant {

bool CoreDumps::disable()
{
    const bool dumpableOff = prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0;
    rlimit none{};
    none.rlim_cur = 0;
    none.rlim_max = 0;
    const bool limitOff = setrlimit(RLIMIT_CORE, &none) == 0;
    return dumpableOff && limitOff;
}

bool CoreDumps::disableInReleaseBuilds()
{
#ifdef NDEBUG
    return disable();
#else
    return true;
#endif
}

bool CoreDumps::enabled()
{
    rlimit limit{};
    const bool limited = getrlimit(RLIMIT_CORE, &limit) == 0 && limit.rlim_cur == 0;
    return prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 1 && !limited;
}

} // namespace saltant
