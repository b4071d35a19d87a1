#pragma once

#include "parse/ParseError.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace saltant {

// rabbitmq.conf, the "sysctl" format RabbitMQ reads through cuttlefish: one "key = value" per line; a key is words
// of [A-Za-z0-9_-] joined by '.' (a '\.' inside a word is a literal dot); the value runs to the end of the line or
// to a '#', which starts a comment anywhere; spaces and tabs around both are dropped; blank and comment lines are
// skipped; "include PATH" lines are kept as such. Any other line makes cuttlefish refuse the whole file (RabbitMQ
// does not start), so the first one is the error.
class RabbitConfParser
{
    Q_DECLARE_TR_FUNCTIONS(RabbitConfParser)

public:
    struct Entry
    {
        QString key; // as written, "\." kept (so keys print back unchanged)
        QString value;
        int line = 0;
        bool include = false; // an "include PATH" line: value is PATH
    };
    struct Result
    {
        QList<Entry> entries;
        ParseError error;

        // The last value of key (cuttlefish: the last one wins), or a null QString.
        QString value(const QString& key, int* line = nullptr) const;
    };

    static Result parse(const QString& text);
};

} // namespace saltant
