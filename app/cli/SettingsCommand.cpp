#include "CliCommand.h"
#include "ProjectOptions.h"

#include <QCoreApplication>

namespace saltant {

// `settings`: every setting as dotted.key=value, the keys --set accepts.
class SettingsCommand : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("settings"); }
    QString summary() const override
    {
        return QCoreApplication::translate("Cli", "Print every setting as dotted.key=value.");
    }
    void addOptions(QCommandLineParser& parser) const override { ProjectOptions::add(parser); }
    int run(const QCommandLineParser& parser, CliIo& io) const override
    {
        Project project;
        QString error;
        if (!ProjectOptions::load(parser, &project, &error)) {
            io.err << error << Qt::endl;
            return ExitCode::Usage;
        }
        for (const FieldSpec& field : Schema::fields()) {
            io.out << field.key << '=' << project.toDisplayString(field.key) << '\n';
        }
        io.out.flush();
        return ExitCode::Ok;
    }
};

} // namespace saltant

SALTANT_REGISTER_COMMAND(SettingsCommand)
