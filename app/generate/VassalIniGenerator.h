#pragma once

#include "generate/Generator.h"

namespace saltant {

// <vassals>/<name>_uwsgi.ini: the vassal that serves saltant.wsgi on the Unix socket.
class VassalIniGenerator : public Generator
{
public:
    QString id() const override { return QStringLiteral("uwsgi-vassal"); }
    GeneratedFile generate(const GenerateContext& context) const override;
};

} // namespace saltant
