#pragma once

#include "generate/GeneratedFile.h"
#include "preview/LineNumberEditor.h"

#include <QHash>
#include <QList>
#include <QWidget>

class QLabel;
class QToolButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace saltant {

class FileHighlighter;

// The live preview: the list of generated files (remote path, mode, owner:group, a lock for files holding secrets,
// "preview only" for the deploy steps) and the selected file, highlighted for its format, secrets masked. Lines
// that changed since the previous setFiles() flash briefly. While the project is invalid, the last good files stay
// and a banner names the invalid settings. Each worker host's files follow the server's, in a group named after the
// host; their ids in the preview are workerFileId(host, id).
class PreviewPane : public QWidget
{
    Q_OBJECT

public:
    // One worker host's files; invalidSettings (labels) when they are the last good ones.
    struct WorkerPreview
    {
        QString name;
        QList<GeneratedFile> files;
        QStringList invalidSettings;
    };

    explicit PreviewPane(QWidget* parent = nullptr);

    // The server's files.
    void setFiles(const QList<GeneratedFile>& files);
    // Every worker host's files, in the project's order.
    void setWorkerFiles(const QList<WorkerPreview>& workers);
    // The preview's id of a worker host's file ("gpu-1/worker-dotenv"), and back.
    static QString workerFileId(const QString& host, const QString& fileId);
    static bool splitWorkerFileId(const QString& id, QString* host, QString* fileId);
    // The next setFiles() flashes nothing: another project was opened, nothing was edited.
    void forgetPrevious();
    // Empty: the preview is current. Otherwise the labels of the settings that keep it from being regenerated.
    void setStale(const QStringList& invalidSettings);

    QString currentFileId() const;
    bool selectFile(const QString& id);
    // The text shown for a file (secrets masked), as the editor shows it when selected.
    QString displayedText(const QString& id) const { return m_display.value(id); }
    LineNumberEditor* editor() const { return m_editor; }

    // Offers "Reveal" on files holding secrets (only when a keychain is connected).
    void setRevealAvailable(bool available);
    bool isRevealing() const { return !m_revealedId.isEmpty(); }
    // Shows content, with real secret values, in place of the masked file id until reveal is turned off or another
    // file is selected. An empty id masks again.
    void setRevealedContent(const QString& id, const QString& content);

    // Replaces every <secret:NAME> placeholder by a mask; spans (when given) say where each one is.
    static QString maskSecrets(const QString& content, QList<LineNumberEditor::Span>* spans);

signals:
    // The user asked to show the current file's secrets (on) or to mask them again (off).
    void revealToggled(const QString& fileId, bool on);

protected:
    void changeEvent(QEvent* event) override;

private:
    // Masks the files that changed since the last update and rebuilds the list.
    void updateFiles();
    void rebuildList();
    QTreeWidgetItem* itemOf(const QString& id) const;
    void showFile(const QString& id, bool flashChanges);
    void updateRevealButton();

    QLabel* m_banner;
    QTreeWidget* m_list;
    QLabel* m_header;
    QToolButton* m_reveal;
    bool m_revealAvailable = false;
    QString m_revealedId;
    QString m_revealedContent;
    LineNumberEditor* m_editor;
    FileHighlighter* m_highlighter = nullptr;
    int m_highlightedFormat = -1;
    QList<GeneratedFile> m_serverFiles;
    QList<WorkerPreview> m_workers;
    QList<GeneratedFile> m_files;       // the server's, then every worker host's under its preview id
    QHash<QString, QString> m_contents; // id -> the content m_display masks
    QStringList m_shape;                // what the list holds (rebuildList())
    QHash<QString, QString> m_display;
    QHash<QString, QList<LineNumberEditor::Span>> m_spans;
    QHash<QString, QStringList> m_previousLines;
    QString m_shownId;
};

} // namespace saltant
