#include "GoldenFiles.h"
#include "generate/DeploySteps.h"

#include <QTest>

using namespace saltant;

// The drop-in that lets certbot.timer's renewals trust a private ACME server's CA, as the first certificate did.
class TestCertbotCaGenerator : public QObject
{
    Q_OBJECT

private slots:
    void golden_data() { m_golden.addCaseRows(QStringLiteral("certbot-ca")); }
    void golden();
    void onlyWithTlsAndACaFile();
    void dropIn_setsTheCaBundleAndReloadsSystemd();

private:
    GoldenFiles m_golden{QStringLiteral(SALTANT_TEST_DATA "/golden")};
};

namespace {

const GeneratedFile* certbotCa(const QList<GeneratedFile>& files)
{
    for (const GeneratedFile& file : files) {
        if (file.id == QLatin1String("certbot-ca")) {
            return &file;
        }
    }
    return nullptr;
}

} // namespace

void TestCertbotCaGenerator::golden()
{
    QFETCH(QString, caseName);
    QString message;
    QVERIFY2(m_golden.verifyFile(caseName, QStringLiteral("certbot-ca"), &message), qPrintable(message));
}

void TestCertbotCaGenerator::onlyWithTlsAndACaFile()
{
    Project project = Project::example();
    QVERIFY(!certbotCa(Renderer::render(project).files)); // Let's Encrypt: the system's trust store
    QVERIFY(project.setValue(Key::TlsAcmeCaFile, QStringLiteral("/etc/ssl/acme-ca.pem")));
    QVERIFY(certbotCa(Renderer::render(project).files));
    QVERIFY(project.setValue(Key::TlsEnabled, false));
    QVERIFY(!certbotCa(Renderer::render(project).files));
}

void TestCertbotCaGenerator::dropIn_setsTheCaBundleAndReloadsSystemd()
{
    Project project = Project::example();
    QVERIFY(project.setValue(Key::TlsAcmeCaFile, QStringLiteral("/etc/ssl/private-acme/ca.pem")));
    const RenderResult result = Renderer::render(project);
    QVERIFY(result.ok());
    const GeneratedFile* file = certbotCa(result.files);
    QVERIFY(file);
    QCOMPARE(file->remotePath, QStringLiteral("/etc/systemd/system/certbot.service.d/saltant-acme-ca.conf"));
    QCOMPARE(file->modeString(), QStringLiteral("0644"));
    QCOMPARE(file->owner, QStringLiteral("root"));
    QVERIFY2(file->content.contains(QStringLiteral("\nEnvironment=REQUESTS_CA_BUNDLE=/etc/ssl/private-acme/ca.pem\n")),
             qPrintable(file->content));
    const QList<DeployStep> steps = DeploySteps::build(GenerateContext(project), result.files);
    bool reloads = false;
    for (const DeployStep& step : steps) {
        reloads = reloads || (step.command == QLatin1String("systemctl daemon-reload") &&
                              step.triggeredBy.contains(QStringLiteral("certbot-ca")));
    }
    QVERIFY(reloads);
}

QTEST_GUILESS_MAIN(TestCertbotCaGenerator)
#include "TestCertbotCaGenerator.moc"
#include "model/SettingKeys.h"
