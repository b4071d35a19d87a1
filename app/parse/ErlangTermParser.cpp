#include "parse/ErlangTermParser.h"

#include "parse/Digits.h"

namespace saltant {

const ErlangTerm* ErlangTerm::property(const QString& key) const
{
    if (type != Type::List) {
        return nullptr;
    }
    for (const ErlangTerm& item : items) {
        if (item.type == Type::Tuple && item.items.size() == 2 && item.items.constFirst().isAtom(key)) {
            return &item.items.constLast();
        }
    }
    return nullptr;
}

namespace {

bool isDigit(QChar c)
{
    return c.unicode() >= '0' && c.unicode() <= '9';
}

bool isAtomStart(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= 'a' && u <= 'z') || (u >= 0xdf && u <= 0xff && u != 0xf7);
}

bool isNameChar(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || isDigit(c) || u == '_' || u == '@' ||
           (u >= 0xc0 && u <= 0xff && u != 0xd7 && u != 0xf7);
}

class TermReader
{
public:
    explicit TermReader(const QString& text) : m_text(text) {}

    bool readAll(QList<ErlangTerm>* terms)
    {
        while (true) {
            skipBlanks();
            if (atEnd()) {
                return true;
            }
            ErlangTerm term;
            if (!readTerm(&term, 0)) {
                return false;
            }
            skipBlanks();
            if (atEnd() || peek() != QLatin1Char('.')) {
                return fail(ErlangTermParser::tr("Expected \".\" after the term."));
            }
            ++m_pos;
            if (!atEnd() && !peek().isSpace() && peek() != QLatin1Char('%')) {
                return fail(ErlangTermParser::tr("Expected a space or the end of the file after \".\"."));
            }
            terms->append(term);
        }
    }

    const ParseError& error() const { return m_error; }

private:
    bool atEnd() const { return m_pos >= m_text.size(); }
    QChar peek(qsizetype ahead = 0) const { return m_pos + ahead < m_text.size() ? m_text.at(m_pos + ahead) : QChar(); }
    QChar take()
    {
        const QChar c = m_text.at(m_pos++);
        if (c == QLatin1Char('\n')) {
            ++m_line;
            m_lineStart = m_pos;
        }
        return c;
    }

    bool fail(const QString& message)
    {
        if (m_error.isNull()) {
            m_error = {m_line, int(m_pos - m_lineStart + 1), message};
        }
        return false;
    }

    void skipBlanks()
    {
        while (!atEnd()) {
            const QChar c = peek();
            if (c == QLatin1Char('%')) {
                while (!atEnd() && peek() != QLatin1Char('\n')) {
                    take();
                }
            } else if (c.isSpace()) {
                take();
            } else {
                return;
            }
        }
    }

    bool expect(QChar c)
    {
        skipBlanks();
        if (atEnd() || peek() != c) {
            return fail(ErlangTermParser::tr("Expected \"%1\".").arg(c));
        }
        take();
        return true;
    }

    // One escape after a backslash inside a quoted atom, string or character literal.
    bool readEscape(QString* out)
    {
        if (atEnd()) {
            return fail(ErlangTermParser::tr("The file ends inside an escape."));
        }
        const QChar c = take();
        switch (c.unicode()) {
        case 'b':
            *out += QChar(0x08);
            return true;
        case 'd':
            *out += QChar(0x7f);
            return true;
        case 'e':
            *out += QChar(0x1b);
            return true;
        case 'f':
            *out += QChar(0x0c);
            return true;
        case 'n':
            *out += QChar(0x0a);
            return true;
        case 'r':
            *out += QChar(0x0d);
            return true;
        case 's':
            *out += QChar(0x20);
            return true;
        case 't':
            *out += QChar(0x09);
            return true;
        case 'v':
            *out += QChar(0x0b);
            return true;
        default:
            break;
        }
        if (c == QLatin1Char('^')) {
            if (atEnd()) {
                return fail(ErlangTermParser::tr("The file ends inside an escape."));
            }
            *out += QChar(take().unicode() & 0x1f);
            return true;
        }
        char32_t code = 0;
        if (c.unicode() >= '0' && c.unicode() <= '7') {
            code = c.unicode() - '0';
            for (int k = 0; k < 2 && !atEnd() && peek().unicode() >= '0' && peek().unicode() <= '7'; ++k) {
                code = code * 8 + (take().unicode() - '0');
            }
        } else if (c == QLatin1Char('x')) {
            const bool braced = peek() == QLatin1Char('{');
            if (braced) {
                take();
            }
            int digits = 0;
            while (!atEnd() && digitValue(peek(), 16) >= 0 && (braced || digits < 2)) {
                code = code * 16 + char32_t(digitValue(take(), 16));
                if (++digits > 8) {
                    return fail(ErlangTermParser::tr("A \\x escape is too long."));
                }
            }
            if (digits == 0 || (braced && (atEnd() || take() != QLatin1Char('}')))) {
                return fail(ErlangTermParser::tr("A \\x escape is not complete."));
            }
        } else {
            *out += c; // \\ \" \' and any other character stand for themselves
            return true;
        }
        if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
            return fail(ErlangTermParser::tr("An escape names no character."));
        }
        *out += QString::fromUcs4(&code, 1);
        return true;
    }

    bool readQuoted(QChar quote, QString* out)
    {
        take(); // the opening quote
        while (true) {
            if (atEnd()) {
                return fail(ErlangTermParser::tr("A quoted text is not closed."));
            }
            const QChar c = take();
            if (c == quote) {
                return true;
            }
            if (c == QLatin1Char('\\')) {
                if (!readEscape(out)) {
                    return false;
                }
            } else {
                *out += c;
            }
        }
    }

    bool readNumber(ErlangTerm* term, bool negative)
    {
        QString digits;
        auto readDigits = [&](int base, QString* into) {
            bool any = false;
            while (!atEnd()) {
                const QChar c = peek();
                if (c == QLatin1Char('_') && any && m_pos + 1 < m_text.size() && digitValue(peek(1), base) >= 0) {
                    take();
                    continue;
                }
                if (digitValue(c, base) < 0) {
                    break;
                }
                *into += take();
                any = true;
                if (into->size() > 4096) {
                    return fail(ErlangTermParser::tr("A number has more than 4096 digits."));
                }
            }
            return any;
        };
        if (!readDigits(10, &digits)) {
            return fail(ErlangTermParser::tr("Expected a number."));
        }
        term->type = ErlangTerm::Type::Integer;
        if (peek() == QLatin1Char('#')) {
            take();
            bool ok = false;
            const int base = digits.toInt(&ok);
            if (!ok || base < 2 || base > 36) {
                return fail(ErlangTermParser::tr("A number base must be between 2 and 36."));
            }
            QString based;
            if (!readDigits(base, &based)) {
                return fail(ErlangTermParser::tr("Expected digits of base %1.").arg(base));
            }
            const qulonglong value = based.toULongLong(&ok, base);
            term->text = ok ? QString::number(value) : based; // too large for 64 bits: kept as written
        } else if (peek() == QLatin1Char('.') && isDigit(peek(1))) {
            take();
            term->type = ErlangTerm::Type::Float;
            digits += QLatin1Char('.');
            readDigits(10, &digits);
            if (peek() == QLatin1Char('e') || peek() == QLatin1Char('E')) {
                digits += take();
                if (peek() == QLatin1Char('+') || peek() == QLatin1Char('-')) {
                    digits += take();
                }
                if (!readDigits(10, &digits)) {
                    return fail(ErlangTermParser::tr("Expected the exponent of a float."));
                }
            }
            term->text = digits;
        } else {
            term->text = digits;
        }
        if (negative) {
            term->text.prepend(QLatin1Char('-'));
        }
        return true;
    }

    bool readSequence(QChar close, ErlangTerm* term, int depth, bool allowTail)
    {
        take(); // the opening bracket
        skipBlanks();
        if (peek() == close) {
            take();
            return true;
        }
        while (true) {
            ErlangTerm item;
            if (!readTerm(&item, depth + 1)) {
                return false;
            }
            term->items.append(item);
            skipBlanks();
            if (peek() == QLatin1Char(',')) {
                take();
                continue;
            }
            if (allowTail && peek() == QLatin1Char('|')) {
                take();
                ErlangTerm tail;
                if (!readTerm(&tail, depth + 1)) {
                    return false;
                }
                if (tail.type == ErlangTerm::Type::List && !tail.improper) {
                    term->items.append(tail.items);
                } else {
                    term->items.append(tail);
                    term->improper = true;
                }
            }
            return expect(close);
        }
    }

    bool readBinary(ErlangTerm* term, int depth)
    {
        m_pos += 2; // "<<"
        term->type = ErlangTerm::Type::Binary;
        skipBlanks();
        if (peek() == QLatin1Char('>') && peek(1) == QLatin1Char('>')) {
            m_pos += 2;
            return true;
        }
        while (true) {
            skipBlanks();
            ErlangTerm part;
            if (!readTerm(&part, depth + 1)) {
                return false;
            }
            if (part.type == ErlangTerm::Type::String) {
                term->text += part.text;
            } else if (part.type == ErlangTerm::Type::Integer) {
                bool ok = false;
                const int byte = part.text.toInt(&ok);
                if (!ok || byte < 0 || byte > 255) {
                    return fail(ErlangTermParser::tr("A byte in a binary must be between 0 and 255."));
                }
                term->text += QChar(byte);
            } else {
                return fail(ErlangTermParser::tr("A binary may hold only strings and bytes here."));
            }
            skipBlanks();
            if (peek() == QLatin1Char(',')) {
                take();
                continue;
            }
            if (peek() == QLatin1Char('>') && peek(1) == QLatin1Char('>')) {
                m_pos += 2;
                return true;
            }
            return fail(ErlangTermParser::tr("Expected \",\" or \">>\" in a binary."));
        }
    }

    bool readMap(ErlangTerm* term, int depth)
    {
        take(); // '#'
        if (peek() != QLatin1Char('{')) {
            return fail(ErlangTermParser::tr("Records are not terms; expected \"#{\" for a map."));
        }
        take();
        term->type = ErlangTerm::Type::Map;
        skipBlanks();
        if (peek() == QLatin1Char('}')) {
            take();
            return true;
        }
        while (true) {
            ErlangTerm key;
            ErlangTerm value;
            if (!readTerm(&key, depth + 1)) {
                return false;
            }
            skipBlanks();
            if (peek() != QLatin1Char('=') || peek(1) != QLatin1Char('>')) {
                return fail(ErlangTermParser::tr("Expected \"=>\" in a map."));
            }
            m_pos += 2;
            if (!readTerm(&value, depth + 1)) {
                return false;
            }
            term->items << key << value;
            skipBlanks();
            if (peek() == QLatin1Char(',')) {
                take();
                continue;
            }
            return expect(QLatin1Char('}'));
        }
    }

    bool readTerm(ErlangTerm* term, int depth)
    {
        if (depth > ParseLimits::MaxDepth) {
            return fail(ErlangTermParser::tr("Terms are nested more than %1 deep; configuration files are not.")
                            .arg(ParseLimits::MaxDepth));
        }
        skipBlanks();
        if (atEnd()) {
            return fail(ErlangTermParser::tr("The file ends where a term was expected."));
        }
        term->line = m_line;
        const QChar c = peek();
        if (c == QLatin1Char('{')) {
            term->type = ErlangTerm::Type::Tuple;
            return readSequence(QLatin1Char('}'), term, depth, false);
        }
        if (c == QLatin1Char('[')) {
            term->type = ErlangTerm::Type::List;
            return readSequence(QLatin1Char(']'), term, depth, true);
        }
        if (c == QLatin1Char('<') && peek(1) == QLatin1Char('<')) {
            return readBinary(term, depth);
        }
        if (c == QLatin1Char('#')) {
            return readMap(term, depth);
        }
        if (c == QLatin1Char('"')) {
            term->type = ErlangTerm::Type::String;
            do {
                if (!readQuoted(QLatin1Char('"'), &term->text)) {
                    return false;
                }
                skipBlanks();
            } while (peek() == QLatin1Char('"'));
            return true;
        }
        if (c == QLatin1Char('\'')) {
            term->type = ErlangTerm::Type::Atom;
            return readQuoted(QLatin1Char('\''), &term->text);
        }
        if (c == QLatin1Char('$')) {
            take();
            if (atEnd()) {
                return fail(ErlangTermParser::tr("The file ends inside a character literal."));
            }
            QString character;
            if (peek() == QLatin1Char('\\')) {
                take();
                if (!readEscape(&character)) {
                    return false;
                }
            } else {
                character = take();
                if (character.at(0).isHighSurrogate() && !atEnd() && peek().isLowSurrogate()) {
                    character += take();
                }
            }
            term->type = ErlangTerm::Type::Integer;
            term->text = QString::number(character.toUcs4().value(0));
            return true;
        }
        if (c == QLatin1Char('-') || c == QLatin1Char('+')) {
            take();
            skipBlanks();
            if (!isDigit(peek())) {
                return fail(ErlangTermParser::tr("Expected a number after \"%1\".").arg(c));
            }
            return readNumber(term, c == QLatin1Char('-'));
        }
        if (isDigit(c)) {
            return readNumber(term, false);
        }
        if (isAtomStart(c)) {
            term->type = ErlangTerm::Type::Atom;
            while (!atEnd() && isNameChar(peek())) {
                term->text += take();
            }
            return true;
        }
        if (c.isUpper() || c == QLatin1Char('_')) {
            return fail(ErlangTermParser::tr("A variable is not a term; quote it ('%1') if it is an atom.").arg(c));
        }
        return fail(ErlangTermParser::tr("Unexpected \"%1\" where a term was expected.").arg(c));
    }

    const QString& m_text;
    qsizetype m_pos = 0;
    qsizetype m_lineStart = 0;
    int m_line = 1;
    ParseError m_error;
};

} // namespace

ErlangTermParser::Result ErlangTermParser::parse(const QString& text)
{
    Result result;
    if (!checkInputSize(text, &result.error)) {
        return result;
    }
    TermReader reader(text);
    if (!reader.readAll(&result.terms)) {
        result.error = reader.error();
    }
    return result;
}

} // namespace saltant
