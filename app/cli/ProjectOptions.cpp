#include "cli/ProjectOptions.h"

#include "model/ProjectFile.h"

#include <QCoreApplication>

namespace saltant {

void ProjectOptions::add(QCommandLineParser& parser, bool withSet)
{
    parser.addOption(
        {QStringLiteral("project"),
         QCoreApplication::translate("Cli", "Project file (*.saltant.json); default: the built-in example."),
         QStringLiteral("FILE")});
    if (withSet) {
        parser.addOption({QStringLiteral("set"),
                          QCoreApplication::translate("Cli", "Override a setting by its dotted key (see `settings`); "
                                                             "repeatable."),
                          QStringLiteral("KEY=VALUE")});
    }
}

bool ProjectOptions::load(const QCommandLineParser& parser, Project* project, QString* error)
{
    Project p = Project::example();
    if (parser.isSet(QStringLiteral("project"))) {
        if (!ProjectFile::load(parser.value(QStringLiteral("project")), &p, error)) {
            return false;
        }
    }
    // optionNames() lists the options given on the command line, so this also works (without Qt's "option not
    // defined" warning) for commands that do not offer --set.
    const QStringList sets =
        parser.optionNames().contains(QStringLiteral("set")) ? parser.values(QStringLiteral("set")) : QStringList();
    for (const QString& assignment : sets) {
        const int eq = assignment.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            *error = QCoreApplication::translate(
                         "Cli", "--set %1: expected KEY=VALUE, e.g. --set nginx.clientMaxBodySize=20M.")
                         .arg(assignment);
            return false;
        }
        QString setError;
        const std::optional<SettingKey> key = SettingKey::parse(assignment.left(eq), &setError);
        if (!key || !p.setFromString(*key, assignment.mid(eq + 1), &setError)) {
            *error = QStringLiteral("--set ") + assignment.left(eq) + QStringLiteral(": ") + setError;
            return false;
        }
    }
    *project = p;
    return true;
}

bool ProjectOptions::reportProblems(const QList<FieldProblem>& problems, QTextStream& err)
{
    for (const FieldProblem& problem : problems) {
        err << "error invalid-value " << problem.key << ": " << problem.message << Qt::endl;
    }
    return problems.isEmpty();
}

} // namespace saltant
