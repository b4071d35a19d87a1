#pragma once

#include "ssh/HostKeyPolicy.h"

#include <QDialog>

namespace saltant {

// Asks whether to trust a server's unknown host key: host, key type and SHA256 fingerprint, to compare with what
// `ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub` prints on the server. Accepted: the key is written to known_hosts.
class HostKeyDialog : public QDialog
{
    Q_OBJECT

public:
    HostKeyDialog(const HostKeyCheck& key, QWidget* parent = nullptr);
};

} // namespace saltant
