#include "deploy/HostKeyDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace saltant {

HostKeyDialog::HostKeyDialog(const HostKeyCheck& key, QWidget* parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("hostKeyDialog"));
    setWindowTitle(tr("Unknown Host Key"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("This server's host key is not in your known_hosts file yet. Compare the fingerprint "
                                "with the one the server itself shows (<tt>ssh-keygen -lf "
                                "/etc/ssh/ssh_host_*_key.pub</tt>, run on the server) before you trust it."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto* form = new QFormLayout;
    const auto addRow = [this, form](const QString& label, const QString& value, const QString& name) {
        auto* field = new QLabel(value, this);
        field->setObjectName(name);
        field->setTextInteractionFlags(Qt::TextSelectableByMouse);
        form->addRow(label, field);
    };
    addRow(tr("Host:"), key.hostName, QStringLiteral("hostKeyHost"));
    addRow(tr("Key type:"), key.keyType, QStringLiteral("hostKeyType"));
    addRow(tr("Fingerprint:"), key.fingerprint, QStringLiteral("hostKeyFingerprint"));
    addRow(tr("Will be saved to:"), key.knownHostsFile, QStringLiteral("hostKeyFile"));
    layout->addLayout(form);

    auto* buttons = new QDialogButtonBox(this);
    QPushButton* accept = buttons->addButton(tr("Trust and Connect"), QDialogButtonBox::AcceptRole);
    accept->setObjectName(QStringLiteral("acceptHostKeyButton"));
    QPushButton* reject = buttons->addButton(tr("Do Not Connect"), QDialogButtonBox::RejectRole);
    reject->setObjectName(QStringLiteral("rejectHostKeyButton"));
    reject->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

} // namespace saltant
