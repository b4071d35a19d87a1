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

ReadLog* ReadLog::current()
{
    return openLog;
}

void ReadLog::add(SettingKey key)
{
    if (std::find(m_keys.cbegin(), m_keys.cend(), key) == m_keys.cend()) {
        m_keys.append(key);
    }
}

} // namespace saltant
