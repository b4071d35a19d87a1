#include "model/Project.h"
#include "model/SchemaTable.h"

namespace saltant {
namespace SchemaTable {

// The settings every worker host shares; a host overrides only what differs (Project::setWorkerValue).
void appendWorkerFields(QList<FieldSpec>& f)
{
    using K = ValueKind;
    f << list(Key::WorkersQueues, "workers", QT_TRANSLATE_NOOP("Field", "Queues"),
              QT_TRANSLATE_NOOP("Field", "saltant task queues the worker consumes (celery worker -Q). Each name is "
                                         "one of the queues defined in saltant's admin."),
              {QStringLiteral("celery")}, K::Identifier);
    f << list(Key::WorkersKnownQueues, "workers", QT_TRANSLATE_NOOP("Field", "Known queues"),
              QT_TRANSLATE_NOOP("Field", "The task queues defined in saltant's admin; lets the lint name a queue no "
                                         "worker consumes. Optional, the same for every worker host."),
              {}, K::Identifier);
    f << integer(Key::WorkersConcurrency, "workers", QT_TRANSLATE_NOOP("Field", "Concurrency"),
                 QT_TRANSLATE_NOOP("Field", "Jobs a worker runs at once (--concurrency); 0 lets Celery start one "
                                            "process per CPU."),
                 0, 0, 1024);
    f << derived(text(Key::WorkersUser, "workers", QT_TRANSLATE_NOOP("Field", "Worker user"),
                      QT_TRANSLATE_NOOP("Field", "The account the worker runs as (User= in its unit); owns the "
                                                 "worker's directories. Empty: the server's deploy user."),
                      "", K::UnixName),
                 [](const Project& p) -> QString { return p.text(Key::ServerDeployUser); });
    f << derived(text(Key::WorkersProjectDir, "workers", QT_TRANSLATE_NOOP("Field", "saltant checkout"),
                      QT_TRANSLATE_NOOP("Field", "Where saltant is cloned on the worker; its .env is written there. "
                                                 "Empty: the same path as on the server."),
                      "", K::AbsolutePath),
                 [](const Project& p) -> QString { return p.text(Key::DjangoProjectDir); });
    f << derived(text(Key::WorkersVenvDir, "workers", QT_TRANSLATE_NOOP("Field", "Worker virtualenv"),
                      QT_TRANSLATE_NOOP("Field", "The virtualenv with requirements-worker-python3.txt; its python "
                                                 "starts Celery. Empty: the same path as on the server."),
                      "", K::AbsolutePath),
                 [](const Project& p) -> QString { return p.text(Key::DjangoVenvDir); });
    f << text(Key::WorkersUnitPath, "workers", QT_TRANSLATE_NOOP("Field", "Worker unit"),
              QT_TRANSLATE_NOOP("Field", "The systemd unit that runs the Celery worker on each worker host."),
              "/etc/systemd/system/saltant-worker.service", K::SystemdUnitPath);
    f << integer(Key::WorkersStopTimeout, "workers", QT_TRANSLATE_NOOP("Field", "Stop timeout"),
                 QT_TRANSLATE_NOOP("Field", "Seconds a stopping worker may take to finish the jobs it runs "
                                            "(TimeoutStopSec); Celery stops taking jobs at once and exits when they "
                                            "are done."),
                 3600, 10, 604800);
    f << choice(Key::WorkersContainerRuntime, "workers", QT_TRANSLATE_NOOP("Field", "Container runtime"),
                QT_TRANSLATE_NOOP("Field", "What runs saltant's container task types on the worker; the deploy "
                                           "checks that it is installed."),
                "none", {QStringLiteral("none"), QStringLiteral("docker"), QStringLiteral("singularity")},
                {QT_TRANSLATE_NOOP("saltant::FieldEditor", "None: executable tasks only"),
                 QT_TRANSLATE_NOOP("saltant::FieldEditor", "Docker"),
                 QT_TRANSLATE_NOOP("saltant::FieldEditor", "Singularity")});
    f << list(Key::WorkersExtraEnv, "workers", QT_TRANSLATE_NOOP("Field", "Task environment"),
              QT_TRANSLATE_NOOP("Field", "NAME=value entries the task types need (their env_vars_list), appended "
                                         "to the worker's .env. Secrets belong in the keychain, not here."),
              {}, K::EnvAssignment);
    f << list(Key::WorkersSecretEnv, "workers", QT_TRANSLATE_NOOP("Field", "Secret task variables"),
              QT_TRANSLATE_NOOP("Field", "Names of task variables whose values are secrets: each value is kept in the "
                                         "keychain as taskEnv.NAME and written only into the worker's .env."),
              {}, K::EnvName);
    f << choice(Key::WorkersLogShipping, "workers", QT_TRANSLATE_NOOP("Field", "Log shipping"),
                QT_TRANSLATE_NOOP("Field", "Copies the worker's job logs to the S3 bucket the server reads them from "
                                           "(aws s3 sync on a systemd timer, with the AWS keys of Monitoring)."),
                "off", {QStringLiteral("off"), QStringLiteral("s3")},
                {QT_TRANSLATE_NOOP("saltant::FieldEditor", "Off"),
                 QT_TRANSLATE_NOOP("saltant::FieldEditor", "S3 bucket (aws s3 sync)")});
    f << derived(text(Key::WorkersLogBucket, "workers", QT_TRANSLATE_NOOP("Field", "Log bucket"),
                      QT_TRANSLATE_NOOP("Field", "The S3 bucket job logs go to. Empty: the server's "
                                                 "AWS_LOGS_BUCKET_NAME."),
                      "", K::BucketName),
                 [](const Project& p) -> QString { return p.text(Key::AwsLogsBucketName); });
    f << integer(Key::WorkersLogInterval, "workers", QT_TRANSLATE_NOOP("Field", "Log shipping interval"),
                 QT_TRANSLATE_NOOP("Field", "Minutes between two syncs of the logs directory to the bucket."), 5, 1,
                 1440);
}

} // namespace SchemaTable
} // namespace saltant
