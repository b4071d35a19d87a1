#include "plan/PlanText.h"

#include "generate/DeploySteps.h"

#include <QCoreApplication>

namespace saltant {
namespace {

QString changeName(PlannedFile::Change change)
{
    switch (change) {
    case PlannedFile::Change::New:
        return QStringLiteral("new");
    case PlannedFile::Change::Changed:
        return QStringLiteral("changed");
    case PlannedFile::Change::Unchanged:
        break;
    }
    return QStringLiteral("unchanged");
}

void steps(QString& out, const QList<DeployStep>& list, StepPhase phase)
{
    if (list.isEmpty()) {
        return;
    }
    out += QStringLiteral("  ") + DeploySteps::phaseTitle(phase) + QStringLiteral(":\n");
    for (const DeployStep& step : list) {
        out += QStringLiteral("    # ") + step.title;
        if (!step.stdinSecret.isEmpty()) {
            out += QStringLiteral(" [stdin: ") + step.stdinSecret + QLatin1Char(']');
        }
        out += QStringLiteral("\n    ") + step.command + QLatin1Char('\n');
    }
}

} // namespace

QString PlanText::summary(const Plan& plan)
{
    int added = 0;
    int changed = 0;
    int unchanged = 0;
    for (const PlannedFile& f : plan.files) {
        (f.change == PlannedFile::Change::New       ? added
         : f.change == PlannedFile::Change::Changed ? changed
                                                    : unchanged)++;
    }
    int links = 0;
    for (const PlannedLink& l : plan.links) {
        links += l.changed ? 1 : 0;
    }
    if (!plan.hasWork() && plan.blockers.isEmpty() && plan.missingPrograms.isEmpty()) {
        return tr("Nothing to do: the server matches the project (%n file(s) unchanged).", nullptr, unchanged);
    }
    const qsizetype commands =
        plan.prepare.size() + plan.validate.size() + plan.provision.size() + plan.handlers.size();
    // One count per part, so each part has its own singular and plural.
    return tr("%1; %2; %3 (%4).", "plan summary: files; links; commands (handlers)")
        .arg(tr("%n file(s): %1 new, %2 changed, %3 unchanged", nullptr, int(plan.files.size()))
                 .arg(added)
                 .arg(changed)
                 .arg(unchanged),
             tr("%n link(s) to set", nullptr, links), tr("%n command(s)", nullptr, int(commands)),
             tr("%n handler(s)", nullptr, int(plan.handlers.size())));
}

QString PlanText::drift(const Plan& plan, bool withDiffs)
{
    switch (plan.manifestState) {
    case Plan::ManifestState::NotTracked:
        return QString();
    case Plan::ManifestState::Missing:
        return tr("\nNo manifest: drift unknown (the server was never deployed by Saltant Deploy, or before it "
                  "recorded its deploys); this deploy writes it.\n");
    case Plan::ManifestState::Unreadable:
        return tr("\nThe manifest of the last deploy cannot be read (%1): drift unknown; this deploy writes a new "
                  "one.\n")
            .arg(plan.manifestError);
    case Plan::ManifestState::Found:
        break;
    }
    const QList<const PlannedFile*> drifted = plan.drifted();
    if (drifted.isEmpty()) {
        return tr("\nNo drift: every file is as the last deploy (%1) left it.\n")
            .arg(plan.manifest.time.toUTC().toString(Qt::ISODate));
    }
    QString out = tr("\nChanged on the server since the last deploy (%1):\n")
                      .arg(plan.manifest.time.toUTC().toString(Qt::ISODate));
    for (const PlannedFile* f : drifted) {
        out += QStringLiteral("  ") + f->file.remotePath + QStringLiteral(": ") + f->driftWhat +
               (f->driftKept                                  ? tr(" (kept: this deploy leaves it as it is)")
                : f->change == PlannedFile::Change::Unchanged ? tr(" (already what this deploy installs)")
                                                              : tr(" (this deploy would overwrite it)")) +
               QLatin1Char('\n');
    }
    if (withDiffs) {
        for (const PlannedFile* f : drifted) {
            out += tr("\n%1 changed on the server since the last deploy:\n").arg(f->file.remotePath);
            out += tr("last deployed -> now on the server:\n") +
                   (f->driftDiffServer.isEmpty() ? tr("(no copy of the last deployed version, or no difference in "
                                                      "content)\n")
                                                 : f->driftDiffServer);
            out += tr("now on the server -> this deploy:\n") +
                   (f->driftDiffNext.isEmpty() ? tr("(no difference in content)\n") : f->driftDiffNext);
        }
    }
    return out;
}

QString PlanText::render(const Plan& plan, bool withDiffs)
{
    QString out = tr("Plan for %1\n\nFiles:\n").arg(plan.host);
    for (const PlannedFile& f : plan.files) {
        out += QStringLiteral("  %1 %2 %3 %4")
                   .arg(changeName(f.change).leftJustified(9), f.file.modeString(),
                        QString(f.file.owner + QLatin1Char(':') + f.file.group).leftJustified(16), f.file.remotePath);
        if (!f.attributes.isEmpty()) {
            out += QStringLiteral(" (") + f.attributes + QLatin1Char(')');
        }
        if (f.handlersOwed) {
            out += tr(" [handlers of an earlier deploy still to run]");
        }
        if (f.drift == PlannedFile::Drift::ChangedOnServer) {
            out += f.driftKept ? tr(" [changed on the server: kept]") : tr(" [changed on the server]");
        }
        out += QLatin1Char('\n');
    }
    for (const PlannedLink& l : plan.links) {
        out += QStringLiteral("  %1 link %2 -> %3")
                   .arg((l.changed ? QStringLiteral("set") : QStringLiteral("unchanged")).leftJustified(9), l.path,
                        l.target);
        if (l.changed && !l.current.isEmpty()) {
            out += tr(" (now -> %1)").arg(l.current);
        }
        out += QLatin1Char('\n');
    }
    if (!plan.recovery.isEmpty()) {
        out += tr("\nAn earlier deploy was interrupted; first:\n");
        for (const PlannedRecovery& r : plan.recovery) {
            out += QStringLiteral("  ") +
                   (r.forward ? tr("keep the new %1 (its transaction had committed)")
                              : tr("restore %1 as it was before the interrupted transaction"))
                       .arg(r.path) +
                   QLatin1Char('\n');
        }
    }
    if (!plan.missingPrograms.isEmpty()) {
        out += tr("\nMissing programs (installed only when you ask for it, e.g. --install-missing):\n");
        for (const MissingProgram& m : plan.missingPrograms) {
            out += QStringLiteral("  # ") + m.title + QStringLiteral(" (") + m.check + QStringLiteral(")\n  ") +
                   (!m.installCommand.isEmpty() ? m.installCommand
                    : m.remedy.isEmpty()        ? tr("(install it by hand)")
                                                : m.remedy) +
                   QLatin1Char('\n');
            if (!m.installCommand.isEmpty() && !m.remedy.isEmpty()) {
                out += QStringLiteral("  ") + m.remedy + QLatin1Char('\n');
            }
        }
    }
    const bool anyCommand =
        !plan.prepare.isEmpty() || !plan.validate.isEmpty() || !plan.provision.isEmpty() || !plan.handlers.isEmpty();
    if (anyCommand) {
        out += tr("\nCommands:\n");
        steps(out, plan.prepare, StepPhase::Prepare);
        steps(out, plan.validate, StepPhase::Validate);
        steps(out, plan.provision, StepPhase::Provision);
        steps(out, plan.handlers, StepPhase::Handlers);
    }
    if (!plan.blockers.isEmpty()) {
        out += tr("\nCannot deploy:\n");
        for (const QString& b : plan.blockers) {
            out += QStringLiteral("  - ") + b + QLatin1Char('\n');
        }
    }
    out += drift(plan, withDiffs);
    if (withDiffs) {
        bool first = true;
        for (const PlannedFile& f : plan.files) {
            if (!f.diff.isEmpty()) {
                out += first ? tr("\nDiffs:\n") : QString();
                first = false;
                out += f.diff;
            }
        }
    }
    out += QLatin1Char('\n') + summary(plan) + QLatin1Char('\n');
    return out;
}

} // namespace saltant
