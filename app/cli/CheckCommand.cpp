#include "CliCommand.h"
#include "ProjectOptions.h"
#include "net/CheckRunner.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QProcessEnvironment>

namespace saltant {

// `check [--preflight|--health]`: runs the checks against the live server, one line per check
// ("PASS|WARN|FAIL  title: detail — remedy"); exit 1 when any fails. Without either option both suites run.
class CheckCommand : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("check"); }
    QString summary() const override
    {
        return QCoreApplication::translate("Cli",
                                           "Check DNS, ports, the live site, Flower, RabbitMQ and certificates.");
    }
    void addOptions(QCommandLineParser& parser) const override
    {
        ProjectOptions::add(parser);
        parser.addOption({QStringLiteral("preflight"),
                          QCoreApplication::translate("Cli", "Only the preflight checks (DNS and open ports).")});
        parser.addOption({QStringLiteral("health"),
                          QCoreApplication::translate("Cli", "Only the health checks (site, /flower/, /rabbitmq/, "
                                                             "certificates). With SALTANT_FLOWER_PASSWORD set in the "
                                                             "environment, also logs in to Flower.")});
        parser.addOption(
            {QStringLiteral("timeout"),
             QCoreApplication::translate("Cli", "Time limit of each check in milliseconds (default 10000)."),
             QStringLiteral("MS"), QStringLiteral("10000")});
        parser.addOption({QStringLiteral("resolve"),
                          QCoreApplication::translate("Cli", "Use ADDRESS for HOST instead of DNS, e.g. to check a new "
                                                             "server before DNS points to it; repeatable."),
                          QStringLiteral("HOST=ADDRESS")});
        parser.addOption({QStringLiteral("port"),
                          QCoreApplication::translate("Cli", "Contact LOCAL instead of the server port SERVER, e.g. "
                                                             "through an SSH tunnel; repeatable."),
                          QStringLiteral("SERVER=LOCAL")});
        parser.addOption({QStringLiteral("ca-file"),
                          QCoreApplication::translate("Cli", "Also trust the CA certificates in this PEM file."),
                          QStringLiteral("FILE")});
    }
    int run(const QCommandLineParser& parser, CliIo& io) const override
    {
        Project project;
        QString error;
        if (!ProjectOptions::load(parser, &project, &error)) {
            io.err << error << Qt::endl;
            return ExitCode::Usage;
        }
        if (!ProjectOptions::reportProblems(project.validate(), io.err)) {
            io.err << QCoreApplication::translate("Cli", "check: nothing checked; fix the settings above.") << Qt::endl;
            return ExitCode::Usage;
        }
        CheckOptions options;
        if (!readOptions(parser, &options, &error)) {
            io.err << QStringLiteral("check: ") << error << Qt::endl;
            return ExitCode::Usage;
        }
        // The Flower password is a secret: taken from the environment, never from the command line.
        options.flowerPassword =
            QProcessEnvironment::systemEnvironment().value(QStringLiteral("SALTANT_FLOWER_PASSWORD"));
        QList<CheckSuite::Kind> kinds;
        const bool preflight = parser.isSet(QStringLiteral("preflight"));
        const bool health = parser.isSet(QStringLiteral("health"));
        if (preflight || !health) {
            kinds << CheckSuite::Kind::Preflight;
        }
        if (health || !preflight) {
            kinds << CheckSuite::Kind::Health;
        }
        bool failed = false;
        for (CheckSuite::Kind kind : kinds) {
            CheckRunner runner;
            runner.setOptions(options);
            QEventLoop loop;
            QObject::connect(&runner, &CheckRunner::resultReady, &loop,
                             [&io](const CheckResult& result) { io.out << result.toLine() << Qt::endl; });
            QObject::connect(&runner, &CheckRunner::finished, &loop, &QEventLoop::quit);
            runner.start(kind, project);
            loop.exec();
            failed = failed || runner.hasFailures();
        }
        return failed ? ExitCode::Problems : ExitCode::Ok;
    }

private:
    static bool split(const QString& text, QString* left, QString* right)
    {
        const int eq = text.indexOf(QLatin1Char('='));
        if (eq <= 0 || eq == text.size() - 1) {
            return false;
        }
        *left = text.left(eq);
        *right = text.mid(eq + 1);
        return true;
    }

    static bool readOptions(const QCommandLineParser& parser, CheckOptions* options, QString* error)
    {
        bool ok = false;
        options->timeoutMs = parser.value(QStringLiteral("timeout")).toInt(&ok);
        if (!ok || options->timeoutMs < 1) {
            *error = QCoreApplication::translate("Cli", "--timeout expects a positive number of milliseconds.");
            return false;
        }
        for (const QString& entry : parser.values(QStringLiteral("resolve"))) {
            QString host;
            QString address;
            if (!split(entry, &host, &address) || QHostAddress(address).isNull()) {
                *error = QCoreApplication::translate("Cli", "--resolve %1: expected HOST=ADDRESS, e.g. "
                                                            "www.example.com=198.51.100.4.")
                             .arg(entry);
                return false;
            }
            options->hostAddresses[host] << QHostAddress(address);
        }
        for (const QString& entry : parser.values(QStringLiteral("port"))) {
            QString server;
            QString local;
            bool serverOk = false;
            bool localOk = false;
            const bool shaped = split(entry, &server, &local);
            const int from = server.toInt(&serverOk);
            const int to = local.toInt(&localOk);
            if (!shaped || !serverOk || !localOk || from < 1 || from > 65535 || to < 1 || to > 65535) {
                *error = QCoreApplication::translate("Cli", "--port %1: expected SERVER=LOCAL port numbers, e.g. "
                                                            "443=8443.")
                             .arg(entry);
                return false;
            }
            options->portMap[from] = to;
        }
        if (parser.isSet(QStringLiteral("ca-file"))) {
            const QString file = parser.value(QStringLiteral("ca-file"));
            options->extraCaCertificates = QSslCertificate::fromPath(file);
            if (options->extraCaCertificates.isEmpty()) {
                *error = QCoreApplication::translate("Cli", "--ca-file %1: no PEM certificate found.").arg(file);
                return false;
            }
        }
        return true;
    }
};

} // namespace saltant

SALTANT_REGISTER_COMMAND(CheckCommand)
