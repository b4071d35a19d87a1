#include "window/WindowLayout.h"

#include "common/Icons.h"
#include "document/WorkerHostKey.h"
#include "forms/SectionPage.h"
#include "model/Schema.h"
#include "panels/ProblemsPanel.h"
#include "preview/PreviewPane.h"
#include "window/RemoteModule.h"

#include <QDockWidget>
#include <QLabel>
#include <QListWidget>
#include <QMainWindow>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>

namespace saltant {
namespace {

const QString GeometryKey = QStringLiteral("mainWindow/geometry");
const QString StateKey = QStringLiteral("mainWindow/state");
const QString SplitterKey = QStringLiteral("mainWindow/splitter");
const QString SectionKey = QStringLiteral("mainWindow/section");

} // namespace

WindowLayout::WindowLayout(QMainWindow* window) : QObject(window), m_window(window)
{
    createSections();
    createDocks();
}

void WindowLayout::createSections()
{
    m_splitter = new QSplitter(Qt::Horizontal, m_window);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->setChildrenCollapsible(false);

    m_sections = new QListWidget(m_splitter);
    m_sections->setObjectName(QStringLiteral("sectionList"));
    m_sections->setAccessibleName(tr("Sections"));
    m_sections->setSpacing(1);
    m_stack = new QStackedWidget(m_splitter);
    m_stack->setObjectName(QStringLiteral("sectionStack"));
    const QFontMetrics metrics = m_window->fontMetrics();
    for (const SectionSpec& section : Schema::sections()) {
        auto* page = new SectionPage(section, {}, m_stack);
        m_pages.insert(section.id, page);
        m_stack->addWidget(page);
        auto* item = new QListWidgetItem(page->title(), m_sections);
        item->setData(Qt::UserRole, section.id);
        item->setSizeHint(QSize(0, metrics.height() * 2));
    }
    m_sections->setMinimumWidth(metrics.horizontalAdvance(QStringLiteral("Server & domain")) + 48);
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
    m_window->setCentralWidget(m_splitter);
}

void WindowLayout::createDocks()
{
    m_problems = new ProblemsPanel(m_window);
    m_window->addDockWidget(Qt::BottomDockWidgetArea, m_problems);
    connect(m_problems, &ProblemsPanel::activated, this, &WindowLayout::goToField);

    m_checksDock = new QDockWidget(tr("Server Checks"), m_window);
    m_checksDock->setObjectName(QStringLiteral("checksDock"));
    m_window->addDockWidget(Qt::BottomDockWidgetArea, m_checksDock);
    m_window->tabifyDockWidget(m_problems, m_checksDock);
    m_problems->raise();
    // The panel and the network libraries behind it load when the dock is first shown, not before the first paint.
    connect(m_checksDock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible) {
            QString error;
            ensureChecks(&error);
        }
    });

    m_keychain = new QLabel(m_window);
    m_keychain->setObjectName(QStringLiteral("keychainState"));
    m_keychain->setContentsMargins(0, 0, 12, 0);
    m_window->statusBar()->addPermanentWidget(m_keychain);
    m_counts = new QLabel(m_window);
    m_counts->setObjectName(QStringLiteral("problemCounts"));
    m_window->statusBar()->addPermanentWidget(m_counts);
}

QWidget* WindowLayout::ensureChecks(QString* error)
{
    if (m_checks) {
        return m_checks;
    }
    RemoteModule* module = RemoteModule::load(error);
    if (!module) {
        auto* label = qobject_cast<QLabel*>(m_checksDock->widget());
        if (!label) {
            label = new QLabel(m_checksDock);
            label->setObjectName(QStringLiteral("checksUnavailable"));
            label->setWordWrap(true);
            label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
            label->setMargin(8);
            m_checksDock->setWidget(label);
        }
        label->setText(*error);
        return nullptr;
    }
    m_checks = module->createChecksPanel(m_checksDock);
    module->setChecksSecretStore(m_checks, m_checksStore);
    emit checksCreated(m_checks);
    return m_checks;
}

void WindowLayout::setChecksSecretStore(SecretStore* store)
{
    m_checksStore = store;
    if (m_checks) {
        RemoteModule::loaded()->setChecksSecretStore(m_checks, store);
    }
}

QString WindowLayout::sectionOf(const QString& keyOrSecret)
{
    if (const FieldSpec* spec = Schema::field(keyOrSecret)) {
        return spec->section;
    }
    if (const SecretSpec* secret = Schema::secret(keyOrSecret)) {
        return secret->section;
    }
    if (WorkerHostKey::split(keyOrSecret, nullptr)) {
        return QStringLiteral("workers");
    }
    return QString();
}

QString WindowLayout::currentSection() const
{
    const QListWidgetItem* item = m_sections->currentItem();
    return item ? item->data(Qt::UserRole).toString() : QString();
}

bool WindowLayout::showSection(const QString& sectionId)
{
    for (int row = 0; row < m_sections->count(); ++row) {
        if (m_sections->item(row)->data(Qt::UserRole).toString() == sectionId) {
            m_sections->setCurrentRow(row);
            return true;
        }
    }
    return false;
}

bool WindowLayout::goToField(const QString& keyOrSecret)
{
    const QString section = sectionOf(keyOrSecret);
    if (!showSection(section)) {
        return false;
    }
    return m_pages.value(section)->focusField(keyOrSecret);
}

void WindowLayout::showIssues(const QList<LintIssue>& issues)
{
    m_problems->setIssues(issues);
    for (SectionPage* page : std::as_const(m_pages)) {
        page->setIssues(issues);
    }
    updateSectionIcons(issues);
}

void WindowLayout::updateSectionIcons(const QList<LintIssue>& issues)
{
    QHash<QString, int> worst; // section -> highest severity + 1
    for (const LintIssue& issue : issues) {
        const QString section = sectionOf(issue.field);
        worst[section] = qMax(worst.value(section), static_cast<int>(issue.severity) + 1);
    }
    for (int row = 0; row < m_sections->count(); ++row) {
        QListWidgetItem* item = m_sections->item(row);
        const int level = worst.value(item->data(Qt::UserRole).toString());
        item->setIcon(level == 0 ? Icons::blank()
                                 : Icons::severity(static_cast<Severity>(level - 1), m_window->style()));
    }
}

void WindowLayout::restoreSettings()
{
    const QSettings settings;
    if (!m_window->restoreGeometry(settings.value(GeometryKey).toByteArray())) {
        m_window->resize(1280, 800);
    }
    if (!m_window->restoreState(settings.value(StateKey).toByteArray())) {
        m_window->resizeDocks({m_problems}, {m_window->fontMetrics().height() * 9}, Qt::Vertical);
    }
    if (!m_splitter->restoreState(settings.value(SplitterKey).toByteArray())) {
        m_splitter->setSizes({180, 520, 580});
    }
    if (!showSection(settings.value(SectionKey).toString())) {
        m_sections->setCurrentRow(0);
    }
}

void WindowLayout::saveSettings() const
{
    QSettings settings;
    settings.setValue(GeometryKey, m_window->saveGeometry());
    settings.setValue(StateKey, m_window->saveState());
    settings.setValue(SplitterKey, m_splitter->saveState());
    settings.setValue(SectionKey, currentSection());
}

} // namespace saltant
