#pragma once

#include "generate/Generator.h"

namespace saltant {

// systemd drop-in for Debian's certbot.service (run by certbot.timer): when the ACME server is trusted through a CA
// file (tls.acmeCaFile, a private or test ACME server), the unattended renewals need it as much as the first
// certificate did. Only written then.
class CertbotCaGenerator : public Generator
{
public:
    QString id() const override { return QStringLiteral("certbot-ca"); }
    bool isEnabled(const Project& project) const override;
    GeneratedFile generate(const GenerateContext& context) const override;
};

} // namespace saltant
