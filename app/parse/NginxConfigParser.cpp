#include "parse/NginxConfigParser.h"

namespace saltant {
namespace {

enum class Token
{
    Directive,
    BlockStart,
    BlockDone,
    FileDone,
    Error
};

bool isSpace(QChar c)
{
    return c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\r') || c == QLatin1Char('\n');
}

// The word between start and end as nginx copies it: \" \' \\ lose the backslash, \t \r \n become control
// characters, any other backslash stays.
QString unescapedWord(QStringView text)
{
    QString word;
    word.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('\\') && i + 1 < text.size()) {
            const QChar next = text.at(i + 1);
            if (next == QLatin1Char('"') || next == QLatin1Char('\'') || next == QLatin1Char('\\')) {
                word += next;
                ++i;
                continue;
            }
            if (next == QLatin1Char('t') || next == QLatin1Char('r') || next == QLatin1Char('n')) {
                word += next == QLatin1Char('t')   ? QLatin1Char('\t')
                        : next == QLatin1Char('r') ? QLatin1Char('\r')
                                                   : QLatin1Char('\n');
                ++i;
                continue;
            }
        }
        word += c;
    }
    return word;
}

class Reader
{
public:
    Reader(const QString& text, const QString& file) : m_text(text), m_file(file) {}

    // Reads the words of one directive, up to ';', '{', '}' or the end of the file (nginx's ngx_conf_read_token).
    Token next(QStringList* args, int* firstLine)
    {
        args->clear();
        *firstLine = 0;
        bool needSpace = false;
        bool lastSpace = true;
        bool comment = false;
        bool escaped = false;
        bool variable = false;
        QChar quote;
        qsizetype start = m_pos;
        while (true) {
            if (m_pos >= m_text.size()) {
                if (!args->isEmpty() || !lastSpace) {
                    fail(NginxConfigParser::tr("unexpected end of file, expecting \";\" or \"}\""));
                    return Token::Error;
                }
                return Token::FileDone;
            }
            const QChar ch = m_text.at(m_pos++);
            if (ch == QLatin1Char('\n')) {
                ++m_line;
                comment = false;
            }
            if (comment) {
                continue;
            }
            if (escaped) {
                escaped = false;
                continue;
            }
            if (needSpace) {
                if (isSpace(ch)) {
                    lastSpace = true;
                    needSpace = false;
                    continue;
                }
                if (ch == QLatin1Char(';')) {
                    return Token::Directive;
                }
                if (ch == QLatin1Char('{')) {
                    return Token::BlockStart;
                }
                if (ch == QLatin1Char(')')) {
                    lastSpace = true;
                    needSpace = false;
                    continue;
                }
                fail(NginxConfigParser::tr("unexpected \"%1\"").arg(ch));
                return Token::Error;
            }
            if (lastSpace) {
                if (isSpace(ch)) {
                    continue;
                }
                start = m_pos - 1;
                switch (ch.unicode()) {
                case ';':
                case '{':
                    if (args->isEmpty()) {
                        fail(NginxConfigParser::tr("unexpected \"%1\"").arg(ch));
                        return Token::Error;
                    }
                    return ch == QLatin1Char('{') ? Token::BlockStart : Token::Directive;
                case '}':
                    if (!args->isEmpty()) {
                        fail(NginxConfigParser::tr("unexpected \"}\""));
                        return Token::Error;
                    }
                    return Token::BlockDone;
                case '#':
                    comment = true;
                    continue;
                case '\\':
                    escaped = true;
                    lastSpace = false;
                    break;
                case '"':
                case '\'':
                    ++start;
                    quote = ch;
                    lastSpace = false;
                    break;
                case '$':
                    variable = true;
                    lastSpace = false;
                    break;
                default:
                    lastSpace = false;
                }
                if (args->isEmpty() && *firstLine == 0) {
                    *firstLine = m_line;
                }
                continue;
            }
            if (ch == QLatin1Char('{') && variable) {
                continue;
            }
            variable = false;
            if (ch == QLatin1Char('\\')) {
                escaped = true;
                continue;
            }
            if (ch == QLatin1Char('$')) {
                variable = true;
                continue;
            }
            bool found = false;
            if (!quote.isNull()) {
                if (ch == quote) {
                    quote = QChar();
                    needSpace = true;
                    found = true;
                }
            } else if (isSpace(ch) || ch == QLatin1Char(';') || ch == QLatin1Char('{')) {
                lastSpace = true;
                found = true;
            }
            if (found) {
                args->append(unescapedWord(QStringView(m_text).mid(start, m_pos - 1 - start)));
                if (ch == QLatin1Char(';')) {
                    return Token::Directive;
                }
                if (ch == QLatin1Char('{')) {
                    return Token::BlockStart;
                }
            }
        }
    }

    void fail(const QString& message)
    {
        m_error.line = m_line;
        m_error.message = message;
    }

    const ParseError& error() const { return m_error; }
    int line() const { return m_line; }

private:
    const QString& m_text;
    QString m_file;
    qsizetype m_pos = 0;
    int m_line = 1;
    ParseError m_error;
};

// Reads directives until the end of the file (top level) or the '}' that closes the current block.
bool parseBlock(Reader& reader, const QString& file, int depth, bool inBlock, QList<NginxDirective>* out)
{
    QStringList args;
    int line = 0;
    while (true) {
        const Token token = reader.next(&args, &line);
        switch (token) {
        case Token::Error:
            return false;
        case Token::FileDone:
            if (inBlock) {
                reader.fail(NginxConfigParser::tr("unexpected end of file, expecting \"}\""));
                return false;
            }
            return true;
        case Token::BlockDone:
            if (!inBlock) {
                reader.fail(NginxConfigParser::tr("unexpected \"}\""));
                return false;
            }
            return true;
        case Token::Directive:
        case Token::BlockStart: {
            NginxDirective directive;
            directive.name = args.takeFirst();
            directive.args = args;
            directive.file = file;
            directive.line = line;
            if (token == Token::BlockStart) {
                directive.hasBlock = true;
                if (depth + 1 > ParseLimits::MaxDepth) {
                    reader.fail(NginxConfigParser::tr("Blocks are nested more than %1 deep; nginx configurations "
                                                      "are not. Is it the right file?")
                                    .arg(ParseLimits::MaxDepth));
                    return false;
                }
                if (!parseBlock(reader, file, depth + 1, true, &directive.block)) {
                    out->append(directive);
                    return false;
                }
            }
            out->append(directive);
            break;
        }
        }
    }
}

bool expandIncludes(QList<NginxDirective>* directives, const NginxConfigParser::IncludeLoader& loader,
                    QStringList* stack, NginxConfigParser::Result* result)
{
    QList<NginxDirective> expanded;
    for (NginxDirective& directive : *directives) {
        if (directive.hasBlock) {
            if (!expandIncludes(&directive.block, loader, stack, result)) {
                return false;
            }
        }
        if (directive.name != QLatin1String("include") || directive.hasBlock) {
            expanded.append(directive);
            continue;
        }
        auto failAt = [&](const QString& message) {
            result->error = {directive.line, 0, message};
            result->errorFile = directive.file;
            return false;
        };
        if (directive.args.size() != 1) {
            return failAt(NginxConfigParser::tr("invalid number of arguments in \"include\" directive"));
        }
        if (stack->size() >= ParseLimits::MaxDepth) {
            return failAt(
                NginxConfigParser::tr("Includes are nested more than %1 files deep.").arg(ParseLimits::MaxDepth));
        }
        QList<NginxConfigParser::IncludedFile> files;
        QString error;
        if (!loader(directive.args.constFirst(), &files, &error)) {
            return failAt(error);
        }
        for (const NginxConfigParser::IncludedFile& file : files) {
            if (stack->contains(file.path)) {
                return failAt(NginxConfigParser::tr("%1 includes itself (through %2).")
                                  .arg(file.path, stack->join(QStringLiteral(" → "))));
            }
            NginxConfigParser::Result included = NginxConfigParser::parse(file.text, file.path);
            if (!included.error.isNull()) {
                result->error = included.error;
                result->errorFile = included.errorFile;
                return false;
            }
            stack->append(file.path);
            const bool ok = expandIncludes(&included.directives, loader, stack, result);
            stack->removeLast();
            if (!ok) {
                return false;
            }
            expanded.append(included.directives);
        }
    }
    *directives = expanded;
    return true;
}

} // namespace

NginxConfigParser::Result NginxConfigParser::parse(const QString& text, const QString& file)
{
    Result result;
    if (!checkInputSize(text, &result.error)) {
        result.errorFile = file;
        return result;
    }
    Reader reader(text, file);
    if (!parseBlock(reader, file, 0, false, &result.directives)) {
        result.error = reader.error();
        result.errorFile = file;
    }
    return result;
}

NginxConfigParser::Result NginxConfigParser::parseWithIncludes(const QString& text, const QString& file,
                                                               const IncludeLoader& loader)
{
    Result result = parse(text, file);
    if (!result.error.isNull()) {
        return result;
    }
    QStringList stack{file};
    expandIncludes(&result.directives, loader, &stack, &result);
    return result;
}

} // namespace saltant
