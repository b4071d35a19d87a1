#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace saltant {

// "<secret:NAME>": what generated text holds where a secret's value goes when the value is not at hand (previews,
// plans, golden files). The one place that writes and recognises it.
class SecretPlaceholder
{
public:
    // One placeholder found in a text: where it starts, how long it is, and the secret's name.
    struct Match
    {
        qsizetype start = 0;
        qsizetype length = 0;
        QString name;
    };

    static QString placeholder(const QString& name);
    // Every placeholder in text, in order.
    static QList<Match> find(const QString& text);
    // The names the placeholders in text refer to, each once, in the order they first appear.
    static QStringList names(const QString& text);
    // text with every placeholder replaced by maskText.
    static QString mask(const QString& text, const QString& maskText);
};

} // namespace saltant
