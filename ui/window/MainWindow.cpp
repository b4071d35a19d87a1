#include "window/MainWindow.h"

#include "window/AfterFirstPaint.h"
#include "panels/ChecksPanel.h"
#include "deploy/DeployController.h"
#include "common/FileDialog.h"
#include "window/HelpDialog.h"
#include "common/Icons.h"
#include "common/MessageBox.h"
#include "preview/PreviewPane.h"
#include "panels/ProblemsPanel.h"
#include "document/ProjectAnalyzer.h"
#include "document/ProjectDocument.h"
#include "window/RecentFiles.h"
#include "forms/SecretEditor.h"
#include "document/SecretsBridge.h"
#include "generate/Renderer.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QCoreApplication>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QPointer>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>
#include <QUndoStack>

namespace saltant {
namespace {

const QString GeometryKey = QStringLiteral("mainWindow/geometry");
const QString StateKey = QStringLiteral("mainWindow/state");
const QString SplitterKey = QStringLiteral("mainWindow/splitter");
const QString SectionKey = QStringLiteral("mainWindow/section");

QString sectionOf(const QString& keyOrSecret)
{
    if (const FieldSpec* spec = Schema::field(keyOrSecret)) {
        return spec->section;
    }
    if (const SecretSpec* secret = Schema::secret(keyOrSecret)) {
        return secret->section;
    }
    return QString();
}

QString projectFilter()
{
    return MainWindow::tr("Saltant projects (*.saltant.json);;JSON files (*.json);;All files (*)");
}

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), m_document(new ProjectDocument(this)), m_analyzer(new ProjectAnalyzer(m_document, this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(Icons::application());
    createCentralWidgets();
    createMenus();
    connectDocument();
    restoreSettings();
    reloadForms();
    updateTitle();

    // After the first paint: the keychain (loads libsecret, talks D-Bus), then the forms not shown yet.
    m_afterPaint = new AfterFirstPaint(this);
    m_afterPaint->add([this] {
        m_started = true;
        if (m_secrets) {
            probeSecrets();
        }
    });
    for (int index = 0; index < m_stack->count(); ++index) {
        m_afterPaint->add([page = QPointer<QWidget>(m_stack->widget(index))] {
            if (auto* section = qobject_cast<SectionPage*>(page.data())) {
                section->ensureBuilt();
            }
        });
    }
}

MainWindow::~MainWindow() = default;

void MainWindow::createCentralWidgets()
{
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->setChildrenCollapsible(false);

    m_sections = new QListWidget(m_splitter);
    m_sections->setObjectName(QStringLiteral("sectionList"));
    m_sections->setAccessibleName(tr("Sections"));
    m_sections->setSpacing(1);
    m_stack = new QStackedWidget(m_splitter);
    m_stack->setObjectName(QStringLiteral("sectionStack"));
    for (const SectionSpec& section : Schema::sections()) {
        auto* page = new SectionPage(section, {}, m_stack);
        m_pages.insert(section.id, page);
        m_stack->addWidget(page);
        auto* item = new QListWidgetItem(page->title(), m_sections);
        item->setData(Qt::UserRole, section.id);
        item->setSizeHint(QSize(0, fontMetrics().height() * 2));
        connect(page, &SectionPage::edited, this, [this](const QString& key, const QVariant& value) {
            QString error;
            if (!m_document->setValue(key, value, &error)) {
                statusBar()->showMessage(error);
            }
        });
        connect(page, &SectionPage::editingFinished, m_document, &ProjectDocument::finishTyping);
        connect(page, &SectionPage::built, this, [this, page] { refreshSecretEditors(page); });
    }
    m_sections->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("Server & domain")) + 48);
    connect(m_sections, &QListWidget::currentRowChanged, m_stack, [this](int row) {
        if (auto* page = qobject_cast<SectionPage*>(m_stack->widget(row))) {
            page->ensureBuilt();
        }
        m_stack->setCurrentIndex(row);
    });

    m_preview = new PreviewPane(m_splitter);
    m_splitter->addWidget(m_sections);
    m_splitter->addWidget(m_stack);
    m_splitter->addWidget(m_preview);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setStretchFactor(2, 3);
    setCentralWidget(m_splitter);

    m_problems = new ProblemsPanel(this);
    addDockWidget(Qt::BottomDockWidgetArea, m_problems);
    connect(m_problems, &ProblemsPanel::activated, this, &MainWindow::goToField);
    connect(m_problems, &ProblemsPanel::fixRequested, this, [this](const LintFix& fix) {
        QString error;
        if (!m_document->applyFix(fix, &error)) {
            MessageBox::warning(this, tr("Cannot Apply Fix"), error);
        }
    });

    auto* checksDock = new QDockWidget(tr("Server Checks"), this);
    checksDock->setObjectName(QStringLiteral("checksDock"));
    m_checks = new ChecksPanel(checksDock);
    checksDock->setWidget(m_checks);
    addDockWidget(Qt::BottomDockWidgetArea, checksDock);
    tabifyDockWidget(m_problems, checksDock);
    m_problems->raise();
    connect(m_checks, &ChecksPanel::started, checksDock, &QDockWidget::raise);

    connect(m_preview, &PreviewPane::revealToggled, this, &MainWindow::onRevealToggled);

    m_keychain = new QLabel(this);
    m_keychain->setObjectName(QStringLiteral("keychainState"));
    m_keychain->setContentsMargins(0, 0, 12, 0);
    statusBar()->addPermanentWidget(m_keychain);
    m_counts = new QLabel(this);
    m_counts->setObjectName(QStringLiteral("problemCounts"));
    statusBar()->addPermanentWidget(m_counts);
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    auto add = [this](QMenu* menu, const QString& name, const QString& text, const QKeySequence& shortcut) {
        QAction* action = menu->addAction(text);
        action->setObjectName(name);
        action->setShortcut(shortcut);
        addAction(action);
        return action;
    };
    connect(add(file, QStringLiteral("actionNew"), tr("&New from Example"), QKeySequence::New), &QAction::triggered,
            this, &MainWindow::newProject);
    connect(add(file, QStringLiteral("actionOpen"), tr("&Open…"), QKeySequence::Open), &QAction::triggered, this,
            &MainWindow::open);
    QMenu* recent = file->addMenu(tr("Open &Recent"));
    recent->setObjectName(QStringLiteral("menuRecent"));
    m_recent = new RecentFiles(recent, this);
    connect(m_recent, &RecentFiles::openRequested, this, [this](const QString& path) {
        if (maybeSave()) {
            openFile(path);
        }
    });
    file->addSeparator();
    connect(add(file, QStringLiteral("actionSave"), tr("&Save"), QKeySequence::Save), &QAction::triggered, this,
            &MainWindow::save);
    connect(add(file, QStringLiteral("actionSaveAs"), tr("Save &As…"), QKeySequence::SaveAs), &QAction::triggered, this,
            &MainWindow::saveAs);
    file->addSeparator();
    QAction* quit = add(file, QStringLiteral("actionQuit"), tr("&Quit"), QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = m_document->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setObjectName(QStringLiteral("actionUndo"));
    undo->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Z));
    QAction* redo = m_document->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setObjectName(QStringLiteral("actionRedo"));
    redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    edit->addAction(undo);
    edit->addAction(redo);
    addAction(undo);
    addAction(redo);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QAction* problems = m_problems->toggleViewAction();
    problems->setObjectName(QStringLiteral("actionShowProblems"));
    view->addAction(problems);
    view->addAction(findChild<QDockWidget*>(QStringLiteral("checksDock"))->toggleViewAction());

    QMenu* server = menuBar()->addMenu(tr("&Server"));
    QAction* deployAction =
        add(server, QStringLiteral("actionDeploy"), tr("&Deploy…"), QKeySequence(Qt::CTRL | Qt::Key_D));
    deployAction->setToolTip(tr("Compare the server with the project, show the plan, then apply it as a transaction"));
    QToolBar* toolBar = addToolBar(tr("Main"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->addAction(deployAction);
    auto* deploy = new DeployController(this);
    deploy->setChecksPanel(m_checks);
    connect(deploy, &DeployController::runningChanged, deployAction,
            [deployAction](bool running) { deployAction->setEnabled(!running); });
    connect(deploy, &DeployController::statusChanged, this,
            [this](const QString& text) { statusBar()->showMessage(text); });
    connect(deployAction, &QAction::triggered, this, [this, deploy] {
        SecretValues secrets;
        QString error;
        if (m_secrets && !m_secrets->readAll(&secrets, &error)) {
            // Where the admin is looking, and no deploy: without its secrets it would refuse or write empty values.
            const QString text = tr("The secrets could not be read from the keychain, so nothing was sent to the "
                                    "server: %1")
                                     .arg(error);
            statusBar()->showMessage(text);
            MessageBox::warning(this, tr("Deploy"), text);
            return;
        }
        deploy->start(m_document->project(), secrets);
    });

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    connect(add(help, QStringLiteral("actionHelp"), tr("Saltant Deploy &Help"), QKeySequence::HelpContents),
            &QAction::triggered, this, [this] {
                auto* dialog = new HelpDialog(this);
                dialog->setAttribute(Qt::WA_DeleteOnClose);
                dialog->show();
            });
    QAction* about = add(help, QStringLiteral("actionAbout"), tr("&About Saltant Deploy"), QKeySequence());
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::connectDocument()
{
    connect(m_document, &ProjectDocument::changed, this, &MainWindow::reloadForms);
    connect(m_document, &ProjectDocument::reset, this, &MainWindow::reloadForms);
    connect(m_document, &ProjectDocument::dirtyChanged, this, &MainWindow::updateTitle);
    connect(m_document, &ProjectDocument::filePathChanged, this, &MainWindow::updateTitle);
    connect(m_analyzer, &ProjectAnalyzer::updated, this, &MainWindow::onAnalyzed);
    connect(m_document, &ProjectDocument::reset, this, [this] {
        m_preview->forgetPrevious();
        m_preview->setRevealedContent(QString(), QString());
        if (m_secrets) {
            setSecretsProject();
        }
    });
}

void MainWindow::setSecretStore(SecretStore* store)
{
    delete m_secrets;
    m_secrets = store ? new SecretsBridge(store, this) : nullptr;
    m_preview->setRevealAvailable(store != nullptr);
    m_checks->setSecretStore(store);
    SectionPage::SecretWidgetFactory factory;
    if (store) {
        factory = [store](const SecretSpec& spec, QWidget* parent) -> QWidget* {
            return new SecretEditor(spec, store, parent);
        };
    }
    for (SectionPage* page : std::as_const(m_pages)) {
        page->setSecretWidgetFactory(factory);
    }
    if (m_secrets) {
        connect(m_secrets, &SecretsBridge::statesChanged, this, &MainWindow::updateSecretStates);
        setSecretsProject();
    }
    updateSecretStates();
}

void MainWindow::setSecretsProject()
{
    m_secrets->setProjectId(m_document->project().projectId());
    if (m_started) {
        probeSecrets();
    }
}

void MainWindow::probeSecrets()
{
    m_secrets->probeAll();
    for (const SectionPage* page : std::as_const(m_pages)) {
        refreshSecretEditors(page);
    }
}

void MainWindow::refreshSecretEditors(const SectionPage* page)
{
    if (!m_secrets || !m_secrets->hasProbed()) {
        return; // probeSecrets() refreshes them
    }
    for (QWidget* widget : page->secretWidgets()) {
        if (auto* editor = qobject_cast<SecretEditor*>(widget)) {
            editor->refresh();
        }
    }
}

void MainWindow::updateSecretStates()
{
    const QHash<QString, int> states = m_secrets ? m_secrets->states() : QHash<QString, int>();
    for (SectionPage* page : std::as_const(m_pages)) {
        page->setSecretStates(states);
    }
    m_analyzer->setSecretsSet(m_secrets ? m_secrets->storedNames() : QSet<QString>());
    const QString error = m_secrets ? m_secrets->lastError() : QString();
    m_keychain->setText(!m_secrets                ? tr("Keychain: not connected")
                        : !m_secrets->hasProbed() ? tr("Keychain: checking…")
                        : error.isEmpty()         ? tr("Keychain: connected")
                                                  : tr("Keychain: unavailable"));
    m_keychain->setToolTip(error);
    m_keychain->setMinimumWidth(m_keychain->sizeHint().width());
}

void MainWindow::onRevealToggled(const QString& fileId, bool on)
{
    m_revealedValues.wipe();
    m_revealedFile.clear();
    if (!on || !m_secrets) {
        return;
    }
    QString error;
    if (!m_secrets->readAll(&m_revealedValues, &error)) {
        m_preview->setRevealedContent(QString(), QString());
        MessageBox::warning(this, tr("Cannot Read Secrets"), error);
        return;
    }
    m_revealedFile = fileId;
    updateRevealed();
}

void MainWindow::updateRevealed()
{
    if (m_revealedFile.isEmpty()) {
        return;
    }
    const RenderResult result = Renderer::render(m_document->project(), &m_revealedValues);
    for (const GeneratedFile& file : result.files) {
        if (file.id == m_revealedFile) {
            m_preview->setRevealedContent(file.id, file.content);
            return;
        }
    }
}

void MainWindow::startSession()
{
    const QStringList recent = m_recent->files();
    if (!recent.isEmpty() && QFileInfo::exists(recent.first()) && openFile(recent.first())) {
        return;
    }
    m_document->newFromExample();
}

QString MainWindow::currentSection() const
{
    const QListWidgetItem* item = m_sections->currentItem();
    return item ? item->data(Qt::UserRole).toString() : QString();
}

void MainWindow::ensureAllSectionsBuilt()
{
    for (SectionPage* page : std::as_const(m_pages)) {
        page->ensureBuilt();
    }
}

bool MainWindow::showSection(const QString& sectionId)
{
    for (int row = 0; row < m_sections->count(); ++row) {
        if (m_sections->item(row)->data(Qt::UserRole).toString() == sectionId) {
            m_sections->setCurrentRow(row);
            return true;
        }
    }
    return false;
}

bool MainWindow::goToField(const QString& keyOrSecret)
{
    const QString section = sectionOf(keyOrSecret);
    if (!showSection(section)) {
        return false;
    }
    return m_pages.value(section)->focusField(keyOrSecret);
}

void MainWindow::reloadForms()
{
    for (SectionPage* page : std::as_const(m_pages)) {
        page->load(m_document->project());
    }
}

void MainWindow::onAnalyzed()
{
    const RenderResult& result = m_analyzer->lastResult();
    m_checks->setProject(m_document->project());
    if (result.ok()) {
        updateRevealed();
        m_preview->setFiles(result.files);
        m_preview->setStale({});
    } else {
        if (m_analyzer->lastGoodFiles().isEmpty()) {
            m_preview->setFiles({});
        }
        QStringList labels;
        for (const FieldProblem& problem : result.problems) {
            labels << ProblemsPanel::fieldLabel(problem.key);
        }
        m_preview->setStale(labels);
    }
    const QList<LintIssue>& issues = m_analyzer->issues();
    m_problems->setIssues(issues);
    for (SectionPage* page : std::as_const(m_pages)) {
        page->setIssues(issues);
    }
    updateSectionIcons();
    const int errors = m_analyzer->count(Severity::Error);
    const int warnings = m_analyzer->count(Severity::Warning);
    const int infos = m_analyzer->count(Severity::Info);
    m_counts->setText(issues.isEmpty()
                          ? tr("No problems")
                          : tr("Errors: %1  ·  Warnings: %2  ·  Notes: %3").arg(errors).arg(warnings).arg(infos));
    m_problems->setWindowTitle(issues.isEmpty() ? tr("Problems") : tr("Problems (%1)").arg(issues.size()));
}

void MainWindow::updateSectionIcons()
{
    QHash<QString, int> worst; // section -> highest severity + 1
    for (const LintIssue& issue : m_analyzer->issues()) {
        const QString section = sectionOf(issue.field);
        worst[section] = qMax(worst.value(section), static_cast<int>(issue.severity) + 1);
    }
    for (int row = 0; row < m_sections->count(); ++row) {
        QListWidgetItem* item = m_sections->item(row);
        const int level = worst.value(item->data(Qt::UserRole).toString());
        item->setIcon(level == 0 ? Icons::blank() : Icons::severity(static_cast<Severity>(level - 1), style()));
    }
}

void MainWindow::updateTitle()
{
    setWindowTitle(m_document->displayName() + QStringLiteral("[*] — ") + tr("Saltant Deploy"));
    setWindowModified(m_document->isDirty());
}

void MainWindow::newProject()
{
    if (maybeSave()) {
        m_document->newFromExample();
    }
}

void MainWindow::open()
{
    if (!maybeSave()) {
        return;
    }
    const QString path = FileDialog::getOpenFileName(this, tr("Open Project"), QString(), projectFilter());
    if (!path.isEmpty()) {
        openFile(path);
    }
}

bool MainWindow::openFile(const QString& path)
{
    QString error;
    if (!m_document->load(path, &error)) {
        MessageBox::warning(this, tr("Cannot Open Project"), error);
        return false;
    }
    m_recent->add(path);
    statusBar()->showMessage(tr("Opened %1").arg(QDir::toNativeSeparators(path)), 4000);
    return true;
}

bool MainWindow::save()
{
    if (m_document->filePath().isEmpty()) {
        return saveAs();
    }
    return saveTo(m_document->filePath());
}

bool MainWindow::saveAs()
{
    QString path = FileDialog::getSaveFileName(this, tr("Save Project"), m_document->filePath(), projectFilter());
    if (path.isEmpty()) {
        return false;
    }
    if (!path.endsWith(QLatin1String(".json"))) {
        path += QStringLiteral(".saltant.json");
    }
    return saveTo(path);
}

bool MainWindow::saveTo(const QString& path)
{
    QString error;
    if (!m_document->save(path, &error)) {
        MessageBox::warning(this, tr("Cannot Save Project"), error);
        return false;
    }
    m_recent->add(path);
    statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 4000);
    return true;
}

bool MainWindow::maybeSave()
{
    if (!m_document->isDirty()) {
        return true;
    }
    const auto answer =
        MessageBox::question(this, tr("Unsaved Changes"),
                             tr("%1 has unsaved changes. Save them before continuing?").arg(m_document->displayName()),
                             QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save) {
        return save();
    }
    return answer == QMessageBox::Discard;
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    saveSettings();
    event->accept();
}

void MainWindow::restoreSettings()
{
    const QSettings settings;
    if (!restoreGeometry(settings.value(GeometryKey).toByteArray())) {
        resize(1280, 800);
    }
    if (!restoreState(settings.value(StateKey).toByteArray())) {
        resizeDocks({m_problems}, {fontMetrics().height() * 9}, Qt::Vertical);
    }
    if (!m_splitter->restoreState(settings.value(SplitterKey).toByteArray())) {
        m_splitter->setSizes({180, 520, 580});
    }
    if (!showSection(settings.value(SectionKey).toString())) {
        m_sections->setCurrentRow(0);
    }
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(GeometryKey, saveGeometry());
    settings.setValue(StateKey, saveState());
    settings.setValue(SplitterKey, m_splitter->saveState());
    settings.setValue(SectionKey, currentSection());
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Saltant Deploy"),
                       tr("<h3>Saltant Deploy %1</h3><p>Configures and deploys a production saltant server: "
                          "Django, uWSGI, nginx, PostgreSQL, RabbitMQ, Celery and Flower.</p>"
                          "<p>Secrets stay in the system keychain; project files are safe to commit.</p>")
                           .arg(QStringLiteral(SALTANT_VERSION)));
}

} // namespace saltant
