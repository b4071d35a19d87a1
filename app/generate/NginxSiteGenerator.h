#pragma once

#include "generate/Generator.h"

namespace saltant {

// sites-available/<site>_nginx.conf: upstream, static files, TLS, ACME webroot, RabbitMQ management and Flower proxies.
class NginxSiteGenerator : public Generator
{
public:
    QString id() const override { return QStringLiteral("nginx-site"); }
    GeneratedFile generate(const GenerateContext& context) const override;
};

} // namespace saltant
