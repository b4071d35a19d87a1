#include "cli/CliCommand.h"
#include "cli/ProjectOptions.h"
#include "model/ProjectFile.h"
#include "model/Schema.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace saltant {
namespace {

// KEY's value as `settings` prints it; for workers.HOST.KEY the value in effect on that host.
QString displayValue(const Project& project, const QString& problemKey)
{
    const QStringList parts = problemKey.split(QLatin1Char('.'));
    if (parts.size() >= 4 && parts.first() == QLatin1String("workers")) {
        const std::optional<SettingKey> key = SettingKey::parse(parts.mid(2).join(QLatin1Char('.')), nullptr);
        return key ? project.forWorker(parts.at(1)).toDisplayString(*key) : QString();
    }
    const std::optional<SettingKey> key = SettingKey::parse(problemKey, nullptr);
    return key ? project.toDisplayString(*key) : QString();
}

} // namespace

// `set KEY=VALUE… --project FILE [--reset KEY]…`: changes settings in a project file, validated exactly as the form
// validates them, and writes the file as the window's Save does (stable order, no secrets). Nothing is written when
// any key or value is refused.
class SetCommand : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("set"); }
    QString summary() const override
    {
        return QCoreApplication::translate("Cli", "Change settings in the project file (KEY=VALUE, or --reset KEY "
                                                  "for the default).");
    }
    QString arguments() const override { return QStringLiteral("KEY=VALUE…"); }
    void addOptions(QCommandLineParser& parser) const override
    {
        parser.addOption({QStringLiteral("project"),
                          QCoreApplication::translate("Cli", "The project file to change (*.saltant.json)."),
                          QStringLiteral("FILE")});
        parser.addOption({QStringLiteral("reset"),
                          QCoreApplication::translate("Cli", "Put a setting back to its default; repeatable."),
                          QStringLiteral("KEY")});
    }
    int run(const QCommandLineParser& parser, CliIo& io) const override
    {
        const QString path = parser.value(QStringLiteral("project"));
        if (path.isEmpty()) {
            io.err << QCoreApplication::translate("Cli", "set: give the file to change with --project FILE.")
                   << Qt::endl;
            return ExitCode::Usage;
        }
        const QStringList resets = parser.values(QStringLiteral("reset"));
        if (parser.positionalArguments().isEmpty() && resets.isEmpty()) {
            io.err << QCoreApplication::translate("Cli", "set: nothing to change; give KEY=VALUE (see `settings` for "
                                                         "the keys) or --reset KEY.")
                   << Qt::endl;
            return ExitCode::Usage;
        }
        Project project;
        QString error;
        if (!ProjectFile::load(path, &project, &error)) {
            io.err << error << Qt::endl;
            return QFileInfo::exists(path) ? ExitCode::Usage : ExitCode::Io;
        }
        QStringList changed; // the keys their problems are reported under
        for (const QString& assignment : parser.positionalArguments()) {
            const int eq = assignment.indexOf(QLatin1Char('='));
            if (eq <= 0) {
                io.err << QCoreApplication::translate("Cli", "set %1: expected KEY=VALUE, e.g. "
                                                             "nginx.clientMaxBodySize=20M.")
                              .arg(assignment)
                       << Qt::endl;
                return ExitCode::Usage;
            }
            const QString name = assignment.left(eq);
            QString problemKey;
            if (!ProjectOptions::assign(&project, name, assignment.mid(eq + 1), &problemKey, &error)) {
                io.err << QStringLiteral("set ") << name << QStringLiteral(": ") << error << Qt::endl;
                return ExitCode::Usage;
            }
            changed << problemKey;
        }
        for (const QString& name : resets) {
            QString problemKey;
            if (!ProjectOptions::reset(&project, name, &problemKey, &error)) {
                io.err << QStringLiteral("set --reset ") << name << QStringLiteral(": ") << error << Qt::endl;
                return ExitCode::Usage;
            }
            changed << problemKey;
        }
        // The form's rule: a changed field must validate (other problems the file already had stay as they were).
        bool refused = false;
        for (const FieldProblem& problem : project.validate()) {
            if (changed.contains(problem.key)) {
                io.err << "error invalid-value " << problem.key << ": " << problem.message << Qt::endl;
                refused = true;
            }
        }
        if (refused) {
            return ExitCode::Usage;
        }
        if (!ProjectFile::save(path, project, &error)) {
            io.err << error << Qt::endl;
            return ExitCode::Io;
        }
        for (const QString& key : changed) {
            io.out << key << '=' << displayValue(project, key) << '\n';
        }
        io.out.flush();
        return ExitCode::Ok;
    }
};

} // namespace saltant

SALTANT_REGISTER_COMMAND(SetCommand)
