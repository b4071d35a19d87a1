#pragma once

#include "generate/Renderer.h"

#include <QString>
#include <QStringList>

namespace saltant {

// What the unit-file generator tests share: reading a unit's keys and systemd's own verdict on a generated unit.
class SystemdUnits
{
public:
    // Every value of `key=` lines of a unit file, in order.
    static QStringList values(const QString& content, const QString& key);

    // Writes the unit under dir with its generated mode and runs `systemd-analyze verify` on it; systemd warns
    // about executable unit files, unknown keys and bad values, so the output must be empty. False with output
    // (systemd's words, or why it did not run) otherwise.
    static bool accepts(const QString& dir, const GeneratedFile& unit, QString* output);

    // A stand-in executable at path (directories created), since systemd-analyze checks that ExecStart= points at
    // one.
    static bool writeStandIn(const QString& path);

    // The generated file with that id, or null.
    static const GeneratedFile* find(const RenderResult& result, const QString& id);
};

} // namespace saltant
