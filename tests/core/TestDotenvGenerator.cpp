#include "GoldenFiles.h"
#include "generate/SiteFacts.h"
#include "parse/DotenvParser.h"

#include <QTest>
#include <QUrl>

using namespace saltant;

namespace {

// Every variable saltant's settings.py reads with os.environ[...] (DESIGN 2.1).
const QStringList SaltantVariables = {
    QStringLiteral("IM_A_CELERY_WORKER"),
    QStringLiteral("DEBUG"),
    QStringLiteral("WORKER_LOGS_DIRECTORY"),
    QStringLiteral("WORKER_RESULTS_DIRECTORY"),
    QStringLiteral("WORKER_TEMP_DIRECTORY"),
    QStringLiteral("WORKER_SINGULARITY_IMAGES_DIRECTORY"),
    QStringLiteral("CELERY_BROKER_POOL_LIMIT"),
    QStringLiteral("CELERY_BROKER_URL"),
    QStringLiteral("CELERY_TIMEZONE"),
    QStringLiteral("RABBITMQ_USES_SSL"),
    QStringLiteral("SINGULARITY_PULL_TIMEOUT"),
    QStringLiteral("SINGULARITY_PULL_RETRIES"),
    QStringLiteral("DJANGO_BASE_URL"),
    QStringLiteral("API_AUTH_TOKEN"),
    QStringLiteral("PROJECT_USES_ROLLBAR"),
    QStringLiteral("ROLLBAR_ACCESS_TOKEN"),
    QStringLiteral("PROJECT_NAME"),
    QStringLiteral("ALLOWED_HOSTS"),
    QStringLiteral("SECRET_KEY"),
    QStringLiteral("ROLLBAR_PROJECT_URL"),
    QStringLiteral("RABBITMQ_MANAGEMENT_URL"),
    QStringLiteral("FLOWER_URL"),
    QStringLiteral("JWT_ACCESS_TOKEN_LIFETIME"),
    QStringLiteral("JWT_REFRESH_TOKEN_LIFETIME"),
    QStringLiteral("DEFAULT_TASK_CLASS"),
    QStringLiteral("TIME_ZONE"),
    QStringLiteral("DATABASE_NAME"),
    QStringLiteral("DATABASE_USER"),
    QStringLiteral("DATABASE_USER_PASSWORD"),
    QStringLiteral("DATABASE_HOST"),
    QStringLiteral("DATABASE_PORT"),
    QStringLiteral("EMAIL_HOST"),
    QStringLiteral("EMAIL_HOST_USER"),
    QStringLiteral("EMAIL_HOST_PASSWORD"),
    QStringLiteral("EMAIL_PORT"),
    QStringLiteral("EMAIL_USE_TLS"),
    QStringLiteral("DEFAULT_FROM_EMAIL"),
    QStringLiteral("AWS_ACCESS_KEY_ID"),
    QStringLiteral("AWS_SECRET_ACCESS_KEY"),
    QStringLiteral("AWS_LOGS_BUCKET_NAME"),
};

// What django-dotenv would read from a shell whose HOME and X are set: expansions must never reach our values.
const QHash<QString, QString> Environment = {{QStringLiteral("HOME"), QStringLiteral("/root")},
                                             {QStringLiteral("X"), QStringLiteral("expanded")}};

QString pythonBool(bool value)
{
    return value ? QStringLiteral("True") : QStringLiteral("False");
}

// The password of CELERY_BROKER_URL as kombu decodes it (percent-decoded userinfo after the user's colon).
QString brokerPassword(const QString& url)
{
    const qsizetype start = url.indexOf(QLatin1String("://")) + 3;
    const qsizetype at = url.lastIndexOf(QLatin1Char('@'));
    const QString userinfo = url.mid(start, at - start);
    return QUrl::fromPercentEncoding(userinfo.mid(userinfo.indexOf(QLatin1Char(':')) + 1).toUtf8());
}

} // namespace

class TestDotenvGenerator : public QObject
{
    Q_OBJECT

private slots:
    void reader_matchesDjangoDotenv_data();
    void reader_matchesDjangoDotenv();
    void golden_data() { m_golden.addCaseRows(); }
    void golden();
    void dotenv_definesEverySaltantVariableExactlyOnce_data() { m_golden.addCaseRows(QStringLiteral("dotenv")); }
    void dotenv_definesEverySaltantVariableExactlyOnce();
    void flags_areExactlyTrueOrFalse_data() { m_golden.addCaseRows(QStringLiteral("dotenv")); }
    void flags_areExactlyTrueOrFalse();
    void allowedHosts_splitLikeSaltantDoes_data() { m_golden.addCaseRows(QStringLiteral("dotenv")); }
    void allowedHosts_splitLikeSaltantDoes();
    void settings_readBackAsTheModelsValues_data() { m_golden.addCaseRows(QStringLiteral("dotenv")); }
    void settings_readBackAsTheModelsValues();
    void hostileValues_readBackExactly_data();
    void hostileValues_readBackExactly();

private:
    GoldenFiles m_golden{QStringLiteral(SALTANT_TEST_DATA "/golden")};
};

void TestDotenvGenerator::reader_matchesDjangoDotenv_data()
{
    // Inputs and results of django-dotenv 1.4.1's parse_dotenv with os.environ HOME=/home/u, X=ex.
    QTest::addColumn<QString>("content");
    QTest::addColumn<QStringList>("expected"); // key, value, key, value, ...
    QTest::addColumn<int>("rejected");
    auto row = [](const char* tag, const QString& content, const QStringList& expected, int rejected = 0) {
        QTest::newRow(tag) << content << expected << rejected;
    };
    const QString a = QStringLiteral("A");
    row("plain", QStringLiteral("A=plain"), {a, QStringLiteral("plain")});
    row("spaces stripped", QStringLiteral("A = spaced value  "), {a, QStringLiteral("spaced value")});
    row("export", QStringLiteral("export A=1"), {a, QStringLiteral("1")});
    row("colon separator", QStringLiteral("A: colon"), {a, QStringLiteral("colon")});
    row("colon needs a space", QStringLiteral("A:b"), {}, 1);
    row("single quotes literal", QStringLiteral("A='single $HOME # not comment'"),
        {a, QStringLiteral("single $HOME # not comment")});
    row("double quotes expand", QStringLiteral("A=\"double $HOME\""), {a, QStringLiteral("double /home/u")});
    row("unquoted expands", QStringLiteral("A=unquoted $HOME"), {a, QStringLiteral("unquoted /home/u")});
    row("braces", QStringLiteral("A=${X}y"), {a, QStringLiteral("exy")});
    row("closing brace alone", QStringLiteral("A=$X}"), {a, QStringLiteral("ex")});
    row("several", QStringLiteral("A=$HOME$X${HOME}"), {a, QStringLiteral("/home/uex/home/u")});
    row("escaped dollar", QStringLiteral("A=\\$HOME"), {a, QStringLiteral("$HOME")});
    row("escaped dollar in double quotes", QStringLiteral("A=\"\\$HOME\""), {a, QStringLiteral("$HOME")});
    row("escape undone by a later replace", QStringLiteral("A=\\$HOME $HOME"), {a, QStringLiteral("/home/u /home/u")});
    row("unset variable", QStringLiteral("A=$UNSET"), {a, QString()});
    row("ignorecase long s", QStringLiteral("A=$\u017f"), {a, QString()});
    row("earlier key wins", QStringLiteral("A=first\nB=$A"),
        {a, QStringLiteral("first"), QStringLiteral("B"), QStringLiteral("first")});
    row("earlier key beats environment", QStringLiteral("HOME=mine\nB=$HOME"),
        {QStringLiteral("HOME"), QStringLiteral("mine"), QStringLiteral("B"), QStringLiteral("mine")});
    row("comment", QStringLiteral("A=value # comment"), {a, QStringLiteral("value")});
    row("comment without space", QStringLiteral("A=value#comment"), {a, QStringLiteral("value")});
    row("quote inside single quotes", QStringLiteral("A='it's'"), {a, QStringLiteral("it's")});
    row("single quotes run to the last quote", QStringLiteral("A='a' # c'"), {a, QStringLiteral("a' # c")});
    row("comment after single quotes", QStringLiteral("A='a' # comment"), {a, QStringLiteral("a")});
    row("text after single quotes", QStringLiteral("A='a' b"), {a, QStringLiteral("'a' b")});
    row("double quote escapes", QStringLiteral("A=\"a\\\"b\\\\c\\n\""), {a, QStringLiteral("a\"b\\cn")});
    row("unknown escape", QStringLiteral("A=\"\\q\\$X\""), {a, QStringLiteral("q$X")});
    row("backslash in single quotes", QStringLiteral("A='\\n'"), {a, QStringLiteral("\\n")});
    row("padding inside quotes kept", QStringLiteral("A=  ' padded '  "), {a, QStringLiteral(" padded ")});
    row("colon separator is lazy", QStringLiteral("A:  'x' # c'"), {a, QStringLiteral("x")});
    row("equals separator is greedy", QStringLiteral("A=  'x' # c'"), {a, QStringLiteral("x' # c")});
    row("unclosed quote", QStringLiteral("A='unclosed"), {a, QStringLiteral("'unclosed")});
    row("lone quote", QStringLiteral("A='"), {a, QStringLiteral("'")});
    row("empty single quotes", QStringLiteral("A=''"), {a, QString()});
    row("empty double quotes", QStringLiteral("A=\"\""), {a, QString()});
    row("empty", QStringLiteral("A="), {a, QString()});
    row("equals in value", QStringLiteral("A=a=b"), {a, QStringLiteral("a=b")});
    row("no separator", QStringLiteral("A"), {}, 1);
    row("comment line", QStringLiteral("# comment\n\n   "), {});
    row("dotted key", QStringLiteral("A.B=dotted"), {QStringLiteral("A.B"), QStringLiteral("dotted")});
    row("unicode key", QStringLiteral("ÄÖ=unicode key"), {QStringLiteral("ÄÖ"), QStringLiteral("unicode key")});
    row("carriage return splits", QStringLiteral("A=1\rB=2"),
        {a, QStringLiteral("1"), QStringLiteral("B"), QStringLiteral("2")});
    row("vertical tab splits",
        QStringLiteral("A=1\x0b"
                       "B=2"),
        {a, QStringLiteral("1"), QStringLiteral("B"), QStringLiteral("2")});
    row("unit separator does not split",
        QStringLiteral("A=1\x1f"
                       "B"),
        {a, QStringLiteral("1\x1f"
                           "B")});
    row("unicode spaces stripped", QStringLiteral("A=\u00a0x\u3000"), {a, QStringLiteral("x")});
    row("later duplicate wins", QStringLiteral("A=1\nA=2"), {a, QStringLiteral("2")});
}

void TestDotenvGenerator::reader_matchesDjangoDotenv()
{
    QFETCH(QString, content);
    QFETCH(QStringList, expected);
    QFETCH(int, rejected);
    const DotenvParser::Result result = DotenvParser::parse(
        content, {{QStringLiteral("HOME"), QStringLiteral("/home/u")}, {QStringLiteral("X"), QStringLiteral("ex")}});
    QHash<QString, QString> want;
    for (qsizetype i = 0; i + 1 < expected.size(); i += 2) {
        want.insert(expected.at(i), expected.at(i + 1));
    }
    QCOMPARE(result.values, want);
    QCOMPARE(result.rejectedLines.size(), rejected);
}

void TestDotenvGenerator::golden()
{
    QFETCH(QString, caseName);
    QString message;
    QVERIFY2(m_golden.verifyFile(caseName, QStringLiteral("dotenv"), &message), qPrintable(message));
}

void TestDotenvGenerator::dotenv_definesEverySaltantVariableExactlyOnce()
{
    QFETCH(QString, caseName);
    Project project;
    GeneratedFile env;
    QString error;
    QVERIFY2(m_golden.loadProject(caseName, &project, &error), qPrintable(error));
    QVERIFY2(m_golden.renderedFile(caseName, QStringLiteral("dotenv"), &env, &error), qPrintable(error));
    // Readable by uWSGI through the web group, by nobody else.
    QCOMPARE(env.mode, 0640);
    QCOMPARE(env.owner, project.text(Key::ServerDeployUser));
    QCOMPARE(env.group, project.text(Key::ServerWebGroup));
    QVERIFY(env.holdsSecrets);
    QCOMPARE(env.remotePath, project.text(Key::DjangoProjectDir) + QStringLiteral("/.env"));

    const DotenvParser::Result result = DotenvParser::parse(env.content, Environment);
    QCOMPARE(result.rejectedLines, QStringList());
    for (const QString& name : SaltantVariables) {
        QVERIFY2(result.keys.count(name) == 1, qPrintable(name));
    }
    QCOMPARE(result.keys.size(), SaltantVariables.size());
}

void TestDotenvGenerator::flags_areExactlyTrueOrFalse()
{
    QFETCH(QString, caseName);
    Project project;
    GeneratedFile env;
    QString error;
    QVERIFY2(m_golden.loadProject(caseName, &project, &error), qPrintable(error));
    QVERIFY2(m_golden.renderedFile(caseName, QStringLiteral("dotenv"), &env, &error), qPrintable(error));
    const QHash<QString, QString> v = DotenvParser::parse(env.content, Environment).values;
    QCOMPARE(v.value(QStringLiteral("DEBUG")), pythonBool(project.flag(Key::DjangoDebug)));
    QCOMPARE(v.value(QStringLiteral("IM_A_CELERY_WORKER")), pythonBool(project.flag(Key::CeleryImACeleryWorker)));
    QCOMPARE(v.value(QStringLiteral("PROJECT_USES_ROLLBAR")), pythonBool(project.flag(Key::RollbarEnabled)));
    QCOMPARE(v.value(QStringLiteral("EMAIL_USE_TLS")), pythonBool(project.flag(Key::EmailUseTls)));
    // RABBITMQ_USES_SSL counts only when exactly True: it must be True whenever RabbitMQ listens with TLS only.
    const SiteFacts facts(project);
    QCOMPARE(v.value(QStringLiteral("RABBITMQ_USES_SSL")), pythonBool(facts.amqpTls()));
    if (facts.amqpTls()) {
        QVERIFY(v.value(QStringLiteral("CELERY_BROKER_URL"))
                    .contains(QLatin1Char(':') + QString::number(project.integer(Key::RabbitmqTlsPort)) +
                              QLatin1Char('/')));
    }
}

void TestDotenvGenerator::allowedHosts_splitLikeSaltantDoes()
{
    QFETCH(QString, caseName);
    Project project;
    GeneratedFile env;
    QString error;
    QVERIFY2(m_golden.loadProject(caseName, &project, &error), qPrintable(error));
    QVERIFY2(m_golden.renderedFile(caseName, QStringLiteral("dotenv"), &env, &error), qPrintable(error));
    // settings.py: ALLOWED_HOSTS = os.environ['ALLOWED_HOSTS'].replace("'", "").split(',')
    QString hosts = DotenvParser::parse(env.content, Environment).values.value(QStringLiteral("ALLOWED_HOSTS"));
    hosts.remove(QLatin1Char('\''));
    QStringList expected{project.text(Key::ServerDomain)};
    if (project.flag(Key::ServerWwwAlias)) {
        expected << QStringLiteral("www.") + project.text(Key::ServerDomain);
    }
    expected << project.list(Key::ServerExtraAllowedHosts);
    QCOMPARE(hosts.split(QLatin1Char(',')), expected);
}

void TestDotenvGenerator::settings_readBackAsTheModelsValues()
{
    QFETCH(QString, caseName);
    Project project;
    GeneratedFile env;
    QString error;
    QVERIFY2(m_golden.loadProject(caseName, &project, &error), qPrintable(error));
    QVERIFY2(m_golden.renderedFile(caseName, QStringLiteral("dotenv"), &env, &error), qPrintable(error));
    const QHash<QString, QString> v = DotenvParser::parse(env.content, Environment).values;
    const QList<QPair<const char*, SettingKey>> texts = {
        {"WORKER_LOGS_DIRECTORY", Key::WorkerLogsDirectory},
        {"WORKER_RESULTS_DIRECTORY", Key::WorkerResultsDirectory},
        {"WORKER_TEMP_DIRECTORY", Key::WorkerTempDirectory},
        {"WORKER_SINGULARITY_IMAGES_DIRECTORY", Key::WorkerSingularityImagesDirectory},
        {"CELERY_TIMEZONE", Key::CeleryTimeZone},
        {"PROJECT_NAME", Key::DjangoProjectName},
        {"ROLLBAR_PROJECT_URL", Key::RollbarProjectUrl},
        {"DEFAULT_TASK_CLASS", Key::DjangoDefaultTaskClass},
        {"TIME_ZONE", Key::DjangoTimeZone},
        {"DATABASE_NAME", Key::DatabaseName},
        {"DATABASE_USER", Key::DatabaseUser},
        {"DATABASE_HOST", Key::DatabaseHost},
        {"EMAIL_HOST", Key::EmailHost},
        {"EMAIL_HOST_USER", Key::EmailUser},
        {"DEFAULT_FROM_EMAIL", Key::EmailFromAddress},
        {"AWS_ACCESS_KEY_ID", Key::AwsAccessKeyId},
        {"AWS_LOGS_BUCKET_NAME", Key::AwsLogsBucketName},
    };
    for (const auto& t : texts) {
        QCOMPARE(v.value(QLatin1String(t.first)), project.text(t.second));
    }
    const QList<QPair<const char*, SettingKey>> integers = {
        {"SINGULARITY_PULL_TIMEOUT", Key::WorkerSingularityPullTimeout},
        {"SINGULARITY_PULL_RETRIES", Key::WorkerSingularityPullRetries},
        {"CELERY_BROKER_POOL_LIMIT", Key::CeleryBrokerPoolLimit},
        {"JWT_ACCESS_TOKEN_LIFETIME", Key::DjangoJwtAccessTokenLifetime},
        {"JWT_REFRESH_TOKEN_LIFETIME", Key::DjangoJwtRefreshTokenLifetime},
        {"DATABASE_PORT", Key::DatabasePort},
        {"EMAIL_PORT", Key::EmailPort},
    };
    for (const auto& i : integers) {
        QCOMPARE(v.value(QLatin1String(i.first)), QString::number(project.integer(i.second)));
    }
    const SiteFacts facts(project);
    QCOMPARE(v.value(QStringLiteral("DJANGO_BASE_URL")), facts.baseUrl());
    QCOMPARE(v.value(QStringLiteral("RABBITMQ_MANAGEMENT_URL")), facts.managementUrl());
    QCOMPARE(v.value(QStringLiteral("FLOWER_URL")), facts.flowerUrl());
    QCOMPARE(v.value(QStringLiteral("CELERY_BROKER_URL")),
             facts.brokerScheme() + QStringLiteral("://") + project.text(Key::RabbitmqAdminUser) +
                 QStringLiteral(":<secret:rabbitmq.password>@") + facts.brokerHost() + QLatin1Char(':') +
                 QString::number(facts.amqpPort()) + QLatin1Char('/') + project.text(Key::RabbitmqVhost));
}

void TestDotenvGenerator::hostileValues_readBackExactly_data()
{
    QTest::addColumn<QString>("value");
    QTest::newRow("hash") << QStringLiteral("#not a comment");
    QTest::newRow("inner hash") << QStringLiteral("a # b");
    QTest::newRow("single quote") << QStringLiteral("it's");
    QTest::newRow("lone single quote") << QStringLiteral("'");
    QTest::newRow("single-quoted") << QStringLiteral("'quoted'");
    QTest::newRow("quote then comment") << QStringLiteral("x' #c");
    QTest::newRow("double quotes") << QStringLiteral("say \"hi\"");
    QTest::newRow("lone double quote") << QStringLiteral("\"");
    QTest::newRow("mixed quotes") << QStringLiteral("a'b\"c");
    QTest::newRow("dollar HOME") << QStringLiteral("$HOME");
    QTest::newRow("dollar braces") << QStringLiteral("${X}");
    QTest::newRow("escaped dollar") << QStringLiteral("\\$HOME");
    QTest::newRow("leading spaces") << QStringLiteral("   lead");
    QTest::newRow("trailing spaces") << QStringLiteral("trail   ");
    QTest::newRow("unicode spaces") << QStringLiteral("\u00a0nbsp\u3000");
    QTest::newRow("backslashes") << QStringLiteral("back\\slash\\");
    QTest::newRow("backslash n") << QStringLiteral("\\n\\\"");
    QTest::newRow("unicode") << QStringLiteral("Ünïcødé ✓ 密码 😀");
    QTest::newRow("equals and export") << QStringLiteral("export X=1");
    QTest::newRow("everything") << QStringLiteral(" #'\"$HOME ${X} \\$X\\ ✓ ");
}

void TestDotenvGenerator::hostileValues_readBackExactly()
{
    QFETCH(QString, value);
    Project project = Project::example();
    QVERIFY(project.setValue(Key::DjangoProjectName, value));
    QVERIFY(project.setValue(Key::EmailUser, QString(value + QStringLiteral("@user"))));
    QVERIFY(project.setValue(Key::AwsAccessKeyId, QStringLiteral("AKIAIOSFODNN7EXAMPLE")));
    QVERIFY(project.setValue(Key::RollbarEnabled, true));
    const QList<QPair<QString, QString>> secretVariables = {
        {QStringLiteral("django.secretKey"), QStringLiteral("SECRET_KEY")},
        {QStringLiteral("django.apiToken"), QStringLiteral("API_AUTH_TOKEN")},
        {QStringLiteral("database.password"), QStringLiteral("DATABASE_USER_PASSWORD")},
        {QStringLiteral("email.password"), QStringLiteral("EMAIL_HOST_PASSWORD")},
        {QStringLiteral("rollbar.token"), QStringLiteral("ROLLBAR_ACCESS_TOKEN")},
        {QStringLiteral("aws.secretKey"), QStringLiteral("AWS_SECRET_ACCESS_KEY")},
    };
    SecretValues secrets;
    for (const auto& s : secretVariables) {
        secrets.set(s.first, s.first + value);
    }
    secrets.set(QStringLiteral("rabbitmq.password"), value + QStringLiteral("@:/%"));
    const RenderResult result = Renderer::render(project, &secrets);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.problems.first().message));
    QString content;
    for (const GeneratedFile& file : result.files) {
        content = file.id == QLatin1String("dotenv") ? file.content : content;
    }

    const DotenvParser::Result parsed = DotenvParser::parse(content, Environment);
    QCOMPARE(parsed.rejectedLines, QStringList());
    QCOMPARE(parsed.keys.size(), SaltantVariables.size());
    QCOMPARE(parsed.values.value(QStringLiteral("PROJECT_NAME")), value);
    QCOMPARE(parsed.values.value(QStringLiteral("EMAIL_HOST_USER")), value + QStringLiteral("@user"));
    for (const auto& s : secretVariables) {
        QCOMPARE(parsed.values.value(s.second), s.first + value);
    }
    QCOMPARE(brokerPassword(parsed.values.value(QStringLiteral("CELERY_BROKER_URL"))), value + QStringLiteral("@:/%"));
    QVERIFY(parsed.values.value(QStringLiteral("CELERY_BROKER_URL")).endsWith(QLatin1String("/AzureDiamond_vhost")));
}

QTEST_GUILESS_MAIN(TestDotenvGenerator)
#include "TestDotenvGenerator.moc"
#include "model/SettingKeys.h"
