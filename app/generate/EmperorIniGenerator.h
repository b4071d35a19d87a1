#pragma once

#include "generate/Generator.h"

namespace saltant {

// /etc/uwsgi/emperor.ini: the uWSGI emperor watching the vassals directory.
class EmperorIniGenerator : public Generator
{
public:
    QString id() const override { return QStringLiteral("uwsgi-emperor"); }
    GeneratedFile generate(const GenerateContext& context) const override;
};

} // namespace saltant
