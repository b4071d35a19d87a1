#pragma once

// Errors in app/ and ui/ (one convention; no exceptions across APIs):
// - An operation that can fail returns bool and takes a last `QString* error` (may be nullptr); on failure it sets
//   *error to one translated sentence and returns false. Project::setValue() below is the model.
// - One that produces data, or answers later (signals, threads), returns a result struct with ok (or an outcome)
//   and `QString error` (CommandResult, DeployStepReport; SecretResult::errorMessage and DeployReport::message are
//   older names for it).
// - Checks of a value follow the first rule: bool check(value, QString* error) (Validators, SecretStore).
// - A failed call is never ignored: handle it or pass its error on.
// Long-lived connections (SshSession, SshSocket, SshPrivateKey, DeployConnection) still keep the last failure in
// errorString(), as QIODevice does; new code uses the rules above.

#include "model/Schema.h"

#include <QCoreApplication>
#include <QHash>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace saltant {

// A problem with one setting's value: the field it concerns and a sentence saying what is allowed.
struct FieldProblem
{
    QString key;
    QString message;
};

// Every setting of one saltant server. A plain value type: copy it, compare it, hand it to generators.
// Secrets are not here; the model only names them (Schema::secrets()).
class Project
{
    Q_DECLARE_TR_FUNCTIONS(saltant::Project)

public:
    // The guide's example (fictionaljobrunner.com, AzureDiamond, /home/ubuntu/saltant, ...).
    static Project example();

    // Settings are named by the Key:: constants (model/SettingKeys.h); text from a file or the command line becomes
    // a key through SettingKey::parse(), which names an unknown one.
    // The value stored for key (may be empty for a derived setting).
    QVariant stored(SettingKey key) const;
    // The effective value: the stored one, or the derived one when a derived setting is left empty.
    QString text(SettingKey key) const;
    int integer(SettingKey key) const;
    bool flag(SettingKey key) const;
    QStringList list(SettingKey key) const;

    // Stores a value of the right JSON/type for key. Content checks (hostname, path, ...) are validate()'s job,
    // so forms can hold what the user is typing.
    bool setValue(SettingKey key, const QVariant& value, QString* error = nullptr);
    // Parses "text" the way the CLI's --set does: booleans true/false/yes/no/on/off/1/0, integers in range,
    // choices by name, lists comma-separated.
    bool setFromString(SettingKey key, const QString& text, QString* error = nullptr);
    // The value as `settings` prints it and --set reads it.
    QString toDisplayString(SettingKey key) const;

    QString projectId() const { return m_projectId; }
    void setProjectId(const QString& id) { m_projectId = id; }

    // Every field whose value is not allowed, in schema order.
    QList<FieldProblem> validate() const;
    // How many times validate() ran in this process (tests check that one analysis validates once).
    static quint64 validations();
    QString validateField(SettingKey key) const;

    bool operator==(const Project& other) const;
    bool operator!=(const Project& other) const { return !(*this == other); }

private:
    QHash<QString, QVariant> m_values;
    QString m_projectId;
};

} // namespace saltant
