#pragma once

#include "model/SettingKeys.h"

#include <QVarLengthArray>

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
};

} // namespace saltant
