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
        QString problemKey;
        if (!assign(&p, assignment.left(eq), assignment.mid(eq + 1), &problemKey, &setError)) {
            *error = QStringLiteral("--set ") + assignment.left(eq) + QStringLiteral(": ") + setError;
            return false;
        }
    }
    *project = p;
    return true;
}

namespace {

// workers.HOST.KEY -> HOST and KEY; false for any other name.
bool splitWorkerKey(const QString& name, QString* host, QString* key)
{
    const QStringList parts = name.split(QLatin1Char('.'));
    if (parts.size() < 3 || parts.first() != QLatin1String("workers")) {
        return false;
    }
    *host = parts.at(1);
    *key = parts.size() == 3 ? QStringLiteral("workers.") + parts.at(2) : parts.mid(2).join(QLatin1Char('.'));
    return true;
}

} // namespace

bool ProjectOptions::assign(Project* project, const QString& name, const QString& value, QString* problemKey,
                            QString* error)
{
    QString host;
    QString keyName;
    if (splitWorkerKey(name, &host, &keyName)) {
        const std::optional<SettingKey> key = SettingKey::parse(keyName, error);
        if (!key || !project->setWorkerFromString(host, *key, value, error)) {
            return false;
        }
        *problemKey = QStringLiteral("workers.%1.%2").arg(host, key->name());
        return true;
    }
    const std::optional<SettingKey> key = SettingKey::parse(name, error);
    if (!key || !project->setFromString(*key, value, error)) {
        return false;
    }
    *problemKey = key->name();
    return true;
}

bool ProjectOptions::reset(Project* project, const QString& name, QString* problemKey, QString* error)
{
    QString host;
    QString keyName;
    if (splitWorkerKey(name, &host, &keyName)) {
        const std::optional<SettingKey> key = SettingKey::parse(keyName, error);
        if (!key || !project->clearWorkerValue(host, *key, error)) {
            return false;
        }
        *problemKey = QStringLiteral("workers.%1.%2").arg(host, key->name());
        return true;
    }
    const std::optional<SettingKey> key = SettingKey::parse(name, error);
    if (!key) {
        return false;
    }
    *problemKey = key->name();
    return project->setValue(*key, Schema::field(*key)->defaultValue, error);
}

bool ProjectOptions::reportProblems(const QList<FieldProblem>& problems, QTextStream& err)
{
    for (const FieldProblem& problem : problems) {
        err << "error invalid-value " << problem.key << ": " << problem.message << Qt::endl;
    }
    return problems.isEmpty();
}

} // namespace saltant
