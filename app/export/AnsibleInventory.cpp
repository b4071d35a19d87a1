#include "export/AnsibleInventory.h"

#include "export/AnsibleYaml.h"
#include "generate/Quote.h"

namespace saltant {
namespace {

// ssh -o VALUE: its own argument splitter reads double quotes and backslash escapes, and UserKnownHostsFile expands
// %-tokens and a leading ~ (kept: it means the same as in our setting).
QString sshQuoted(const QString& path)
{
    QString out = QStringLiteral("\"");
    for (const QChar c : path) {
        if (c == QLatin1Char('"') || c == QLatin1Char('\\')) {
            out += QLatin1Char('\\');
        } else if (c == QLatin1Char('%')) {
            out += QLatin1Char('%');
        }
        out += c;
    }
    return out + QLatin1Char('"');
}

} // namespace

QString AnsibleInventory::sshArguments(const QString& identityFile, const QString& knownHostsFile)
{
    QStringList args;
    if (!identityFile.isEmpty()) {
        args << QStringLiteral("-o") << Quote::shell(QStringLiteral("IdentityFile=") + sshQuoted(identityFile));
    }
    if (!knownHostsFile.isEmpty()) {
        // Ansible splits ansible_ssh_common_args with Python's shlex: POSIX shell quoting.
        args << QStringLiteral("-o") << Quote::shell(QStringLiteral("UserKnownHostsFile=") + sshQuoted(knownHostsFile));
    }
    args << QStringLiteral("-o") << QStringLiteral("StrictHostKeyChecking=yes");
    return args.join(QLatin1Char(' '));
}

QString AnsibleInventory::yaml(const QList<AnsibleHost>& hosts)
{
    QString out = QStringLiteral("# Written by saltant-deploy-cli export ansible. Every value is literal (!unsafe).\n"
                                 "all:\n  children:\n");
    for (const QString& group : {AnsibleHost::serverGroup(), AnsibleHost::workersGroup()}) {
        out += QStringLiteral("    ") + group + QStringLiteral(":\n      hosts:");
        QString body;
        for (const AnsibleHost& host : hosts) {
            if (host.group != group) {
                continue;
            }
            body += QStringLiteral("\n        ") + AnsibleYaml::quoted(host.name) + QStringLiteral(":\n");
            const auto var = [&body](const char* name, const QString& value) {
                body += QStringLiteral("          ") + QLatin1String(name) + QStringLiteral(": ") + value +
                        QLatin1Char('\n');
            };
            var("ansible_host", AnsibleYaml::unsafe(host.sshHost));
            var("ansible_port", QString::number(host.sshPort));
            var("ansible_user", AnsibleYaml::unsafe(host.sshUser));
            // Not ansible_ssh_private_key_file: Ansible wraps it in double quotes without escaping any.
            var("ansible_ssh_common_args", AnsibleYaml::unsafe(sshArguments(host.identityFile, host.knownHostsFile)));
            if (host.sshUser != QLatin1String("root")) {
                var("ansible_become", QStringLiteral("true"));
                var("ansible_become_method", QStringLiteral("sudo"));
            }
        }
        out += body.isEmpty() ? QStringLiteral(" {}\n") : body;
    }
    return out;
}

} // namespace saltant
