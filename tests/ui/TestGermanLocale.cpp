#include "window/MainWindow.h"
#include "UiTestMain.h"
#include "model/Schema.h"
#include "i18n/Translations.h"

#include <QAction>
#include <QListWidget>
#include <QMenuBar>
#include <QTranslator>
#include <memory>

using namespace saltant;

// With the German translation installed (as `saltant-deploy --lang de` does), the main window speaks German:
// section names, menus and Qt's own strings.
class TestGermanLocale : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void translation_isEmbedded();
    void qtOwnStrings_areGerman();
    void sectionNames_areGerman();
    void menus_areGerman();
    void languageOption_isFoundAndRemoved();

private:
    QStringList menuTitles() const;

    std::unique_ptr<MainWindow> m_window;
};

void TestGermanLocale::initTestCase()
{
    QVERIFY2(Translations::install(*QCoreApplication::instance(), QStringLiteral("de")),
             "the German translation :/i18n/saltant-deploy_de.qm is not embedded");
}

void TestGermanLocale::init()
{
    m_window = std::make_unique<MainWindow>();
    m_window->startSession();
    QVERIFY(UiTest::showWithAllSections(m_window.get()));
}

void TestGermanLocale::cleanup()
{
    m_window.reset();
}

QStringList TestGermanLocale::menuTitles() const
{
    QStringList titles;
    for (const QAction* action : m_window->menuBar()->actions()) {
        titles << action->text();
    }
    return titles;
}

void TestGermanLocale::translation_isEmbedded()
{
    QTranslator translator;
    QVERIFY(translator.load(QStringLiteral(":/i18n/saltant-deploy_de.qm")));
    QCOMPARE(translator.language(), QStringLiteral("de_DE"));
    QVERIFY(!translator.isEmpty());
}

void TestGermanLocale::qtOwnStrings_areGerman()
{
    // qtbase_de from QLibraryInfo::TranslationsPath (Debian package qt6-translations-l10n).
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Abbrechen"));
}

void TestGermanLocale::sectionNames_areGerman()
{
    auto* sections = m_window->findChild<QListWidget*>(QStringLiteral("sectionList"));
    QVERIFY(sections);
    QCOMPARE(sections->count(), Schema::sections().size());
    QStringList names;
    for (int row = 0; row < sections->count(); ++row) {
        names << sections->item(row)->text();
    }
    QVERIFY2(names.contains(QStringLiteral("Server und Domain")), qPrintable(names.join(QLatin1String(", "))));
    QVERIFY2(names.contains(QStringLiteral("Datenbank")), qPrintable(names.join(QLatin1String(", "))));
    QVERIFY2(names.contains(QStringLiteral("Überwachung")), qPrintable(names.join(QLatin1String(", "))));
    QVERIFY2(!names.contains(QStringLiteral("Server & domain")), qPrintable(names.join(QLatin1String(", "))));
    // Product names stay as they are.
    QVERIFY(names.contains(QStringLiteral("nginx")));
    QVERIFY(names.contains(QStringLiteral("RabbitMQ")));
}

void TestGermanLocale::menus_areGerman()
{
    const QStringList titles = menuTitles();
    for (const char* title : {"&Datei", "&Bearbeiten", "&Ansicht", "&Hilfe"}) {
        QVERIFY2(titles.contains(QString::fromUtf8(title)), qPrintable(titles.join(QLatin1String(", "))));
    }
    QVERIFY2(!titles.contains(QStringLiteral("&File")), qPrintable(titles.join(QLatin1String(", "))));
    auto* undo = m_window->findChild<QAction*>(QStringLiteral("actionUndo"));
    auto* redo = m_window->findChild<QAction*>(QStringLiteral("actionRedo"));
    QVERIFY(undo && redo);
    QCOMPARE(undo->text(), QStringLiteral("&Rückgängig"));
    QCOMPARE(redo->text(), QStringLiteral("&Wiederherstellen"));
}

void TestGermanLocale::languageOption_isFoundAndRemoved()
{
    const QStringList args{QStringLiteral("saltant-deploy-cli"),
                           QStringLiteral("--lang"),
                           QStringLiteral("de"),
                           QStringLiteral("render"),
                           QStringLiteral("--out"),
                           QStringLiteral("x")};
    QCOMPARE(Translations::languageFromArguments(args), QStringLiteral("de"));
    QCOMPARE(Translations::withoutLanguageOption(args),
             QStringList({QStringLiteral("saltant-deploy-cli"), QStringLiteral("render"), QStringLiteral("--out"),
                          QStringLiteral("x")}));
    QCOMPARE(Translations::languageFromArguments({QStringLiteral("app"), QStringLiteral("--lang=fr")}),
             QStringLiteral("fr"));
    QCOMPARE(Translations::withoutLanguageOption({QStringLiteral("app"), QStringLiteral("--lang=fr")}),
             QStringList{QStringLiteral("app")});
}

SALTANT_UI_TEST_MAIN(TestGermanLocale)
#include "TestGermanLocale.moc"
