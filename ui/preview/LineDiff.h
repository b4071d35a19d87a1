#pragma once

#include <QList>
#include <QStringList>

namespace saltant {

// Which lines of a new text are not in an old one, by a longest-common-subsequence line diff (generated files are
// a few hundred lines at most). Lines are 0-based indexes into the new text.
class LineDiff
{
public:
    static QList<int> changedLines(const QStringList& oldLines, const QStringList& newLines);
};

} // namespace saltant
