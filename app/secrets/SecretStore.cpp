#include "secrets/SecretStore.h"

#include "model/Schema.h"
#include "model/WorkerHost.h"
#include "secrets/SecretValues.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QPointer>

namespace saltant {
namespace {

bool fail(QString* error, const QString& message)
{
    if (error) {
        *error = message;
    }
    return false;
}

} // namespace

void SecretResult::wipe()
{
    if (value.isDetached()) {
        value.fill(QChar(0));
    }
    value.clear();
}

SecretStore::SecretStore(const QString& projectId, QObject* parent) : QObject(parent), m_projectId(projectId)
{
    qRegisterMetaType<saltant::SecretResult>();
}

SecretStore::~SecretStore() = default;

QString SecretStore::serviceName()
{
    return QStringLiteral("saltant-deploy");
}

QString SecretStore::keyFor(const QString& projectId, const QString& name)
{
    return projectId + QLatin1Char(':') + name;
}

bool SecretStore::checkName(const QString& name, QString* error)
{
    if (Schema::secret(name) || WorkerHost::isTaskSecretName(name)) {
        return true;
    }
    QStringList names;
    for (const SecretSpec& spec : Schema::secrets()) {
        names << spec.name;
    }
    return fail(error, QCoreApplication::translate("Secrets", "Unknown secret \"%1\". Valid names: %2, and "
                                                              "taskEnv.NAME for a secret task variable NAME.")
                           .arg(name, names.join(QStringLiteral(", "))));
}

bool SecretStore::checkValue(const QString& name, const QString& value, QString* error)
{
    if (value.isEmpty()) {
        return fail(error, QCoreApplication::translate("Secrets",
                                                       "The value is empty; to remove a secret, delete it instead."));
    }
    for (const QChar c : value) {
        if (c == QLatin1Char('\n') || c == QLatin1Char('\r')) {
            return fail(error, QCoreApplication::translate("Secrets",
                                                           "The value holds a line break; a secret must be one line."));
        }
        if (c.category() == QChar::Other_Control) {
            return fail(error,
                        QCoreApplication::translate("Secrets", "The value holds a control character (U+%1); remove it.")
                            .arg(c.unicode(), 4, 16, QLatin1Char('0')));
        }
    }
    // Flower reads FLOWER_BASIC_AUTH as comma-separated user:password pairs: a comma would split the password.
    if (name == QLatin1String("flower.password") && value.contains(QLatin1Char(','))) {
        return fail(error,
                    QCoreApplication::translate("Secrets", "The Flower password holds a comma: Flower splits its "
                                                           "logins at commas, so no one could log in with it. "
                                                           "Choose a password without a comma (Generate never "
                                                           "uses one)."));
    }
    return true;
}

void SecretStore::setProjectId(const QString& projectId)
{
    m_projectId = projectId;
    m_known.clear();
}

quint64 SecretStore::read(const QString& name)
{
    return begin(SecretOperation::Read, name, QString());
}

quint64 SecretStore::probe(const QString& name)
{
    return begin(SecretOperation::Probe, name, QString());
}

quint64 SecretStore::write(const QString& name, const QString& value)
{
    return begin(SecretOperation::Write, name, value);
}

quint64 SecretStore::remove(const QString& name)
{
    return begin(SecretOperation::Remove, name, QString());
}

SecretResult SecretStore::readNow(const QString& name)
{
    return wait(read(name));
}

SecretResult SecretStore::probeNow(const QString& name)
{
    return wait(probe(name));
}

SecretResult SecretStore::writeNow(const QString& name, const QString& value)
{
    return wait(write(name, value));
}

SecretResult SecretStore::removeNow(const QString& name)
{
    return wait(remove(name));
}

namespace {

// Schema::secrets() and then the project's secret task variables, each once.
QStringList allNames(const QStringList& extraNames)
{
    QStringList names;
    for (const SecretSpec& spec : Schema::secrets()) {
        names << spec.name;
    }
    for (const QString& name : extraNames) {
        if (!names.contains(name) && WorkerHost::isTaskSecretName(name)) {
            names << name;
        }
    }
    return names;
}

} // namespace

SecretResult SecretStore::states(QHash<QString, bool>* stored, const QStringList& extraNames)
{
    SecretResult last;
    last.operation = SecretOperation::Probe;
    last.ok = true;
    for (const QString& name : allNames(extraNames)) {
        SecretResult result = probeNow(name);
        if (!result.ok) {
            return result;
        }
        stored->insert(name, result.stored);
    }
    return last;
}

SecretResult SecretStore::readAll(SecretValues* values, const QStringList& extraNames)
{
    // The first read alone (a locked keychain asks to be unlocked once, here), then the others at once: the
    // keychain answers them concurrently, one round trip of waiting instead of ten.
    const QStringList names = allNames(extraNames);
    SecretResult failure;
    if (!names.isEmpty()) {
        SecretResult first = readNow(names.first());
        if (first.ok) {
            values->set(first.name, first.value);
        } else if (first.errorKind != SecretErrorKind::NotFound) {
            return first;
        }
    }
    QHash<quint64, QString> pending;
    for (qsizetype i = 1; i < names.size(); ++i) {
        pending.insert(read(names.at(i)), names.at(i));
    }
    QEventLoop loop;
    const QMetaObject::Connection connection =
        connect(this, &SecretStore::finished, &loop, [&](const SecretResult& result) {
            if (!pending.contains(result.requestId)) {
                return;
            }
            pending.remove(result.requestId);
            if (result.ok) {
                values->set(result.name, result.value);
            } else if (result.errorKind != SecretErrorKind::NotFound && failure.errorMessage.isEmpty()) {
                failure = result;
            }
            if (pending.isEmpty()) {
                loop.quit();
            }
        });
    if (!pending.isEmpty()) {
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    }
    disconnect(connection);
    if (!failure.errorMessage.isEmpty()) {
        return failure;
    }
    SecretResult last;
    last.operation = SecretOperation::Read;
    last.ok = true;
    return last;
}

quint64 SecretStore::begin(SecretOperation operation, const QString& name, const QString& value)
{
    const quint64 id = m_nextRequest++;
    m_pendingNames.insert(id, name);
    QString problem;
    SecretErrorKind kind = SecretErrorKind::UnknownName;
    if (checkName(name, &problem) && operation == SecretOperation::Write) {
        checkValue(name, value, &problem);
        kind = SecretErrorKind::InvalidValue;
    }
    if (!problem.isEmpty()) {
        SecretResult result;
        result.requestId = id;
        result.operation = operation;
        result.errorMessage = problem;
        result.errorKind = kind;
        QMetaObject::invokeMethod(
            this, [this, result]() { complete(result); }, Qt::QueuedConnection);
        return id;
    }
    start(id, operation, keyFor(m_projectId, name), value);
    return id;
}

void SecretStore::complete(SecretResult result)
{
    result.name = m_pendingNames.take(result.requestId);
    if (result.errorKind == SecretErrorKind::NotFound && result.operation != SecretOperation::Read) {
        // A probe answered "not stored"; a remove found nothing to remove. Both are successes.
        result.ok = true;
        result.errorKind = SecretErrorKind::None;
        result.errorMessage.clear();
        result.stored = false;
    } else if (result.errorKind == SecretErrorKind::NotFound) {
        const SecretSpec* spec = Schema::secret(result.name);
        result.ok = false;
        result.stored = false;
        result.errorMessage =
            QCoreApplication::translate("Secrets", "No %1 (%2) is stored in the keychain for this project; set it with "
                                                   "`saltant-deploy-cli secret set %2` or in the Secrets form.")
                .arg(spec ? spec->displayLabel() : result.name, result.name);
    } else if (result.ok) {
        result.errorKind = SecretErrorKind::None;
        result.errorMessage.clear();
        result.stored = result.operation != SecretOperation::Remove;
    }
    if (result.operation != SecretOperation::Read || !result.ok) {
        result.wipe();
    }
    if (result.ok || result.errorKind == SecretErrorKind::NotFound) {
        m_known.insert(result.name, result.stored ? 1 : 0);
        if (result.ok && (result.operation == SecretOperation::Write || result.operation == SecretOperation::Remove)) {
            emit stateChanged(result.name, result.stored);
        }
    }
    emit finished(result);
}

SecretResult SecretStore::wait(quint64 requestId)
{
    SecretResult outcome;
    bool done = false;
    QEventLoop loop;
    const QMetaObject::Connection connection =
        connect(this, &SecretStore::finished, &loop, [&](const SecretResult& result) {
            if (result.requestId == requestId) {
                outcome = result;
                done = true;
                loop.quit();
            }
        });
    if (!done) {
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    }
    disconnect(connection);
    return outcome;
}

} // namespace saltant
