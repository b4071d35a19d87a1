#pragma once

#include "plan/Plan.h"
#include "secrets/SecretValues.h"

#include <QCoreApplication>

class QWidget;

namespace saltant {

class ProjectDocument;

// The plan dialog's "Import the server's edit into the project": each file's text now on the server is taken into
// the document's project where the importer understands it (ServerImporter::importEdit), applied as ONE undoable
// change. The parts of the edit the project cannot hold are shown first and the admin decides whether to import the
// rest.
class DriftImport
{
    Q_DECLARE_TR_FUNCTIONS(saltant::DriftImport)

public:
    // False when nothing was imported (an edit could not be read as a saltant server's, or the admin declined);
    // status says what happened either way.
    static bool apply(QWidget* parent, ProjectDocument* document, const QList<const PlannedFile*>& files,
                      const SecretValues& secrets, QString* status);
};

} // namespace saltant
