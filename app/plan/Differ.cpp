#include "plan/Differ.h"

#include <QHash>
#include <algorithm>
#include <dtl/dtl.hpp>
#include <functional>
#include <vector>

namespace saltant {
namespace {

const QString kSecret = QStringLiteral("<secret>");

using LinePrinter = std::function<QString(long long index)>;

QString printable(const QString& line)
{
    if (line.endsWith(QLatin1Char('\n'))) {
        return line;
    }
    return line + QStringLiteral("\n\\ No newline at end of file\n");
}

// dtl compares ints: each distinct line gets one. deletesFirst: within a change, removed lines before added ones.
dtl::Diff<int> lineDiff(const QStringList& oldLines, const QStringList& newLines, bool deletesFirst = false)
{
    QHash<QString, int> ids;
    std::vector<int> a;
    std::vector<int> b;
    for (const QString& line : oldLines) {
        a.push_back(ids.insert(line, ids.value(line, int(ids.size()))).value());
    }
    for (const QString& line : newLines) {
        b.push_back(ids.insert(line, ids.value(line, int(ids.size()))).value());
    }
    return dtl::Diff<int>(a, b, deletesFirst);
}

QString diff(const QStringList& oldLines, const QStringList& newLines, const LinePrinter& oldLine,
             const LinePrinter& newLine, const QString& label)
{
    if (oldLines == newLines) {
        return QString();
    }
    dtl::Diff<int> d = lineDiff(oldLines, newLines);
    d.compose();
    d.composeUnifiedHunks();

    QString out =
        QStringLiteral("--- ") + label + QStringLiteral(" (server)\n+++ ") + label + QStringLiteral(" (new)\n");
    const auto print = [&](const std::pair<int, dtl::elemInfo>& e) {
        switch (e.second.type) {
        case dtl::SES_DELETE:
            out += QLatin1Char('-') + printable(oldLine(e.second.beforeIdx - 1));
            break;
        case dtl::SES_ADD:
            out += QLatin1Char('+') + printable(newLine(e.second.afterIdx - 1));
            break;
        default:
            out += QLatin1Char(' ') + printable(newLine(e.second.afterIdx - 1));
            break;
        }
    };
    // Three lines of context on each side, as diff -u prints (dtl may carry one more after a change).
    constexpr long long kContext = 3;
    for (const auto& hunk : d.getUniHunks()) {
        std::vector<std::pair<int, dtl::elemInfo>> elements(hunk.common[0].begin(), hunk.common[0].end());
        elements.insert(elements.end(), hunk.change.begin(), hunk.change.end());
        elements.insert(elements.end(), hunk.common[1].begin(), hunk.common[1].end());
        long long trailing = 0;
        for (auto it = elements.rbegin(); it != elements.rend() && it->second.type == dtl::SES_COMMON; ++it) {
            ++trailing;
        }
        const long long extra = std::max(0LL, trailing - kContext);
        elements.resize(elements.size() - static_cast<size_t>(extra));
        out += QStringLiteral("@@ -%1,%2 +%3,%4 @@\n").arg(hunk.a).arg(hunk.b - extra).arg(hunk.c).arg(hunk.d - extra);
        for (const auto& e : elements) {
            print(e);
        }
    }
    return out;
}

QString keyOf(const QString& line)
{
    const int eq = line.indexOf(QLatin1Char('='));
    return eq < 0 ? QString() : line.left(eq).trimmed();
}

// Where each new line is, and per KEY= whether its new line holds a secret (differs from its masked twin).
void indexSecretKeys(const QStringList& newLines, const QStringList& masked, QHash<QString, qsizetype>* newIndex,
                     QHash<QString, bool>* keyHoldsSecret)
{
    for (qsizetype i = 0; i < newLines.size(); ++i) {
        newIndex->insert(newLines.at(i), i);
        const QString key = keyOf(newLines.at(i));
        if (!key.isEmpty()) {
            (*keyHoldsSecret)[key] = keyHoldsSecret->value(key) || masked.at(i) != newLines.at(i);
        }
    }
}

} // namespace

QStringList Differ::lines(const QString& text)
{
    QStringList out;
    qsizetype start = 0;
    while (start < text.size()) {
        const qsizetype nl = text.indexOf(QLatin1Char('\n'), start);
        const qsizetype end = nl < 0 ? text.size() : nl + 1;
        out.append(text.mid(start, end - start));
        start = end;
    }
    return out;
}

QList<Differ::Edit> Differ::edits(const QStringList& oldLines, const QStringList& newLines)
{
    QList<Edit> out;
    if (oldLines == newLines) {
        for (qsizetype i = 0; i < oldLines.size(); ++i) {
            out.append({Edit::Common, i, i});
        }
        return out;
    }
    dtl::Diff<int> d = lineDiff(oldLines, newLines, true);
    d.compose();
    for (const auto& e : d.getSes().getSequence()) {
        switch (e.second.type) {
        case dtl::SES_DELETE:
            out.append({Edit::Removed, e.second.beforeIdx - 1, -1});
            break;
        case dtl::SES_ADD:
            out.append({Edit::Added, -1, e.second.afterIdx - 1});
            break;
        default:
            out.append({Edit::Common, e.second.beforeIdx - 1, e.second.afterIdx - 1});
            break;
        }
    }
    return out;
}

QList<int> Differ::addedLines(const QStringList& oldLines, const QStringList& newLines)
{
    QList<int> out;
    for (const Edit& e : edits(oldLines, newLines)) {
        if (e.op == Edit::Added) {
            out.append(static_cast<int>(e.newIndex));
        }
    }
    return out;
}

QString Differ::unified(const QString& oldText, const QString& newText, const QString& label)
{
    const QStringList oldLines = lines(oldText);
    const QStringList newLines = lines(newText);
    return diff(
        oldLines, newLines, [&](long long i) { return oldLines.at(i); }, [&](long long i) { return newLines.at(i); },
        label);
}

QString Differ::unifiedMasked(const QString& oldText, const QString& newText, const QString& maskedNewText,
                              const QString& label)
{
    const QStringList oldLines = lines(oldText);
    const QStringList newLines = lines(newText);
    const QStringList masked = lines(maskedNewText);
    if (masked.size() != newLines.size()) {
        if (oldLines == newLines) {
            return QString();
        }
        return QStringLiteral("--- ") + label + QStringLiteral(" (server)\n+++ ") + label +
               QStringLiteral(" (new)\n(changed; the diff is hidden because the file holds secrets)\n");
    }
    QHash<QString, qsizetype> newIndex;
    QHash<QString, bool> keyHoldsSecret;
    indexSecretKeys(newLines, masked, &newIndex, &keyHoldsSecret);
    const auto oldLine = [&](long long i) -> QString {
        const QString& line = oldLines.at(i);
        if (newIndex.contains(line)) {
            return masked.at(newIndex.value(line));
        }
        const QString key = keyOf(line);
        if (!key.isEmpty() && keyHoldsSecret.contains(key) && !keyHoldsSecret.value(key)) {
            return line;
        }
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith(QLatin1Char('#'))) {
            return line;
        }
        return (key.isEmpty() ? kSecret : key + QLatin1Char('=') + kSecret) + QLatin1Char('\n');
    };
    return diff(
        oldLines, newLines, oldLine, [&](long long i) { return masked.at(i); }, label);
}

QString Differ::maskLike(const QString& text, const QString& newText, const QString& maskedNewText)
{
    const QStringList newLines = lines(newText);
    const QStringList masked = lines(maskedNewText);
    if (masked.size() != newLines.size()) {
        return text == newText ? maskedNewText : QStringLiteral("(hidden: the file holds secrets)\n");
    }
    QHash<QString, qsizetype> newIndex;
    QHash<QString, bool> keyHoldsSecret;
    indexSecretKeys(newLines, masked, &newIndex, &keyHoldsSecret);
    QString out;
    for (const QString& line : lines(text)) {
        if (newIndex.contains(line)) {
            out += masked.at(newIndex.value(line));
            continue;
        }
        const QString key = keyOf(line);
        const QString trimmed = line.trimmed();
        if ((!key.isEmpty() && keyHoldsSecret.contains(key) && !keyHoldsSecret.value(key)) || trimmed.isEmpty() ||
            trimmed.startsWith(QLatin1Char('#'))) {
            out += line;
        } else {
            out += (key.isEmpty() ? kSecret : key + QLatin1Char('=') + kSecret) + QLatin1Char('\n');
        }
    }
    return out;
}

QString Differ::between(const QString& oldText, const QString& newText, const QString& label, const QString& oldName,
                        const QString& newName)
{
    QString diff = unified(oldText, newText, label);
    const QString header =
        QStringLiteral("--- ") + label + QStringLiteral(" (server)\n+++ ") + label + QStringLiteral(" (new)\n");
    if (diff.startsWith(header)) {
        diff.replace(0, header.size(),
                     QStringLiteral("--- ") + label + QStringLiteral(" (") + oldName + QStringLiteral(")\n+++ ") +
                         label + QStringLiteral(" (") + newName + QStringLiteral(")\n"));
    }
    return diff;
}

} // namespace saltant
