#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

// `saltant-deploy --help` and `--version` print and exit like every command-line program, also where no display
// can be opened (a QApplication would abort: "could not connect to display", no xcb); without its window module the
// program says so.
class TestGuiCommandLine : public QObject
{
    Q_OBJECT

private slots:
    void helpAndVersion_withoutADisplay_data();
    void helpAndVersion_withoutADisplay();
    void withoutTheWindowModule_saysWhatWasTriedAndWhatToDo();

private:
    static QProcessEnvironment noDisplay()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}) {
            env.remove(QString::fromLatin1(name));
        }
        return env;
    }
};

void TestGuiCommandLine::helpAndVersion_withoutADisplay_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected");
    QTest::newRow("--help") << QStringList{QStringLiteral("--help")} << QStringLiteral("--screenshot <FILE>");
    QTest::newRow("-h") << QStringList{QStringLiteral("-h")} << QStringLiteral("Usage: ");
    QTest::newRow("--version") << QStringList{QStringLiteral("--version")}
                               << QStringLiteral("saltant-deploy " SALTANT_VERSION);
    QTest::newRow("German help") << QStringList{QStringLiteral("--lang"), QStringLiteral("de"),
                                                QStringLiteral("--help")}
                                 << QStringLiteral("Zu öffnende Projektdatei.");
}

void TestGuiCommandLine::helpAndVersion_withoutADisplay()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    QProcess gui;
    gui.setProcessEnvironment(noDisplay());
    gui.start(QStringLiteral(SALTANT_BINARY_DIR "/ui/saltant-deploy"), arguments);
    QVERIFY(gui.waitForFinished(30000));
    const QString out = QString::fromLocal8Bit(gui.readAllStandardOutput());
    const QString err = QString::fromLocal8Bit(gui.readAllStandardError());
    QVERIFY2(gui.exitStatus() == QProcess::NormalExit && gui.exitCode() == 0, qPrintable(err));
    QVERIFY2(out.contains(expected), qPrintable(out + err));
}

// The program loads the window from saltant-deploy-gui.so next to it or in ../lib/saltant-deploy/: without it, it
// names both places and what to do, and fails.
void TestGuiCommandLine::withoutTheWindowModule_saysWhatWasTriedAndWhatToDo()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString program = dir.filePath(QStringLiteral("saltant-deploy"));
    QVERIFY(QFile::copy(QStringLiteral(SALTANT_BINARY_DIR "/ui/saltant-deploy"), program));
    QProcess gui;
    gui.setProcessEnvironment(noDisplay());
    gui.start(program, {QStringLiteral("--version")});
    QVERIFY(gui.waitForFinished(30000));
    const QString err = QString::fromLocal8Bit(gui.readAllStandardError());
    QCOMPARE(gui.exitStatus(), QProcess::NormalExit);
    QCOMPARE(gui.exitCode(), 1);
    QVERIFY(gui.readAllStandardOutput().isEmpty());
    QVERIFY2(err.contains(dir.filePath(QStringLiteral("saltant-deploy-gui.so"))), qPrintable(err));
    QVERIFY2(err.contains(dir.filePath(QStringLiteral("../lib/saltant-deploy/saltant-deploy-gui.so"))),
             qPrintable(err));
    QVERIFY2(err.contains(QLatin1String("No such file or directory")), qPrintable(err));
    QVERIFY2(err.contains(QLatin1String("Reinstall Saltant Deploy, or build the target saltant-deploy-gui.")),
             qPrintable(err));
}

QTEST_GUILESS_MAIN(TestGuiCommandLine)
#include "TestGuiCommandLine.moc"
