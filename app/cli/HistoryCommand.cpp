#include "cli/DeployCommand.h"
#include "cli/ProjectCommand.h"
#include "deploy/DeployRunner.h"
#include "deploy/Rollback.h"

#include <QCoreApplication>

namespace saltant {

// `history [--project FILE]`: the deploys the server keeps the replaced files of, newest first: id, time, who,
// and the files each changed. `rollback --to ID` restores the state before one of them.
class HistoryCommand : public ProjectCommand
{
    Q_DECLARE_TR_FUNCTIONS(saltant::HistoryCommand)

public:
    QString name() const override { return QStringLiteral("history"); }
    QString summary() const override
    {
        return tr("List the deploys whose replaced files the server keeps (for rollback --to ID), newest first.");
    }

protected:
    void addCommandOptions(QCommandLineParser& parser) const override { DeployCommand::addConnectionOptions(parser); }
    bool needsValidProject() const override { return true; }
    int runWithProject(const Project& project, const QCommandLineParser& parser, CliIo& io) const override
    {
        DeployContext context{project, nullptr};
        const int connected = DeployCommand::connect(parser, io, &context, DeployCommand::Reading::HostOnly);
        if (connected != ExitCode::Ok) {
            return connected;
        }
        QList<HistoryEntry> entries;
        QStringList problems;
        QString error;
        if (!Rollback::readHistory(*context.connection->host(), DeployRunner::stateDirectory(project), &entries,
                                   &problems, &error)) {
            io.err << error << Qt::endl;
            return ExitCode::Connection;
        }
        for (const QString& p : std::as_const(problems)) {
            io.err << tr("history: an entry was skipped: %1").arg(p) << Qt::endl;
        }
        if (entries.isEmpty()) {
            io.out << tr("No deploy history on the server yet: each deploy that replaces files keeps them (the last "
                         "%1 deploys).")
                          .arg(project.integer(Key::ServerHistoryDepth))
                   << Qt::endl;
            return ExitCode::Ok;
        }
        for (const HistoryEntry& e : std::as_const(entries)) {
            io.out << e.id << "  " << e.time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) << "  "
                   << e.who << "  " << tr("%n file(s)", nullptr, int(e.files.size())) << Qt::endl;
            for (const HistoryEntry::File& f : e.files) {
                io.out << "    " << (f.existed ? tr("replaced") : tr("created")) << ' ' << f.path << Qt::endl;
            }
        }
        return ExitCode::Ok;
    }
};

} // namespace saltant

SALTANT_REGISTER_COMMAND(HistoryCommand)
