#include "GoldenFiles.h"
#include "StepLookup.h"
#include "generate/DeploySteps.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace saltant;
using namespace saltant::StepLookup;

// Generated step commands that must behave right in a real shell: standard input reaches only the command that
// reads the secret, the certificate group opens only this lineage, and the Check steps for the Flower release and
// the host name decide correctly (each run through /bin/sh).
namespace {

struct SimpleCommand
{
    QString text;
    bool readsPipe = false;
};

// Splits a shell line at ; && || | and newlines (outside quotes) into its simple commands, dropping the reserved
// words and grouping that lead into them (if, then, else, elif, fi, !, {, }). Enough for the generated steps.
QList<SimpleCommand> simpleCommands(const QString& line)
{
    QList<SimpleCommand> out;
    QString current;
    bool pipeBefore = false;
    const auto flush = [&](bool nextReadsPipe) {
        QStringList words = current.trimmed().split(QLatin1Char(' '), Qt::SkipEmptyParts);
        static const QStringList reserved = {QStringLiteral("if"),   QStringLiteral("then"), QStringLiteral("else"),
                                             QStringLiteral("elif"), QStringLiteral("fi"),   QStringLiteral("!"),
                                             QStringLiteral("{"),    QStringLiteral("}")};
        while (!words.isEmpty() && reserved.contains(words.first())) {
            words.removeFirst();
        }
        if (!words.isEmpty()) {
            out.append({words.join(QLatin1Char(' ')), pipeBefore});
        }
        current.clear();
        pipeBefore = nextReadsPipe;
    };
    QChar quote;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        const QChar next = i + 1 < line.size() ? line.at(i + 1) : QChar();
        if (!quote.isNull()) {
            if (c == quote) {
                quote = QChar();
            } else if (c == QLatin1Char('\\') && quote == QLatin1Char('"')) {
                current += c;
                ++i;
                current += next;
                continue;
            }
            current += c;
        } else if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            quote = c;
            current += c;
        } else if (c == QLatin1Char('\\')) {
            current += c;
            current += next;
            ++i;
        } else if ((c == QLatin1Char('&') && next == QLatin1Char('&')) ||
                   (c == QLatin1Char('|') && next == QLatin1Char('|'))) {
            flush(false);
            ++i;
        } else if (c == QLatin1Char('|')) {
            flush(true);
        } else if (c == QLatin1Char(';') || c == QLatin1Char('\n')) {
            flush(false);
        } else {
            current += c;
        }
    }
    flush(false);
    return out;
}

// What `rabbitmqctl add_user` and `change_password` run before the fix: the guard's rabbitmqctl shares the standard
// input that carries the password.
QString adminUserCommandBeforeTheFix(const QString& user)
{
    return QStringLiteral("if rabbitmqctl -q list_users | cut -f1 | grep -qxF %1; then rabbitmqctl change_password %1; "
                          "else rabbitmqctl add_user %1; fi")
        .arg(user);
}

// A stand-in for rabbitmqctl 3.10 that behaves as the real one does with standard input: list_users reads all of
// it (the Erlang CLI reads its standard input greedily), add_user and change_password without a password argument
// need a non-empty line on it. It logs what it was asked to do.
bool writeStandInRabbitmqctl(const QString& dir)
{
    QFile file(dir + QStringLiteral("/rabbitmqctl"));
    if (!file.open(QIODevice::WriteOnly)) {
        return false;
    }
    file.write("#!/bin/sh\n"
               "[ \"$1\" = -q ] && shift\n"
               "case \"$1\" in\n"
               "list_users)\n"
               "    cat >/dev/null\n"
               "    printf 'guest\\t[administrator]\\n'\n"
               "    [ -z \"$EXISTING_USER\" ] || printf '%s\\t[]\\n' \"$EXISTING_USER\"\n"
               "    ;;\n"
               "add_user|change_password)\n"
               "    [ $# -eq 2 ] || { echo 'password on the command line' >&2; exit 70; }\n"
               "    password=\n"
               "    IFS= read -r password || true\n"
               "    [ -n \"$password\" ] || { echo 'Password is not provided via argument or stdin' >&2; exit 64; }\n"
               "    printf '%s %s %s\\n' \"$1\" \"$2\" \"$password\" >>\"$RABBITMQCTL_LOG\"\n"
               "    ;;\n"
               "*) exit 64 ;;\n"
               "esac\n");
    file.close();
    return file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
}

// Runs command through /bin/sh with the stand-in first on PATH and `password` as the one line on standard input,
// as the transaction feeds a step's stdinSecret. Returns the exit code; log gets what the stand-in recorded.
int runWithStandIn(const QString& dir, const QString& command, const QString& existingUser, const QString& password,
                   QString* log)
{
    const QString logPath = dir + QStringLiteral("/log");
    QFile::remove(logPath);
    QProcess sh;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PATH"), dir + QLatin1Char(':') + env.value(QStringLiteral("PATH")));
    env.insert(QStringLiteral("EXISTING_USER"), existingUser);
    env.insert(QStringLiteral("RABBITMQCTL_LOG"), logPath);
    sh.setProcessEnvironment(env);
    sh.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), command});
    if (!sh.waitForStarted()) {
        return -1;
    }
    sh.write(password.toUtf8() + '\n');
    sh.closeWriteChannel();
    if (!sh.waitForFinished()) {
        return -1;
    }
    QFile file(logPath);
    log->clear();
    if (file.open(QIODevice::ReadOnly)) {
        *log = QString::fromUtf8(file.readAll());
    }
    return sh.exitStatus() == QProcess::NormalExit ? sh.exitCode() : -1;
}

// Shell builtins that never read standard input, also as the first command of an assignment's $(...), and plain
// assignments.
bool neverReadsInput(const QString& command)
{
    static const QRegularExpression builtin(
        QStringLiteral("^([A-Za-z_][A-Za-z0-9_]*=\\$\\()?(cd|printf|echo|test|\\[)( |$)"));
    static const QRegularExpression assignment(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*=\\S*$"));
    return builtin.match(command).hasMatch() || assignment.match(command).hasMatch();
}

} // namespace

class TestDeployStepCommands : public QObject
{
    Q_OBJECT

private slots:
    void stdinSteps_onlyTheReaderSeesStandardInput_data() { m_golden.addCaseRows(); }
    void stdinSteps_onlyTheReaderSeesStandardInput();
    void adminUser_passwordReachesRabbitmqctlPastTheGuard_data();
    void adminUser_passwordReachesRabbitmqctlPastTheGuard();
    void certificateGroup_opensThisLineageOnly();
    void flowerReleaseCheck_passesOnlyWhenTheVirtualenvMatches_data();
    void flowerReleaseCheck_passesOnlyWhenTheVirtualenvMatches();
    void hostNameCheck_passesOnlyWhenItResolvesToLoopback_data();
    void hostNameCheck_passesOnlyWhenItResolvesToLoopback();

private:
    GoldenFiles m_golden{QStringLiteral(SALTANT_TEST_DATA "/golden")};
};

void TestDeployStepCommands::stdinSteps_onlyTheReaderSeesStandardInput()
{
    QFETCH(QString, caseName);
    Project project;
    QString error;
    QVERIFY2(m_golden.loadProject(caseName, &project, &error), qPrintable(error));
    const QList<DeployStep> steps = DeploySteps::build(GenerateContext(project), renderFiles(project, nullptr));
    int fed = 0;
    for (const DeployStep& step : steps) {
        if (step.stdinSecret.isEmpty()) {
            QVERIFY2(step.stdinReaders.isEmpty(), qPrintable(step.title));
            continue;
        }
        ++fed;
        QVERIFY2(!step.stdinReaders.isEmpty(), qPrintable(step.title));
        QStringList readersSeen;
        for (const SimpleCommand& command : simpleCommands(step.command)) {
            if (step.stdinReaders.contains(command.text)) {
                QVERIFY2(!command.readsPipe, qPrintable(command.text));
                readersSeen << command.text;
            } else if (!command.readsPipe && !neverReadsInput(command.text)) {
                QVERIFY2(command.text.endsWith(QLatin1String(" </dev/null")),
                         qPrintable(QStringLiteral("%1: %2 may read the secret").arg(step.title, command.text)));
            }
        }
        // Every designated reader is a command of the step, so the rule cannot pass by naming none.
        QCOMPARE(readersSeen.size(), step.stdinReaders.size());
    }
    QVERIFY(fed > 0);
}

void TestDeployStepCommands::adminUser_passwordReachesRabbitmqctlPastTheGuard_data()
{
    QTest::addColumn<bool>("userExists");
    QTest::newRow("new user: add_user") << false;
    QTest::newRow("existing user: change_password") << true;
}

// Runs the admin-user step through a real /bin/sh against a rabbitmqctl that reads standard input like the real
// one: the command before the fix fails ("Password is not provided via argument or stdin"), the generated one
// hands the password to add_user or change_password.
void TestDeployStepCommands::adminUser_passwordReachesRabbitmqctlPastTheGuard()
{
    QFETCH(bool, userExists);
    const Project project = Project::example();
    const QString user = project.text(Key::RabbitmqAdminUser);
    const QList<DeployStep> steps = DeploySteps::build(GenerateContext(project), renderFiles(project, nullptr));
    const DeployStep* step = nullptr;
    for (const DeployStep& candidate : steps) {
        step = candidate.stdinSecret == QLatin1String("rabbitmq.password") ? &candidate : step;
    }
    QVERIFY(step);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeStandInRabbitmqctl(dir.path()));
    const QString existing = userExists ? user : QString();
    const QString password = QStringLiteral("pa55-w0rd with spaces");
    QString log;

    QVERIFY(runWithStandIn(dir.path(), adminUserCommandBeforeTheFix(user), existing, password, &log) != 0);
    QVERIFY2(log.isEmpty(), qPrintable(log));

    QCOMPARE(runWithStandIn(dir.path(), step->command, existing, password, &log), 0);
    const QString action = userExists ? QStringLiteral("change_password") : QStringLiteral("add_user");
    QCOMPARE(log, QStringLiteral("%1 %2 %3\n").arg(action, user, password));
}

// Runs the certificate group step on a real directory tree shaped like /etc/letsencrypt after certbot (0700
// directories, 0600 keys) with two lineages: only this site's lineage becomes group-readable; live/ and archive/
// become traversable, not listable, by the group; the other lineage stays closed.
void TestDeployStepCommands::certificateGroup_opensThisLineageOnly()
{
    QTemporaryDir le;
    QVERIFY(le.isValid());
    QProcess id;
    id.start(QStringLiteral("id"), {QStringLiteral("-gn")});
    QVERIFY(id.waitForFinished());
    const QString group = QString::fromUtf8(id.readAllStandardOutput()).trimmed();
    Project project = Project::example();
    QVERIFY(project.setValue(Key::TlsLetsencryptDir, le.path()));
    QVERIFY(project.setValue(Key::TlsCertGroup, group));
    const QString name = project.text(Key::TlsCertName);
    const QStringList lineages = {name, QStringLiteral("other.example")};
    for (const QString& lineage : lineages) {
        for (const QString& dir : {QStringLiteral("live/"), QStringLiteral("archive/")}) {
            QVERIFY(QDir().mkpath(le.filePath(dir + lineage)));
        }
        QFile key(le.filePath(QStringLiteral("archive/") + lineage + QStringLiteral("/privkey1.pem")));
        QVERIFY(key.open(QIODevice::WriteOnly));
        key.close();
        QVERIFY(key.setPermissions(QFile::ReadOwner | QFile::WriteOwner));
        QVERIFY(QFile::link(QStringLiteral("../../archive/") + lineage + QStringLiteral("/privkey1.pem"),
                            le.filePath(QStringLiteral("live/") + lineage + QStringLiteral("/privkey.pem"))));
    }
    const QFile::Permissions closedDir = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner;
    for (const QString& dir : {QStringLiteral("live"), QStringLiteral("archive")}) {
        QVERIFY(QFile::setPermissions(le.filePath(dir), closedDir));
        for (const QString& lineage : lineages) {
            QVERIFY(QFile::setPermissions(le.filePath(dir + QLatin1Char('/') + lineage), closedDir));
        }
    }

    const QList<DeployStep> steps = DeploySteps::build(GenerateContext(project), renderFiles(project, nullptr));
    const DeployStep* step = findStep(steps, QStringLiteral("chmod -R g+rX"));
    QVERIFY(step);
    QProcess sh;
    sh.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), step->command});
    QVERIFY(sh.waitForFinished());
    QVERIFY2(sh.exitCode() == 0, sh.readAllStandardError().constData());

    const auto groupBits = [&le](const QString& path) -> QString {
        const QFile::Permissions p = QFileInfo(le.filePath(path)).permissions();
        return QString(p & QFile::ReadGroup ? QLatin1Char('r') : QLatin1Char('-')) +
               (p & QFile::WriteGroup ? QLatin1Char('w') : QLatin1Char('-')) +
               (p & QFile::ExeGroup ? QLatin1Char('x') : QLatin1Char('-'));
    };
    QCOMPARE(groupBits(QStringLiteral("live")), QStringLiteral("--x"));
    QCOMPARE(groupBits(QStringLiteral("archive")), QStringLiteral("--x"));
    QCOMPARE(groupBits(QStringLiteral("live/") + name), QStringLiteral("r-x"));
    QCOMPARE(groupBits(QStringLiteral("archive/") + name), QStringLiteral("r-x"));
    QCOMPARE(groupBits(QStringLiteral("archive/") + name + QStringLiteral("/privkey1.pem")), QStringLiteral("r--"));
    QCOMPARE(QFileInfo(le.filePath(QStringLiteral("archive/") + name + QStringLiteral("/privkey1.pem"))).group(),
             group);
    QCOMPARE(groupBits(QStringLiteral("live/other.example")), QStringLiteral("---"));
    QCOMPARE(groupBits(QStringLiteral("archive/other.example")), QStringLiteral("---"));
    QCOMPARE(groupBits(QStringLiteral("archive/other.example/privkey1.pem")), QStringLiteral("---"));
}

void TestDeployStepCommands::flowerReleaseCheck_passesOnlyWhenTheVirtualenvMatches_data()
{
    QTest::addColumn<QString>("launcher");
    QTest::addColumn<QString>("installed"); // Flower's version in the virtualenv; empty: none; "no venv": no venv
    QTest::addColumn<bool>("passes");
    QTest::newRow("1.0+ setting, Flower 2.0.1") << QStringLiteral("celery") << QStringLiteral("2.0.1") << true;
    QTest::newRow("1.0+ setting, Flower 1.0.0") << QStringLiteral("celery") << QStringLiteral("1.0.0") << true;
    QTest::newRow("1.0+ setting, Flower 0.9.2") << QStringLiteral("celery") << QStringLiteral("0.9.2") << false;
    QTest::newRow("0.9 setting, Flower 0.9.2") << QStringLiteral("flower") << QStringLiteral("0.9.2") << true;
    QTest::newRow("0.9 setting, Flower 2.0.1") << QStringLiteral("flower") << QStringLiteral("2.0.1") << false;
    // Not installed (yet): the "Flower is installed" check reports that, with its install command.
    QTest::newRow("1.0+ setting, no Flower") << QStringLiteral("celery") << QString() << true;
    QTest::newRow("0.9 setting, no virtualenv") << QStringLiteral("flower") << QStringLiteral("no venv") << true;
}

// Runs the Flower release check with a real python in a real virtualenv holding a Flower package of a given
// version (only its __init__.py, as in Flower's releases: __version__).
void TestDeployStepCommands::flowerReleaseCheck_passesOnlyWhenTheVirtualenvMatches()
{
    QFETCH(QString, launcher);
    QFETCH(QString, installed);
    QFETCH(bool, passes);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString venv = dir.filePath(QStringLiteral("venv"));
    if (installed != QLatin1String("no venv")) {
        QProcess create;
        create.start(QStringLiteral("python3"),
                     {QStringLiteral("-m"), QStringLiteral("venv"), QStringLiteral("--without-pip"), venv});
        QVERIFY(create.waitForFinished(60000));
        QVERIFY2(create.exitCode() == 0, create.readAllStandardError().constData());
        if (!installed.isEmpty()) {
            const QStringList lib = QDir(venv + QStringLiteral("/lib")).entryList({QStringLiteral("python3*")});
            QCOMPARE(lib.size(), 1);
            const QString package =
                venv + QStringLiteral("/lib/") + lib.first() + QStringLiteral("/site-packages/flower");
            QVERIFY(QDir().mkpath(package));
            QFile init(package + QStringLiteral("/__init__.py"));
            QVERIFY(init.open(QIODevice::WriteOnly));
            init.write("VERSION = tuple(int(x) for x in '" + installed.toLatin1() +
                       "'.split('.'))\n__version__ = '.'.join(map(str, VERSION))\n");
        }
    }
    Project project = Project::example();
    QVERIFY(project.setValue(Key::DjangoVenvDir, venv));
    QVERIFY(project.setValue(Key::FlowerLauncher, launcher));
    const QList<DeployStep> steps = DeploySteps::build(GenerateContext(project), renderFiles(project, nullptr));
    QList<const DeployStep*> checks;
    for (const DeployStep& step : steps) {
        if (step.phase == StepPhase::Check && !step.remedy.isEmpty() &&
            step.title.contains(QLatin1String("Flower release"))) {
            checks << &step;
        }
    }
    QCOMPARE(checks.size(), 1);
    QVERIFY(checks.first()->installCommand.isEmpty());
    QProcess sh;
    sh.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), checks.first()->command});
    sh.closeWriteChannel();
    QVERIFY(sh.waitForFinished(60000));
    QVERIFY2((sh.exitCode() == 0) == passes, sh.readAllStandardError().constData());
}

void TestDeployStepCommands::hostNameCheck_passesOnlyWhenItResolvesToLoopback_data()
{
    QTest::addColumn<QByteArray>("resolved"); // what `getent ahostsv4 HOST` prints
    QTest::addColumn<bool>("passes");
    QTest::newRow("127.0.0.1") << QByteArray("127.0.0.1       STREAM vm\n127.0.0.1       DGRAM\n") << true;
    // Debian's installer and cloud-init map the host name to 127.0.1.1: epmd and the node listen there too.
    QTest::newRow("127.0.1.1") << QByteArray("127.0.1.1       STREAM vm\n") << true;
    QTest::newRow("another loopback address") << QByteArray("127.0.2.1       STREAM vm\n") << false;
    QTest::newRow("a network address") << QByteArray("172.17.0.2      STREAM vm\n") << false;
    QTest::newRow("both") << QByteArray("127.0.0.1       STREAM vm\n192.0.2.7       STREAM vm\n") << false;
    QTest::newRow("does not resolve") << QByteArray() << false;
}

// The check that guards the loopback-only Erlang ports: rabbitmqctl finds the node through `hostname -s`. Runs the
// generated command with stand-ins for hostname and getent.
void TestDeployStepCommands::hostNameCheck_passesOnlyWhenItResolvesToLoopback()
{
    QFETCH(QByteArray, resolved);
    QFETCH(bool, passes);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile answer(dir.filePath(QStringLiteral("answer")));
    QVERIFY(answer.open(QIODevice::WriteOnly));
    answer.write(resolved);
    answer.close();
    const QList<QPair<QString, QByteArray>> tools = {
        {QStringLiteral("hostname"), QByteArray("#!/bin/sh\n[ \"$1\" = -s ] && echo vm\n")},
        {QStringLiteral("getent"),
         QByteArray("#!/bin/sh\n[ \"$1 $2\" = 'ahostsv4 vm' ] || exit 2\ncat \"$ANSWER\"\n[ -s \"$ANSWER\" ]\n")}};
    for (const auto& tool : tools) {
        QFile script(dir.filePath(tool.first));
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write(tool.second);
        script.close();
        QVERIFY(script.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    }
    const Project project = Project::example();
    const DeployStep* check = nullptr;
    const QList<DeployStep> steps = DeploySteps::build(GenerateContext(project), renderFiles(project, nullptr));
    for (const DeployStep& step : steps) {
        check = step.phase == StepPhase::Check && step.command.contains(QLatin1String("hostname -s")) ? &step : check;
    }
    QVERIFY(check);
    QVERIFY(check->remedy.contains(QLatin1String("/etc/hosts")));
    QProcess sh;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PATH"), dir.path() + QLatin1Char(':') + env.value(QStringLiteral("PATH")));
    env.insert(QStringLiteral("ANSWER"), answer.fileName());
    sh.setProcessEnvironment(env);
    sh.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), check->command});
    QVERIFY(sh.waitForFinished());
    QCOMPARE(sh.exitCode() == 0, passes);
}

QTEST_GUILESS_MAIN(TestDeployStepCommands)
#include "TestDeployStepCommands.moc"
#include "model/SettingKeys.h"
