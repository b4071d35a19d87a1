#include "GoldenFiles.h"

#include <QTest>

using namespace saltant;

// Golden files only; nginx's own parser checks the site file in another test.
class TestNginxSiteGenerator : public QObject
{
    Q_OBJECT

private slots:
    void golden_data() { m_golden.addCaseRows(); }
    void golden();

private:
    GoldenFiles m_golden{QStringLiteral(SALTANT_TEST_DATA "/golden")};
};

void TestNginxSiteGenerator::golden()
{
    QFETCH(QString, caseName);
    QString message;
    QVERIFY2(m_golden.verifyFile(caseName, QStringLiteral("nginx-site"), &message), qPrintable(message));
}

QTEST_GUILESS_MAIN(TestNginxSiteGenerator)
#include "TestNginxSiteGenerator.moc"
