#pragma once

#include "model/Project.h"

#include <QCommandLineParser>

namespace saltant {

// The --project FILE and --set KEY=VALUE options shared by every command that reads a project.
class ProjectOptions
{
public:
    static void add(QCommandLineParser& parser, bool withSet = true);
    // Loads --project (or the built-in example) and applies each --set in order. On failure, error says which
    // file, key or value was wrong and what is allowed.
    static bool load(const QCommandLineParser& parser, Project* project, QString* error);
    // Applies NAME=VALUE: NAME is a setting key (`settings` lists them) or workers.HOST.KEY, the worker host's own
    // value of KEY (workers.HOST.queues is short for workers.HOST.workers.queues). problemKey: the key
    // Project::validate() reports a problem of this value under.
    static bool assign(Project* project, const QString& name, const QString& value, QString* problemKey,
                       QString* error);
    // Puts NAME back: a setting to its default, a worker host's own value to the shared one.
    static bool reset(Project* project, const QString& name, QString* problemKey, QString* error);
    // Prints validation problems as "error invalid-value KEY: message" lines; returns true when there are none.
    static bool reportProblems(const QList<FieldProblem>& problems, QTextStream& err);
};

} // namespace saltant
