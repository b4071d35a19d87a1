#pragma once

#include <QString>
#include <QStringList>

class QCoreApplication;

namespace saltant {

// Loads Qt's own translation (qtbase_*) and ours (embedded under :/i18n/) for a language, or the system locale.
class Translations
{
public:
    // The CODE of "--lang CODE" or "--lang=CODE" in args, else the SALTANT_LANG environment variable, else empty.
    static QString languageFromArguments(const QStringList& args);
    // Removes "--lang CODE" / "--lang=CODE" from args (the CLI takes it before the command).
    static QStringList withoutLanguageOption(QStringList args);
    // Installs the translators on app; an empty language means the system locale. A language without a catalogue
    // of ours gets the English one (the singular and plural forms of counted messages). False if neither was found.
    static bool install(QCoreApplication& app, const QString& language);
};

} // namespace saltant
