#include "TestLintSupport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtEndian>

using namespace saltant;

namespace {

// A PNG signature and IHDR chunk (no image data: the rule reads only the header).
QByteArray pngHeader(quint32 width, quint32 height)
{
    QByteArray b("\x89PNG\r\n\x1a\n", 8);
    b += QByteArray("\x00\x00\x00\x0d", 4) + QByteArrayLiteral("IHDR");
    char size[8];
    qToBigEndian<quint32>(width, size);
    qToBigEndian<quint32>(height, size + 4);
    b += QByteArray(size, 8);
    b += QByteArray("\x08\x06\x00\x00\x00", 5); // bit depth, colour type, compression, filter, interlace
    b += QByteArray(4, '\0');                   // CRC (not checked)
    return b;
}

QByteArray icoHeader(quint16 images)
{
    QByteArray b("\x00\x00\x01\x00", 4);
    char count[2];
    qToLittleEndian<quint16>(images, count);
    b += QByteArray(count, 2);
    b += QByteArray(16, '\x10'); // one ICONDIRENTRY's worth of bytes
    return b;
}

const QByteArray jpeg("\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00", 20);

} // namespace

class TestLintBranding : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void logo_data();
    void logo();
    void logo_underHome_isFound();
    void favicon_data();
    void favicon();

private:
    QString write(const QString& name, const QByteArray& bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size()) {
            qFatal("cannot write fixture %s", qPrintable(path));
        }
        return path;
    }
    QList<LintIssue> lintFile(SettingKey key, const QString& path, const char* rule)
    {
        Project p = Project::example();
        if (!p.setValue(key, path)) {
            qFatal("cannot set %s", key.latin1());
        }
        return lintcheck::lint(p, lintcheck::secrets(), QString::fromLatin1(rule));
    }
    QTemporaryDir m_dir;
};

void TestLintBranding::logo_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("expected"); // empty: no issue; else a fragment of the message
    QTest::newRow("square png") << "square.png" << pngHeader(64, 64) << QString();
    QTest::newRow("no logo") << QString() << QByteArray() << QString();
    QTest::newRow("wide png") << "wide.png" << pngHeader(32, 16) << "32x16";
    QTest::newRow("tall png") << "tall.png" << pngHeader(100, 101) << "100x101";
    QTest::newRow("jpeg renamed .png") << "photo.png" << jpeg << "not a PNG";
    QTest::newRow("truncated png") << "cut.png" << pngHeader(64, 64).left(14) << "damaged";
    QTest::newRow("zero size png") << "zero.png" << pngHeader(0, 0) << "damaged";
    QTest::newRow("empty file") << "empty.png" << QByteArray() << "not a PNG";
    QTest::newRow("missing file") << "missing.png" << QByteArray() << "cannot be read";
}

void TestLintBranding::logo()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    QString path;
    if (file == QLatin1String("missing.png")) {
        path = m_dir.filePath(file);
    } else if (!file.isEmpty()) {
        path = write(file, bytes);
    }
    const QList<LintIssue> found = lintFile(Key::BrandingLogoFile, path, "logo-not-square-png");
    if (expected.isEmpty()) {
        QVERIFY2(found.isEmpty(), qPrintable(found.isEmpty() ? QString() : found.first().message));
        return;
    }
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.first().severity, Severity::Error);
    QCOMPARE(found.first().field, Key::BrandingLogoFile);
    QVERIFY(!found.first().fix.has_value());
    QVERIFY2(found.first().message.contains(expected), qPrintable(found.first().message));
    QVERIFY(found.first().message.contains(path));
}

void TestLintBranding::logo_underHome_isFound()
{
    const QByteArray oldHome = qgetenv("HOME");
    qputenv("HOME", m_dir.path().toLocal8Bit());
    write(QStringLiteral("home-logo.png"), pngHeader(20, 10));
    const QList<LintIssue> found =
        lintFile(Key::BrandingLogoFile, QStringLiteral("~/home-logo.png"), "logo-not-square-png");
    qputenv("HOME", oldHome);
    QCOMPARE(found.size(), 1);
    QVERIFY2(found.first().message.contains(QStringLiteral("20x10")), qPrintable(found.first().message));
}

void TestLintBranding::favicon_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("expected");
    QTest::newRow("ico") << "favicon.ico" << icoHeader(1) << QString();
    QTest::newRow("no favicon") << QString() << QByteArray() << QString();
    QTest::newRow("png renamed .ico") << "png.ico" << pngHeader(16, 16) << "not an ICO";
    QTest::newRow("cursor file") << "cursor.ico" << QByteArray("\x00\x00\x02\x00\x01\x00", 6) << "not an ICO";
    QTest::newRow("no images") << "none.ico" << icoHeader(0) << "not an ICO";
    QTest::newRow("truncated") << "cut.ico" << QByteArray("\x00\x00\x01", 3) << "not an ICO";
    QTest::newRow("missing file") << "missing.ico" << QByteArray() << "cannot be read";
}

void TestLintBranding::favicon()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    QString path;
    if (file == QLatin1String("missing.ico")) {
        path = m_dir.filePath(file);
    } else if (!file.isEmpty()) {
        path = write(file, bytes);
    }
    const QList<LintIssue> found = lintFile(Key::BrandingFaviconFile, path, "favicon-not-ico");
    if (expected.isEmpty()) {
        QVERIFY2(found.isEmpty(), qPrintable(found.isEmpty() ? QString() : found.first().message));
        return;
    }
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.first().severity, Severity::Error);
    QCOMPARE(found.first().field, Key::BrandingFaviconFile);
    QVERIFY(!found.first().fix.has_value());
    QVERIFY2(found.first().message.contains(expected), qPrintable(found.first().message));
}

QTEST_GUILESS_MAIN(TestLintBranding)
#include "TestLintBranding.moc"
#include "model/SettingKeys.h"
