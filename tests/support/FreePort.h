#pragma once

#include <QtGlobal>

namespace saltant {

// A TCP port on 127.0.0.1 that nothing listened on a moment ago, for a peer the test starts next (0 when none could
// be found). Never the same port twice in one test process: the ports of several peers are often chosen before any
// of them binds, and an operating system may hand a just-closed port out again (gVisor's does), which made two
// peers share one port. The peer still has to check that it bound.
quint16 freeLoopbackPort();

} // namespace saltant
