#include "deploy/DriftImport.h"

#include "common/MessageBox.h"
#include "document/ApplyFixCommand.h"
#include "document/ProjectDocument.h"
#include "import/ServerImporter.h"
#include "model/Schema.h"

#include <QUndoStack>

namespace saltant {

bool DriftImport::apply(QWidget* parent, ProjectDocument* document, const QList<const PlannedFile*>& files,
                        const SecretValues& secrets, QString* status)
{
    const Project before = document->project();
    Project after = before;
    QStringList unrepresented;
    QStringList paths;
    for (const PlannedFile* f : files) {
        const ImportResult result = ServerImporter::importEdit(after, secrets, f->file.remotePath, f->serverText);
        if (!result.ok()) {
            *status = tr("The edit of %1 could not be imported, so nothing was changed or sent: %2 Keep the server's "
                         "version or overwrite it.")
                          .arg(f->file.remotePath, result.error);
            MessageBox::warning(parent, tr("Import the Server's Edit"), *status);
            return false;
        }
        after = result.project;
        paths << f->file.remotePath;
        for (const ImportReport::Unrepresented& line : result.report.unrepresented) {
            unrepresented << line.source.where() + QStringLiteral(": ") + line.text;
        }
    }
    if (!unrepresented.isEmpty() &&
        MessageBox::question(parent, tr("Import the Server's Edit"),
                             tr("The project cannot hold %n part(s) of the edit; the next deploy would drop "
                                "them:\n\n%1\n\nImport the rest?",
                                nullptr, int(unrepresented.size()))
                                 .arg(unrepresented.join(QLatin1Char('\n'))),
                             QMessageBox::Yes | QMessageBox::No, QMessageBox::No) != QMessageBox::Yes) {
        *status = tr("Deploy cancelled; nothing was imported or sent.");
        return false;
    }
    QStringList keys;
    for (const FieldSpec& field : Schema::fields()) {
        if (before.toDisplayString(field.key) != after.toDisplayString(field.key)) {
            keys << field.key.name();
        }
    }
    if (keys.isEmpty()) {
        *status = tr("The server's edit changed no setting of the project.");
        return true;
    }
    document->finishTyping();
    document->undoStack()->push(new ApplyFixCommand(
        document, tr("Import the server's edit of %1").arg(paths.join(QStringLiteral(", "))), before, after, keys));
    *status = tr("Imported from the server's edit: %1.").arg(keys.join(QStringLiteral(", ")));
    return true;
}

} // namespace saltant
