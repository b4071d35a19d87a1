#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

// The core (app/) and the CLI never touch Qt Widgets or Qt Gui: the CLI is the proof that the layering holds. The
// window's program itself links nothing but the C library.
class TestLayering : public QObject
{
    Q_OBJECT

private slots:
    void scanner_findsAWidgetsInclude();
    void coreSources_includeNoWidgetsOrGuiHeader();
    void coreCMake_linksNoWidgetsOrGui();
    void cliBinary_needsNoWidgetsOrGuiLibrary();
    void windowProgram_needsOnlyTheCLibrary();

private:
    static QStringList forbiddenIncludes(const QString& root);
    // `readelf -d BINARY`, or what went wrong.
    static QString dynamicSection(const QString& binary);
};

QStringList TestLayering::forbiddenIncludes(const QString& root)
{
    // Module includes (<QtWidgets/...>, <QtGui/...>) and the class headers of both modules we could reach for.
    static const QRegularExpression forbidden(QStringLiteral(
        R"(^\s*#\s*include\s*[<"](QtWidgets|QtGui|QtOpenGL|QWidget|QApplication|QGuiApplication|QMainWindow|)"
        R"(QDialog|QMessageBox|QLineEdit|QPushButton|QLabel|QImage|QImageReader|QPixmap|QIcon|QColor|QFont|)"
        R"(QPainter|QUndoStack|QUndoCommand|QSyntaxHighlighter|QTextDocument|QClipboard|QAction)\b)"));
    QStringList hits;
    QDirIterator it(root, {QStringLiteral("*.h"), QStringLiteral("*.cpp")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            hits << path + QStringLiteral(" (unreadable)");
            continue;
        }
        int line = 0;
        while (!file.atEnd()) {
            ++line;
            const QString text = QString::fromUtf8(file.readLine());
            if (forbidden.match(text).hasMatch()) {
                hits << QStringLiteral("%1:%2: %3").arg(path).arg(line).arg(text.trimmed());
            }
        }
    }
    return hits;
}

void TestLayering::scanner_findsAWidgetsInclude()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile file(dir.filePath(QStringLiteral("Bad.cpp")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("#include <QString>\n#include <QtWidgets/QLabel>\n#include <QPixmap>\n");
    file.close();
    QCOMPARE(forbiddenIncludes(dir.path()).size(), 2);
}

void TestLayering::coreSources_includeNoWidgetsOrGuiHeader()
{
    const QStringList hits = forbiddenIncludes(QStringLiteral(SALTANT_SOURCE_DIR "/app"));
    QVERIFY2(hits.isEmpty(), qPrintable(hits.join(QLatin1Char('\n'))));
}

void TestLayering::coreCMake_linksNoWidgetsOrGui()
{
    QFile file(QStringLiteral(SALTANT_SOURCE_DIR "/app/CMakeLists.txt"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    const QRegularExpression linked(QStringLiteral(R"(Qt6?::(Widgets|Gui)\b)"));
    const QRegularExpression component(QStringLiteral(R"(COMPONENTS[^)]*\b(Widgets|Gui)\b)"));
    QVERIFY2(!linked.match(text).hasMatch(), "app/CMakeLists.txt links Qt Widgets or Gui");
    QVERIFY2(!component.match(text).hasMatch(), "app/CMakeLists.txt asks for the Qt Widgets or Gui component");
    // The patterns themselves work:
    QVERIFY(linked.match(QStringLiteral("target_link_libraries(x PRIVATE Qt6::Widgets)")).hasMatch());
    QVERIFY(component.match(QStringLiteral("find_package(Qt6 COMPONENTS Core Gui)")).hasMatch());
}

QString TestLayering::dynamicSection(const QString& binary)
{
    if (!QFile::exists(binary)) {
        return binary + QStringLiteral(" was not built");
    }
    QProcess readelf;
    readelf.start(QStringLiteral("readelf"), {QStringLiteral("-d"), binary});
    if (!readelf.waitForFinished(30000) || readelf.exitCode() != 0) {
        return QStringLiteral("readelf -d %1 failed: %2")
            .arg(binary, QString::fromUtf8(readelf.readAllStandardError()));
    }
    return QString::fromUtf8(readelf.readAllStandardOutput());
}

void TestLayering::cliBinary_needsNoWidgetsOrGuiLibrary()
{
    const QString dynamic = dynamicSection(QStringLiteral(SALTANT_BINARY_DIR "/app/saltant-deploy-cli"));
    QVERIFY2(dynamic.contains(QLatin1String("libQt6Core")),
             qPrintable(QStringLiteral("readelf output lists no Qt Core, the check is blind: ") + dynamic));
    QVERIFY2(!dynamic.contains(QLatin1String("libQt6Widgets")), "saltant-deploy-cli links Qt Widgets");
    QVERIFY2(!dynamic.contains(QLatin1String("libQt6Gui")), "saltant-deploy-cli links Qt Gui");
}

// saltant-deploy reads fontconfig's configuration while the dynamic loader loads Qt and the window: every library it
// needed would be loaded before that starts and searched first for every symbol Qt looks up (ui/launch/main.cpp).
void TestLayering::windowProgram_needsOnlyTheCLibrary()
{
    const QString dynamic = dynamicSection(QStringLiteral(SALTANT_BINARY_DIR "/ui/saltant-deploy"));
    static const QRegularExpression needed(QStringLiteral(R"(\(NEEDED\)\s+Shared library: \[([^\]]+)\])"));
    QStringList libraries;
    for (auto it = needed.globalMatch(dynamic); it.hasNext();) {
        libraries << it.next().captured(1);
    }
    QVERIFY2(!libraries.isEmpty(), qPrintable(dynamic));
    QCOMPARE(libraries, QStringList{QStringLiteral("libc.so.6")});
}

QTEST_GUILESS_MAIN(TestLayering)
#include "TestLayering.moc"
