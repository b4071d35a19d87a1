#include "cli/CliCommand.h"
#include "model/ProjectFile.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace saltant {

// `new FILE`: writes the built-in example project (the guide's values) under a fresh project id.
class NewCommand : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("new"); }
    QString summary() const override
    {
        return QCoreApplication::translate("Cli", "Write the built-in example project to FILE.");
    }
    QString arguments() const override { return QStringLiteral("FILE"); }
    void addOptions(QCommandLineParser& parser) const override
    {
        parser.addOption({QStringLiteral("force"), QCoreApplication::translate("Cli", "Overwrite FILE if it exists.")});
    }
    int run(const QCommandLineParser& parser, CliIo& io) const override
    {
        if (parser.positionalArguments().size() != 1) {
            io.err << QCoreApplication::translate("Cli", "new: give exactly one FILE, e.g. `new site.saltant.json`.")
                   << Qt::endl;
            return ExitCode::Usage;
        }
        const QString path = parser.positionalArguments().constFirst();
        if (QFileInfo::exists(path) && !parser.isSet(QStringLiteral("force"))) {
            io.err << QCoreApplication::translate("Cli", "new: %1 exists; pass --force to overwrite it.").arg(path)
                   << Qt::endl;
            return ExitCode::Usage;
        }
        Project project = Project::example();
        project.setProjectId(ProjectFile::newProjectId());
        QString error;
        if (!ProjectFile::save(path, project, &error)) {
            io.err << error << Qt::endl;
            return ExitCode::Io;
        }
        io.out << QCoreApplication::translate("Cli", "Wrote the example project to %1.").arg(path) << Qt::endl;
        return ExitCode::Ok;
    }
};

} // namespace saltant

SALTANT_REGISTER_COMMAND(NewCommand)
