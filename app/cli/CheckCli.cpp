#include "cli/CheckCli.h"

#include "net/CheckOverrides.h"
#include "net/CheckRunner.h"

#include <QCoreApplication>
#include <QEventLoop>

namespace saltant {
void CheckCli::addOptions(QCommandLineParser& parser)
{
    parser.addOption({QStringLiteral("timeout"), tr("Time limit of each check in milliseconds (default 10000)."),
                      QStringLiteral("MS"), QStringLiteral("10000")});
    parser.addOption({QStringLiteral("resolve"),
                      tr("Use ADDRESS for HOST instead of DNS, e.g. to check a new server before DNS points to it; "
                         "repeatable."),
                      QStringLiteral("HOST=ADDRESS")});
    parser.addOption({QStringLiteral("port"),
                      tr("Contact LOCAL instead of the server port SERVER, e.g. through an SSH tunnel; repeatable."),
                      QStringLiteral("SERVER=LOCAL")});
    parser.addOption(
        {QStringLiteral("ca-file"), tr("Also trust the CA certificates in this PEM file."), QStringLiteral("FILE")});
}

bool CheckCli::readOptions(const QCommandLineParser& parser, CheckOptions* options, QString* error)
{
    bool ok = false;
    options->timeoutMs = parser.value(QStringLiteral("timeout")).toInt(&ok);
    if (!ok || options->timeoutMs < 1) {
        *error = tr("--timeout expects a positive number of milliseconds.");
        return false;
    }
    for (const QString& entry : parser.values(QStringLiteral("resolve"))) {
        if (!CheckOverrides::addResolve(entry, options, error)) {
            *error = QStringLiteral("--resolve %1: %2").arg(entry, *error);
            return false;
        }
    }
    for (const QString& entry : parser.values(QStringLiteral("port"))) {
        if (!CheckOverrides::addPortMapping(entry, options, error)) {
            *error = QStringLiteral("--port %1: %2").arg(entry, *error);
            return false;
        }
    }
    if (parser.isSet(QStringLiteral("ca-file"))) {
        const QString file = parser.value(QStringLiteral("ca-file"));
        if (!CheckOverrides::addCaFile(file, options, error)) {
            *error = QStringLiteral("--ca-file %1: %2").arg(file, *error);
            return false;
        }
    }
    return true;
}

int CheckCli::run(CheckSuite::Kind kind, const Project& project, const CheckOptions& options, CliIo& io,
                  const QString& heading)
{
    if (!heading.isEmpty()) {
        io.out << heading << Qt::endl;
    }
    CheckRunner runner;
    runner.setOptions(options);
    QEventLoop loop;
    QObject::connect(&runner, &CheckRunner::resultReady, &loop,
                     [&io](const CheckResult& result) { io.out << result.toLine() << Qt::endl; });
    QObject::connect(&runner, &CheckRunner::finished, &loop, &QEventLoop::quit);
    if (!runner.start(kind, project)) {
        return 0;
    }
    loop.exec();
    int failures = 0;
    for (const CheckResult& result : runner.results()) {
        failures += result.verdict == CheckVerdict::Fail ? 1 : 0;
    }
    return failures;
}

} // namespace saltant
