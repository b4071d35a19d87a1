#include "CheckCli.h"

#include "model/Translations.h"
#include "net/CheckRunner.h"

#include <QCoreApplication>
#include <QEventLoop>

namespace saltant {
namespace {

QString tr(const char* text)
{
    return Translations::translate("saltant::CheckCli", text);
}

bool split(const QString& text, QString* left, QString* right)
{
    const int eq = text.indexOf(QLatin1Char('='));
    if (eq <= 0 || eq == text.size() - 1) {
        return false;
    }
    *left = text.left(eq);
    *right = text.mid(eq + 1);
    return true;
}

} // namespace

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
        QString host;
        QString address;
        if (!split(entry, &host, &address) || QHostAddress(address).isNull()) {
            *error = tr("--resolve %1: expected HOST=ADDRESS, e.g. www.example.com=198.51.100.4.").arg(entry);
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
            *error = tr("--port %1: expected SERVER=LOCAL port numbers, e.g. 443=8443.").arg(entry);
            return false;
        }
        options->portMap[from] = to;
    }
    if (parser.isSet(QStringLiteral("ca-file"))) {
        const QString file = parser.value(QStringLiteral("ca-file"));
        options->extraCaCertificates = QSslCertificate::fromPath(file);
        if (options->extraCaCertificates.isEmpty()) {
            *error = tr("--ca-file %1: no PEM certificate found.").arg(file);
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
