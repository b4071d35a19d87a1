#include "window/MainWindow.h"

#include "common/Icons.h"
#include "common/MessageBox.h"
#include "document/ProjectAnalyzer.h"
#include "document/ProjectDocument.h"
#include "forms/WorkerHostsPanel.h"
#include "panels/ProblemsPanel.h"
#include "preview/PreviewPane.h"
#include "window/AfterFirstPaint.h"
#include "window/ProjectFileCommands.h"
#include "window/RemoteModule.h"
#include "window/SecretsPresenter.h"
#include "window/WindowActions.h"
#include "window/WindowLayout.h"

#include <QCloseEvent>
#include <QLabel>
#include <QPointer>
#include <QStackedWidget>
#include <QStatusBar>

namespace saltant {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), m_document(new ProjectDocument(this)), m_analyzer(new ProjectAnalyzer(m_document, this)),
      m_layout(new WindowLayout(this)), m_files(new ProjectFileCommands(m_document, this)),
      m_secrets(new SecretsPresenter(m_document, m_analyzer, m_layout, this)),
      m_actions(new WindowActions(this, m_document, m_layout, m_files, m_secrets))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(Icons::application());
    connectPages();
    connectDocument();
    m_layout->restoreSettings();
    reloadForms();
    updateTitle();

    // After the first paint: the keychain (loads libsecret, talks D-Bus), then the forms not shown yet.
    m_afterPaint = new AfterFirstPaint(this);
    m_afterPaint->add([this] {
        if (m_openKeychain) {
            m_openKeychain();
            m_openKeychain = nullptr;
        }
        m_secretsStarted = true;
        m_secrets->start();
    });
    QStackedWidget* stack = m_layout->stack();
    for (int index = 0; index < stack->count(); ++index) {
        m_afterPaint->add([page = QPointer<QWidget>(stack->widget(index))] {
            if (auto* section = qobject_cast<SectionPage*>(page.data())) {
                section->ensureBuilt();
            }
        });
    }
}

MainWindow::~MainWindow() = default;

void MainWindow::analyseAfterFirstPaint()
{
    if (m_afterPaint->hasPainted()) {
        m_analyzer->refreshNow();
        return;
    }
    m_analyzer->hold();
    m_afterPaint->addFirst([this] { m_analyzer->release(); });
}

void MainWindow::openKeychainAfterFirstPaint(const std::function<void()>& open)
{
    if (m_secretsStarted) {
        open();
        return;
    }
    m_openKeychain = open;
}

void MainWindow::connectPages()
{
    if (SectionPage* workers = m_layout->page(QStringLiteral("workers"))) {
        workers->setExtensionFactory(
            [this](QWidget* parent) -> SectionExtension* { return new WorkerHostsPanel(m_document, parent); });
    }
    for (SectionPage* page : m_layout->pages()) {
        connect(page, &SectionPage::edited, this, [this](const QString& key, const QVariant& value) {
            QString error;
            if (!m_document->setValue(key, value, &error)) {
                statusBar()->showMessage(error);
            }
        });
        connect(page, &SectionPage::editingFinished, m_document, &ProjectDocument::finishTyping);
        connect(page, &SectionPage::built, this, [this, page] { m_secrets->refreshSecretEditors(page); });
    }
    connect(m_layout->problems(), &ProblemsPanel::fixRequested, this, [this](const LintFix& fix) {
        QString error;
        if (!m_document->applyFix(fix, &error)) {
            MessageBox::warning(this, tr("Cannot Apply Fix"), error);
        }
    });
}

void MainWindow::connectDocument()
{
    connect(m_document, &ProjectDocument::changed, this, &MainWindow::reloadField);
    connect(m_document, &ProjectDocument::reset, this, &MainWindow::reloadForms);
    connect(m_document, &ProjectDocument::dirtyChanged, this, &MainWindow::updateTitle);
    connect(m_document, &ProjectDocument::filePathChanged, this, &MainWindow::updateTitle);
    connect(m_analyzer, &ProjectAnalyzer::updated, this, &MainWindow::onAnalyzed);
    connect(m_layout, &WindowLayout::checksCreated, this,
            [this](QWidget* checks) { RemoteModule::loaded()->setChecksProject(checks, m_document->project()); });
    connect(m_document, &ProjectDocument::reset, this, [this] {
        m_layout->preview()->forgetPrevious();
        m_layout->preview()->setRevealedContent(QString(), QString());
        m_secrets->projectReset();
    });
}

PreviewPane* MainWindow::previewPane() const
{
    return m_layout->preview();
}

ProblemsPanel* MainWindow::problemsPanel() const
{
    return m_layout->problems();
}

SectionPage* MainWindow::page(const QString& sectionId) const
{
    return m_layout->page(sectionId);
}

QWidget* MainWindow::checksPanel(QString* error) const
{
    return m_layout->ensureChecks(error);
}

void MainWindow::setSecretStore(SecretStore* store)
{
    m_secrets->setSecretStore(store);
}

void MainWindow::startSession()
{
    m_files->startSession();
}

QString MainWindow::currentSection() const
{
    return m_layout->currentSection();
}

void MainWindow::ensureAllSectionsBuilt()
{
    for (SectionPage* page : m_layout->pages()) {
        page->ensureBuilt();
    }
}

bool MainWindow::showSection(const QString& sectionId)
{
    return m_layout->showSection(sectionId);
}

bool MainWindow::goToField(const QString& keyOrSecret)
{
    return m_layout->goToField(keyOrSecret);
}

void MainWindow::newProject()
{
    m_files->newProject();
}

void MainWindow::open()
{
    m_files->open();
}

bool MainWindow::openFile(const QString& path)
{
    return m_files->openFile(path);
}

bool MainWindow::save()
{
    return m_files->save();
}

bool MainWindow::saveAs()
{
    return m_files->saveAs();
}

void MainWindow::reloadForms()
{
    for (SectionPage* page : m_layout->pages()) {
        page->load(m_document->project());
    }
}

void MainWindow::reloadField(const QString& key)
{
    for (SectionPage* page : m_layout->pages()) {
        page->reload(m_document->project(), key);
    }
}

void MainWindow::onAnalyzed()
{
    const RenderResult& result = m_analyzer->lastResult();
    PreviewPane* preview = m_layout->preview();
    if (QWidget* checks = m_layout->checks()) {
        RemoteModule::loaded()->setChecksProject(checks, m_document->project());
    }
    // A worker host's problem is shown at the host and on its group; the server's files stay current.
    const QList<FieldProblem>& serverProblems = m_analyzer->serverProblems();
    if (serverProblems.isEmpty()) {
        m_secrets->updateRevealed();
        preview->setFiles(result.files);
        preview->setStale({});
    } else {
        if (m_analyzer->lastGoodFiles().isEmpty()) {
            preview->setFiles({});
        }
        QStringList labels;
        for (const FieldProblem& problem : serverProblems) {
            labels << ProblemsPanel::fieldLabel(problem.key);
        }
        preview->setStale(labels);
    }
    QList<PreviewPane::WorkerPreview> workers;
    for (const ProjectAnalyzer::WorkerFiles& worker : m_analyzer->workerFiles()) {
        QStringList invalid;
        for (const FieldProblem& problem : worker.problems) {
            invalid << ProblemsPanel::fieldLabel(problem.key);
        }
        workers.append({worker.name, worker.files, invalid});
    }
    preview->setWorkerFiles(workers);
    const QList<LintIssue>& issues = m_analyzer->issues();
    m_layout->showIssues(issues);
    const int errors = m_analyzer->count(Severity::Error);
    const int warnings = m_analyzer->count(Severity::Warning);
    const int infos = m_analyzer->count(Severity::Info);
    m_layout->problemCounts()->setText(
        issues.isEmpty() ? tr("No problems")
                         : tr("Errors: %1  ·  Warnings: %2  ·  Notes: %3").arg(errors).arg(warnings).arg(infos));
    m_layout->problems()->setWindowTitle(issues.isEmpty() ? tr("Problems") : tr("Problems (%1)").arg(issues.size()));
}

void MainWindow::updateTitle()
{
    setWindowTitle(m_document->displayName() + QStringLiteral("[*] — ") + tr("Saltant Deploy"));
    setWindowModified(m_document->isDirty());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!m_files->maybeSave()) {
        event->ignore();
        return;
    }
    m_layout->saveSettings();
    event->accept();
}

} // namespace saltant
