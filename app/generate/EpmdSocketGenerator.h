#pragma once

#include "generate/Generator.h"

namespace saltant {

// systemd drop-in for Debian's epmd.socket: epmd (the Erlang port mapper, 4369) on loopback only.
class EpmdSocketGenerator : public Generator
{
public:
    QString id() const override { return QStringLiteral("epmd-socket"); }
    GeneratedFile generate(const GenerateContext& context) const override;
};

} // namespace saltant
