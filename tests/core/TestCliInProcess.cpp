#include "cli/Cli.h"
#include "model/ProjectFile.h"
#include "model/SettingKeys.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace saltant;

// saltant-deploy-cli's commands run in this process through Cli::run, their output captured in strings: the same
// dispatch, options, messages and exit codes as the program (TestLintCli, TestSetCli and the integration tests run
// the program itself).
class TestCliInProcess : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void help_listsEveryCommand();
    void noCommand_printsUsageAndExitsTwo();
    void unknownCommand_exitsTwo();
    void commandHelp_listsProjectOptionsFirst();
    void render_writesEveryFileItPrints();
    void render_withoutOut_refusedBeforeTheProjectIsRead();
    void lint_listsMissingSecretsAsWarnings();
    void settings_printsEveryKeyAndSecretStates();
    void set_changesTheFileThatSettingsThenShows();
    void unreadableProject_exitsTwo();
    void invalidSettings_refusedWithTheCommandsNote();
    void secret_badArguments_exitTwo();
    void export_badArguments_exitTwo();
    void export_invalidSettings_orNoKeychain_writeNothing();
    void checkHost_unknownHostOrNoWorkers_exitTwoBeforeConnecting();

private:
    struct Result
    {
        int exitCode = -1;
        QString out;
        QString err;
    };
    static Result cli(const QStringList& args)
    {
        Result r;
        QTextStream out(&r.out);
        QTextStream err(&r.err);
        CliIo io{out, err};
        r.exitCode = Cli::run(QStringList{QStringLiteral("saltant-deploy-cli")} + args, io);
        out.flush();
        err.flush();
        return r;
    }

    QTemporaryDir m_home;
};

void TestCliInProcess::initTestCase()
{
    // No keychain: secret states are unknown, and nothing reaches the developer's real one.
    QVERIFY(m_home.isValid());
    qunsetenv("DBUS_SESSION_BUS_ADDRESS");
    qputenv("HOME", QFile::encodeName(m_home.path()));
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(m_home.filePath(QStringLiteral("run"))));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_home.filePath(QStringLiteral(".config"))));
}

void TestCliInProcess::help_listsEveryCommand()
{
    for (const QString& help : {QStringLiteral("--help"), QStringLiteral("-h"), QStringLiteral("help")}) {
        const Result r = cli({help});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
        QVERIFY2(r.out.startsWith(QStringLiteral("Usage: saltant-deploy-cli COMMAND [OPTIONS]\n")), qPrintable(r.out));
        for (const QString& command :
             {QStringLiteral("check"), QStringLiteral("deploy"), QStringLiteral("export"), QStringLiteral("lint"),
              QStringLiteral("new"), QStringLiteral("plan"), QStringLiteral("render"), QStringLiteral("secret"),
              QStringLiteral("set"), QStringLiteral("settings")}) {
            QVERIFY2(r.out.contains(QStringLiteral("\n  ") + command.leftJustified(10) + QLatin1Char(' ')),
                     qPrintable(command + QStringLiteral(" missing in:\n") + r.out));
        }
        QVERIFY2(r.out.endsWith(QStringLiteral("Options: --help, --version, --lang CODE\n")), qPrintable(r.out));
    }
}

void TestCliInProcess::noCommand_printsUsageAndExitsTwo()
{
    const Result r = cli({});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.out.isEmpty());
    QVERIFY2(r.err.startsWith(QStringLiteral("Usage: saltant-deploy-cli COMMAND [OPTIONS]\n")), qPrintable(r.err));
    // --lang is main()'s: here it is only taken out.
    const Result lang = cli({QStringLiteral("--lang"), QStringLiteral("de")});
    QCOMPARE(lang.exitCode, 2);
    QCOMPARE(lang.err, r.err);
}

void TestCliInProcess::unknownCommand_exitsTwo()
{
    const Result r = cli({QStringLiteral("deplo"), QStringLiteral("--yes")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.out.isEmpty());
    QVERIFY2(r.err.startsWith(QStringLiteral("Unknown command \"deplo\".\n\nUsage: saltant-deploy-cli COMMAND")),
             qPrintable(r.err));
}

void TestCliInProcess::commandHelp_listsProjectOptionsFirst()
{
    const Result deploy = cli({QStringLiteral("deploy"), QStringLiteral("--help")});
    QCOMPARE(deploy.exitCode, 0);
    const QStringList order{QStringLiteral("--project <FILE>"),      QStringLiteral("--set <KEY=VALUE>"),
                            QStringLiteral("--accept-new-host-key"), QStringLiteral("--yes"),
                            QStringLiteral("--install-missing"),     QStringLiteral("--no-checks")};
    qsizetype last = -1;
    for (const QString& option : order) {
        const qsizetype at = deploy.out.indexOf(option);
        QVERIFY2(at > last, qPrintable(option + QStringLiteral(" out of order in:\n") + deploy.out));
        last = at;
    }
    const Result lint = cli({QStringLiteral("lint"), QStringLiteral("--help")});
    QCOMPARE(lint.exitCode, 0);
    QVERIFY2(lint.out.contains(QStringLiteral("--project <FILE>")), qPrintable(lint.out));
    QVERIFY2(lint.out.contains(QStringLiteral("--set <KEY=VALUE>")), qPrintable(lint.out));
    const Result bad = cli({QStringLiteral("lint"), QStringLiteral("--no-such-option")});
    QCOMPARE(bad.exitCode, 2);
    QCOMPARE(bad.err, QStringLiteral("Unknown option 'no-such-option'.\n"));
}

void TestCliInProcess::render_writesEveryFileItPrints()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const Result r = cli({QStringLiteral("render"), QStringLiteral("--out"), dir.path()});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
    static const QRegularExpression line(QStringLiteral("^[0-7]{4} (\\S+:\\S+) +(/\\S+)$"));
    static const QRegularExpression linkLine(QStringLiteral("^link +(/\\S+) -> (/\\S+)$"));
    QStringList printed;
    for (const QString& l : r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        // The site's link, as on the server: an absolute target (resolved against DIR by import --from-dir).
        const QRegularExpressionMatch link = linkLine.match(l);
        if (link.hasMatch()) {
            QVERIFY2(QFileInfo(link.captured(1)).isSymLink(), qPrintable(l));
            QCOMPARE(QFileInfo(link.captured(1)).symLinkTarget(), link.captured(2));
            continue;
        }
        const QRegularExpressionMatch match = line.match(l);
        QVERIFY2(match.hasMatch(), qPrintable(l));
        QVERIFY2(match.captured(2).startsWith(QDir::cleanPath(dir.path()) + QLatin1Char('/')), qPrintable(l));
        printed << match.captured(2);
    }
    QVERIFY2(printed.size() > 5, qPrintable(r.out));
    QStringList written;
    for (QDirIterator it(dir.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories); it.hasNext();) {
        written << QDir::cleanPath(it.next());
    }
    printed.sort();
    written.sort();
    QCOMPARE(written, printed);
}

void TestCliInProcess::render_withoutOut_refusedBeforeTheProjectIsRead()
{
    const Result r =
        cli({QStringLiteral("render"), QStringLiteral("--project"), m_home.filePath(QStringLiteral("none"))});
    QCOMPARE(r.exitCode, 2);
    QCOMPARE(r.err, QStringLiteral("render: --out DIR is required.\n"));
    QVERIFY(r.out.isEmpty());
}

void TestCliInProcess::lint_listsMissingSecretsAsWarnings()
{
    const Result r = cli({QStringLiteral("lint")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.startsWith(QStringLiteral("warning missing-secret django.secretKey: ")), qPrintable(r.out));
    QVERIFY2(r.err.startsWith(QStringLiteral("lint: secret states unknown, so every needed secret is listed as "
                                             "missing: ")),
             qPrintable(r.err));
    const Result error = cli({QStringLiteral("lint"), QStringLiteral("--set"), QStringLiteral("django.debug=yes")});
    QCOMPARE(error.exitCode, 1);
    QVERIFY2(error.out.startsWith(QStringLiteral("error debug-in-production django.debug: ")), qPrintable(error.out));
}

void TestCliInProcess::settings_printsEveryKeyAndSecretStates()
{
    const Result r = cli({QStringLiteral("settings"), QStringLiteral("--set"), QStringLiteral("flower.port=5600")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(QStringLiteral("\nflower.port=5600\n")), qPrintable(r.out));
    QVERIFY2(r.out.contains(QStringLiteral("\nsecret.django.secretKey=<unknown>\n")), qPrintable(r.out));
    QVERIFY2(r.err.startsWith(QStringLiteral("settings: secret states unknown: ")), qPrintable(r.err));
}

void TestCliInProcess::set_changesTheFileThatSettingsThenShows()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(QStringLiteral("site.saltant.json"));
    const Result created = cli({QStringLiteral("new"), file});
    QVERIFY2(created.exitCode == 0, qPrintable(created.err));
    QCOMPARE(created.out, QStringLiteral("Wrote the example project to %1.\n").arg(file));
    const Result set =
        cli({QStringLiteral("set"), QStringLiteral("nginx.clientMaxBodySize=20M"), QStringLiteral("--project"), file});
    QVERIFY2(set.exitCode == 0, qPrintable(set.err));
    QCOMPARE(set.out, QStringLiteral("nginx.clientMaxBodySize=20M\n"));
    const Result settings = cli({QStringLiteral("settings"), QStringLiteral("--project"), file});
    QCOMPARE(settings.exitCode, 0);
    QVERIFY2(settings.out.contains(QStringLiteral("\nnginx.clientMaxBodySize=20M\n")), qPrintable(settings.out));
    const Result refused =
        cli({QStringLiteral("set"), QStringLiteral("flower.port=70000"), QStringLiteral("--project"), file});
    QCOMPARE(refused.exitCode, 2);
    QVERIFY2(refused.err.startsWith(QStringLiteral("set flower.port: ")), qPrintable(refused.err));
    QVERIFY(refused.out.isEmpty());
}

void TestCliInProcess::unreadableProject_exitsTwo()
{
    const QString missing = m_home.filePath(QStringLiteral("missing.saltant.json"));
    for (const QString& command :
         {QStringLiteral("lint"), QStringLiteral("settings"), QStringLiteral("check"), QStringLiteral("plan")}) {
        const Result r = cli({command, QStringLiteral("--project"), missing});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(missing), qPrintable(r.err));
        QVERIFY2(r.out.isEmpty(), qPrintable(r.out));
    }
    const Result badSet = cli({QStringLiteral("settings"), QStringLiteral("--set"), QStringLiteral("missing-equals")});
    QCOMPARE(badSet.exitCode, 2);
    QVERIFY2(badSet.err.startsWith(QStringLiteral("--set missing-equals: expected KEY=VALUE")), qPrintable(badSet.err));
}

void TestCliInProcess::invalidSettings_refusedWithTheCommandsNote()
{
    // Commands that need valid settings stop before any network access; lint lists the problem instead.
    const QStringList bad{QStringLiteral("--set"), QStringLiteral("server.domain=bad domain")};
    const Result check = cli(QStringList{QStringLiteral("check")} + bad);
    QCOMPARE(check.exitCode, 2);
    QVERIFY2(check.err.startsWith(QStringLiteral("error invalid-value server.domain: ")), qPrintable(check.err));
    QVERIFY2(check.err.endsWith(QStringLiteral("\ncheck: nothing checked; fix the settings above.\n")),
             qPrintable(check.err));
    const Result plan = cli(QStringList{QStringLiteral("plan")} + bad);
    QCOMPARE(plan.exitCode, 2);
    QVERIFY2(plan.err.startsWith(QStringLiteral("error invalid-value server.domain: ")), qPrintable(plan.err));
    QCOMPARE(plan.err.count(QLatin1Char('\n')), 1);
    const Result settings = cli(QStringList{QStringLiteral("settings")} + bad);
    QCOMPARE(settings.exitCode, 0);
    QVERIFY2(settings.out.startsWith(QStringLiteral("server.domain=bad domain\n")), qPrintable(settings.out));
}

void TestCliInProcess::secret_badArguments_exitTwo()
{
    for (const QStringList& args : {QStringList{QStringLiteral("secret")},
                                    QStringList{QStringLiteral("secret"), QStringLiteral("get"), QStringLiteral("x")},
                                    QStringList{QStringLiteral("secret"), QStringLiteral("set")}}) {
        const Result r = cli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith(QStringLiteral("Usage: saltant-deploy-cli secret set NAME | list | delete NAME")),
                 qPrintable(r.err));
    }
}

void TestCliInProcess::export_badArguments_exitTwo()
{
    for (const QStringList& args :
         {QStringList{QStringLiteral("export")}, QStringList{QStringLiteral("export"), QStringLiteral("ansible")},
          QStringList{QStringLiteral("export"), QStringLiteral("chef"), QStringLiteral("d")},
          QStringList{QStringLiteral("export"), QStringLiteral("ansible"), QStringLiteral("d"), QStringLiteral("e")}}) {
        const Result r = cli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith(QStringLiteral("Usage: saltant-deploy-cli export ansible DIR")), qPrintable(r.err));
    }
    const Result help = cli({QStringLiteral("export"), QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    QVERIFY2(help.out.contains(QStringLiteral("--vault-password-file <FILE>")), qPrintable(help.out));
}

void TestCliInProcess::export_invalidSettings_orNoKeychain_writeNothing()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("ansible"));
    Result r = cli({QStringLiteral("export"), QStringLiteral("ansible"), out, QStringLiteral("--set"),
                    QStringLiteral("server.domain=bad domain")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(QStringLiteral("export: nothing written; fix the settings above.")), qPrintable(r.err));
    // No D-Bus session here: the keychain (the secrets and the vault password) cannot be read.
    r = cli({QStringLiteral("export"), QStringLiteral("ansible"), out});
    QCOMPARE(r.exitCode, 4);
    QVERIFY(!r.err.isEmpty());
    QVERIFY(!QFileInfo::exists(out));
}

void TestCliInProcess::checkHost_unknownHostOrNoWorkers_exitTwoBeforeConnecting()
{
    const QString plain = m_home.filePath(QStringLiteral("plain.saltant.json"));
    const QString fleet = m_home.filePath(QStringLiteral("fleet.saltant.json"));
    Project p = Project::example();
    QString error;
    QVERIFY2(ProjectFile::save(plain, p, &error), qPrintable(error));
    QVERIFY(p.addWorker(QStringLiteral("gpu-1")));
    QVERIFY(p.setWorkerValue(QStringLiteral("gpu-1"), Key::SshHost, QStringLiteral("gpu-1.invalid")));
    QVERIFY2(ProjectFile::save(fleet, p, &error), qPrintable(error));

    Result r = cli({QStringLiteral("check"), QStringLiteral("--host"), QStringLiteral("gpu-2"),
                    QStringLiteral("--project"), fleet});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(QStringLiteral("--host gpu-2: there is no such worker host (the project has: gpu-1)")),
             qPrintable(r.err));
    QVERIFY(r.out.isEmpty()); // nothing checked, nothing connected

    r = cli({QStringLiteral("check"), QStringLiteral("--all-hosts"), QStringLiteral("--project"), plain});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(QStringLiteral("no worker hosts")), qPrintable(r.err));

    r = cli({QStringLiteral("check"), QStringLiteral("--help")});
    QVERIFY(r.out.contains(QStringLiteral("--host <NAME>")) && r.out.contains(QStringLiteral("--all-hosts")) &&
            r.out.contains(QStringLiteral("--accept-new-host-key")));
}

QTEST_GUILESS_MAIN(TestCliInProcess)
#include "TestCliInProcess.moc"
