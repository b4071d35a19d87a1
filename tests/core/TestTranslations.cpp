#include "i18n/Translations.h"
#include "plan/PlanText.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

using namespace saltant;

// translations/saltant-deploy_de.ts is complete and current: every entry translated, placeholders and markup kept,
// and lupdate over today's app/ and ui/ sources finds nothing new to translate. translations/saltant-deploy_en.ts
// holds the English singular and plural of every counted message ("%n file(s)"), and both catalogues give them.
class TestTranslations : public QObject
{
    Q_OBJECT

private slots:
    void german_everyEntryTranslated();
    void german_keepsPlaceholdersAndMarkup();
    void german_isCurrentWithTheSources();
    void german_everyRuntimeContextIsInTheCatalogue();
    void german_cliMessagesAreTranslatedAtRunTime();
    void checks_rejectBrokenEntries();
    void english_holdsBothFormsOfEveryCountedMessage();
    void plurals_singularAndPluralInEnglishAndGerman();
    // Last: it installs translators for the rest of the process.
    void install_otherLanguagesGetTheEnglishForms();

private:
    struct Entry
    {
        QString context;
        QString source;
        QStringList translations; // one per numerus form
        bool unfinished = false;
    };
    static QString tsPath() { return QStringLiteral(SALTANT_SOURCE_DIR "/translations/saltant-deploy_de.ts"); }
    static QString englishTsPath() { return QStringLiteral(SALTANT_SOURCE_DIR "/translations/saltant-deploy_en.ts"); }
    // Runs lupdate over app/ and ui/ on a copy of the catalogue at path (with extra options); the copy's entries.
    static QList<Entry> updatedCopy(const QString& path, const QStringList& options, QString* error);
    // A plan of n new files and n links to set, nothing else.
    static Plan planOf(int n);
    static QList<Entry> parse(const QByteArray& xml, QString* error);
    static QStringList problems(const QList<Entry>& entries);
    static QList<Entry> parseFile(const QString& path);
    // The contexts code looks strings up in by name: QCoreApplication::translate("C", ...) and the tr() of
    // Q_DECLARE_TR_FUNCTIONS(C).
    static QSet<QString> runtimeContexts(const QString& code);
    static QString runCli(const QStringList& args);
};

QList<TestTranslations::Entry> TestTranslations::parse(const QByteArray& xml, QString* error)
{
    QList<Entry> entries;
    QXmlStreamReader reader(xml);
    QString context;
    Entry entry;
    while (!reader.atEnd()) {
        reader.readNext();
        const auto name = reader.name();
        if (reader.isStartElement()) {
            if (name == QLatin1String("name")) {
                context = reader.readElementText();
            } else if (name == QLatin1String("message")) {
                entry = Entry{context, {}, {}, false};
            } else if (name == QLatin1String("source")) {
                entry.source = reader.readElementText();
            } else if (name == QLatin1String("translation")) {
                entry.unfinished = reader.attributes().value(QLatin1String("type")) == QLatin1String("unfinished") ||
                                   reader.attributes().value(QLatin1String("type")) == QLatin1String("vanished") ||
                                   reader.attributes().value(QLatin1String("type")) == QLatin1String("obsolete");
                QString text;
                bool numerus = false;
                while (!reader.atEnd()) {
                    reader.readNext();
                    if (reader.isCharacters()) {
                        text += reader.text();
                    } else if (reader.isStartElement() && reader.name() == QLatin1String("numerusform")) {
                        numerus = true;
                        entry.translations << reader.readElementText();
                    } else if (reader.isEndElement() && reader.name() == QLatin1String("translation")) {
                        break;
                    }
                }
                if (!numerus) {
                    entry.translations << text;
                }
            }
        } else if (reader.isEndElement() && name == QLatin1String("message")) {
            entries << entry;
        }
    }
    if (reader.hasError()) {
        *error = reader.errorString();
    }
    return entries;
}

QList<TestTranslations::Entry> TestTranslations::parseFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    QString error;
    return parse(file.readAll(), &error);
}

QStringList TestTranslations::problems(const QList<Entry>& entries)
{
    static const QRegularExpression placeholder(QStringLiteral("%(\\d+|n)"));
    static const QRegularExpression tag(QStringLiteral("</?[a-zA-Z][a-zA-Z0-9]*(\\s[^>]*)?>"));
    const auto collect = [](const QRegularExpression& re, const QString& text) {
        QStringList found;
        for (auto it = re.globalMatch(text); it.hasNext();) {
            found << it.next().captured(0);
        }
        found.sort();
        return found;
    };
    QStringList result;
    for (const Entry& entry : entries) {
        const QString where = entry.context + QLatin1String(": ") + entry.source.left(60);
        if (entry.unfinished) {
            result << QStringLiteral("unfinished: ") + where;
            continue;
        }
        if (entry.translations.isEmpty()) {
            result << QStringLiteral("no translation: ") + where;
        }
        QStringList placeholders = collect(placeholder, entry.source);
        placeholders.removeDuplicates();
        const QStringList tags = collect(tag, entry.source);
        for (const QString& translation : entry.translations) {
            if (translation.trimmed().isEmpty()) {
                result << QStringLiteral("empty translation: ") + where;
                continue;
            }
            for (const QString& p : placeholders) {
                if (!translation.contains(p)) {
                    result << QStringLiteral("placeholder %1 missing: ").arg(p) + where;
                }
            }
            if (collect(tag, translation) != tags) {
                result << QStringLiteral("markup differs: ") + where;
            }
        }
    }
    return result;
}

void TestTranslations::german_everyEntryTranslated()
{
    const QList<Entry> entries = parseFile(tsPath());
    QVERIFY2(entries.size() > 700, qPrintable(QStringLiteral("%1 entries in %2").arg(entries.size()).arg(tsPath())));
    QStringList unfinished;
    for (const Entry& entry : entries) {
        if (entry.unfinished || entry.translations.isEmpty() || entry.translations.constFirst().isEmpty()) {
            unfinished << entry.context + QLatin1String(": ") + entry.source;
        }
    }
    QVERIFY2(unfinished.isEmpty(), qPrintable(unfinished.join(QLatin1Char('\n'))));
}

void TestTranslations::german_keepsPlaceholdersAndMarkup()
{
    const QStringList found = problems(parseFile(tsPath()));
    QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
}

QList<TestTranslations::Entry> TestTranslations::updatedCopy(const QString& path, const QStringList& options,
                                                             QString* error)
{
    const QString lupdate = QLibraryInfo::path(QLibraryInfo::BinariesPath) + QStringLiteral("/lupdate");
    if (!QFile::exists(lupdate)) {
        *error = lupdate + QStringLiteral(" is missing (qt6-l10n-tools)");
        return {};
    }
    QTemporaryDir dir;
    const QString copy = dir.filePath(QFileInfo(path).fileName());
    if (!dir.isValid() || !QFile::copy(path, copy)) {
        *error = QStringLiteral("cannot copy ") + path;
        return {};
    }
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setWorkingDirectory(QStringLiteral(SALTANT_SOURCE_DIR));
    process.start(lupdate, options + QStringList{QStringLiteral("-no-obsolete"), QStringLiteral("-locations"),
                                                 QStringLiteral("none"), QStringLiteral("app"), QStringLiteral("ui"),
                                                 QStringLiteral("-ts"), copy});
    if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        *error = process.errorString() + QLatin1Char('\n') + QString::fromLocal8Bit(process.readAll());
        return {};
    }
    return parseFile(copy);
}

void TestTranslations::german_isCurrentWithTheSources()
{
    // lupdate over a copy: a tr() string added to app/ or ui/ without a German translation shows up as unfinished.
    QString error;
    const QList<Entry> entries = updatedCopy(tsPath(), {}, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QStringList found = problems(entries);
    QVERIFY2(found.isEmpty(), qPrintable(QStringLiteral("run the update_translations target and translate:\n") +
                                         found.join(QLatin1Char('\n'))));
}

QSet<QString> TestTranslations::runtimeContexts(const QString& code)
{
    static const QRegularExpression call(
        QStringLiteral(R"re(QCoreApplication::translate\(\s*"([^"]+)"|Q_DECLARE_TR_FUNCTIONS\(\s*([\w:]+)\s*\))re"));
    QSet<QString> contexts;
    for (auto it = call.globalMatch(code); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        contexts.insert(match.hasCaptured(1) ? match.captured(1) : match.captured(2));
    }
    return contexts;
}

void TestTranslations::german_everyRuntimeContextIsInTheCatalogue()
{
    // A string looked up under a context lupdate never wrote stays English at run time although the catalogue has
    // its translation (lupdate files tr() in members of saltant::X under "saltant::X").
    QSet<QString> catalogue;
    for (const Entry& entry : parseFile(tsPath())) {
        catalogue.insert(entry.context);
    }
    QStringList missing;
    for (const QString& dir : {QStringLiteral("app"), QStringLiteral("ui")}) {
        QDirIterator it(QStringLiteral(SALTANT_SOURCE_DIR "/") + dir, {QStringLiteral("*.cpp"), QStringLiteral("*.h")},
                        QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            for (const QString& context : runtimeContexts(QString::fromUtf8(file.readAll()))) {
                if (!catalogue.contains(context)) {
                    missing << it.filePath() + QStringLiteral(": ") + context;
                }
            }
        }
    }
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QLatin1Char('\n'))));
    // The scan itself finds a context the catalogue lacks.
    const QSet<QString> control = runtimeContexts(
        QStringLiteral("return QCoreApplication::translate(\"Nope\", t);\n    Q_DECLARE_TR_FUNCTIONS(saltant::Nix)\n"));
    QCOMPARE(control, (QSet<QString>{QStringLiteral("Nope"), QStringLiteral("saltant::Nix")}));
}

QString TestTranslations::runCli(const QStringList& args)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral(SALTANT_BINARY_DIR "/app/saltant-deploy-cli"), args);
    if (!process.waitForFinished(60000)) {
        return QStringLiteral("<did not finish>");
    }
    return QString::fromUtf8(process.readAll());
}

void TestTranslations::german_cliMessagesAreTranslatedAtRunTime()
{
    // One string per Q_DECLARE_TR_FUNCTIONS class kind: a validator message, a deploy option, a check option.
    const QString lint = runCli({QStringLiteral("--lang"), QStringLiteral("de"), QStringLiteral("lint"),
                                 QStringLiteral("--set"), QStringLiteral("server.domain=bad domain")});
    QVERIFY2(lint.contains(QStringLiteral("server.domain")), qPrintable(lint));
    QVERIFY2(!lint.contains(QStringLiteral("must be a DNS name")), qPrintable(lint));
    const QString deploy =
        runCli({QStringLiteral("--lang"), QStringLiteral("de"), QStringLiteral("deploy"), QStringLiteral("--help")});
    QVERIFY2(deploy.contains(QStringLiteral("--no-checks")), qPrintable(deploy));
    QVERIFY2(!deploy.contains(QStringLiteral("Skip the preflight checks")), qPrintable(deploy));
    QVERIFY2(!deploy.contains(QStringLiteral("Time limit of each check")), qPrintable(deploy));
    QVERIFY2(deploy.contains(QStringLiteral("Vorabprüfungen")), qPrintable(deploy));
    // And English stays English.
    const QString english =
        runCli({QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("deploy"), QStringLiteral("--help")});
    QVERIFY2(english.contains(QStringLiteral("Skip the preflight checks")), qPrintable(english));
}

void TestTranslations::checks_rejectBrokenEntries()
{
    const QByteArray xml = R"(<?xml version="1.0" encoding="utf-8"?><TS version="2.1" language="de_DE"><context>
<name>C</name>
<message><source>Open %1 in %2</source><translation>%1 öffnen</translation></message>
<message><source>Save</source><translation type="unfinished"></translation></message>
<message><source><![CDATA[<b>Bold</b> text]]></source><translation>Fetter Text</translation></message>
<message><source>Quit</source><translation></translation></message>
<message numerus="yes"><source>%n files</source><translation><numerusform>%n Datei</numerusform>
<numerusform>Dateien</numerusform></translation></message>
<message><source>Fine %1</source><translation>Gut %1</translation></message>
</context></TS>)";
    QString error;
    const QList<Entry> entries = parse(xml, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(entries.size(), 6);
    const QStringList found = problems(entries);
    QCOMPARE(found.size(), 5);
    QVERIFY(found[0].startsWith(QLatin1String("placeholder %2 missing: C: Open")));
    QVERIFY(found[1].startsWith(QLatin1String("unfinished: C: Save")));
    QVERIFY(found[2].startsWith(QLatin1String("markup differs: C: <b>Bold")));
    QVERIFY(found[3].startsWith(QLatin1String("empty translation: C: Quit")));
    QVERIFY(found[4].startsWith(QLatin1String("placeholder %n missing: C: %n files")));
}

void TestTranslations::english_holdsBothFormsOfEveryCountedMessage()
{
    // Current: lupdate -pluralonly over today's sources finds no counted message without its English forms.
    QString error;
    const QList<Entry> entries = updatedCopy(englishTsPath(), {QStringLiteral("-pluralonly")}, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY2(entries.size() >= 20, qPrintable(QString::number(entries.size())));
    QVERIFY2(entries.size() == parseFile(englishTsPath()).size(), "run the update_translations target");
    const QStringList found = problems(entries);
    QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
    QStringList wrong;
    for (const Entry& entry : entries) {
        const bool forms = entry.translations.size() == 2 && entry.translations[0] != entry.translations[1] &&
                           !entry.translations[0].contains(QLatin1String("(s)")) &&
                           !entry.translations[1].contains(QLatin1String("(s)"));
        if (!forms) {
            wrong << entry.context + QLatin1String(": ") + entry.source;
        }
    }
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong.join(QLatin1Char('\n'))));
}

Plan TestTranslations::planOf(int n)
{
    Plan plan;
    for (int i = 0; i < n; ++i) {
        PlannedFile file;
        file.change = PlannedFile::Change::New;
        plan.files << file;
        PlannedLink link;
        link.changed = true;
        plan.links << link;
    }
    return plan;
}

void TestTranslations::plurals_singularAndPluralInEnglishAndGerman()
{
    const auto check = [](int n) {
        return QCoreApplication::translate("saltant::DeployCommand", "%n preflight check(s) failed (see above).",
                                           nullptr, n);
    };
    Plan unchanged = planOf(1);
    unchanged.files[0].change = PlannedFile::Change::Unchanged;
    unchanged.links.clear();
    // Without a catalogue the source text shows: this test can tell.
    QCOMPARE(check(1), QStringLiteral("1 preflight check(s) failed (see above)."));

    QTranslator english;
    QVERIFY(english.load(QStringLiteral(":/i18n/saltant-deploy_en.qm")));
    QVERIFY(QCoreApplication::installTranslator(&english));
    QCOMPARE(check(1), QStringLiteral("1 preflight check failed (see above)."));
    QCOMPARE(check(2), QStringLiteral("2 preflight checks failed (see above)."));
    QCOMPARE(PlanText::summary(planOf(1)),
             QStringLiteral("1 file: 1 new, 0 changed, 0 unchanged; 1 link to set; 0 commands (0 handlers)."));
    QCOMPARE(PlanText::summary(planOf(2)),
             QStringLiteral("2 files: 2 new, 0 changed, 0 unchanged; 2 links to set; 0 commands (0 handlers)."));
    QCOMPARE(PlanText::summary(unchanged),
             QStringLiteral("Nothing to do: the server matches the project (1 file unchanged)."));
    QVERIFY(QCoreApplication::removeTranslator(&english));

    QTranslator german;
    QVERIFY(german.load(QStringLiteral(":/i18n/saltant-deploy_de.qm")));
    QVERIFY(QCoreApplication::installTranslator(&german));
    QCOMPARE(check(1), QStringLiteral("1 Vorabprüfung ist fehlgeschlagen (siehe oben)."));
    QCOMPARE(check(2), QStringLiteral("2 Vorabprüfungen sind fehlgeschlagen (siehe oben)."));
    QCOMPARE(PlanText::summary(planOf(1)),
             QStringLiteral("1 Datei: 1 neu, 0 geändert, 0 unverändert; 1 Link zu setzen; 0 Befehle (0 Handler)."));
    QCOMPARE(PlanText::summary(planOf(2)),
             QStringLiteral("2 Dateien: 2 neu, 0 geändert, 0 unverändert; 2 Links zu setzen; 0 Befehle (0 Handler)."));
    QCOMPARE(PlanText::summary(unchanged),
             QStringLiteral("Nichts zu tun: Der Server entspricht dem Projekt (1 Datei unverändert)."));
    QVERIFY(QCoreApplication::removeTranslator(&german));
}

void TestTranslations::install_otherLanguagesGetTheEnglishForms()
{
    // French has no catalogue of ours: English, with its singular and plural.
    QVERIFY(Translations::install(*QCoreApplication::instance(), QStringLiteral("fr")));
    QCOMPARE(PlanText::summary(planOf(1)),
             QStringLiteral("1 file: 1 new, 0 changed, 0 unchanged; 1 link to set; 0 commands (0 handlers)."));
    QCOMPARE(QCoreApplication::translate("saltant::DeployController",
                                         "Deployed, but %n health check(s) failed: see Server Checks.", nullptr, 3),
             QStringLiteral("Deployed, but 3 health checks failed: see Server Checks."));
}

QTEST_GUILESS_MAIN(TestTranslations)
#include "TestTranslations.moc"
#include "model/SettingKeys.h"
