#include "generate/worker/WorkerDeploySteps.h"

#include "generate/DeploySteps.h"
#include "generate/Quote.h"
#include "generate/StepList.h"
#include "generate/worker/WorkerLogShipping.h"
#include "model/SettingKeys.h"

namespace saltant {
namespace {

using Quote::shell;

QString unitName(const QString& path)
{
    return path.mid(path.lastIndexOf(QLatin1Char('/')) + 1);
}

} // namespace

QStringList WorkerDeploySteps::workerDirectories(const Project& p)
{
    QStringList dirs = {p.text(Key::WorkerLogsDirectory), p.text(Key::WorkerResultsDirectory),
                        p.text(Key::WorkerTempDirectory)};
    if (p.text(Key::WorkersContainerRuntime) == QLatin1String("singularity")) {
        dirs << p.text(Key::WorkerSingularityImagesDirectory);
    }
    dirs.removeDuplicates();
    return dirs;
}

QList<DeployStep> WorkerDeploySteps::build(const GenerateContext& c, const QList<GeneratedFile>& files)
{
    const Project& p = c.project();
    const QString user = c.text(Key::WorkersUser);
    const QString checkout = c.text(Key::WorkersProjectDir);
    const QString python = c.text(Key::WorkersVenvDir) + QStringLiteral("/bin/python");
    const QString runAsWorker = QStringLiteral("runuser -u ") + shell(user) + QStringLiteral(" -- ");
    const QString apt = QStringLiteral("DEBIAN_FRONTEND=noninteractive apt-get install -y ");
    const bool shipping = WorkerLogShipping::enabled(p);
    StepList s;

    // Check: the worker's own checkout and virtualenv are the admin's (saltant's docs: clone, venv,
    // requirements-worker-python3.txt); the deploy only says what is missing.
    // (A missing worker user is already a blocker: it owns the .env.)
    s.add(StepPhase::Check, tr("saltant is checked out in %1").arg(checkout),
          QStringLiteral("test -f %1").arg(shell(checkout + QStringLiteral("/saltant/celery.py"))));
    s.last().remedy = tr("Clone saltant there as the worker user (git clone https://github.com/saltant-org/saltant.git "
                         "%1), or set saltant checkout (Worker hosts section) to where it is.")
                          .arg(checkout);
    s.add(StepPhase::Check, tr("The worker's virtualenv has Celery 4 or newer"),
          QStringLiteral("%1 -I -B -c %2")
              .arg(shell(python), shell(QStringLiteral("import sys, celery; sys.exit(0 if int(celery.__version__"
                                                       ".split(\".\")[0]) >= 4 else 1)"))));
    s.last().remedy = tr("Create the virtualenv and install saltant's worker requirements in it (python3 -m venv %1; "
                         "%1/bin/pip install -r requirements/requirements-worker-python3.txt), or set Worker "
                         "virtualenv to the one that has them.")
                          .arg(c.text(Key::WorkersVenvDir));
    const QString runtime = c.text(Key::WorkersContainerRuntime);
    if (runtime == QLatin1String("docker")) {
        s.add(StepPhase::Check, tr("Docker is installed"), QStringLiteral("command -v docker"));
        s.last().installCommand = apt + QStringLiteral("docker.io");
    } else if (runtime == QLatin1String("singularity")) {
        s.add(StepPhase::Check, tr("Singularity is installed"), QStringLiteral("command -v singularity"));
        s.last().remedy = tr("Debian 12 does not package Singularity: install SingularityCE or Apptainer as their "
                             "documentation says, or choose another container runtime.");
    }
    if (shipping) {
        s.add(StepPhase::Check, tr("The AWS command line is installed (log shipping)"),
              QStringLiteral("test -x ") + shell(WorkerLogShipping::awsBinary()));
        s.last().installCommand = apt + QStringLiteral("awscli");
    }

    // Prepare: the directories of the files, and the worker's own directories, owned by the worker user.
    for (const QString& dir : DeploySteps::directoriesOf(files)) {
        if (dir == checkout) {
            continue; // the checkout exists already; the deploy never creates or chmods it
        }
        const bool secretDir = shipping && WorkerLogShipping::envPath().startsWith(dir + QLatin1Char('/'));
        s.add(StepPhase::Prepare, tr("Directory %1").arg(dir),
              QStringLiteral("install -d -m %1 %2")
                  .arg(secretDir ? QStringLiteral("0700") : QStringLiteral("0755"), shell(dir)));
    }
    if (runtime == QLatin1String("docker")) {
        s.add(StepPhase::Prepare, tr("%1 may run Docker containers").arg(user),
              QStringLiteral("usermod -a -G docker ") + shell(user));
        s.last().satisfiedWhen = QStringLiteral("id -nG %1 | tr ' ' '\\n' | grep -qxF docker").arg(shell(user));
    }
    for (const QString& dir : workerDirectories(p)) {
        s.add(StepPhase::Prepare, tr("Worker directory %1").arg(dir),
              QStringLiteral("install -d -m 0750 -o %1 %2").arg(shell(user), shell(dir)));
        s.last().satisfiedWhen =
            QStringLiteral("test -d %1 && test \"$(stat -c %U %1)\" = %2").arg(shell(dir), shell(user));
    }

    DeploySteps::addFileSteps(s, files);

    // Validate before anything restarts: the units, and saltant's Celery app loading the new .env as the worker.
    QStringList units = {shell(c.text(Key::WorkersUnitPath))};
    QStringList unitIds = {QStringLiteral("worker-unit")};
    if (shipping) {
        units << shell(WorkerLogShipping::servicePath(p)) << shell(WorkerLogShipping::timerPath(p));
        unitIds << QStringLiteral("worker-logs-service") << QStringLiteral("worker-logs-timer");
    }
    s.add(StepPhase::Validate, tr("systemd accepts the units"),
          QStringLiteral("systemd-analyze verify ") + units.join(QLatin1Char(' ')), unitIds);
    s.add(StepPhase::Validate, tr("saltant's Celery app loads with the new .env"),
          QStringLiteral("cd %1 && %2%3 -B -c %4 </dev/null")
              .arg(shell(checkout), runAsWorker, shell(python),
                   shell(QStringLiteral("import %1").arg(c.text(Key::DjangoCeleryApp)))),
          {QStringLiteral("worker-dotenv")});

    // Handlers: a restart is Celery's warm shutdown, so it waits for running jobs (up to the stop timeout).
    const QString workerUnit = unitName(c.text(Key::WorkersUnitPath));
    s.add(StepPhase::Handlers, tr("Reload systemd"), QStringLiteral("systemctl daemon-reload"), unitIds);
    s.add(StepPhase::Handlers, tr("Enable and restart the worker (running jobs finish first)"),
          QStringLiteral("systemctl enable %1 && systemctl restart %1").arg(shell(workerUnit)),
          {QStringLiteral("worker-unit"), QStringLiteral("worker-dotenv")});
    s.last().satisfiedWhen = QStringLiteral("systemctl is-active --quiet ") + shell(workerUnit);
    if (shipping) {
        const QString timer = unitName(WorkerLogShipping::timerPath(p));
        s.add(StepPhase::Handlers, tr("Enable and start the log shipping timer"),
              QStringLiteral("systemctl enable %1 && systemctl restart %1").arg(shell(timer)),
              {QStringLiteral("worker-logs-timer"), QStringLiteral("worker-logs-service"),
               QStringLiteral("worker-logs-env")});
        s.last().satisfiedWhen = QStringLiteral("systemctl is-active --quiet ") + shell(timer);
    }
    return s.take();
}

} // namespace saltant
