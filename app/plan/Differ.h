#pragma once

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

    // Lines with their terminating newline (the last one may have none).
    static QStringList lines(const QString& text);
};

} // namespace saltant
