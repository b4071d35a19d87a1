#include "net/CheckResult.h"

namespace saltant {

QString CheckResult::verdictLabel(CheckVerdict verdict)
{
    switch (verdict) {
    case CheckVerdict::Pass:
        return QStringLiteral("PASS");
    case CheckVerdict::Warn:
        return QStringLiteral("WARN");
    case CheckVerdict::Fail:
        break;
    }
    return QStringLiteral("FAIL");
}

QString CheckResult::toLine() const
{
    QString line = verdictLabel(verdict) + QStringLiteral("  ") + title + QStringLiteral(": ") + detail;
    if (!remedy.isEmpty()) {
        line += QStringLiteral(" \u2014 ") + remedy;
    }
    return line;
}

} // namespace saltant
