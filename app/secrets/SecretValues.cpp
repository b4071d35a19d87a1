#include "secrets/SecretValues.h"

namespace saltant {

void SecretValues::wipe()
{
    for (auto it = m_values.begin(); it != m_values.end(); ++it) {
        // Only touch buffers this object owns alone; detaching would copy the secret first.
        if (it->isDetached()) {
            it->fill(QChar(0));
        }
    }
    m_values.clear();
}

} // namespace saltant
