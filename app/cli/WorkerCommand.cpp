#include "cli/CliCommand.h"
#include "cli/ProjectOptions.h"
#include "model/ProjectFile.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace saltant {

// `worker add NAME --host H [--port P] [--user U] [--queues q1,q2] [--concurrency N] --project FILE`,
// `worker list`, `worker remove NAME --project FILE`: the worker hosts of a project file. A refused change
// writes nothing.
class WorkerCommand : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(saltant::WorkerCommand)

public:
    QString name() const override { return QStringLiteral("worker"); }
    QString summary() const override
    {
        return tr("List, add or remove worker hosts (machines running saltant's Celery workers).");
    }
    QString arguments() const override { return QStringLiteral("add NAME | list | remove NAME"); }
    void addOptions(QCommandLineParser& parser) const override
    {
        ProjectOptions::add(parser, false);
        parser.addOption({QStringLiteral("host"), tr("add: the worker's SSH host name or address (required)."),
                          QStringLiteral("H")});
        parser.addOption(
            {QStringLiteral("port"), tr("add: its SSH port (default: the server's)."), QStringLiteral("P")});
        parser.addOption(
            {QStringLiteral("user"), tr("add: its SSH login user (default: the server's)."), QStringLiteral("U")});
        parser.addOption({QStringLiteral("queues"),
                          tr("add: the queues it consumes, comma-separated (default: the "
                             "shared workers.queues)."),
                          QStringLiteral("q1,q2")});
        parser.addOption({QStringLiteral("concurrency"),
                          tr("add: jobs it runs at once (default: the shared workers.concurrency)."),
                          QStringLiteral("N")});
    }
    int run(const QCommandLineParser& parser, CliIo& io) const override
    {
        const QStringList args = parser.positionalArguments();
        const QString action = args.value(0);
        if (action == QLatin1String("list") && args.size() == 1) {
            return list(parser, io);
        }
        if ((action == QLatin1String("add") || action == QLatin1String("remove")) && args.size() == 2) {
            return change(action, args.at(1), parser, io);
        }
        io.err << tr("worker: expected `worker add NAME --host H`, `worker list` or `worker remove NAME`.") << Qt::endl;
        return ExitCode::Usage;
    }

private:
    static int list(const QCommandLineParser& parser, CliIo& io)
    {
        Project project;
        QString error;
        if (!ProjectOptions::load(parser, &project, &error)) {
            io.err << error << Qt::endl;
            return ExitCode::Usage;
        }
        for (const WorkerHost& host : project.workers()) {
            const Project effective = project.forWorker(host.name);
            io.out << host.name << '\t' << effective.text(Key::SshUser) << '@' << effective.text(Key::SshHost) << ':'
                   << effective.integer(Key::SshPort) << '\t'
                   << tr("queues %1").arg(effective.toDisplayString(Key::WorkersQueues)) << '\t'
                   << tr("concurrency %1").arg(effective.integer(Key::WorkersConcurrency)) << '\n';
        }
        io.out.flush();
        return ExitCode::Ok;
    }

    static int change(const QString& action, const QString& name, const QCommandLineParser& parser, CliIo& io)
    {
        const QString path = parser.value(QStringLiteral("project"));
        if (path.isEmpty()) {
            io.err << tr("worker %1: give the project file to change with --project FILE.").arg(action) << Qt::endl;
            return ExitCode::Usage;
        }
        Project project;
        QString error;
        if (!ProjectFile::load(path, &project, &error)) {
            io.err << error << Qt::endl;
            return QFileInfo::exists(path) ? ExitCode::Usage : ExitCode::Io;
        }
        if (action == QLatin1String("remove")) {
            if (!project.removeWorker(name, &error)) {
                io.err << QStringLiteral("worker remove: ") << error << Qt::endl;
                return ExitCode::Usage;
            }
        } else if (!add(&project, name, parser, io)) {
            return ExitCode::Usage;
        }
        if (!ProjectFile::save(path, project, &error)) {
            io.err << error << Qt::endl;
            return ExitCode::Io;
        }
        io.out
            << (action == QLatin1String("add") ? tr("Added worker host %1.") : tr("Removed worker host %1.")).arg(name)
            << Qt::endl;
        return ExitCode::Ok;
    }

    static bool add(Project* project, const QString& name, const QCommandLineParser& parser, CliIo& io)
    {
        if (!parser.isSet(QStringLiteral("host"))) {
            io.err << tr("worker add: give the worker's SSH host with --host H.") << Qt::endl;
            return false;
        }
        QString error;
        if (!project->addWorker(name, &error)) {
            io.err << QStringLiteral("worker add: ") << error << Qt::endl;
            return false;
        }
        const QList<QPair<QString, SettingKey>> options = {{QStringLiteral("host"), Key::SshHost},
                                                           {QStringLiteral("port"), Key::SshPort},
                                                           {QStringLiteral("user"), Key::SshUser},
                                                           {QStringLiteral("queues"), Key::WorkersQueues},
                                                           {QStringLiteral("concurrency"), Key::WorkersConcurrency}};
        for (const auto& [option, key] : options) {
            if (parser.isSet(option) && !project->setWorkerFromString(name, key, parser.value(option), &error)) {
                io.err << QStringLiteral("worker add --%1: ").arg(option) << error << Qt::endl;
                return false;
            }
        }
        // Refuse what would not deploy: the new host's problems (a duplicate SSH target, a bad queue name, ...).
        bool refused = false;
        const QString prefix = QStringLiteral("workers.") + name;
        for (const FieldProblem& problem : project->validate()) {
            if (problem.key == prefix || problem.key.startsWith(prefix + QLatin1Char('.'))) {
                io.err << "error invalid-value " << problem.key << ": " << problem.message << Qt::endl;
                refused = true;
            }
        }
        return !refused;
    }
};

} // namespace saltant

SALTANT_REGISTER_COMMAND(WorkerCommand)
