#pragma once

namespace saltant {

// Secrets pass through process memory (forms, renders, the deploy's sudo password); a core dump would put them on
// disk. Both executables call disableInReleaseBuilds() first thing in main().
class CoreDumps
{
public:
    // Makes the process non-dumpable (prctl PR_SET_DUMPABLE 0: no core file, no ptrace attach by other users'
    // processes) and sets the core size limit to 0. Returns false when the system refused either.
    static bool disable();
    // disable() in release builds (NDEBUG); debug builds keep core dumps for debugging and return true.
    static bool disableInReleaseBuilds();
    // Whether this process may currently write a core file (dumpable and a core limit above 0).
    static bool enabled();
};

} // namespace saltant
