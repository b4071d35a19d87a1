#include "RecordingTools.h"
#include "StepLookup.h"
#include "TestKeys.h"
#include "generate/DeploySteps.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <unistd.h>

using namespace saltant;
using namespace saltant::StepLookup;

// The steps that provision a Debian server beyond our files (generate/ProvisionCommands and the Check steps that
// go with them): uWSGI of either kind, migrations, PostgreSQL's role and database, the web group's way into a 0750
// home, the ACME server. Their command lines run through a real /bin/sh with stand-ins where the real program
// would need a server (the real programs are proven by tests/e2e).
namespace {

bool writeExecutable(const QString& path, const QString& body)
{
    QString error;
    return RecordingTools::writeScript(path, body, &error);
}

QString readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// Runs a generated command line through the real /bin/sh, with `bin` first on PATH and `input` on standard input.
int runShell(const QString& command, const QString& bin = QString(), const QByteArray& input = QByteArray(),
             QString* output = nullptr)
{
    QProcess sh;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (!bin.isEmpty()) {
        env.insert(QStringLiteral("PATH"), bin + QLatin1Char(':') + env.value(QStringLiteral("PATH")));
    }
    sh.setProcessEnvironment(env);
    sh.setProcessChannelMode(QProcess::MergedChannels);
    sh.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), command});
    if (!sh.waitForStarted()) {
        return -1;
    }
    sh.write(input);
    sh.closeWriteChannel();
    if (!sh.waitForFinished(60000)) {
        sh.kill();
        return -1;
    }
    if (output) {
        *output = QString::fromUtf8(sh.readAll());
    }
    return sh.exitStatus() == QProcess::NormalExit ? sh.exitCode() : -1;
}

// True when the project refuses `value` for `key` (validation, as the GUI and every deploy run it).
bool refused(const Project& project, const QString& key, const QString& value)
{
    Project copy = project;
    if (!copy.setValue(settingKey(key), value)) {
        return true;
    }
    for (const FieldProblem& problem : copy.validate()) {
        if (problem.key == key) {
            return true;
        }
    }
    return false;
}

// A runuser stand-in for tests that need not be root: records "runuser USER [GROUP]" and runs the command.
QString runuserStandIn(const QString& log)
{
    return QStringLiteral("#!/bin/sh\nline=runuser\nwhile [ \"$1\" != -- ]; do case \"$1\" in -u|-g) "
                          "line=\"$line $2\"; shift 2;; *) shift;; esac; done\nshift\n"
                          "printf '%s\\n' \"$line\" >> '") +
           log + QStringLiteral("'\nexec \"$@\"\n");
}

} // namespace

class TestProvisionCommands : public QObject
{
    Q_OBJECT

private slots:
    void uwsgiCheck_offersTheDistributionPackages_orTheVenv_neverPip3();
    void migrations_runOnlyWhenPending_probeThroughRealShell();
    void postgres_roleAndDatabase_passwordOnlyOnStdin();
    void postgres_onlyForALocalDatabase();
    void traverse_grantsExecuteOnlyOnTheBlockingDirectories();
    void certbot_asksTheConfiguredAcmeServer();
};

void TestProvisionCommands::uwsgiCheck_offersTheDistributionPackages_orTheVenv_neverPip3()
{
    Project project = Project::example();
    QList<DeployStep> steps = DeploySteps::build(GenerateContext(project), renderFiles(project, nullptr));
    const DeployStep* uwsgi = findCommand(steps, QStringLiteral("test -x /usr/bin/uwsgi"));
    QVERIFY(uwsgi);
    QCOMPARE(uwsgi->phase, StepPhase::Check);
    QCOMPARE(uwsgi->installCommand,
             QStringLiteral("DEBIAN_FRONTEND=noninteractive apt-get install -y uwsgi uwsgi-plugin-python3"));
    QCOMPARE(uwsgi->alternativeProbe, QStringLiteral("test -x /home/ubuntu/saltant/venv/bin/uwsgi"));
    QVERIFY(uwsgi->alternativeRemedy.contains(QStringLiteral("'venv'")));
    const DeployStep* plugin = findCommand(steps, QStringLiteral("test -e /usr/lib/uwsgi/plugins/python3_plugin.so"));
    QVERIFY(plugin);
    QCOMPARE(plugin->phase, StepPhase::Check);
    QVERIFY(plugin->installCommand.endsWith(QStringLiteral("apt-get install -y uwsgi-plugin-python3")));

    QVERIFY(project.setValue(Key::UwsgiInstall, QStringLiteral("venv")));
    steps = DeploySteps::build(GenerateContext(project), renderFiles(project, nullptr));
    uwsgi = findCommand(steps, QStringLiteral("test -x /home/ubuntu/saltant/venv/bin/uwsgi"));
    QVERIFY(uwsgi);
    // pip runs as the project owner, inside the virtualenv.
    QCOMPARE(uwsgi->installCommand,
             QStringLiteral("runuser -u ubuntu -- /home/ubuntu/saltant/venv/bin/pip install uwsgi"));
    QCOMPARE(uwsgi->alternativeProbe,
             QStringLiteral("test -x /usr/bin/uwsgi && test -e /usr/lib/uwsgi/plugins/python3_plugin.so"));
    QVERIFY(uwsgi->alternativeRemedy.contains(QStringLiteral("'distribution'")));
    QVERIFY(!findStep(steps, QStringLiteral("python3_plugin.so")));

    for (const QString& install : {QStringLiteral("distribution"), QStringLiteral("venv")}) {
        QVERIFY(project.setValue(Key::UwsgiInstall, install));
        for (const DeployStep& step : DeploySteps::build(GenerateContext(project), renderFiles(project, nullptr))) {
            QVERIFY2(!step.installCommand.contains(QLatin1String("pip3")), qPrintable(step.installCommand));
            QVERIFY2(!step.command.contains(QLatin1String("pip3")), qPrintable(step.command));
        }
    }
}

void TestProvisionCommands::migrations_runOnlyWhenPending_probeThroughRealShell()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString bin = dir.filePath(QStringLiteral("bin"));
    const QString projectDir = dir.filePath(QStringLiteral("saltant"));
    QVERIFY(QDir().mkpath(bin) && QDir().mkpath(projectDir + QStringLiteral("/venv/bin")));
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    QVERIFY(!python.isEmpty());
    QVERIFY(QFile::link(python, projectDir + QStringLiteral("/venv/bin/python")));
    const QString log = dir.filePath(QStringLiteral("calls.log"));
    QVERIFY(writeExecutable(bin + QStringLiteral("/runuser"), runuserStandIn(log)));
    // A tiny manage.py: showmigrations --plan prints Django's format for the state named in ./state; migrate
    // records that it ran and what it read on standard input.
    QVERIFY(writeExecutable(projectDir + QStringLiteral("/manage.py"),
                            QStringLiteral("import sys\n"
                                           "state = open('state').read().strip()\n"
                                           "if state == 'crash':\n"
                                           "    sys.exit('django.core.exceptions.ImproperlyConfigured')\n"
                                           "if sys.argv[1:] == ['showmigrations', '--plan']:\n"
                                           "    print('[X]  contenttypes.0001_initial')\n"
                                           "    print('[ ]  tasks.0002_more' if state == 'pending' else "
                                           "'[X]  tasks.0002_more')\n"
                                           "elif sys.argv[1:] == ['migrate', '--noinput']:\n"
                                           "    open('migrated', 'w').write(sys.stdin.read())\n"
                                           "else:\n"
                                           "    sys.exit('unexpected ' + ' '.join(sys.argv))\n")));
    Project project = Project::example();
    QVERIFY(project.setValue(Key::DjangoProjectDir, projectDir));
    const QList<DeployStep> steps = DeploySteps::build(GenerateContext(project), renderFiles(project, nullptr));
    const DeployStep* migrate = findTitle(steps, QStringLiteral("Apply database migrations"));
    QVERIFY(migrate);
    QCOMPARE(migrate->phase, StepPhase::Provision);
    QCOMPARE(migrate->triggeredBy, QStringList{QStringLiteral("dotenv")});
    QVERIFY(!migrate->satisfiedWhen.isEmpty());
    // After the database steps, before collectstatic (and so before every handler).
    const qsizetype at = migrate - steps.constData();
    const DeployStep* collect = findStep(steps, QStringLiteral("collectstatic"));
    const DeployStep* database = findTitle(steps, QStringLiteral("PostgreSQL database saltant"));
    QVERIFY(collect && database);
    QVERIFY(database - steps.constData() < at && at < collect - steps.constData());

    const auto setState = [&](const char* state) {
        QFile f(projectDir + QStringLiteral("/state"));
        return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(state) > 0;
    };
    QVERIFY(setState("pending"));
    QString out;
    QVERIFY2(runShell(migrate->satisfiedWhen, bin, QByteArray(), &out) != 0, qPrintable(out));
    QVERIFY(setState("none"));
    QVERIFY2(runShell(migrate->satisfiedWhen, bin, QByteArray(), &out) == 0, qPrintable(out));
    QVERIFY(setState("crash"));
    QVERIFY2(runShell(migrate->satisfiedWhen, bin, QByteArray(), &out) != 0, qPrintable(out));
    QVERIFY(readAll(log).contains(QStringLiteral("runuser ubuntu\n")));

    // The migration itself runs as the owner, in the checkout, and reads nothing from the deploy's input.
    QVERIFY(setState("pending"));
    QVERIFY2(runShell(migrate->command, bin, QByteArray("must not be read\n"), &out) == 0, qPrintable(out));
    QVERIFY(QFile::exists(projectDir + QStringLiteral("/migrated")));
    QCOMPARE(readAll(projectDir + QStringLiteral("/migrated")), QString());
}

void TestProvisionCommands::postgres_roleAndDatabase_passwordOnlyOnStdin()
{
    // Names must be identifiers: validation refuses quotes, spaces and a leading dash before SQL sees them.
    Project project = Project::example();
    for (const char* bad : {"sal\"tant", "x'; DROP ROLE postgres; --", "a b", "-U"}) {
        QVERIFY2(refused(project, Key::DatabaseUser, QString::fromLatin1(bad)), bad);
        QVERIFY2(refused(project, Key::DatabaseName, QString::fromLatin1(bad)), bad);
    }
    QVERIFY(project.setValue(Key::DatabaseUser, QStringLiteral("Sal.t-ant_1")));
    QVERIFY(project.setValue(Key::DatabaseName, QStringLiteral("db-1.main")));
    const QString password = QStringLiteral("pa'ss\"w$rd\\n`x`;%s $(id) '' end");
    SecretValues secrets;
    secrets.set(QStringLiteral("database.password"), password);
    const GenerateContext context(project, &secrets);
    const QList<DeployStep> steps = DeploySteps::build(context, renderFiles(project, &secrets));
    const DeployStep* role =
        findTitle(steps, QStringLiteral("PostgreSQL role Sal.t-ant_1 (password on standard input)"));
    const DeployStep* database = findTitle(steps, QStringLiteral("PostgreSQL database db-1.main"));
    const DeployStep* check = findTitle(steps, QStringLiteral("PostgreSQL is installed"));
    QVERIFY(role && database && check);
    QCOMPARE(role->stdinSecret, QStringLiteral("database.password"));
    QCOMPARE(role->phase, StepPhase::Provision);
    QVERIFY(role->triggeredBy.isEmpty()); // runs whenever anything changed, like the RabbitMQ user
    QVERIFY(!role->command.contains(password));
    QVERIFY(check->installCommand.endsWith(QStringLiteral("apt-get install -y postgresql")));
    QVERIFY(role < database);

    // Stand-ins that record every argument vector (and psql's standard input) and behave like the real ones.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString bin = dir.filePath(QStringLiteral("bin"));
    QVERIFY(QDir().mkpath(bin));
    const QString argv = dir.filePath(QStringLiteral("argv.log"));
    const QString sql = dir.filePath(QStringLiteral("sql.log"));
    const QString exists = dir.filePath(QStringLiteral("exists"));
    const QString record = QStringLiteral("printf '%s\\n' \"${0##*/} $*\" >> '") + argv + QStringLiteral("'\n");
    QVERIFY(writeExecutable(bin + QStringLiteral("/runuser"),
                            QStringLiteral("#!/bin/sh\n") + record + QStringLiteral("shift 3\nexec \"$@\"\n")));
    QVERIFY(writeExecutable(bin + QStringLiteral("/psql"),
                            QStringLiteral("#!/bin/sh\n") + record +
                                QStringLiteral("case \"$*\" in *pg_database*) [ -f '%1' ] && echo 1; exit 0;; esac\n"
                                               "cat >> '%2'\n")
                                    .arg(exists, sql)));
    QVERIFY(writeExecutable(bin + QStringLiteral("/createdb"),
                            QStringLiteral("#!/bin/sh\n") + record + QStringLiteral("touch '%1'\n").arg(exists)));
    QVERIFY(writeExecutable(bin + QStringLiteral("/sed"),
                            QStringLiteral("#!/bin/sh\n") + record + QStringLiteral("exec /bin/sed \"$@\"\n")));

    QString out;
    QVERIFY2(runShell(role->command, bin, password.toUtf8() + '\n', &out) == 0, qPrintable(out));
    QCOMPARE(readAll(sql),
             QStringLiteral("DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'Sal.t-ant_1') THEN "
                            "CREATE ROLE \"Sal.t-ant_1\" LOGIN; END IF; END$$;\n"
                            "ALTER ROLE \"Sal.t-ant_1\" WITH LOGIN PASSWORD "
                            "'pa''ss\"w$rd\\n`x`;%s $(id) '''' end';\n"));
    // The database: the probe fails while it is missing, the step creates it once, then the probe passes.
    QVERIFY(runShell(database->satisfiedWhen, bin) != 0);
    QVERIFY2(runShell(database->command, bin, QByteArray("not for createdb\n"), &out) == 0, qPrintable(out));
    QVERIFY(runShell(database->satisfiedWhen, bin) == 0);
    QVERIFY2(runShell(database->command, bin, QByteArray(), &out) == 0, qPrintable(out));

    const QString calls = readAll(argv);
    QVERIFY2(!calls.contains(password) && !calls.contains(QStringLiteral("pa'ss")) &&
                 !calls.contains(QStringLiteral("w$rd")),
             qPrintable(calls));
    QCOMPARE(calls.count(QStringLiteral("\ncreatedb -O Sal.t-ant_1 -- db-1.main\n")), 1);
    QVERIFY2(calls.contains(QStringLiteral("runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -d postgres\n")),
             qPrintable(calls));
    QVERIFY(calls.contains(QStringLiteral("sed s/'/''/g\n")));
}

void TestProvisionCommands::postgres_onlyForALocalDatabase()
{
    Project project = Project::example();
    const auto build = [&project] {
        return DeploySteps::build(GenerateContext(project), renderFiles(project, nullptr));
    };
    QVERIFY(findTitle(build(), QStringLiteral("PostgreSQL database saltant")));
    QVERIFY(project.setValue(Key::DatabaseHost, QStringLiteral("::1")));
    QVERIFY(findTitle(build(), QStringLiteral("PostgreSQL database saltant")));
    QVERIFY(project.setValue(Key::DatabaseHost, QStringLiteral("db.example.com")));
    QVERIFY(!findTitle(build(), QStringLiteral("PostgreSQL database saltant")));
    QVERIFY(!findTitle(build(), QStringLiteral("PostgreSQL is installed")));
    QVERIFY(project.setValue(Key::DatabaseHost, QStringLiteral("localhost")));
    QVERIFY(project.setValue(Key::DatabaseProvision, false));
    const QList<DeployStep> steps = build();
    QVERIFY(!findTitle(steps, QStringLiteral("PostgreSQL database saltant")));
    QVERIFY(!findStep(steps, QStringLiteral("psql")));
    // Migrations do not depend on who created the database.
    QVERIFY(findTitle(steps, QStringLiteral("Apply database migrations")));
}

void TestProvisionCommands::traverse_grantsExecuteOnlyOnTheBlockingDirectories()
{
    Project project = Project::example();
    QList<DeployStep> steps = DeploySteps::build(GenerateContext(project), renderFiles(project, nullptr));
    const DeployStep* acl = findCommand(steps, QStringLiteral("command -v setfacl"));
    QVERIFY(acl);
    QCOMPARE(acl->phase, StepPhase::Check);
    QVERIFY(acl->installCommand.endsWith(QStringLiteral("apt-get install -y acl")));
    const DeployStep* traverse = findTitle(steps, QStringLiteral("Let the web group traverse to the project"));
    QVERIFY(traverse);
    QCOMPARE(traverse->phase, StepPhase::Prepare);
    QVERIFY(!traverse->command.contains(QLatin1String("chmod")));
    QVERIFY(traverse->command.contains(QLatin1String("setfacl -m g:www-data:--x ")));
    QVERIFY2(traverse->command.startsWith(QLatin1String("for d in / /home /home/ubuntu /home/ubuntu/saltant "
                                                        "/home/ubuntu/saltant/static; do ")),
             qPrintable(traverse->command));

    if (geteuid() != 0) {
        QSKIP("needs root to change ACLs and to run commands as www-data (./test.sh in CI runs as root)");
    }
    if (QStandardPaths::findExecutable(QStringLiteral("setfacl")).isEmpty() ||
        QStandardPaths::findExecutable(QStringLiteral("getfacl")).isEmpty()) {
        QFAIL("setfacl/getfacl are missing: apt-get install acl (scripts/install-deps.sh installs it)");
    }
    QTemporaryDir dir; // 0700 root: the first blocking directory
    QVERIFY(dir.isValid());
    const QString home = dir.filePath(QStringLiteral("home"));
    const QString owner = home + QStringLiteral("/owner");
    const QString projectDir = owner + QStringLiteral("/saltant");
    QVERIFY(QDir().mkpath(projectDir + QStringLiteral("/static")));
    QVERIFY(QFile::setPermissions(home, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
                                            QFileDevice::ReadGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther |
                                            QFileDevice::ExeOther));
    // Ubuntu's 0750 home.
    QVERIFY(QFile::setPermissions(owner, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
                                             QFileDevice::ReadGroup | QFileDevice::ExeGroup));
    QVERIFY(project.setValue(Key::DjangoProjectDir, projectDir));
    QVERIFY(project.setValue(Key::ServerWebGroup, QStringLiteral("www-data")));
    QVERIFY(project.setValue(Key::UwsgiUser, QStringLiteral("www-data")));
    steps = DeploySteps::build(GenerateContext(project), renderFiles(project, nullptr));
    traverse = findTitle(steps, QStringLiteral("Let the web group traverse to the project"));
    QVERIFY(traverse);

    const auto acls = [](const QString& path) {
        QProcess getfacl;
        getfacl.start(QStringLiteral("getfacl"), {QStringLiteral("-cp"), path});
        getfacl.waitForFinished();
        return QString::fromUtf8(getfacl.readAllStandardOutput());
    };
    const QString before = acls(home);
    QString out;
    QVERIFY2(runShell(traverse->satisfiedWhen, QString(), QByteArray(), &out) != 0, qPrintable(out));
    QVERIFY2(runShell(traverse->command, QString(), QByteArray(), &out) == 0, qPrintable(out));
    QVERIFY2(runShell(traverse->satisfiedWhen, QString(), QByteArray(), &out) == 0, qPrintable(out));
    // Execute only, and only where it was missing.
    for (const QString& blocked : {dir.path(), owner}) {
        QVERIFY2(acls(blocked).contains(QStringLiteral("group:www-data:--x\n")), qPrintable(acls(blocked)));
    }
    QCOMPARE(acls(home), before);
    QVERIFY(!acls(projectDir).contains(QLatin1String("group:www-data")));
    QVERIFY(!acls(QStringLiteral("/")).contains(QLatin1String("group:www-data")));
    // www-data can enter but not list the home directory.
    QVERIFY(runShell(QStringLiteral("runuser -u www-data -- test -x ") + owner) == 0);
    QVERIFY(runShell(QStringLiteral("runuser -u www-data -- test -r ") + owner) != 0);
    QVERIFY(runShell(QStringLiteral("runuser -u www-data -- ls ") + owner) != 0);
    // A second run changes nothing.
    QVERIFY2(runShell(traverse->command, QString(), QByteArray(), &out) == 0, qPrintable(out));
    QCOMPARE(acls(owner).count(QLatin1String("group:www-data")), 1);
}

void TestProvisionCommands::certbot_asksTheConfiguredAcmeServer()
{
    Project project = Project::example();
    const auto certbot = [&project] {
        const QList<DeployStep> steps = DeploySteps::build(GenerateContext(project), renderFiles(project, nullptr));
        const DeployStep* step = findStep(steps, QStringLiteral("certbot certonly"));
        return step ? step->command : QString();
    };
    QVERIFY(
        certbot().contains(QStringLiteral(" --server https://acme-v02.api.letsencrypt.org/directory --config-dir ")));
    QVERIFY(!certbot().contains(QLatin1String("REQUESTS_CA_BUNDLE")));
    QVERIFY(
        project.setValue(Key::TlsAcmeServer, QStringLiteral("https://acme-staging-v02.api.letsencrypt.org/directory")));
    QVERIFY(certbot().contains(QStringLiteral(" --server https://acme-staging-v02.api.letsencrypt.org/directory ")));
    QVERIFY(refused(project, Key::TlsAcmeServer, QStringLiteral("http://pebble:14000/dir")));
    QVERIFY(refused(project, Key::TlsAcmeServer, QStringLiteral("https://x/dir'; reboot")));
    QVERIFY(project.setValue(Key::TlsAcmeServer, QStringLiteral("https://localhost:14000/dir")));
    QVERIFY(project.setValue(Key::TlsAcmeCaFile, QStringLiteral("/etc/pebble/ca.pem")));
    QVERIFY(refused(project, Key::TlsAcmeCaFile, QStringLiteral("pebble.pem")));
    QVERIFY(project.validate().isEmpty());
    const QString command = certbot();
    QVERIFY2(command.contains(QStringLiteral(" && REQUESTS_CA_BUNDLE=/etc/pebble/ca.pem certbot certonly ")),
             qPrintable(command));
    QVERIFY(command.contains(QStringLiteral(" --server https://localhost:14000/dir ")));
    // The environment reaches certbot: its part of the command through a real shell with a stand-in certbot.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString bin = dir.filePath(QStringLiteral("bin"));
    QVERIFY(QDir().mkpath(bin));
    const QString log = dir.filePath(QStringLiteral("certbot.log"));
    QVERIFY(writeExecutable(bin + QStringLiteral("/certbot"),
                            QStringLiteral("#!/bin/sh\nprintf '%s|%s\\n' \"$REQUESTS_CA_BUNDLE\" \"$*\" > '") + log +
                                QStringLiteral("'\n")));
    const QString certbotOnly =
        command.section(QStringLiteral(" && "), -1).section(QStringLiteral("; status=$?"), 0, 0);
    QVERIFY2(certbotOnly.startsWith(QLatin1String("REQUESTS_CA_BUNDLE=")), qPrintable(certbotOnly));
    QCOMPARE(runShell(certbotOnly, bin), 0);
    QVERIFY(readAll(log).startsWith(QStringLiteral("/etc/pebble/ca.pem|certonly --webroot ")));
}

QTEST_GUILESS_MAIN(TestProvisionCommands)
#include "TestProvisionCommands.moc"
#include "model/SettingKeys.h"
