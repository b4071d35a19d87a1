#include "i18n/Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace saltant {

namespace {

const QLatin1String kOption("--lang");

} // namespace

QString Translations::languageFromArguments(const QStringList& args)
{
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == kOption && i + 1 < args.size()) {
            return args[i + 1];
        }
        if (args[i].startsWith(kOption + QLatin1Char('='))) {
            return args[i].mid(kOption.size() + 1);
        }
    }
    return qEnvironmentVariable("SALTANT_LANG");
}

QStringList Translations::withoutLanguageOption(QStringList args)
{
    for (int i = 1; i < args.size();) {
        if (args[i] == kOption) {
            args.remove(i, i + 1 < args.size() ? 2 : 1);
        } else if (args[i].startsWith(kOption + QLatin1Char('='))) {
            args.removeAt(i);
        } else {
            ++i;
        }
    }
    return args;
}

bool Translations::install(QCoreApplication& app, const QString& language)
{
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    auto* qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
    }
    // Ours for the language, else English: its catalogue holds only the plural forms ("1 file", "2 files") of the
    // English source texts, which say "file(s)".
    auto* ours = new QTranslator(&app);
    if (!ours->load(locale, QStringLiteral("saltant-deploy"), QStringLiteral("_"), QStringLiteral(":/i18n")) &&
        !ours->load(QStringLiteral("saltant-deploy_en"), QStringLiteral(":/i18n"))) {
        delete ours;
        return false;
    }
    QCoreApplication::installTranslator(ours);
    return true;
}

} // namespace saltant
