#pragma once

#include "secrets/SecretValues.h"

#include <QObject>
#include <QString>
#include <QStringList>

class QWidget;

namespace saltant {

class ProjectAnalyzer;
class ProjectDocument;
class SectionPage;
class SecretStore;
class SecretsBridge;
class WindowLayout;

// The keychain as the window shows it: whether it is connected (status bar), which secrets it holds (the forms'
// secret rows and editors, the missing-secret lints), and the secret values in the preview while the user reveals a
// file. Values are read only for a reveal or a deploy and never kept longer than the reveal.
class SecretsPresenter : public QObject
{
    Q_OBJECT

public:
    SecretsPresenter(ProjectDocument* document, ProjectAnalyzer* analyzer, WindowLayout* layout, QWidget* window);
    ~SecretsPresenter() override;

    // Connects the keychain (not owned; nullptr disconnects): secret editors in the forms, states and "Reveal
    // secrets" in the preview.
    void setSecretStore(SecretStore* store);
    // The first paint is over: the keychain (libsecret, D-Bus) may be probed now.
    void start();
    // The document holds another project: its secrets are other ones.
    void projectReset();
    // The page's form was just built: its secret editors show what the keychain holds.
    void refreshSecretEditors(const SectionPage* page);
    // Reads every stored secret; true with no values when no keychain is connected.
    bool readAll(SecretValues* values, QString* error, const QStringList& extraNames = {});
    // Stores values in the keychain under projectId (an imported project's, before it is opened). False with error
    // when no keychain is connected or a write failed (written names what was stored before).
    bool storeFor(const QString& projectId, const SecretValues& values, QStringList* written, QString* error);
    // The project changed: renders the revealed file again.
    void updateRevealed();

private:
    void setSecretsProject();
    void probeSecrets();
    void updateSecretStates();
    void onRevealToggled(const QString& fileId, bool on);

    ProjectDocument* m_document;
    ProjectAnalyzer* m_analyzer;
    WindowLayout* m_layout;
    QWidget* m_window;
    SecretsBridge* m_secrets = nullptr;
    SecretValues m_revealedValues;
    QString m_revealedFile;
    bool m_started = false; // the first paint is over: the keychain may be probed
};

} // namespace saltant
