#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace saltant {

// Unified diffs (dtl) between what is on the server and what the project generates.
class Differ
{
public:
    // "--- label (server)\n+++ label (new)\n@@ -a,b +c,d @@\n..." with three lines of context;
    // empty when the texts are equal. A last line without a newline is marked "\ No newline at end of file".
    static QString unified(const QString& oldText, const QString& newText, const QString& label);

    // The same for a file holding secrets. maskedNewText is the same file rendered without secret values (each
    // secret replaced by its placeholder, line for line); new and context lines are printed from it. A removed
    // line is printed as is only when it cannot hold a secret: it equals a new line (printed masked), or its
    // KEY= is one whose new line holds no secret, or it is blank or a comment; otherwise as "KEY=<secret>".
    static QString unifiedMasked(const QString& oldText, const QString& newText, const QString& maskedNewText,
                                 const QString& label);

    // text (any version of a file holding secrets) with each line that may hold a secret masked by the rule of
    // unifiedMasked() for removed lines.
    static QString maskLike(const QString& text, const QString& newText, const QString& maskedNewText);
    // unified() with other names than "(server)" and "(new)" for the two sides.
    static QString between(const QString& oldText, const QString& newText, const QString& label, const QString& oldName,
                           const QString& newName);

    // Lines with their terminating newline (the last one may have none).
    static QStringList lines(const QString& text);

    // One step of a line diff: a line both texts share, one only the old text has, or one only the new text has.
    // Indexes are 0-based; the one for the side that lacks the line is -1.
    struct Edit
    {
        enum Op
        {
            Common,
            Removed,
            Added
        };
        Op op = Common;
        qsizetype oldIndex = -1;
        qsizetype newIndex = -1;
    };
    // The shortest edit script (dtl) turning oldLines into newLines, in order (within a change the removed lines
    // come before the added ones); lines compare exactly.
    static QList<Edit> edits(const QStringList& oldLines, const QStringList& newLines);
    // The 0-based indexes of the lines of newLines that are not in oldLines (the Added edits).
    static QList<int> addedLines(const QStringList& oldLines, const QStringList& newLines);
};

} // namespace saltant
