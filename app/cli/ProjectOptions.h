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
    // Prints validation problems as "error invalid-value KEY: message" lines; returns true when there are none.
    static bool reportProblems(const QList<FieldProblem>& problems, QTextStream& err);
};

} // namespace saltant
