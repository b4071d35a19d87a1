#include "model/Project.h"

#include "model/ReadLog.h"
#include "model/Validators.h"

#include <QCoreApplication>
#include <atomic>

namespace saltant {
namespace {

// Every SettingKey names a field (the Key:: constants are generated from the table, TestSchema holds them to it, and
// text becomes a key only through SettingKey::parse), so the lookup cannot fail.
const FieldSpec& specOf(SettingKey key)
{
    const FieldSpec* spec = Schema::field(key);
    Q_ASSERT_X(spec, "Project", qPrintable(QStringLiteral("unknown setting ") + key.name()));
    return *spec;
}

std::atomic<quint64> lastStamp{0};

quint64 nextStamp()
{
    return ++lastStamp;
}

// The value stored for key, or its default, read in place: generators read hundreds per render.
const QVariant& valueIn(const QHash<SettingKey, QVariant>& values, SettingKey key)
{
    const auto it = values.constFind(key);
    return it != values.constEnd() ? *it : specOf(key).defaultValue;
}

const QVariant& valueOf(const QHash<SettingKey, QVariant>& values, SettingKey key)
{
    ReadLog::note(key);
    return valueIn(values, key);
}

} // namespace

Project Project::example()
{
    Project p;
    for (const FieldSpec& f : Schema::fields()) {
        p.m_values.insert(f.key, f.defaultValue);
    }
    p.m_projectId = QStringLiteral("example");
    p.m_stamp = nextStamp();
    return p;
}

QVariant Project::stored(SettingKey key) const
{
    return valueOf(m_values, key);
}

QString Project::text(SettingKey key) const
{
    const QVariant& stored = valueOf(m_values, key);
    QString value = stored.metaType() == QMetaType::fromType<QString>()
                        ? *static_cast<const QString*>(stored.constData())
                        : stored.toString();
    if (value.isEmpty()) {
        const FieldSpec& spec = specOf(key);
        if (spec.derive) {
            return spec.derive(*this);
        }
    }
    return value;
}

int Project::integer(SettingKey key) const
{
    return valueOf(m_values, key).toInt();
}

bool Project::flag(SettingKey key) const
{
    return valueOf(m_values, key).toBool();
}

QStringList Project::list(SettingKey key) const
{
    return valueOf(m_values, key).toStringList();
}

bool Project::setValue(SettingKey key, const QVariant& value, QString* error)
{
    const FieldSpec* spec = Schema::field(key);
    if (!spec) {
        if (error) {
            *error = tr("There is no setting \"%1\"; `saltant-deploy-cli settings` lists them all.").arg(key);
        }
        return false;
    }
    QVariant v;
    switch (spec->type) {
    case FieldType::Text:
    case FieldType::Choice:
        if (value.typeId() != QMetaType::QString) {
            break;
        }
        if (spec->type == FieldType::Choice && !spec->choices.contains(value.toString())) {
            if (error) {
                *error = tr("%1 (%2) must be one of: %3.")
                             .arg(spec->displayLabel(), key, spec->choices.join(QLatin1String(", ")));
            }
            return false;
        }
        v = value;
        break;
    case FieldType::Integer: {
        bool ok = false;
        const qlonglong n = value.toLongLong(&ok);
        const bool integral = value.typeId() == QMetaType::Int || value.typeId() == QMetaType::LongLong ||
                              value.typeId() == QMetaType::UInt || value.typeId() == QMetaType::ULongLong;
        if (!ok || !integral) {
            break;
        }
        if (n < spec->minimum || n > spec->maximum) {
            if (error) {
                *error = tr("%1 (%2) must be between %3 and %4.")
                             .arg(spec->displayLabel(), key)
                             .arg(spec->minimum)
                             .arg(spec->maximum);
            }
            return false;
        }
        v = static_cast<int>(n);
        break;
    }
    case FieldType::Boolean:
        if (value.typeId() == QMetaType::Bool) {
            v = value;
        }
        break;
    case FieldType::List:
        if (value.typeId() == QMetaType::QStringList) {
            v = value;
        }
        break;
    }
    if (!v.isValid()) {
        if (error) {
            *error = tr("%1 (%2) got a value of the wrong type.").arg(spec->displayLabel(), key);
        }
        return false;
    }
    m_values.insert(key, v);
    m_stampBefore = m_stamp;
    m_stamp = nextStamp();
    m_lastEdited = key;
    return true;
}

bool Project::setFromString(SettingKey key, const QString& text, QString* error)
{
    const FieldSpec* spec = Schema::field(key);
    if (!spec) {
        return setValue(key, QVariant(), error);
    }
    switch (spec->type) {
    case FieldType::Text:
    case FieldType::Choice:
        return setValue(key, text, error);
    case FieldType::Integer: {
        bool ok = false;
        const qlonglong n = text.trimmed().toLongLong(&ok);
        if (!ok) {
            if (error) {
                *error = tr("%1 (%2) must be a whole number between %3 and %4.")
                             .arg(spec->displayLabel(), key)
                             .arg(spec->minimum)
                             .arg(spec->maximum);
            }
            return false;
        }
        return setValue(key, n, error);
    }
    case FieldType::Boolean: {
        const QString t = text.trimmed().toLower();
        if (t == QLatin1String("true") || t == QLatin1String("yes") || t == QLatin1String("on") ||
            t == QLatin1String("1")) {
            return setValue(key, true, error);
        }
        if (t == QLatin1String("false") || t == QLatin1String("no") || t == QLatin1String("off") ||
            t == QLatin1String("0")) {
            return setValue(key, false, error);
        }
        if (error) {
            *error = tr("%1 (%2) must be true or false.").arg(spec->displayLabel(), key);
        }
        return false;
    }
    case FieldType::List: {
        QStringList items;
        const QStringList parts = text.split(QLatin1Char(','));
        for (const QString& part : parts) {
            if (!part.trimmed().isEmpty()) {
                items << part.trimmed();
            }
        }
        return setValue(key, items, error);
    }
    }
    return false;
}

QString Project::toDisplayString(SettingKey key) const
{
    const FieldSpec& spec = specOf(key);
    switch (spec.type) {
    case FieldType::Boolean:
        return flag(key) ? QStringLiteral("true") : QStringLiteral("false");
    case FieldType::Integer:
        return QString::number(integer(key));
    case FieldType::List:
        return list(key).join(QLatin1Char(','));
    case FieldType::Text:
    case FieldType::Choice:
        break;
    }
    return stored(key).toString();
}

QString Project::validateField(SettingKey key) const
{
    const FieldSpec& spec = specOf(key);
    const QVariant value = stored(key);
    QString reason;
    switch (spec.type) {
    case FieldType::Text: {
        const QString t = value.toString();
        if (t.isEmpty()) {
            reason = spec.optional ? QString() : tr("is required.");
        } else {
            Validators::check(spec.kind, t, &reason);
        }
        break;
    }
    case FieldType::Choice:
        if (!spec.choices.contains(value.toString())) {
            reason = tr("must be one of: %1.").arg(spec.choices.join(QLatin1String(", ")));
        }
        break;
    case FieldType::Integer:
        if (value.toInt() < spec.minimum || value.toInt() > spec.maximum) {
            reason = tr("must be between %1 and %2.").arg(spec.minimum).arg(spec.maximum);
        }
        break;
    case FieldType::Boolean:
        break;
    case FieldType::List:
        for (const QString& item : value.toStringList()) {
            if (!Validators::check(spec.kind, item, &reason)) {
                reason = tr("entry \"%1\" %2").arg(item.left(60), reason);
                break;
            }
        }
        break;
    }
    return reason.isEmpty() ? QString() : spec.displayLabel() + QStringLiteral(": ") + reason;
}

namespace {
std::atomic<quint64> validationCount{0};
} // namespace

quint64 Project::validations()
{
    return validationCount.load();
}

QList<FieldProblem> Project::validate() const
{
    QList<FieldProblem> problems;
    for (const FieldSpec& f : Schema::fields()) {
        const QString message = validateField(f.key);
        if (!message.isEmpty()) {
            problems.append({f.key, message});
        }
    }
    return validate(problems);
}

QList<FieldProblem> Project::validate(QList<FieldProblem> fieldProblems) const
{
    ++validationCount;
    QList<FieldProblem> problems = std::move(fieldProblems);
    problems += workerSettingProblems(QString(), QString());
    for (const WorkerHost& host : m_workers) {
        problems += hostProblems(host);
    }
    return problems;
}

namespace {

bool sameValue(const QVariant& a, const QVariant& b)
{
    // Copies of one text share its characters: equal without comparing them.
    const QMetaType text = QMetaType::fromType<QString>();
    if (a.metaType() == text && b.metaType() == text) {
        const QString& sa = *static_cast<const QString*>(a.constData());
        const QString& sb = *static_cast<const QString*>(b.constData());
        if (sa.constData() == sb.constData() && sa.size() == sb.size()) {
            return true;
        }
    }
    return a == b;
}

} // namespace

QList<SettingKey> Project::changedSettings(const Project& other) const
{
    QList<SettingKey> changed;
    if (m_values.isSharedWith(other.m_values)) {
        return changed;
    }
    if (m_stampBefore != 0 && m_stampBefore == other.m_stamp) {
        if (!sameValue(valueIn(m_values, m_lastEdited), valueIn(other.m_values, m_lastEdited))) {
            changed.append(m_lastEdited);
        }
        return changed;
    }
    // A copy edited in place keeps the layout of its values: walk both in step while their keys agree.
    if (m_values.size() == other.m_values.size() && m_values.capacity() == other.m_values.capacity()) {
        auto theirs = other.m_values.cbegin();
        for (auto it = m_values.cbegin(); it != m_values.cend(); ++it, ++theirs) {
            if (it.key() != theirs.key()) {
                break;
            }
            if (!sameValue(*it, *theirs)) {
                changed.append(it.key());
            }
        }
        if (theirs == other.m_values.cend()) {
            return changed;
        }
        changed.clear();
    }
    for (auto it = m_values.cbegin(); it != m_values.cend(); ++it) {
        const auto theirs = other.m_values.constFind(it.key());
        if (!sameValue(*it, theirs != other.m_values.cend() ? *theirs : specOf(it.key()).defaultValue)) {
            changed.append(it.key());
        }
    }
    for (auto it = other.m_values.cbegin(); it != other.m_values.cend(); ++it) {
        if (!m_values.contains(it.key()) && !sameValue(specOf(it.key()).defaultValue, *it)) {
            changed.append(it.key());
        }
    }
    return changed;
}

void Project::follow(const Project& other)
{
    if (other.m_stampBefore != 0 && other.m_stampBefore == m_stamp && !m_values.isSharedWith(other.m_values)) {
        m_values.insert(other.m_lastEdited, valueIn(other.m_values, other.m_lastEdited));
        m_stamp = other.m_stamp;
        m_stampBefore = other.m_stampBefore;
        m_lastEdited = other.m_lastEdited;
        m_projectId = other.m_projectId;
        m_workers = other.m_workers;
        m_hostName = other.m_hostName;
        return;
    }
    *this = other;
}

bool Project::operator==(const Project& other) const
{
    if (m_projectId != other.m_projectId || m_workers != other.m_workers || m_hostName != other.m_hostName) {
        return false;
    }
    for (const FieldSpec& f : Schema::fields()) {
        if (stored(f.key) != other.stored(f.key)) {
            return false;
        }
    }
    return true;
}

} // namespace saltant
