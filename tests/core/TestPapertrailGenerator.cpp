#include "GoldenFiles.h"

#include <QTest>

using namespace saltant;

class TestPapertrailGenerator : public QObject
{
    Q_OBJECT

private slots:
    void golden_data() { m_golden.addCaseRows(); }
    void golden();
    void rule_forwardsUwsgiAndNginxLogsToTheDestination_data() { m_golden.addCaseRows(QStringLiteral("papertrail")); }
    void rule_forwardsUwsgiAndNginxLogsToTheDestination();
    void transport_followsTheTlsSetting_data();
    void transport_followsTheTlsSetting();
    void papertrailOff_writesNoRuleAndRestartsNoRsyslog();

private:
    GoldenFiles m_golden{QStringLiteral(SALTANT_TEST_DATA "/golden")};
};

void TestPapertrailGenerator::golden()
{
    QFETCH(QString, caseName);
    QString message;
    QVERIFY2(m_golden.verifyFile(caseName, QStringLiteral("papertrail"), &message), qPrintable(message));
}

void TestPapertrailGenerator::rule_forwardsUwsgiAndNginxLogsToTheDestination()
{
    QFETCH(QString, caseName);
    Project project;
    GeneratedFile rule;
    RenderResult result;
    QString error;
    QVERIFY2(m_golden.loadProject(caseName, &project, &error), qPrintable(error));
    QVERIFY2(m_golden.render(caseName, &result, &error), qPrintable(error));
    QVERIFY2(m_golden.renderedFile(caseName, QStringLiteral("papertrail"), &rule, &error), qPrintable(error));
    QCOMPARE(rule.mode, 0644);
    QCOMPARE(rule.remotePath, project.text(Key::PapertrailConfigPath));
    QVERIFY(rule.content.contains(QStringLiteral("File=\"") + project.text(Key::UwsgiLogFile) + QLatin1Char('"')));
    QVERIFY(rule.content.contains(QLatin1String("File=\"/var/log/nginx/access.log\"")));
    QVERIFY(rule.content.contains(QLatin1String("File=\"/var/log/nginx/error.log\"")));
    QCOMPARE(rule.content.count(QLatin1String("Ruleset=\"papertrail\"")), 3);
    QVERIFY(rule.content.contains(QStringLiteral("target=\"") + project.text(Key::PapertrailHost) +
                                  QStringLiteral("\" port=\"") + QString::number(project.integer(Key::PapertrailPort)) +
                                  QLatin1Char('"')));
    QCOMPARE(rule.content.count(QLatin1Char('(')), rule.content.count(QLatin1Char(')')));
    QCOMPARE(rule.content.count(QLatin1Char('{')), rule.content.count(QLatin1Char('}')));
    QCOMPARE(rule.content.count(QLatin1Char('"')) % 2, 0);
    QVERIFY(result.files.last().content.contains(QLatin1String("systemctl restart rsyslog.service")));
}

void TestPapertrailGenerator::transport_followsTheTlsSetting_data()
{
    QTest::addColumn<bool>("tls");
    QTest::newRow("tls") << true;
    QTest::newRow("udp") << false;
}

void TestPapertrailGenerator::transport_followsTheTlsSetting()
{
    QFETCH(bool, tls);
    Project project = Project::example();
    QVERIFY(project.setValue(Key::PapertrailEnabled, true));
    QVERIFY(project.setValue(Key::PapertrailTls, tls));
    const RenderResult result = Renderer::render(project);
    QVERIFY(result.ok());
    QString content;
    for (const GeneratedFile& file : result.files) {
        content = file.id == QLatin1String("papertrail") ? file.content : content;
    }
    QVERIFY(!content.isEmpty());
    QCOMPARE(content.contains(QLatin1String("protocol=\"tcp\"")), tls);
    QCOMPARE(content.contains(QLatin1String("protocol=\"udp\"")), !tls);
    QCOMPARE(content.contains(QLatin1String("StreamDriver=\"gtls\"")), tls);
    QCOMPARE(content.contains(QLatin1String("StreamDriverMode=\"1\"")), tls);
    QCOMPARE(content.contains(QLatin1String("StreamDriverAuthMode=\"x509/name\"")), tls);
}

void TestPapertrailGenerator::papertrailOff_writesNoRuleAndRestartsNoRsyslog()
{
    const RenderResult result = Renderer::render(Project::example());
    QVERIFY(result.ok());
    for (const GeneratedFile& file : result.files) {
        QVERIFY(file.id != QLatin1String("papertrail"));
        QVERIFY(!file.content.contains(QLatin1String("rsyslog")));
    }
}

QTEST_GUILESS_MAIN(TestPapertrailGenerator)
#include "TestPapertrailGenerator.moc"
#include "model/SettingKeys.h"
