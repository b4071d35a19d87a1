#include "preview/LineDiff.h"

#include <vector>

namespace saltant {

QList<int> LineDiff::changedLines(const QStringList& oldLines, const QStringList& newLines)
{
    // Trim the common head and tail; the diff only has to look at what lies between.
    qsizetype head = 0;
    while (head < oldLines.size() && head < newLines.size() && oldLines[head] == newLines[head]) {
        ++head;
    }
    qsizetype tail = 0;
    while (tail < oldLines.size() - head && tail < newLines.size() - head &&
           oldLines[oldLines.size() - 1 - tail] == newLines[newLines.size() - 1 - tail]) {
        ++tail;
    }
    const qsizetype n = oldLines.size() - head - tail;
    const qsizetype m = newLines.size() - head - tail;
    QList<int> changed;
    if (m == 0) {
        return changed;
    }
    // lcs[i][j]: length of the LCS of old[head+i..] and new[head+j..] within the middle part.
    std::vector<std::vector<int>> lcs(static_cast<size_t>(n + 1), std::vector<int>(static_cast<size_t>(m + 1), 0));
    for (qsizetype i = n - 1; i >= 0; --i) {
        for (qsizetype j = m - 1; j >= 0; --j) {
            const auto ui = static_cast<size_t>(i);
            const auto uj = static_cast<size_t>(j);
            lcs[ui][uj] = oldLines[head + i] == newLines[head + j] ? lcs[ui + 1][uj + 1] + 1
                                                                   : std::max(lcs[ui + 1][uj], lcs[ui][uj + 1]);
        }
    }
    qsizetype i = 0;
    qsizetype j = 0;
    while (j < m) {
        const auto ui = static_cast<size_t>(i);
        const auto uj = static_cast<size_t>(j);
        if (i < n && oldLines[head + i] == newLines[head + j]) {
            ++i;
            ++j;
        } else if (i < n && lcs[ui + 1][uj] >= lcs[ui][uj + 1]) {
            ++i;
        } else {
            changed << static_cast<int>(head + j);
            ++j;
        }
    }
    return changed;
}

} // namespace saltant
