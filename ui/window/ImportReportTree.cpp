#include "window/ImportReportTree.h"

#include <QFont>
#include <QTreeWidget>

namespace saltant {
namespace {

QTreeWidgetItem* section(QTreeWidget* tree, const QString& title)
{
    auto* item = new QTreeWidgetItem(tree, {title});
    item->setFirstColumnSpanned(true);
    QFont bold = item->font(0);
    bold.setBold(true);
    item->setFont(0, bold);
    return item;
}

void row(QTreeWidgetItem* parent, const QString& where, const QString& item, const QString& details)
{
    auto* child = new QTreeWidgetItem(parent, {where, item, details});
    for (int column = 0; column < 3; ++column) {
        child->setToolTip(column, child->text(column)); // a long message is elided in its column
    }
}

} // namespace

void ImportReportTree::fill(QTreeWidget* tree, const ImportReport& report)
{
    tree->clear();
    if (!report.problems.isEmpty()) {
        QTreeWidgetItem* problems = section(
            tree, tr("Problems (%1): the import is partial; check these settings by hand").arg(report.problems.size()));
        for (const ImportReport::Problem& p : report.problems) {
            row(problems, p.source.where(), QString(), p.message);
        }
    }
    QTreeWidgetItem* mistakes = section(
        tree,
        tr("The setup guide's mistakes found on the server (%1): a deploy fixes them").arg(report.mistakes.size()));
    for (const ImportReport::Mistake& m : report.mistakes) {
        row(mistakes, m.source.where(), m.id, m.message);
    }
    QTreeWidgetItem* dropped =
        section(tree, tr("Lines a deploy would drop or change (%1): keep what you need elsewhere first")
                          .arg(report.unrepresented.size()));
    for (const ImportReport::Unrepresented& u : report.unrepresented) {
        row(dropped, u.source.where(), QString(), u.text);
    }
    QTreeWidgetItem* settings = section(tree, tr("Settings (%1)").arg(report.settings.size()));
    for (const ImportReport::Setting& s : report.settings) {
        row(settings, s.source.where(), s.key, s.value);
    }
}

} // namespace saltant
