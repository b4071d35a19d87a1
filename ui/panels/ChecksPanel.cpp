#include "panels/ChecksPanel.h"

#include "common/FileDialog.h"
#include "generate/SiteFacts.h"
#include "model/Schema.h"
#include "net/CheckOverrides.h"
#include "net/CheckRunner.h"
#include "panels/DriftChecksRunner.h"
#include "panels/WorkerChecksRunner.h"
#include "secrets/SecretStore.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace saltant {
namespace {

QIcon verdictIcon(CheckVerdict verdict, const QStyle* style)
{
    switch (verdict) {
    case CheckVerdict::Pass:
        return style->standardIcon(QStyle::SP_DialogApplyButton);
    case CheckVerdict::Warn:
        return style->standardIcon(QStyle::SP_MessageBoxWarning);
    case CheckVerdict::Fail:
        break;
    }
    return style->standardIcon(QStyle::SP_MessageBoxCritical);
}

QString verdictText(CheckVerdict verdict)
{
    switch (verdict) {
    case CheckVerdict::Pass:
        return ChecksPanel::tr("Passed");
    case CheckVerdict::Warn:
        return ChecksPanel::tr("Warning");
    case CheckVerdict::Fail:
        break;
    }
    return ChecksPanel::tr("Failed");
}

} // namespace

ChecksPanel::ChecksPanel(QWidget* parent)
    : QWidget(parent), m_project(Project::example()), m_runner(new CheckRunner(this)),
      m_workers(new WorkerChecksRunner(this, this)), m_drift(new DriftChecksRunner(this, this)),
      m_preflight(new QPushButton(tr("&Preflight"), this)), m_health(new QPushButton(tr("&Health"), this)),
      m_checkWorkers(new QPushButton(tr("&Worker Hosts"), this)), m_checkDrift(new QPushButton(tr("Dr&ift"), this)),
      m_cancel(new QPushButton(tr("Cancel"), this)), m_timeout(new QSpinBox(this)),
      m_aroundDeploy(new QCheckBox(tr("Check before and after &deploying"), this)), m_resolve(new QLineEdit(this)),
      m_ports(new QLineEdit(this)), m_caFile(new QLineEdit(this)), m_status(new QLabel(this)),
      m_list(new QTreeWidget(this))
{
    m_preflight->setObjectName(QStringLiteral("preflightButton"));
    m_preflight->setToolTip(tr("Before deploying: DNS of every server name and the ports 22, 80, 443 and AMQPS."));
    m_health->setObjectName(QStringLiteral("healthButton"));
    m_health->setToolTip(tr("After deploying: the site, its HTTPS redirect, /flower/, /rabbitmq/ and the "
                            "certificates."));
    m_checkWorkers->setObjectName(QStringLiteral("checkWorkersButton"));
    m_checkDrift->setObjectName(QStringLiteral("checkDriftButton"));
    m_checkDrift->setToolTip(tr("Over SSH: the files changed on the server since the last deploy (as "
                                "saltant-deploy-cli drift). Changes nothing."));
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_status->setObjectName(QStringLiteral("checksStatus"));
    m_status->setWordWrap(true);
    const QSettings settings;
    m_timeout->setObjectName(QStringLiteral("checkTimeout"));
    m_timeout->setRange(1, 300);
    m_timeout->setSuffix(tr(" s"));
    m_timeout->setValue(settings.value(QStringLiteral("checks/timeoutSeconds"), 10).toInt());
    m_timeout->setToolTip(tr("Time limit of each check: resolving, connecting, the TLS handshake and the answer."));
    m_timeout->setAccessibleName(tr("Time limit per check"));
    auto* timeoutLabel = new QLabel(tr("&Time limit:"), this);
    timeoutLabel->setBuddy(m_timeout);
    m_aroundDeploy->setObjectName(QStringLiteral("checksAroundDeploy"));
    m_aroundDeploy->setChecked(settings.value(QStringLiteral("checks/aroundDeploy"), true).toBool());
    m_aroundDeploy->setToolTip(tr("Deploy runs the preflight checks first (and asks when one fails) and the health "
                                  "checks after a successful deploy."));
    m_list->setObjectName(QStringLiteral("checksList"));
    m_list->setColumnCount(3);
    m_list->setHeaderLabels({tr("Check"), tr("Result"), tr("What to do")});
    m_list->setRootIsDecorated(false);
    m_list->setWordWrap(true);
    m_list->setUniformRowHeights(false);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->header()->setSectionResizeMode(CheckColumn, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(DetailColumn, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(RemedyColumn, QHeaderView::Stretch);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_preflight);
    buttons->addWidget(m_health);
    buttons->addWidget(m_checkWorkers);
    buttons->addWidget(m_checkDrift);
    buttons->addWidget(m_cancel);
    buttons->addSpacing(12);
    buttons->addWidget(timeoutLabel);
    buttons->addWidget(m_timeout);
    buttons->addWidget(m_aroundDeploy);
    buttons->addStretch(1);
    // The CLI's --resolve, --port and --ca-file: a new server before DNS points to it, a tunnel, a private CA.
    m_resolve->setObjectName(QStringLiteral("checkResolve"));
    m_resolve->setPlaceholderText(tr("HOST=ADDRESS …"));
    m_resolve->setToolTip(tr("Use ADDRESS for HOST instead of DNS, e.g. to check a new server before DNS points to "
                             "it. Several: separate them with spaces."));
    m_resolve->setAccessibleName(tr("Addresses instead of DNS"));
    m_ports->setObjectName(QStringLiteral("checkPorts"));
    m_ports->setPlaceholderText(tr("SERVER=LOCAL …"));
    m_ports->setToolTip(tr("Contact port LOCAL instead of the server's port SERVER, e.g. 443=8443 through a "
                           "tunnel."));
    m_ports->setAccessibleName(tr("Ports instead of the server's"));
    m_caFile->setObjectName(QStringLiteral("checkCaFile"));
    m_caFile->setPlaceholderText(tr("PEM file"));
    m_caFile->setToolTip(tr("Also trust the CA certificates in this PEM file (a private or test CA)."));
    m_caFile->setAccessibleName(tr("Extra trusted CA file"));
    auto* browse = new QPushButton(tr("Browse…"), this);
    browse->setObjectName(QStringLiteral("checkCaFileBrowse"));
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file = FileDialog::getOpenFileName(this, tr("CA certificates"), m_caFile->text(),
                                                         tr("PEM certificates (*.pem *.crt);;All files (*)"));
        if (!file.isEmpty()) {
            m_caFile->setText(file);
        }
    });
    auto* overrides = new QHBoxLayout;
    auto* resolveLabel = new QLabel(tr("&Resolve:"), this);
    resolveLabel->setBuddy(m_resolve);
    auto* portsLabel = new QLabel(tr("P&orts:"), this);
    portsLabel->setBuddy(m_ports);
    auto* caLabel = new QLabel(tr("C&A file:"), this);
    caLabel->setBuddy(m_caFile);
    overrides->addWidget(resolveLabel);
    overrides->addWidget(m_resolve, 2);
    overrides->addWidget(portsLabel);
    overrides->addWidget(m_ports, 1);
    overrides->addWidget(caLabel);
    overrides->addWidget(m_caFile, 2);
    overrides->addWidget(browse);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addLayout(overrides);
    layout->addWidget(m_status);
    layout->addWidget(m_list, 1);

    connect(m_timeout, &QSpinBox::valueChanged, this,
            [](int seconds) { QSettings().setValue(QStringLiteral("checks/timeoutSeconds"), seconds); });
    connect(m_aroundDeploy, &QCheckBox::toggled, this,
            [](bool on) { QSettings().setValue(QStringLiteral("checks/aroundDeploy"), on); });

    connect(m_preflight, &QPushButton::clicked, this, &ChecksPanel::runPreflight);
    connect(m_health, &QPushButton::clicked, this, &ChecksPanel::runHealth);
    connect(m_checkWorkers, &QPushButton::clicked, this, &ChecksPanel::runWorkers);
    connect(m_checkDrift, &QPushButton::clicked, this, &ChecksPanel::runDrift);
    connect(m_drift, &DriftChecksRunner::started, this, [this](int count) { m_expected = count; });
    connect(m_drift, &DriftChecksRunner::resultReady, this, &ChecksPanel::addResult);
    connect(m_drift, &DriftChecksRunner::finished, this, &ChecksPanel::onFinished);
    connect(m_cancel, &QPushButton::clicked, this, &ChecksPanel::cancel);
    connect(m_workers, &WorkerChecksRunner::started, this, [this](int count) { m_expected = count; });
    connect(m_workers, &WorkerChecksRunner::resultReady, this, &ChecksPanel::addResult);
    connect(m_workers, &WorkerChecksRunner::finished, this, &ChecksPanel::onFinished);
    connect(m_runner, &CheckRunner::started, this, [this](int count) { m_expected = count; });
    connect(m_runner, &CheckRunner::resultReady, this, &ChecksPanel::addResult);
    connect(m_runner, &CheckRunner::finished, this, &ChecksPanel::onFinished);
    updateButtons();
}

void ChecksPanel::setProject(const Project& project)
{
    m_project = project;
    updateButtons();
}

WorkerCheckOptions ChecksPanel::workerOptions() const
{
    WorkerCheckOptions options = m_workerOptions;
    options.timeoutSeconds = m_timeout->value();
    return options;
}

void ChecksPanel::setOptions(const CheckOptions& options)
{
    m_options = options;
    m_options.flowerPassword.clear();
    // For this session only: the user's saved time limit changes when the user changes it.
    const QSignalBlocker quiet(m_timeout);
    m_timeout->setValue(qBound(1, options.timeoutMs / 1000, 300));
}

CheckOptions ChecksPanel::options() const
{
    CheckOptions options = m_options;
    options.timeoutMs = m_timeout->value() * 1000;
    return options;
}

bool ChecksPanel::readOverrides(CheckOptions* options, QString* error) const
{
    for (const QString& entry : CheckOverrides::entries(m_resolve->text())) {
        if (!CheckOverrides::addResolve(entry, options, error)) {
            *error = tr("Resolve %1: %2").arg(entry, *error);
            return false;
        }
    }
    for (const QString& entry : CheckOverrides::entries(m_ports->text())) {
        if (!CheckOverrides::addPortMapping(entry, options, error)) {
            *error = tr("Ports %1: %2").arg(entry, *error);
            return false;
        }
    }
    const QString caFile = m_caFile->text().trimmed();
    if (!caFile.isEmpty() && !CheckOverrides::addCaFile(caFile, options, error)) {
        *error = tr("CA file %1: %2").arg(caFile, *error);
        return false;
    }
    return true;
}

bool ChecksPanel::checksAroundDeploy() const
{
    return m_aroundDeploy->isChecked();
}

bool ChecksPanel::isRunning() const
{
    return m_runner->isRunning() || m_flowerRead != 0 || m_workers->isRunning() || m_drift->isRunning() ||
           !m_workerReads.isEmpty();
}

QList<CheckResult> ChecksPanel::results() const
{
    if (m_driftRun) {
        return m_drift->results();
    }
    return m_workerRun ? m_workers->results() : m_runner->results();
}

void ChecksPanel::runWorkers()
{
    if (isRunning() || m_project.workers().isEmpty()) {
        return;
    }
    m_driftRun = false;
    readRunSecrets();
}

void ChecksPanel::runDrift()
{
    if (isRunning()) {
        return;
    }
    m_driftRun = true;
    readRunSecrets();
}

void ChecksPanel::readRunSecrets()
{
    m_list->clear();
    m_note.clear();
    m_workerSecrets.wipe();
    emit started();
    if (!m_store) {
        m_driftRun ? startDrift() : startWorkers();
        return;
    }
    // Every secret a worker host may need (SSH passphrase or password, the RabbitMQ password), read at once.
    m_status->setText(tr("Reading the secrets from the keychain\u2026"));
    connect(m_store, &SecretStore::finished, this, &ChecksPanel::onWorkerSecretRead, Qt::UniqueConnection);
    for (const SecretSpec& spec : Schema::secrets()) {
        m_workerReads.insert(m_store->read(spec.name), spec.name);
    }
    updateButtons();
}

void ChecksPanel::onWorkerSecretRead(const SecretResult& result)
{
    if (!m_workerReads.contains(result.requestId)) {
        return;
    }
    const QString name = m_workerReads.take(result.requestId);
    if (result.ok) {
        m_workerSecrets.set(name, result.value);
    } else if (result.errorKind != SecretErrorKind::NotFound) {
        // Without its secrets a host would refuse the login or report a wrong password: nothing runs.
        m_workerReads.clear();
        m_workerSecrets.wipe();
        m_status->setText(m_driftRun ? tr("The secrets could not be read from the keychain, so the server was not "
                                          "read for drift: %1 Unlock the keychain and check again.")
                                           .arg(result.errorMessage)
                                     : tr("The secrets could not be read from the keychain, so no worker host was "
                                          "checked: %1 Unlock the keychain and check again.")
                                           .arg(result.errorMessage));
        updateButtons();
        emit finished(true, 0);
        return;
    }
    if (m_workerReads.isEmpty()) {
        m_driftRun ? startDrift() : startWorkers();
    }
}

void ChecksPanel::startDrift()
{
    m_workerRun = false;
    m_drift->start(m_project, m_workerSecrets);
    m_workerSecrets.wipe();
    m_status->setText(tr("Reading the server for drift\u2026"));
    updateButtons();
}

void ChecksPanel::startWorkers()
{
    m_workerRun = true;
    m_driftRun = false;
    WorkerCheckOptions workerOptions = this->workerOptions();
    // The Resolve field names the broker's address for the workers too (a broker not in DNS yet); the ports and the
    // CA file are this machine's (a tunnel, a local file) and mean nothing on a worker.
    CheckOptions overrides;
    QString error;
    if (!readOverrides(&overrides, &error)) {
        m_workerSecrets.wipe();
        m_status->setText(error);
        updateButtons();
        emit finished(true, 0);
        return;
    }
    const QString broker = SiteFacts(m_project.forWorker(m_project.workers().constFirst().name)).brokerHost();
    if (workerOptions.brokerAddress.isEmpty() && !overrides.hostAddresses.value(broker).isEmpty()) {
        workerOptions.brokerAddress = overrides.hostAddresses.value(broker).constFirst().toString();
    }
    m_workers->setOptions(workerOptions);
    m_workers->start(m_project, m_workerSecrets);
    m_workerSecrets.wipe();
    m_status->setText(tr("Checking the worker hosts\u2026"));
    updateButtons();
}

void ChecksPanel::runHealth()
{
    if (isRunning()) {
        return;
    }
    if (!m_store || SiteFacts(m_project).flowerUrl().isEmpty()) {
        run(CheckSuite::Kind::Health);
        return;
    }
    m_status->setText(tr("Reading the Flower password from the keychain\u2026"));
    connect(m_store, &SecretStore::finished, this, &ChecksPanel::onSecretRead, Qt::UniqueConnection);
    m_flowerRead = m_store->read(QStringLiteral("flower.password"));
    updateButtons();
}

void ChecksPanel::onSecretRead(const SecretResult& result)
{
    if (result.requestId != m_flowerRead) {
        return;
    }
    m_flowerRead = 0;
    run(CheckSuite::Kind::Health, result.ok ? result.value : QString());
    if (!result.ok && result.errorKind != SecretErrorKind::NotFound) {
        m_note = tr("The Flower login was not checked: %1").arg(result.errorMessage);
    }
}

void ChecksPanel::run(CheckSuite::Kind kind, const QString& flowerPassword)
{
    if (m_runner->isRunning() || m_workers->isRunning() || m_drift->isRunning() || !m_workerReads.isEmpty()) {
        return;
    }
    m_workerRun = false;
    m_driftRun = false;
    m_list->clear();
    m_note.clear();
    if (kind == CheckSuite::Kind::Health && flowerPassword.isEmpty() && !SiteFacts(m_project).flowerUrl().isEmpty()) {
        m_note = tr("The Flower login was not checked: no Flower password from the keychain.");
    }
    CheckOptions options = this->options();
    QString error;
    if (!readOverrides(&options, &error)) {
        // Nothing runs with an override the admin did not mean; the run ends at once, as cancelled.
        m_status->setText(error);
        emit started();
        emit finished(true, 0);
        return;
    }
    options.flowerPassword = flowerPassword;
    m_runner->setOptions(options);
    m_runner->start(kind, m_project);
    m_status->setText(tr("Checking\u2026"));
    updateButtons();
    emit started();
}

void ChecksPanel::cancel()
{
    if (m_flowerRead != 0) {
        m_flowerRead = 0;
        m_status->setText(tr("Cancelled."));
        updateButtons();
        emit finished(true, 0);
        return;
    }
    if (!m_workerReads.isEmpty()) {
        m_workerReads.clear();
        m_workerSecrets.wipe();
        m_status->setText(tr("Cancelled."));
        updateButtons();
        emit finished(true, 0);
        return;
    }
    m_runner->cancel();
    m_workers->cancel();
    m_drift->cancel();
    updateButtons();
}

void ChecksPanel::addResult(const CheckResult& result)
{
    auto* item = new QTreeWidgetItem(m_list);
    item->setIcon(CheckColumn, verdictIcon(result.verdict, style()));
    item->setText(CheckColumn, result.title);
    item->setToolTip(CheckColumn, verdictText(result.verdict) + QStringLiteral(" (") + result.id + QLatin1Char(')'));
    item->setData(CheckColumn, Qt::UserRole, result.id);
    item->setText(DetailColumn, result.detail);
    item->setToolTip(DetailColumn, result.detail);
    item->setText(RemedyColumn, result.remedy);
    item->setToolTip(RemedyColumn, result.remedy);
    m_status->setText(tr("Checking\u2026 %1 of %2").arg(m_list->topLevelItemCount()).arg(m_expected));
}

void ChecksPanel::onFinished(bool cancelled)
{
    int failures = 0;
    int warnings = 0;
    if ((m_workerRun || m_driftRun) && !cancelled) {
        m_expected = m_list->topLevelItemCount(); // a host not reached has one row instead of its checks
    }
    for (const CheckResult& result : results()) {
        failures += result.verdict == CheckVerdict::Fail ? 1 : 0;
        warnings += result.verdict == CheckVerdict::Warn ? 1 : 0;
    }
    if (cancelled) {
        m_status->setText(
            tr("Cancelled after %1 of %n check(s).", nullptr, m_expected).arg(m_list->topLevelItemCount()));
    } else if (failures > 0) {
        m_status->setText(tr("%1 of %n check(s) failed.", nullptr, m_expected).arg(failures));
    } else if (warnings > 0) {
        m_status->setText(tr("All checks passed, %1 with a warning.").arg(warnings));
    } else {
        m_status->setText(tr("All %n check(s) passed.", nullptr, m_expected));
    }
    if (m_driftRun && !cancelled && !m_drift->summary().isEmpty()) {
        m_status->setText(m_drift->summary());
    }
    if (!cancelled && !m_note.isEmpty()) {
        m_status->setText(m_status->text() + QLatin1Char(' ') + m_note);
    }
    // The Flower password lives only as long as the run.
    CheckOptions options = m_runner->options();
    options.flowerPassword.clear();
    m_runner->setOptions(options);
    updateButtons();
    emit finished(cancelled, failures);
}

void ChecksPanel::updateButtons()
{
    const bool running = isRunning();
    m_preflight->setEnabled(!running);
    m_health->setEnabled(!running);
    const bool workers = !m_project.workers().isEmpty();
    m_checkWorkers->setEnabled(!running && workers);
    m_checkWorkers->setToolTip(workers ? tr("On each worker host, over SSH: the broker's name, port, certificate and "
                                            "AMQP login as Celery there sees them, the virtualenv and the container "
                                            "runtime.")
                                       : tr("The project has no worker hosts."));
    m_checkDrift->setEnabled(!running);
    m_cancel->setEnabled(running);
}

} // namespace saltant
