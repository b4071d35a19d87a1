#pragma once

#include "import/ImportReport.h"

#include <QCoreApplication>

class QTreeWidget;

namespace saltant {

// The import report as the Import dialog shows it: one bold section per part (problems, the guide's mistakes, lines
// a deploy would drop, settings), a row per item with FILE:LINE, every cell's full text in its tooltip. Its texts
// belong to the dialog's translation context.
class ImportReportTree
{
    Q_DECLARE_TR_FUNCTIONS(saltant::ImportDialog)

public:
    static void fill(QTreeWidget* tree, const ImportReport& report);
};

} // namespace saltant
