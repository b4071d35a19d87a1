#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace saltant {

// What an import found, each item with the file and line it comes from (line 0: the whole file).
struct ImportReport
{
    Q_DECLARE_TR_FUNCTIONS(saltant::ImportReport)

public:
    struct Source
    {
        QString file;
        int line = 0;
        QString where() const; // "FILE:LINE" or "FILE"
    };
    // A setting set from the server (secrets: the name, never the value).
    struct Setting
    {
        QString key; // "server.domain", or "secret.database.password"
        QString value;
        Source source;
    };
    // A line of the server's file that the project cannot represent: a deploy would drop or change it.
    struct Unrepresented
    {
        Source source;
        QString text;
    };
    // One of the guide's known mistakes found on the server, and what fixes it.
    struct Mistake
    {
        QString id; // the lint rule that reports it in the project, or an id of its own when the generated file
                    // cannot make the mistake
        Source source;
        QString message;
    };
    struct Problem
    {
        Source source;
        QString message;
    };

    QString origin;
    QList<Setting> settings;
    QList<Unrepresented> unrepresented;
    QList<Mistake> mistakes;
    QList<Problem> problems; // files that could not be read or parsed, pieces not found: the import is partial
    QStringList filesRead;   // server paths of the files the import used

    // The report as the CLI prints it (and the window shows it): settings, lines a deploy would drop, mistakes,
    // problems, each with FILE:LINE.
    QString toText() const;
};

} // namespace saltant
