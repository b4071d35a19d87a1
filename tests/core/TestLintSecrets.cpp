#include "TestLintSupport.h"

using namespace saltant;
using lintcheck::row;

class TestLintSecrets : public QObject
{
    Q_OBJECT

private slots:
    void rule_firesQuietAndFixes_data();
    void rule_firesQuietAndFixes() { lintcheck::verifyRow(); }
    void missingSecret_onExample_listsExactlyTheNeededOnes();
    void missingSecret_dependsOnSettings();
    void weakSecret_withoutValues_isSilent();
    void weakSecret_neverRepeatsTheValue();
};

void TestLintSecrets::rule_firesQuietAndFixes_data()
{
    lintcheck::addColumns();
    const auto E = Severity::Error;
    const auto W = Severity::Warning;
    row("secret key missing", "missing-secret", {}, {"django.debug=false"}, W, "django.secretKey", false,
        {"-django.secretKey"});
    row("aws secret with key id", "missing-secret", {"aws.accessKeyId=AKIAIOSFODNN7EXAMPLE"}, {"aws.accessKeyId="}, W,
        "aws.secretKey", false, {"-aws.secretKey"}, {"-aws.secretKey"});
    row("smtp password with user", "missing-secret", {"email.user=apikey"}, {"email.user="}, W, "email.password", false,
        {"-email.password"}, {"-email.password"});
    row("sudo password when not root", "missing-secret", {"ssh.user=deploy"}, {"ssh.user=root"}, W, "sudo.password",
        false, {"-sudo.password"}, {"-sudo.password"});
    row("flower password when flower runs", "missing-secret", {"flower.enabled=true"}, {"flower.enabled=false"}, W,
        "flower.password", false, {"-flower.password"}, {"-flower.password"});
    row("guide's password", "weak-secret", {}, {}, E, "rabbitmq.password", false, {"rabbitmq.password=hunter2"});
    row("guest in capitals", "weak-secret", {}, {}, E, "rabbitmq.password", false, {"rabbitmq.password=GUEST"});
    row(".env.example SECRET_KEY", "weak-secret", {}, {}, E, "django.secretKey", false,
        {"django.secretKey=u-!+0mf3xgpg2es=i9r5o!7grf!@gt!x^(ta9p=m&oz3+l-wi#"});
    row("password equals user", "weak-secret", {"flower.user=FlowerAdministrator"}, {"flower.user=AzureDiamond"}, E,
        "flower.password", false, {"flower.password=floweradministrator"}, {"flower.password=floweradministrator"});
    row("short password", "weak-secret", {}, {}, E, "database.password", false, {"database.password=Xy7!kq"});
    row("rollbar on, no token", "rollbar-without-token", {"rollbar.enabled=true"}, {"rollbar.enabled=true"}, W,
        Key::RollbarEnabled, true, {"-rollbar.token"});
    row("rollbar off, no token", "rollbar-without-token", {"rollbar.enabled=true"}, {"rollbar.enabled=false"}, W,
        Key::RollbarEnabled, true, {"-rollbar.token"}, {"-rollbar.token"});
    row("root login", "ssh-as-root", {"ssh.user=root"}, {"ssh.user=ubuntu"}, Severity::Info, Key::SshUser, false);
}

void TestLintSecrets::missingSecret_onExample_listsExactlyTheNeededOnes()
{
    const Project p = Project::example();
    QStringList fields;
    for (const LintIssue& i :
         lintcheck::issuesOf(Linter::run(LintContext{p, {}, nullptr}), QStringLiteral("missing-secret"))) {
        QCOMPARE(i.severity, Severity::Warning);
        fields << i.field;
    }
    fields.sort();
    // Rollbar is off, no AWS key id; the SSH login secrets depend on the agent and are never required.
    QCOMPARE(fields, QStringList({"database.password", "django.apiToken", "django.secretKey", "email.password",
                                  "flower.password", "rabbitmq.password", "sudo.password"}));
}

void TestLintSecrets::missingSecret_dependsOnSettings()
{
    Project p = Project::example();
    QVERIFY(lintcheck::apply(p, {"rollbar.enabled=true", "ssh.user=root", "email.user=", "flower.enabled=false"}));
    QStringList fields;
    for (const LintIssue& i :
         lintcheck::issuesOf(Linter::run(LintContext{p, {}, nullptr}), QStringLiteral("missing-secret"))) {
        fields << i.field;
    }
    // The Rollbar token is reported once, by rollbar-without-token (which offers a fix).
    QVERIFY(!fields.contains(QStringLiteral("rollbar.token")));
    QVERIFY(!fields.contains(QStringLiteral("sudo.password")));
    QVERIFY(!fields.contains(QStringLiteral("email.password")));
    QVERIFY(!fields.contains(QStringLiteral("flower.password")));
    QVERIFY(fields.contains(QStringLiteral("django.secretKey")));
}

void TestLintSecrets::weakSecret_withoutValues_isSilent()
{
    const Project p = Project::example();
    const lintcheck::Secrets s = lintcheck::secrets({"rabbitmq.password=hunter2"});
    QVERIFY(
        lintcheck::issuesOf(Linter::run(LintContext{p, s.names, nullptr}), QStringLiteral("weak-secret")).isEmpty());
    QCOMPARE(lintcheck::issuesOf(Linter::run(LintContext{p, s.names, &s.values}), QStringLiteral("weak-secret")).size(),
             1);
}

void TestLintSecrets::weakSecret_neverRepeatsTheValue()
{
    const Project p = Project::example();
    const lintcheck::Secrets s = lintcheck::secrets({"rabbitmq.password=hunter2", "database.password=Zq9!short"});
    const QList<LintIssue> found = lintcheck::lint(p, s, QStringLiteral("weak-secret"));
    QCOMPARE(found.size(), 2);
    for (const LintIssue& i : found) {
        QVERIFY2(!i.message.contains(QStringLiteral("hunter2")) && !i.message.contains(QStringLiteral("Zq9!short")),
                 qPrintable(i.message));
    }
}

QTEST_GUILESS_MAIN(TestLintSecrets)
#include "TestLintSecrets.moc"
#include "model/SettingKeys.h"
