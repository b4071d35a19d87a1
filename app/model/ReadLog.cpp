#include "model/ReadLog.h"

#include <algorithm>

namespace saltant {
namespace {

thread_local ReadLog* openLog = nullptr;

} // namespace

ReadLog::ReadLog() : m_outer(openLog)
{
    openLog = this;
}

ReadLog::~ReadLog()
{
    openLog = m_outer;
    if (m_outer) {
        for (const SettingKey& key : std::as_const(m_keys)) {
            m_outer->add(key);
        }
    }
}

void ReadLog::noteAll(const Keys& keys)
{
    if (ReadLog* log = current()) {
        for (const SettingKey& key : keys) {
            log->add(key);
        }
    }
}

ReadLog* ReadLog::current()
{
    return openLog;
}

void ReadLog::add(SettingKey key)
{
    const quint64 bit = filterOf(key);
    const bool maybeSeen = (m_filter & bit) != 0;
    if (m_keys.size() >= MaxIndexed) {
        if (maybeSeen && std::find(m_keys.cbegin(), m_keys.cend(), key) != m_keys.cend()) {
            return;
        }
    } else {
        size_t slot = (key.hash() >> 6) % Slots;
        for (; m_slots[slot] != 0; slot = (slot + 1) % Slots) {
            if (maybeSeen && m_keys[m_slots[slot] - 1] == key) {
                return;
            }
        }
        m_slots[slot] = static_cast<quint8>(m_keys.size() + 1);
    }
    m_filter |= bit;
    m_keys.append(key);
}

} // namespace saltant
