#include "import/ImportReport.h"

namespace saltant {

QString ImportReport::Source::where() const
{
    return line > 0 ? QStringLiteral("%1:%2").arg(file).arg(line) : file;
}

QString ImportReport::toText() const
{
    QString out;
    out += tr("Imported from %1: %n setting(s) from %2 file(s).", nullptr, int(settings.size()))
               .arg(origin)
               .arg(filesRead.size()) +
           QLatin1Char('\n');
    if (!problems.isEmpty()) {
        out += QLatin1Char('\n') + tr("Problems (the import is partial; check these settings by hand):") +
               QLatin1Char('\n');
        for (const Problem& p : problems) {
            out += QStringLiteral("  %1: %2\n").arg(p.source.where(), p.message);
        }
    }
    if (!mistakes.isEmpty()) {
        out += QLatin1Char('\n') + tr("Known mistakes of the setup guide found on the server (a deploy fixes them):") +
               QLatin1Char('\n');
        for (const Mistake& m : mistakes) {
            out += QStringLiteral("  %1: [%2] %3\n").arg(m.source.where(), m.id, m.message);
        }
    }
    if (!unrepresented.isEmpty()) {
        out += QLatin1Char('\n') +
               tr("Lines the project cannot represent (a deploy would remove or change them; keep what you need "
                  "elsewhere first):") +
               QLatin1Char('\n');
        for (const Unrepresented& u : unrepresented) {
            out += QStringLiteral("  %1: %2\n").arg(u.source.where(), u.text);
        }
    }
    out += QLatin1Char('\n') + tr("Settings:") + QLatin1Char('\n');
    for (const Setting& s : settings) {
        out += QStringLiteral("  %1 = %2    (%3)\n").arg(s.key, s.value, s.source.where());
    }
    return out;
}

} // namespace saltant
