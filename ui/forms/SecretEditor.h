#pragma once

#include "model/Schema.h"
#include "secrets/SecretStore.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace saltant {

// The editor of one secret, talking only to a SecretStore (never to a file): a state line ("Stored in the
// keychain" / "Not stored" / the keychain's error), a password field with Set (or Replace) to store what was
// typed, Clear (after a confirmation) and Generate (a random value from the system CSPRNG, shown as length and
// alphabet only). The widget never reads a value back from the keychain; it only probes whether one is stored.
//
// objectNames: the editor "secret_<name with . replaced by _>", its parts "<that>_title" (the secret's name, shown),
// "<that>_state", "_value", "_save",
// "_clear", "_generate", "_generated" (the note saying what Generate produced). Every input has an accessible
// name. Call refresh() once the store's project id is right (and after switching projects).
class SecretEditor : public QWidget
{
    Q_OBJECT

public:
    enum class State
    {
        Unknown,   // not asked yet
        Busy,      // a request is on its way
        Stored,    // the keychain holds a value
        NotStored, // it does not
        Failed,    // the last request failed; errorMessage() says why
    };

    // store must outlive the editor or be destroyed with it (the editor drops pending requests then).
    SecretEditor(const SecretSpec& spec, SecretStore* store, QWidget* parent = nullptr);

    static QString objectNameFor(const QString& name);

    // What Generate uses: 32 characters from A–Z a–z 0–9 and - _ . ~ (RFC 3986 unreserved: safe unquoted in
    // URLs, .env, systemd EnvironmentFile, nginx, rabbitmq.conf and shell words), about 193 bits.
    static constexpr int GeneratedLength = 32;
    static QString generatorAlphabet();
    static QString generateValue(int length = GeneratedLength);

    QString name() const { return m_spec.name; }
    State state() const { return m_state; }
    QString errorMessage() const { return m_error; }

public slots:
    // Asks the store whether the secret is stored (a probe; no value reaches this widget).
    void refresh();

signals:
    // A Set/Replace or Clear succeeded.
    void stored(const QString& name, bool isStored);
    // A request failed; message says what is wrong and how to fix it.
    void failed(const QString& name, const QString& message);

private:
    void save();
    void clear();
    void generate();
    void onFinished(const SecretResult& result);
    void setState(State state);
    void updateButtons();
    QString part(const char* suffix) const;

    SecretSpec m_spec;
    QPointer<SecretStore> m_store;
    State m_state = State::Unknown;
    State m_lastKnown = State::Unknown;
    QString m_error;
    quint64 m_pending = 0;
    QLabel* m_stateLabel = nullptr;
    QLineEdit* m_value = nullptr;
    QPushButton* m_save = nullptr;
    QPushButton* m_clear = nullptr;
    QPushButton* m_generate = nullptr;
    QLabel* m_generated = nullptr;
};

} // namespace saltant
