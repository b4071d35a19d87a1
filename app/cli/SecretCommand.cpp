#include "cli/ProjectCommand.h"
#include "secrets/KeychainSecretStore.h"

#include <QCoreApplication>
#include <cerrno>
#include <cstdio>
#include <termios.h>
#include <unistd.h>

namespace saltant {
namespace {

constexpr int MaximumSecretBytes = 64 * 1024;

// Reads one line from standard input, without echo when it is a terminal. The value never appears in argv or in
// the environment. Strips the final newline (and a carriage return before it).
bool readSecretLine(const QString& name, QByteArray* line, QString* error)
{
    const bool tty = isatty(STDIN_FILENO) == 1;
    termios saved{};
    if (tty) {
        if (tcgetattr(STDIN_FILENO, &saved) != 0) {
            *error = QCoreApplication::translate("Cli", "Cannot read the terminal's settings to hide the value.");
            return false;
        }
        termios hidden = saved;
        hidden.c_lflag &= ~tcflag_t(ECHO);
        hidden.c_lflag |= tcflag_t(ECHONL);
        if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &hidden) != 0) {
            *error = QCoreApplication::translate("Cli", "Cannot turn the terminal's echo off to hide the value.");
            return false;
        }
        // The prompt comes only once echo is off, so nothing typed after it can show.
        const QByteArray prompt =
            QCoreApplication::translate("Cli", "Value for %1 (not shown): ").arg(name).toLocal8Bit();
        std::fwrite(prompt.constData(), 1, size_t(prompt.size()), stderr);
        std::fflush(stderr);
    }
    line->reserve(MaximumSecretBytes); // never reallocated: no stray copies of the value on the heap
    bool ok = true;
    for (;;) {
        char c = 0;
        const ssize_t n = ::read(STDIN_FILENO, &c, 1);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            *error = QCoreApplication::translate("Cli", "Cannot read the value from standard input.");
            ok = false;
            break;
        }
        if (n == 0 || c == '\n') {
            break;
        }
        if (line->size() >= MaximumSecretBytes) {
            *error = QCoreApplication::translate("Cli", "The value is longer than %1 bytes.").arg(MaximumSecretBytes);
            ok = false;
            break;
        }
        line->append(c);
    }
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    }
    if (ok && line->endsWith('\r')) {
        (*line)[line->size() - 1] = '\0';
        line->chop(1);
    }
    return ok;
}

} // namespace

// `secret set|list|delete`: the project's secrets in the OS keychain. Values go in through standard input and
// never come out.
class SecretCommand : public ProjectCommand
{
public:
    QString name() const override { return QStringLiteral("secret"); }
    QString summary() const override
    {
        return QCoreApplication::translate("Cli", "Store (set NAME, value on stdin), list or delete secrets in the "
                                                  "OS keychain.");
    }
    QString arguments() const override { return QStringLiteral("set NAME | list | delete NAME"); }

    int checkArguments(const QCommandLineParser& parser, CliIo& io) const override
    {
        const QStringList args = parser.positionalArguments();
        const QString action = args.value(0);
        const bool needsName = action == QLatin1String("set") || action == QLatin1String("delete");
        const bool known = needsName || action == QLatin1String("list");
        if (!known || args.size() != (needsName ? 2 : 1)) {
            io.err << QCoreApplication::translate("Cli", "Usage: saltant-deploy-cli secret set NAME | list | delete "
                                                         "NAME [--project FILE]")
                   << Qt::endl;
            return ExitCode::Usage;
        }
        if (needsName) {
            QString problem;
            if (!SecretStore::checkName(args.value(1), &problem)) {
                io.err << problem << Qt::endl;
                return ExitCode::Usage;
            }
        }
        return ExitCode::Ok;
    }
    int runWithProject(const Project& project, const QCommandLineParser& parser, CliIo& io) const override
    {
        const QString action = parser.positionalArguments().value(0);
        const QString secretName = parser.positionalArguments().value(1);
        KeychainSecretStore store(project.projectId());
        if (action == QLatin1String("set")) {
            return set(store, secretName, io);
        }
        if (action == QLatin1String("delete")) {
            return remove(store, secretName, io);
        }
        return list(store, project.taskSecretNames(), io);
    }

private:
    static int set(SecretStore& store, const QString& secretName, CliIo& io)
    {
        QByteArray line;
        QString error;
        const bool read = readSecretLine(secretName, &line, &error);
        QString value = QString::fromUtf8(line);
        line.fill('\0');
        if (!read) {
            io.err << error << Qt::endl;
            return ExitCode::Io;
        }
        QString problem;
        if (!SecretStore::checkValue(secretName, value, &problem)) {
            value.fill(QChar(0));
            io.err << secretName << ": " << problem << Qt::endl;
            return ExitCode::Usage;
        }
        SecretResult result = store.writeNow(secretName, value);
        value.fill(QChar(0));
        if (!result.ok) {
            io.err << result.errorMessage << Qt::endl;
            return ExitCode::Keychain;
        }
        io.out << QCoreApplication::translate("Cli", "stored %1").arg(secretName) << Qt::endl;
        return ExitCode::Ok;
    }

    static int remove(SecretStore& store, const QString& secretName, CliIo& io)
    {
        const SecretResult probe = store.probeNow(secretName);
        if (!probe.ok) {
            io.err << probe.errorMessage << Qt::endl;
            return ExitCode::Keychain;
        }
        const SecretResult result = store.removeNow(secretName);
        if (!result.ok) {
            io.err << result.errorMessage << Qt::endl;
            return ExitCode::Keychain;
        }
        io.out << (probe.stored ? QCoreApplication::translate("Cli", "deleted %1").arg(secretName)
                                : QCoreApplication::translate("Cli", "%1 was not stored").arg(secretName))
               << Qt::endl;
        return ExitCode::Ok;
    }

    static int list(SecretStore& store, const QStringList& taskSecrets, CliIo& io)
    {
        QHash<QString, bool> stored;
        const SecretResult result = store.states(&stored, taskSecrets);
        if (!result.ok) {
            io.err << result.errorMessage << Qt::endl;
            return ExitCode::Keychain;
        }
        for (const SecretSpec& spec : Schema::secrets()) {
            io.out << spec.name.leftJustified(20) << ' ' << (stored.value(spec.name) ? "set" : "unset") << '\n';
        }
        for (const QString& name : taskSecrets) {
            io.out << name.leftJustified(20) << ' ' << (stored.value(name) ? "set" : "unset") << '\n';
        }
        io.out.flush();
        return ExitCode::Ok;
    }
};

} // namespace saltant

SALTANT_REGISTER_COMMAND(SecretCommand)
