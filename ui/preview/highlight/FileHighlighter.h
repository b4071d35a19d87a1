#pragma once

#include "common/Palette.h"
#include "generate/GeneratedFile.h"

#include <QList>
#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace saltant {

// A rule-based highlighter for one generated file format. Subclasses list their rules (pattern, role, capture
// group); rules apply in order, later ones over earlier ones. Colours come from Palette, i.e. from the system
// palette, so dark themes get light text. Masked secrets (runs of •) are always shown as a chip.
class FileHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    // The highlighter for format, attached to document.
    static FileHighlighter* create(FileFormat format, QTextDocument* document, const QPalette& palette);

    // The character that masks a secret in previews.
    static QChar maskCharacter() { return QChar(0x2022); }

protected:
    FileHighlighter(QTextDocument* document, const QPalette& palette);

    void addRule(const QString& pattern, Palette::Role role, int group = 0);
    // Shared rules: "#" comments from line start (after blanks), quoted strings, numbers.
    void addHashComments();
    void addQuotedStrings();
    void addNumbers();

    void highlightBlock(const QString& text) override;

private:
    struct Rule
    {
        QRegularExpression pattern;
        QTextCharFormat format;
        int group;
    };

    QTextCharFormat formatFor(Palette::Role role) const;

    QPalette m_palette;
    QList<Rule> m_rules;
    QRegularExpression m_mask;
    QTextCharFormat m_maskFormat;
};

} // namespace saltant
