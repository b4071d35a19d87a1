#include "preview/PreviewPane.h"

#include "common/Icons.h"
#include "common/Palette.h"
#include "model/Schema.h"
#include "plan/Differ.h"
#include "preview/highlight/FileHighlighter.h"
#include "secrets/SecretPlaceholder.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollBar>
#include <QSplitter>
#include <QTextBlock>
#include <QToolButton>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <QVBoxLayout>

namespace saltant {
namespace {

enum Column
{
    PathColumn,
    ModeColumn,
    OwnerColumn,
};

constexpr int MaskLength = 6;

QString secretLabel(const QString& name)
{
    const SecretSpec* spec = Schema::secret(name);
    return spec ? spec->displayLabel() : name;
}

} // namespace

PreviewPane::PreviewPane(QWidget* parent)
    : QWidget(parent), m_banner(new QLabel(this)), m_list(new QTreeWidget(this)), m_header(new QLabel(this)),
      m_reveal(new QToolButton(this)), m_editor(new LineNumberEditor(this))
{
    setObjectName(QStringLiteral("previewPane"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);

    m_banner->setObjectName(QStringLiteral("previewBanner"));
    m_banner->setWordWrap(true);
    m_banner->setMargin(6);
    m_banner->setAutoFillBackground(true);
    m_banner->hide();
    layout->addWidget(m_banner);

    m_list->setObjectName(QStringLiteral("previewFiles"));
    m_list->setAccessibleName(tr("Generated files"));
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setHeaderLabels({tr("File on the server"), tr("Mode"), tr("Owner")});
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(PathColumn, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(ModeColumn, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(OwnerColumn, QHeaderView::ResizeToContents);
    connect(m_list, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        if (item) {
            showFile(item->data(PathColumn, Qt::UserRole).toString(), false);
        }
    });

    auto* viewer = new QWidget(this);
    auto* viewerLayout = new QVBoxLayout(viewer);
    viewerLayout->setContentsMargins(0, 0, 0, 0);
    viewerLayout->setSpacing(2);
    m_header->setObjectName(QStringLiteral("previewHeader"));
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_header->setIndent(4);
    auto* headerRow = new QHBoxLayout;
    headerRow->setContentsMargins(0, 0, 0, 0);
    headerRow->addWidget(m_header, 1);
    m_reveal->setObjectName(QStringLiteral("previewReveal"));
    m_reveal->setText(tr("Reveal secrets"));
    m_reveal->setCheckable(true);
    m_reveal->setAutoRaise(true);
    m_reveal->setToolTip(tr("Show this file with the real secret values from the keychain"));
    m_reveal->hide();
    connect(m_reveal, &QToolButton::toggled, this, [this](bool on) {
        if (!on && !m_revealedId.isEmpty()) {
            setRevealedContent(QString(), QString());
        }
        emit revealToggled(m_shownId, on);
    });
    headerRow->addWidget(m_reveal);
    viewerLayout->addLayout(headerRow);
    m_editor->setObjectName(QStringLiteral("previewEditor"));
    m_editor->setAccessibleName(tr("File preview"));
    viewerLayout->addWidget(m_editor, 1);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("previewSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_list);
    splitter->addWidget(viewer);
    splitter->setStretchFactor(1, 3);
    layout->addWidget(splitter, 1);
}

QString PreviewPane::maskSecrets(const QString& content, QList<LineNumberEditor::Span>* spans)
{
    if (spans) {
        const QStringList lines = content.split(QLatin1Char('\n'));
        for (int line = 0; line < lines.size(); ++line) {
            qsizetype shift = 0; // how much shorter the masked line is before this placeholder
            for (const SecretPlaceholder::Match& match : SecretPlaceholder::find(lines[line])) {
                spans->append(
                    {line, static_cast<int>(match.start - shift), MaskLength,
                     tr("Secret: %1 (kept in the keychain, masked in the preview)").arg(secretLabel(match.name))});
                shift += match.length - MaskLength;
            }
        }
    }
    return SecretPlaceholder::mask(content, QString(MaskLength, FileHighlighter::maskCharacter()));
}

void PreviewPane::setFiles(const QList<GeneratedFile>& files)
{
    m_serverFiles = files;
    updateFiles();
}

void PreviewPane::setWorkerFiles(const QList<WorkerPreview>& workers)
{
    m_workers = workers;
    updateFiles();
}

QString PreviewPane::workerFileId(const QString& host, const QString& fileId)
{
    return host + QLatin1Char('/') + fileId;
}

bool PreviewPane::splitWorkerFileId(const QString& id, QString* host, QString* fileId)
{
    const qsizetype slash = id.indexOf(QLatin1Char('/'));
    if (slash <= 0) {
        return false;
    }
    *host = id.left(slash);
    *fileId = id.mid(slash + 1);
    return true;
}

void PreviewPane::updateFiles()
{
    m_previousLines.clear();
    if (m_display.contains(m_shownId)) {
        m_previousLines.insert(m_shownId, m_display.value(m_shownId).split(QLatin1Char('\n')));
    }
    m_files = m_serverFiles;
    for (const WorkerPreview& worker : std::as_const(m_workers)) {
        for (GeneratedFile file : worker.files) {
            file.id = workerFileId(worker.name, file.id);
            m_files.append(file);
        }
    }
    QHash<QString, QString> display;
    QHash<QString, QList<LineNumberEditor::Span>> spans;
    QHash<QString, QString> contents;
    for (const GeneratedFile& file : std::as_const(m_files)) {
        contents.insert(file.id, file.content);
        if (m_display.contains(file.id) && m_contents.value(file.id) == file.content) {
            // Unchanged (another host's files after an edit of one): masked already.
            display.insert(file.id, m_display.value(file.id));
            spans.insert(file.id, m_spans.value(file.id));
            continue;
        }
        QList<LineNumberEditor::Span> fileSpans;
        display.insert(file.id, maskSecrets(file.content, &fileSpans));
        spans.insert(file.id, fileSpans);
    }
    m_display = display;
    m_spans = spans;
    m_contents = contents;
    rebuildList();
}

void PreviewPane::forgetPrevious()
{
    m_display.clear();
    m_contents.clear();
}

QTreeWidgetItem* PreviewPane::itemOf(const QString& id) const
{
    for (QTreeWidgetItemIterator it(m_list); *it; ++it) {
        if ((*it)->data(PathColumn, Qt::UserRole).toString() == id) {
            return *it;
        }
    }
    return nullptr;
}

void PreviewPane::rebuildList()
{
    const QString current = m_shownId;
    // The list's shape: each file id, and each group ('#' and the host's name) before its files.
    QStringList shape;
    for (const GeneratedFile& file : std::as_const(m_serverFiles)) {
        shape << file.id;
    }
    for (const WorkerPreview& worker : std::as_const(m_workers)) {
        shape << QLatin1Char('#') + worker.name;
        for (const GeneratedFile& file : worker.files) {
            shape << workerFileId(worker.name, file.id);
        }
    }
    if (shape != m_shape) {
        const QSignalBlocker blocker(m_list);
        m_list->clear();
        for (const GeneratedFile& file : std::as_const(m_serverFiles)) {
            auto* item = new QTreeWidgetItem(m_list);
            item->setData(PathColumn, Qt::UserRole, file.id);
        }
        for (const WorkerPreview& worker : std::as_const(m_workers)) {
            auto* group = new QTreeWidgetItem(m_list);
            group->setFlags(Qt::ItemIsEnabled);
            group->setData(PathColumn, Qt::UserRole + 1, worker.name);
            group->setFirstColumnSpanned(true);
            for (const GeneratedFile& file : worker.files) {
                auto* item = new QTreeWidgetItem(group);
                item->setData(PathColumn, Qt::UserRole, workerFileId(worker.name, file.id));
            }
            group->setExpanded(true);
        }
        m_shape = shape;
        m_list->setRootIsDecorated(!m_workers.isEmpty());
    }
    const QIcon lock = Icons::lock(palette());
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem* group = m_list->topLevelItem(i);
        const QString name = group->data(PathColumn, Qt::UserRole + 1).toString();
        if (name.isEmpty()) {
            continue;
        }
        const auto worker =
            std::find_if(m_workers.cbegin(), m_workers.cend(), [&](const WorkerPreview& w) { return w.name == name; });
        const bool stale = worker != m_workers.cend() && !worker->invalidSettings.isEmpty();
        group->setText(PathColumn, stale ? tr("Worker %1 (not updated: invalid %2)")
                                               .arg(name, worker->invalidSettings.join(QStringLiteral(", ")))
                                         : tr("Worker %1").arg(name));
        group->setToolTip(PathColumn, tr("The files generated for worker host %1, not for the web server.").arg(name));
    }
    QHash<QString, QTreeWidgetItem*> items;
    for (QTreeWidgetItemIterator it(m_list); *it; ++it) {
        const QString id = (*it)->data(PathColumn, Qt::UserRole).toString();
        if (!id.isEmpty()) { // not a group
            items.insert(id, *it);
        }
    }
    for (const GeneratedFile& file : std::as_const(m_files)) {
        QTreeWidgetItem* item = items.value(file.id);
        if (!item) {
            continue;
        }
        item->setText(PathColumn, file.remotePath);
        item->setIcon(PathColumn, file.holdsSecrets ? lock : QIcon());
        item->setText(ModeColumn, file.previewOnly ? QString() : file.modeString());
        item->setText(OwnerColumn, file.previewOnly ? tr("preview only") : file.owner + QLatin1Char(':') + file.group);
        QString tip = file.remotePath;
        if (!file.symlinks.isEmpty()) {
            tip += QLatin1Char('\n') + tr("Linked from %1").arg(file.symlinks.join(QStringLiteral(", ")));
        }
        if (file.holdsSecrets) {
            tip += QLatin1Char('\n') + tr("Holds secrets: they are masked here and read from the keychain on deploy.");
        }
        if (file.previewOnly) {
            tip += QLatin1Char('\n') + tr("The commands the deploy runs, in order; not uploaded.");
        }
        item->setToolTip(PathColumn, tip);
    }
    if (m_files.isEmpty()) {
        return;
    }
    QTreeWidgetItem* item = items.value(current);
    if (!item) {
        item = items.value(m_files.constFirst().id);
    }
    {
        const QSignalBlocker blocker(m_list);
        m_list->setCurrentItem(item);
    }
    // The same file with new content: show it with the changed lines flashed.
    showFile(item->data(PathColumn, Qt::UserRole).toString(), true);
}

QString PreviewPane::currentFileId() const
{
    return m_shownId;
}

bool PreviewPane::selectFile(const QString& id)
{
    QTreeWidgetItem* item = id.isEmpty() ? nullptr : itemOf(id);
    if (!item) {
        return false;
    }
    if (m_list->currentItem() != item) {
        m_list->setCurrentItem(item);
    } else {
        showFile(id, false);
    }
    return true;
}

void PreviewPane::showFile(const QString& id, bool flashChanges)
{
    const auto it = std::find_if(m_files.cbegin(), m_files.cend(), [&](const GeneratedFile& f) { return f.id == id; });
    if (it == m_files.cend()) {
        return;
    }
    const bool sameFile = id == m_shownId;
    if (!sameFile && !m_revealedId.isEmpty()) {
        // Revealing is for one file at a time: another file starts masked.
        const QSignalBlocker blocker(m_reveal);
        m_reveal->setChecked(false);
        m_revealedId.clear();
        m_revealedContent.clear();
        emit revealToggled(m_shownId, false);
    }
    m_shownId = id;
    updateRevealButton();
    QString header = it->remotePath;
    if (!it->previewOnly) {
        header += QStringLiteral("  ·  ") + it->modeString() + QStringLiteral("  ·  ") + it->owner + QLatin1Char(':') +
                  it->group;
    }
    if (it->holdsSecrets) {
        header += QStringLiteral("  ·  ") + (id == m_revealedId ? tr("secrets shown") : tr("secrets masked"));
    }
    m_header->setText(header);

    const bool revealed = id == m_revealedId;
    const QString text = revealed ? m_revealedContent : m_display.value(id);
    m_editor->setToolTipSpans(revealed ? QList<LineNumberEditor::Span>() : m_spans.value(id));
    if (sameFile && m_editor->toPlainText() == text) {
        return;
    }
    const int format = static_cast<int>(it->format);
    if (format != m_highlightedFormat || !m_highlighter) {
        delete m_highlighter;
        m_highlighter = FileHighlighter::create(it->format, m_editor->document(), palette());
        m_highlightedFormat = format;
    }
    QScrollBar* bar = m_editor->verticalScrollBar();
    const int scroll = sameFile ? bar->value() : 0;
    m_editor->setCode(text);
    bar->setValue(scroll);
    QList<int> changed;
    if (flashChanges && sameFile && m_previousLines.contains(id)) {
        changed = Differ::addedLines(m_previousLines.value(id), text.split(QLatin1Char('\n')));
    }
    m_editor->flashLines(changed);
    if (!changed.isEmpty()) {
        const QTextBlock block = m_editor->document()->findBlockByNumber(changed.first());
        const QTextCursor cursor(block);
        if (!m_editor->viewport()->rect().contains(m_editor->cursorRect(cursor))) {
            m_editor->setTextCursor(cursor);
            m_editor->centerCursor();
        }
    }
}

void PreviewPane::setRevealAvailable(bool available)
{
    m_revealAvailable = available;
    if (!available && m_reveal->isChecked()) {
        m_reveal->setChecked(false);
    }
    updateRevealButton();
}

void PreviewPane::updateRevealButton()
{
    const auto it =
        std::find_if(m_files.cbegin(), m_files.cend(), [&](const GeneratedFile& f) { return f.id == m_shownId; });
    m_reveal->setVisible(m_revealAvailable && it != m_files.cend() && it->holdsSecrets);
}

void PreviewPane::setRevealedContent(const QString& id, const QString& content)
{
    const bool changed = id != m_revealedId || content != m_revealedContent;
    m_revealedId = id;
    m_revealedContent = content;
    {
        const QSignalBlocker blocker(m_reveal);
        m_reveal->setChecked(!id.isEmpty());
    }
    if (changed && !m_shownId.isEmpty()) {
        showFile(m_shownId, false);
    }
}

void PreviewPane::setStale(const QStringList& invalidSettings)
{
    if (invalidSettings.isEmpty()) {
        m_banner->hide();
        return;
    }
    QPalette pal = m_banner->palette();
    pal.setColor(QPalette::Window, Palette::color(Palette::Role::Secret, palette()));
    pal.setColor(QPalette::WindowText, palette().color(QPalette::Text));
    m_banner->setPalette(pal);
    m_banner->setText(tr("Not updated: invalid %1. The preview shows the last valid settings until this is fixed.")
                          .arg(invalidSettings.join(QStringLiteral(", "))));
    m_banner->show();
}

void PreviewPane::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_highlighter) {
        delete m_highlighter;
        m_highlighter = nullptr;
        m_editor->clear();
        showFile(m_shownId, false);
    }
}

} // namespace saltant
