#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QLibraryInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

// translations/saltant-deploy_de.ts is complete and current: every entry translated, placeholders and markup kept,
// and lupdate over today's app/ and ui/ sources finds nothing new to translate.
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

private:
    struct Entry
    {
        QString context;
        QString source;
        QStringList translations; // one per numerus form
        bool unfinished = false;
    };
    static QString tsPath() { return QStringLiteral(SALTANT_SOURCE_DIR "/translations/saltant-deploy_de.ts"); }
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

void TestTranslations::german_isCurrentWithTheSources()
{
    // lupdate over a copy: a tr() string added to app/ or ui/ without a German translation shows up as unfinished.
    const QString lupdate = QLibraryInfo::path(QLibraryInfo::BinariesPath) + QStringLiteral("/lupdate");
    QVERIFY2(QFile::exists(lupdate), qPrintable(lupdate + QStringLiteral(" is missing (qt6-l10n-tools)")));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString copy = dir.filePath(QStringLiteral("saltant-deploy_de.ts"));
    QVERIFY(QFile::copy(tsPath(), copy));
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setWorkingDirectory(QStringLiteral(SALTANT_SOURCE_DIR));
    process.start(lupdate, {QStringLiteral("-no-obsolete"), QStringLiteral("-locations"), QStringLiteral("none"),
                            QStringLiteral("app"), QStringLiteral("ui"), QStringLiteral("-ts"), copy});
    QVERIFY2(process.waitForFinished(120000), qPrintable(process.errorString()));
    const QString output = QString::fromLocal8Bit(process.readAll());
    QVERIFY2(process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0, qPrintable(output));
    const QStringList found = problems(parseFile(copy));
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

QTEST_GUILESS_MAIN(TestTranslations)
#include "TestTranslations.moc"
