#include "window/SecretsPresenter.h"

#include "common/MessageBox.h"
#include "document/ProjectAnalyzer.h"
#include "document/ProjectDocument.h"
#include "document/SecretsBridge.h"
#include "forms/SecretEditor.h"
#include "forms/SectionPage.h"
#include "generate/Renderer.h"
#include "preview/PreviewPane.h"
#include "window/WindowLayout.h"

#include <QLabel>

namespace saltant {

SecretsPresenter::SecretsPresenter(ProjectDocument* document, ProjectAnalyzer* analyzer, WindowLayout* layout,
                                   QWidget* window)
    : QObject(window), m_document(document), m_analyzer(analyzer), m_layout(layout), m_window(window)
{
    connect(layout->preview(), &PreviewPane::revealToggled, this, &SecretsPresenter::onRevealToggled);
}

SecretsPresenter::~SecretsPresenter() = default;

void SecretsPresenter::setSecretStore(SecretStore* store)
{
    delete m_secrets;
    m_secrets = store ? new SecretsBridge(store, this) : nullptr;
    m_layout->preview()->setRevealAvailable(store != nullptr);
    m_layout->setChecksSecretStore(store);
    SectionPage::SecretWidgetFactory factory;
    if (store) {
        factory = [store](const SecretSpec& spec, QWidget* parent) -> QWidget* {
            return new SecretEditor(spec, store, parent);
        };
    }
    for (SectionPage* page : m_layout->pages()) {
        page->setSecretWidgetFactory(factory);
    }
    if (m_secrets) {
        connect(m_secrets, &SecretsBridge::statesChanged, this, &SecretsPresenter::updateSecretStates);
        setSecretsProject();
    }
    updateSecretStates();
}

void SecretsPresenter::start()
{
    m_started = true;
    if (m_secrets) {
        probeSecrets();
    }
}

void SecretsPresenter::projectReset()
{
    if (m_secrets) {
        setSecretsProject();
    }
}

void SecretsPresenter::setSecretsProject()
{
    m_secrets->setProjectId(m_document->project().projectId());
    if (m_started) {
        probeSecrets();
    }
}

void SecretsPresenter::probeSecrets()
{
    m_secrets->probeAll();
    for (const SectionPage* page : m_layout->pages()) {
        refreshSecretEditors(page);
    }
}

void SecretsPresenter::refreshSecretEditors(const SectionPage* page)
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

void SecretsPresenter::updateSecretStates()
{
    const QHash<QString, int> states = m_secrets ? m_secrets->states() : QHash<QString, int>();
    for (SectionPage* page : m_layout->pages()) {
        page->setSecretStates(states);
    }
    m_analyzer->setSecretsSet(m_secrets ? m_secrets->storedNames() : QSet<QString>());
    const QString error = m_secrets ? m_secrets->lastError() : QString();
    QLabel* keychain = m_layout->keychainState();
    keychain->setText(!m_secrets                ? tr("Keychain: not connected")
                      : !m_secrets->hasProbed() ? tr("Keychain: checking…")
                      : error.isEmpty()         ? tr("Keychain: connected")
                                                : tr("Keychain: unavailable"));
    keychain->setToolTip(error);
    keychain->setMinimumWidth(keychain->sizeHint().width());
}

bool SecretsPresenter::readAll(SecretValues* values, QString* error, const QStringList& extraNames)
{
    return !m_secrets || m_secrets->readAll(values, error, extraNames);
}

bool SecretsPresenter::storeFor(const QString& projectId, const SecretValues& values, QStringList* written,
                                QString* error)
{
    if (!m_secrets) {
        *error = tr("No keychain is connected, so the secrets found on the server cannot be stored. Start the "
                    "keychain (e.g. gnome-keyring or KWallet) and import again.");
        return false;
    }
    return m_secrets->writeAllFor(projectId, values, written, error);
}

void SecretsPresenter::onRevealToggled(const QString& fileId, bool on)
{
    m_revealedValues.wipe();
    m_revealedFile.clear();
    if (!on || !m_secrets) {
        return;
    }
    QString error;
    if (!m_secrets->readAll(&m_revealedValues, &error)) {
        m_layout->preview()->setRevealedContent(QString(), QString());
        MessageBox::warning(m_window, tr("Cannot Read Secrets"), error);
        return;
    }
    m_revealedFile = fileId;
    updateRevealed();
}

void SecretsPresenter::updateRevealed()
{
    if (m_revealedFile.isEmpty()) {
        return;
    }
    // A worker host's file: rendered from the settings in effect on that host. A server's file: from the server's
    // settings alone (a worker host's problem does not keep its files from the preview).
    QString host;
    QString fileId = m_revealedFile;
    const Project& project = m_document->project();
    const RenderResult result =
        Renderer::render(PreviewPane::splitWorkerFileId(m_revealedFile, &host, &fileId) ? project.forWorker(host)
                                                                                        : project.withoutWorkers(),
                         &m_revealedValues);
    for (const GeneratedFile& file : result.files) {
        if (file.id == fileId) {
            m_layout->preview()->setRevealedContent(m_revealedFile, file.content);
            return;
        }
    }
}

} // namespace saltant
