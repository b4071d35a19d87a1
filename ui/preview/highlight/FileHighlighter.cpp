#include "preview/highlight/FileHighlighter.h"

#include "preview/highlight/DotenvHighlighter.h"
#include "preview/highlight/ErlangHighlighter.h"
#include "preview/highlight/IniHighlighter.h"
#include "preview/highlight/NginxHighlighter.h"
#include "preview/highlight/RabbitConfHighlighter.h"
#include "preview/highlight/RsyslogHighlighter.h"
#include "preview/highlight/ShellHighlighter.h"

namespace saltant {

FileHighlighter* FileHighlighter::create(FileFormat format, QTextDocument* document, const QPalette& palette)
{
    switch (format) {
    case FileFormat::Nginx:
        return new NginxHighlighter(document, palette);
    case FileFormat::Ini:
    case FileFormat::Systemd:
        return new IniHighlighter(document, palette);
    case FileFormat::Dotenv:
    case FileFormat::EnvFile:
        return new DotenvHighlighter(document, palette);
    case FileFormat::Shell:
        return new ShellHighlighter(document, palette);
    case FileFormat::RabbitConf:
        return new RabbitConfHighlighter(document, palette);
    case FileFormat::Erlang:
        return new ErlangHighlighter(document, palette);
    case FileFormat::Rsyslog:
        return new RsyslogHighlighter(document, palette);
    }
    return new ShellHighlighter(document, palette);
}

FileHighlighter::FileHighlighter(QTextDocument* document, const QPalette& palette)
    : QSyntaxHighlighter(document), m_palette(palette), m_mask(QString(maskCharacter()) + QLatin1Char('+'))
{
    m_maskFormat.setBackground(Palette::color(Palette::Role::Secret, palette));
    m_maskFormat.setForeground(palette.color(QPalette::Text));
}

QTextCharFormat FileHighlighter::formatFor(Palette::Role role) const
{
    QTextCharFormat format;
    format.setForeground(Palette::color(role, m_palette));
    switch (role) {
    case Palette::Role::Comment:
        format.setFontItalic(true);
        break;
    case Palette::Role::Keyword:
    case Palette::Role::Section:
        format.setFontWeight(QFont::Bold);
        break;
    default:
        break;
    }
    return format;
}

void FileHighlighter::addRule(const QString& pattern, Palette::Role role, int group)
{
    m_rules.append({QRegularExpression(pattern), formatFor(role), group});
}

void FileHighlighter::addHashComments()
{
    addRule(QStringLiteral("^\\s*#.*$"), Palette::Role::Comment);
}

void FileHighlighter::addQuotedStrings()
{
    addRule(QStringLiteral("\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'"), Palette::Role::String);
}

void FileHighlighter::addNumbers()
{
    addRule(QStringLiteral("(?<![\\w.$/-])\\d+(?:\\.\\d+)?[kKmMgGsdh]?(?![\\w.-])"), Palette::Role::Number);
}

void FileHighlighter::highlightBlock(const QString& text)
{
    for (const Rule& rule : std::as_const(m_rules)) {
        auto it = rule.pattern.globalMatch(text);
        while (it.hasNext()) {
            const QRegularExpressionMatch match = it.next();
            if (match.capturedLength(rule.group) > 0) {
                setFormat(match.capturedStart(rule.group), match.capturedLength(rule.group), rule.format);
            }
        }
    }
    auto masks = m_mask.globalMatch(text);
    while (masks.hasNext()) {
        const QRegularExpressionMatch match = masks.next();
        setFormat(match.capturedStart(), match.capturedLength(), m_maskFormat);
    }
}

} // namespace saltant
