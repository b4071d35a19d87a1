#pragma once

#include "model/SettingKeys.h"

#include <QVarLengthArray>
#include <array>

namespace saltant {

// The settings a piece of code read, noted by Project::stored() on this thread while a log is open: what a
// generator's output depends on, so RenderCache can keep it until one of them changes. Logs nest: an inner log's
// keys are also the outer log's. Each key is kept once.
class ReadLog
{
public:
    using Keys = QVarLengthArray<SettingKey, 24>;

    ReadLog();
    ~ReadLog();
    ReadLog(const ReadLog&) = delete;
    ReadLog& operator=(const ReadLog&) = delete;

    const Keys& keys() const { return m_keys; }
    // One bit per key read, at its hash modulo 64 (filterOf()): two logs whose filters share no bit share no key.
    quint64 filter() const { return m_filter; }
    static quint64 filterOf(SettingKey key) { return quint64(1) << (key.hash() % 64); }
    // Notes keys as read, like Project::stored() does: what a kept piece read when it was computed.
    static void noteAll(const Keys& keys);
    // Called by Project::stored() on every read: when no log is open, one call and one test.
    static void note(SettingKey key)
    {
        if (ReadLog* log = current()) {
            log->add(key);
        }
    }

private:
    static ReadLog* current();
    void add(SettingKey key);

    ReadLog* m_outer;
    Keys m_keys;
    quint64 m_filter = 0; // a key whose bit is clear is new without searching m_keys
    // An open-addressed set over m_keys (index + 1; 0: free), by hash: pieces read the same setting many times.
    static constexpr int Slots = 128;
    static constexpr int MaxIndexed = 96; // more keys than that are searched one by one
    std::array<quint8, Slots> m_slots{};
};

} // namespace saltant
