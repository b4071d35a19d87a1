#include "TestLintSupport.h"
#include "generate/Renderer.h"

#include <QRegularExpression>

using namespace saltant;

class TestLinter : public QObject
{
    Q_OBJECT

private slots:
    void rules_haveUniqueKebabCaseIds();
    void example_withStrongSecrets_hasNoErrors();
    void invalidValue_isReportedAsErrorWithoutFix();
    void run_sortsErrorsThenWarningsThenInfos();
    void run_withTheRenderProblems_validatesOnce();
    void everyIssue_namesAKnownFieldAndSaysWhatToDo();
    void applyFix_isAllOrNothing();
    void applyFix_emptyStringClearsDerivedSetting();
    void severityName_givesCliTokens();
};

void TestLinter::rules_haveUniqueKebabCaseIds()
{
    const QRegularExpression kebab(QStringLiteral("^[a-z0-9]+(-[a-z0-9]+)+$"));
    QSet<QString> ids;
    for (const auto& rule : Linter::rules()) {
        QVERIFY2(kebab.match(rule->id()).hasMatch(), qPrintable(rule->id()));
        QVERIFY2(!ids.contains(rule->id()), qPrintable(rule->id()));
        ids.insert(rule->id());
    }
    QVERIFY(ids.size() >= 14);
    QVERIFY(!ids.contains(QStringLiteral("invalid-value")));
}

void TestLinter::example_withStrongSecrets_hasNoErrors()
{
    const Project p = Project::example();
    const lintcheck::Secrets s = lintcheck::secrets();
    const QList<LintIssue> issues = Linter::run(LintContext{p, s.names, &s.values});
    for (const LintIssue& i : issues) {
        QVERIFY2(i.severity != Severity::Error, qPrintable(i.ruleId + QStringLiteral(": ") + i.message));
    }
    // Nothing at all: the example follows every recommendation.
    QVERIFY2(issues.isEmpty(), qPrintable(issues.isEmpty() ? QString() : issues.first().ruleId));
}

void TestLinter::invalidValue_isReportedAsErrorWithoutFix()
{
    Project p = Project::example();
    QVERIFY(p.setValue(Key::ServerDomain, QStringLiteral("not a host!")));
    const QList<LintIssue> found =
        lintcheck::issuesOf(Linter::run(LintContext{p, {}, nullptr}), QStringLiteral("invalid-value"));
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.first().severity, Severity::Error);
    QCOMPARE(found.first().field, Key::ServerDomain);
    QVERIFY(!found.first().fix.has_value());
    QCOMPARE(found.first().message, p.validateField(Key::ServerDomain));
}

void TestLinter::run_sortsErrorsThenWarningsThenInfos()
{
    Project p = Project::example();
    // An info (root), warnings (missing secrets, guest) and errors (debug, port) from rules listed in mixed order.
    QVERIFY(
        lintcheck::apply(p, {"ssh.user=root", "rabbitmq.removeGuest=false", "django.debug=true", "flower.port=80"}));
    const QList<LintIssue> issues = Linter::run(LintContext{p, {}, nullptr});
    QVERIFY(issues.size() >= 5);
    for (int i = 1; i < issues.size(); ++i) {
        QVERIFY(int(issues[i - 1].severity) >= int(issues[i].severity));
    }
    QCOMPARE(issues.first().severity, Severity::Error);
    QCOMPARE(issues.last().ruleId, QStringLiteral("ssh-as-root"));
}

void TestLinter::run_withTheRenderProblems_validatesOnce()
{
    Project p = Project::example();
    QVERIFY(lintcheck::apply(p, {"server.domain=not a host!", "django.debug=true"}));
    const LintContext context{p, {}, nullptr};
    const QList<LintIssue> alone = Linter::run(context);

    // One analysis (render, then lint with the render's problems) validates the project once.
    const quint64 before = Project::validations();
    const RenderResult rendered = Renderer::render(p);
    const QList<LintIssue> issues = Linter::run(context, rendered.problems);
    QCOMPARE(Project::validations() - before, quint64(1));

    QCOMPARE(issues.size(), alone.size());
    for (int i = 0; i < issues.size(); ++i) {
        QCOMPARE(issues[i].ruleId, alone[i].ruleId);
        QCOMPARE(issues[i].field, alone[i].field);
        QCOMPARE(issues[i].message, alone[i].message);
    }
    QCOMPARE(lintcheck::issuesOf(issues, QStringLiteral("invalid-value")).size(), 1);
}

void TestLinter::everyIssue_namesAKnownFieldAndSaysWhatToDo()
{
    Project p = Project::example();
    QVERIFY(lintcheck::apply(p, {"django.debug=true", "rabbitmq.brokerScheme=amqp", "rabbitmq.brokerHost=192.168.1.100",
                                 "uwsgi.socketPath=/tmp/s.sock", "flower.urlPrefix=rabbitmq", "flower.port=15672",
                                 "email.port=465", "rabbitmq.removeGuest=false", "ssh.user=root",
                                 "rollbar.enabled=true", "papertrail.enabled=true", "papertrail.tls=false"}));
    const QList<LintIssue> issues = Linter::run(LintContext{p, {}, nullptr});
    QVERIFY(issues.size() >= 12);
    for (const LintIssue& i : issues) {
        QVERIFY2(Schema::field(i.field) || Schema::secret(i.field), qPrintable(i.field));
        QVERIFY2(i.message.endsWith(QLatin1Char('.')) && i.message.size() > 60, qPrintable(i.message));
        if (i.fix) {
            QVERIFY(!i.fix->description.isEmpty());
            QVERIFY(!i.fix->changes.isEmpty());
            for (const auto& change : i.fix->changes) {
                QVERIFY2(Schema::field(change.first), qPrintable(change.first));
            }
        }
    }
}

void TestLinter::applyFix_isAllOrNothing()
{
    Project p = Project::example();
    const Project before = p;
    const LintFix fix{QStringLiteral("test"),
                      {qMakePair(Key::DjangoDebug, QVariant(true)),
                       qMakePair(Key::FlowerPort, QVariant(QStringLiteral("not a number")))}};
    QString error;
    QVERIFY(!Linter::applyFix(p, fix, &error));
    QVERIFY2(error.contains(Key::FlowerPort), qPrintable(error));
    QCOMPARE(p, before);
}

void TestLinter::applyFix_emptyStringClearsDerivedSetting()
{
    Project p = Project::example();
    QVERIFY(p.setValue(Key::DjangoStaticDir, QStringLiteral("/srv/static")));
    QVERIFY(Linter::applyFix(
        p, LintFix{QStringLiteral("clear"), {qMakePair(Key::DjangoStaticDir, QVariant(QString()))}}, nullptr));
    QCOMPARE(p.text(Key::DjangoStaticDir), QStringLiteral("/home/ubuntu/saltant/static"));
}

void TestLinter::severityName_givesCliTokens()
{
    QCOMPARE(Linter::severityName(Severity::Error), QStringLiteral("error"));
    QCOMPARE(Linter::severityName(Severity::Warning), QStringLiteral("warning"));
    QCOMPARE(Linter::severityName(Severity::Info), QStringLiteral("info"));
}

QTEST_GUILESS_MAIN(TestLinter)
#include "TestLinter.moc"
#include "model/SettingKeys.h"
