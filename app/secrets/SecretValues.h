#pragma once

#include <QHash>
#include <QString>

namespace saltant {

// Secret values held in memory while a render or deploy needs them. Wipes its buffers when destroyed.
class SecretValues
{
public:
    SecretValues() = default;
    SecretValues(const SecretValues&) = default;
    SecretValues& operator=(const SecretValues&) = default;
    ~SecretValues() { wipe(); }

    void set(const QString& name, const QString& value) { m_values.insert(name, value); }
    bool contains(const QString& name) const { return m_values.contains(name) && !m_values.value(name).isEmpty(); }
    QString value(const QString& name) const { return m_values.value(name); }
    QList<QString> names() const { return m_values.keys(); }
    bool isEmpty() const { return m_values.isEmpty(); }

    // Overwrites every held value in place before releasing it.
    void wipe();

private:
    QHash<QString, QString> m_values;
};

} // namespace saltant
