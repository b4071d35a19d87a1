#include "preview/highlight/FileHighlighter.h"
#include "common/Palette.h"
#include "preview/PreviewPane.h"
#include "UiTestMain.h"

#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>
#include <cmath>

using namespace saltant;

class TestHighlighting : public QObject
{
    Q_OBJECT

private slots:
    void everyFormat_highlightsKeysAndComments_data();
    void everyFormat_highlightsKeysAndComments();
    void colours_contrastWithLightAndDarkBase_data();
    void colours_contrastWithLightAndDarkBase();
    void maskSecrets_hidesValuesAndNamesThem();

private:
    static QPalette palette(bool dark);
};

QPalette TestHighlighting::palette(bool dark)
{
    QPalette p;
    p.setColor(QPalette::Base, dark ? QColor(0x1e, 0x1e, 0x1e) : Qt::white);
    p.setColor(QPalette::Text, dark ? QColor(0xe0, 0xe0, 0xe0) : Qt::black);
    p.setColor(QPalette::Highlight, dark ? QColor(0x2a, 0x5d, 0xb0) : QColor(0x30, 0x8c, 0xc6));
    return p;
}

namespace {

// The foreground the highlighter gave the character at column (invalid when unformatted).
QColor colourAt(const QTextBlock& block, int column, bool* italic = nullptr)
{
    for (const QTextLayout::FormatRange& range : block.layout()->formats()) {
        if (column >= range.start && column < range.start + range.length) {
            if (italic) {
                *italic = range.format.fontItalic();
            }
            return range.format.foreground().color();
        }
    }
    return QColor();
}

double luminance(const QColor& c)
{
    auto channel = [](double v) {
        return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

double contrast(const QColor& a, const QColor& b)
{
    const double la = luminance(a) + 0.05;
    const double lb = luminance(b) + 0.05;
    return la > lb ? la / lb : lb / la;
}

} // namespace

void TestHighlighting::everyFormat_highlightsKeysAndComments_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<QString>("line");
    QTest::addColumn<int>("keyColumn");
    QTest::addColumn<QString>("comment");
    QTest::newRow("nginx") << int(FileFormat::Nginx) << QStringLiteral("    server_name example.org;") << 4
                           << QStringLiteral("# nginx site");
    QTest::newRow("ini") << int(FileFormat::Ini) << QStringLiteral("chdir = /home/ubuntu/saltant") << 0
                         << QStringLiteral("; uwsgi");
    QTest::newRow("systemd") << int(FileFormat::Systemd) << QStringLiteral("[Service]") << 1
                             << QStringLiteral("# unit");
    QTest::newRow("dotenv") << int(FileFormat::Dotenv) << QStringLiteral("DEBUG=False") << 0
                            << QStringLiteral("# saltant environment");
    QTest::newRow("envfile") << int(FileFormat::EnvFile) << QStringLiteral("FLOWER_BASIC_AUTH='a:b'") << 0
                             << QStringLiteral("# flower");
    QTest::newRow("shell") << int(FileFormat::Shell) << QStringLiteral("systemctl reload nginx") << 0
                           << QStringLiteral("# hook");
    QTest::newRow("rabbitmq.conf") << int(FileFormat::RabbitConf) << QStringLiteral("listeners.tcp = none") << 0
                                   << QStringLiteral("# rabbit");
    QTest::newRow("erlang") << int(FileFormat::Erlang) << QStringLiteral("[{rabbit, [{tcp_listeners, []}]}].") << 2
                            << QStringLiteral("% classic config");
    QTest::newRow("rsyslog") << int(FileFormat::Rsyslog) << QStringLiteral("if $programname == 'uwsgi' then") << 0
                             << QStringLiteral("# papertrail");
}

void TestHighlighting::everyFormat_highlightsKeysAndComments()
{
    QFETCH(int, format);
    QFETCH(QString, line);
    QFETCH(int, keyColumn);
    QFETCH(QString, comment);
    for (bool dark : {false, true}) {
        QTextDocument document;
        document.setPlainText(line + QLatin1Char('\n') + comment);
        const QPalette pal = palette(dark);
        FileHighlighter* highlighter = FileHighlighter::create(static_cast<FileFormat>(format), &document, pal);
        highlighter->rehighlight();
        const QColor key = colourAt(document.firstBlock(), keyColumn);
        QVERIFY2(key.isValid(), qPrintable(line));
        QVERIFY2(contrast(key, pal.color(QPalette::Base)) >= 3.0, qPrintable(line));
        bool italic = false;
        const QColor commentColour = colourAt(document.lastBlock(), 0, &italic);
        QCOMPARE(commentColour, Palette::color(Palette::Role::Comment, pal));
        QVERIFY(italic);
        delete highlighter;
    }
}

void TestHighlighting::colours_contrastWithLightAndDarkBase_data()
{
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
}

void TestHighlighting::colours_contrastWithLightAndDarkBase()
{
    QFETCH(bool, dark);
    const QPalette pal = palette(dark);
    QCOMPARE(Palette::isDark(pal), dark);
    for (auto role : {Palette::Role::Keyword, Palette::Role::Key, Palette::Role::String, Palette::Role::Number,
                      Palette::Role::Variable, Palette::Role::Section, Palette::Role::Error, Palette::Role::Warning,
                      Palette::Role::Info}) {
        const double ratio = contrast(Palette::color(role, pal), pal.color(QPalette::Base));
        QVERIFY2(ratio >= 3.0, qPrintable(QStringLiteral("role %1: contrast %2").arg(int(role)).arg(ratio)));
    }
}

void TestHighlighting::maskSecrets_hidesValuesAndNamesThem()
{
    QList<LineNumberEditor::Span> spans;
    const QString masked = PreviewPane::maskSecrets(
        QStringLiteral("A=1\nURL='amqp://u:<secret:rabbitmq.password>@h'\nK='<secret:django.secretKey>'"), &spans);
    const QString mask(6, FileHighlighter::maskCharacter());
    QCOMPARE(masked,
             QStringLiteral("A=1\nURL='amqp://u:") + mask + QStringLiteral("@h'\nK='") + mask + QLatin1Char('\''));
    QCOMPARE(spans.size(), 2);
    QCOMPARE(spans[0].line, 1);
    QCOMPARE(spans[0].column, 14);
    QVERIFY(spans[0].toolTip.contains(QStringLiteral("RabbitMQ admin password")));
    QCOMPARE(spans[1].line, 2);
    QCOMPARE(spans[1].column, 3);
    QVERIFY(spans[1].toolTip.contains(QStringLiteral("Django SECRET_KEY")));
}

SALTANT_UI_TEST_MAIN(TestHighlighting)
#include "TestHighlighting.moc"
