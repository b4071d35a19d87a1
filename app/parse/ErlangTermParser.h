#pragma once

#include "parse/ParseError.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace saltant {

// A term of Erlang's external text syntax, as in the classic rabbitmq.config: [{rabbit, [{ssl_listeners, [5671]}]}].
struct ErlangTerm
{
    enum class Type
    {
        Atom,
        String,
        Binary,
        Integer,
        Float,
        Tuple,
        List,
        Map
    };
    Type type = Type::Atom;
    QString text;            // Atom: its name; String, Binary: the characters; Integer, Float: the value written
                             // in decimal (Integer) or as read (Float)
    QList<ErlangTerm> items; // Tuple, List: the elements; Map: key, value, key, value, ...
    bool improper = false;   // List written [A | Tail] with a Tail that is not a list: the tail is the last item
    int line = 0;

    bool isAtom(const QString& name) const { return type == Type::Atom && text == name; }
    // In a proplist (a list of {Key, Value} tuples), the value of the first tuple whose key is the atom key, or
    // nullptr. line() of the result points at the setting.
    const ErlangTerm* property(const QString& key) const;
};

// Erlang terms as file:consult/1 reads them: a sequence of terms, each ending with '.'. Atoms (bare or 'quoted'),
// strings (with Erlang's escapes, adjacent strings joined), <<"binaries">> and <<1,2>>, integers (also 16#ff,
// 1_000, $c), floats, tuples, lists (with | tails), maps #{K => V}; '%' comments. Variables, funs, records and
// expressions are not terms and are errors. Nesting deeper than ParseLimits::MaxDepth is refused.
class ErlangTermParser
{
    Q_DECLARE_TR_FUNCTIONS(ErlangTermParser)

public:
    struct Result
    {
        QList<ErlangTerm> terms;
        ParseError error;
    };

    static Result parse(const QString& text);
};

} // namespace saltant
