<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>Lint</name>
    <message numerus="yes">
        <source>after %n day(s)</source>
        <translation>
            <numerusform>after %n day</numerusform>
            <numerusform>after %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Make refresh tokens last %n day(s)</source>
        <translation>
            <numerusform>Make refresh tokens last %n day</numerusform>
            <numerusform>Make refresh tokens last %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>it has only %n character(s), few enough to guess by brute force</source>
        <translation>
            <numerusform>it has only %n character, few enough to guess by brute force</numerusform>
            <numerusform>it has only %n characters, few enough to guess by brute force</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>saltant::AnsibleExportDialog</name>
    <message numerus="yes">
        <source>Writes an inventory (the server and %n worker host(s)), a playbook that installs the same files, validates and restarts as a deploy does, and a vault encrypted with ansible-vault holding every secret.</source>
        <translation>
            <numerusform>Writes an inventory (the server and %n worker host), a playbook that installs the same files, validates and restarts as a deploy does, and a vault encrypted with ansible-vault holding every secret.</numerusform>
            <numerusform>Writes an inventory (the server and %n worker hosts), a playbook that installs the same files, validates and restarts as a deploy does, and a vault encrypted with ansible-vault holding every secret.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n file(s). Run it: cd %1 &amp;&amp; ansible-playbook -i inventory.yml playbook.yml --ask-vault-pass (README.md there says more).</source>
        <translation>
            <numerusform>Wrote %n file. Run it: cd %1 &amp;&amp; ansible-playbook -i inventory.yml playbook.yml --ask-vault-pass (README.md there says more).</numerusform>
            <numerusform>Wrote %n files. Run it: cd %1 &amp;&amp; ansible-playbook -i inventory.yml playbook.yml --ask-vault-pass (README.md there says more).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>saltant::ChecksPanel</name>
    <message numerus="yes">
        <source>Cancelled after %1 of %n check(s).</source>
        <translation>
            <numerusform>Cancelled after %1 of %n check.</numerusform>
            <numerusform>Cancelled after %1 of %n checks.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n check(s) failed.</source>
        <translation>
            <numerusform>%1 of %n check failed.</numerusform>
            <numerusform>%1 of %n checks failed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All %n check(s) passed.</source>
        <translation>
            <numerusform>All %n check passed.</numerusform>
            <numerusform>All %n checks passed.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>saltant::DeployCommand</name>
    <message numerus="yes">
        <source>%n preflight check(s) failed (see above).</source>
        <translation>
            <numerusform>%n preflight check failed (see above).</numerusform>
            <numerusform>%n preflight checks failed (see above).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>deploy: the server has the new configuration, but %n health check(s) failed (see above).</source>
        <translation>
            <numerusform>deploy: the server has the new configuration, but %n health check failed (see above).</numerusform>
            <numerusform>deploy: the server has the new configuration, but %n health checks failed (see above).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>saltant::DeployController</name>
    <message numerus="yes">
        <source>%n preflight check(s) failed; the Server Checks panel says what was found and what to do. On a first deploy, ports that nothing listens on yet are expected to fail.

Connect to the server and show the plan anyway?</source>
        <translation>
            <numerusform>%n preflight check failed; the Server Checks panel says what was found and what to do. On a first deploy, ports that nothing listens on yet are expected to fail.

Connect to the server and show the plan anyway?</numerusform>
            <numerusform>%n preflight checks failed; the Server Checks panel says what was found and what to do. On a first deploy, ports that nothing listens on yet are expected to fail.

Connect to the server and show the plan anyway?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deployed, but %n health check(s) failed: see Server Checks.</source>
        <translation>
            <numerusform>Deployed, but %n health check failed: see Server Checks.</numerusform>
            <numerusform>Deployed, but %n health checks failed: see Server Checks.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>saltant::DriftImport</name>
    <message numerus="yes">
        <source>The project cannot hold %n part(s) of the edit; the next deploy would drop them:

%1

Import the rest?</source>
        <translation>
            <numerusform>The project cannot hold %n part of the edit; the next deploy would drop it:

%1

Import the rest?</numerusform>
            <numerusform>The project cannot hold %n parts of the edit; the next deploy would drop them:

%1

Import the rest?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>saltant::FleetCli</name>
    <message numerus="yes">
        <source>deploy: the server has the new configuration, but %n health check(s) failed (see above).</source>
        <translation>
            <numerusform>deploy: the server has the new configuration, but %n health check failed (see above).</numerusform>
            <numerusform>deploy: the server has the new configuration, but %n health checks failed (see above).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n worker check(s) failed (see above).</source>
        <translation>
            <numerusform>%n worker check failed (see above).</numerusform>
            <numerusform>%n worker checks failed (see above).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>saltant::FleetDeployDialog</name>
    <message numerus="yes">
        <source>Connecting to %n host(s)…</source>
        <translation>
            <numerusform>Connecting to %n host…</numerusform>
            <numerusform>Connecting to %n hosts…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n host(s) can be deployed</source>
        <translation>
            <numerusform>%n host can be deployed</numerusform>
            <numerusform>%n hosts can be deployed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n refuse (see Result).</source>
        <translation>
            <numerusform>; %n refuses (see Result).</numerusform>
            <numerusform>; %n refuse (see Result).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n host(s) failed; each was rolled back on its own (see Result).</source>
        <translation>
            <numerusform>%n host failed; it was rolled back on its own (see Result).</numerusform>
            <numerusform>%n hosts failed; each was rolled back on its own (see Result).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>saltant::HistoryCommand</name>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n file</numerusform>
            <numerusform>%n files</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>saltant::HistoryDialog</name>
    <message numerus="yes">
        <source>Roll %1 back to how it was before deploy %2 (%3)?

The %n file(s) shown are restored as one transaction: staged, validated, put in place, and the services that read them reloaded; a failed validation restores them all. Changes made on the server since are overwritten. The rollback is recorded in the history, so it can be rolled back in turn.</source>
        <translation>
            <numerusform>Roll %1 back to how it was before deploy %2 (%3)?

The %n file shown is restored as one transaction: staged, validated, put in place, and the services that read it reloaded; a failed validation restores it. Changes made on the server since are overwritten. The rollback is recorded in the history, so it can be rolled back in turn.</numerusform>
            <numerusform>Roll %1 back to how it was before deploy %2 (%3)?

The %n files shown are restored as one transaction: staged, validated, put in place, and the services that read them reloaded; a failed validation restores them all. Changes made on the server since are overwritten. The rollback is recorded in the history, so it can be rolled back in turn.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>saltant::ImportCommand</name>
    <message numerus="yes">
        <source>Stored %n secret(s) in the keychain: %1.</source>
        <translation>
            <numerusform>Stored %n secret in the keychain: %1.</numerusform>
            <numerusform>Stored %n secrets in the keychain: %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Read the server with %n command(s) over one SSH connection.</source>
        <translation>
            <numerusform>Read the server with %n command over one SSH connection.</numerusform>
            <numerusform>Read the server with %n commands over one SSH connection.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>saltant::ImportDialog</name>
    <message numerus="yes">
        <source>%n secret(s) found: they are stored in the keychain when you open the project.</source>
        <translation>
            <numerusform>%n secret found: it is stored in the keychain when you open the project.</numerusform>
            <numerusform>%n secrets found: they are stored in the keychain when you open the project.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>saltant::ImportReport</name>
    <message numerus="yes">
        <source>Imported from %1: %n setting(s) from %2 file(s).</source>
        <translation>
            <numerusform>Imported from %1: %n setting (files read: %2).</numerusform>
            <numerusform>Imported from %1: %n settings (files read: %2).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>saltant::PlanDialog</name>
    <message numerus="yes">
        <source>%n file(s) changed on the server since the last deploy (%1):</source>
        <translation>
            <numerusform>%n file changed on the server since the last deploy (%1):</numerusform>
            <numerusform>%n files changed on the server since the last deploy (%1):</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>saltant::PlanDrift</name>
    <message numerus="yes">
        <source>no drift: %n file(s) as the last deploy (%1) left them.</source>
        <translation>
            <numerusform>no drift: %n file as the last deploy (%1) left it.</numerusform>
            <numerusform>no drift: %n files as the last deploy (%1) left them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) changed on the server since the last deploy (%1); `plan` shows the changes.</source>
        <translation>
            <numerusform>%n file changed on the server since the last deploy (%1); `plan` shows the changes.</numerusform>
            <numerusform>%n files changed on the server since the last deploy (%1); `plan` shows the changes.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>saltant::PlanText</name>
    <message numerus="yes">
        <source>Nothing to do: the server matches the project (%n file(s) unchanged).</source>
        <translation>
            <numerusform>Nothing to do: the server matches the project (%n file unchanged).</numerusform>
            <numerusform>Nothing to do: the server matches the project (%n files unchanged).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s): %1 new, %2 changed, %3 unchanged</source>
        <translation>
            <numerusform>%n file: %1 new, %2 changed, %3 unchanged</numerusform>
            <numerusform>%n files: %1 new, %2 changed, %3 unchanged</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n link(s) to set</source>
        <translation>
            <numerusform>%n link to set</numerusform>
            <numerusform>%n links to set</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n command(s)</source>
        <translation>
            <numerusform>%n command</numerusform>
            <numerusform>%n commands</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n handler(s)</source>
        <translation>
            <numerusform>%n handler</numerusform>
            <numerusform>%n handlers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>saltant::ServerImporter</name>
    <message numerus="yes">
        <source>%n comment line(s) would be replaced by the generated file&apos;s own.</source>
        <translation>
            <numerusform>%n comment line would be replaced by the generated file&apos;s own.</numerusform>
            <numerusform>%n comment lines would be replaced by the generated file&apos;s own.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>saltant::SshRemoteHost</name>
    <message numerus="yes">
        <source>The command did not finish within %n second(s) on %1 and was abandoned.</source>
        <translation>
            <numerusform>The command did not finish within %n second on %1 and was abandoned.</numerusform>
            <numerusform>The command did not finish within %n seconds on %1 and was abandoned.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>saltant::SshSession</name>
    <message numerus="yes">
        <source>%1 port %2 accepted the connection, but sent no SSH greeting or did not complete the key exchange within %n second(s): is it an SSH server?</source>
        <translation>
            <numerusform>%1 port %2 accepted the connection, but sent no SSH greeting or did not complete the key exchange within %n second: is it an SSH server?</numerusform>
            <numerusform>%1 port %2 accepted the connection, but sent no SSH greeting or did not complete the key exchange within %n seconds: is it an SSH server?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>saltant::SshSocket</name>
    <message numerus="yes">
        <source>No answer from %1 within %n second(s): the server may be down, or a firewall drops the connection.</source>
        <translation>
            <numerusform>No answer from %1 within %n second: the server may be down, or a firewall drops the connection.</numerusform>
            <numerusform>No answer from %1 within %n seconds: the server may be down, or a firewall drops the connection.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>saltant::TlsProbe</name>
    <message numerus="yes">
        <source>in %n days</source>
        <translation>
            <numerusform>in %n day</numerusform>
            <numerusform>in %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>valid for %1 until %2 (%n days), issued by %3</source>
        <translation>
            <numerusform>valid for %1 until %2 (%n day), issued by %3</numerusform>
            <numerusform>valid for %1 until %2 (%n days), issued by %3</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>saltant::Transaction</name>
    <message numerus="yes">
        <source>restore %n path(s)</source>
        <translation>
            <numerusform>restore %n path</numerusform>
            <numerusform>restore %n paths</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>keep %n committed path(s)</source>
        <translation>
            <numerusform>keep %n committed path</numerusform>
            <numerusform>keep %n committed paths</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>install %n file(s) and link(s) beside their targets, back up, rename into place</source>
        <translation>
            <numerusform>install %n file or link beside its target, back up, rename into place</numerusform>
            <numerusform>install %n files and links beside their targets, back up, rename into place</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>restore %n file(s) and link(s)</source>
        <translation>
            <numerusform>restore %n file and link</numerusform>
            <numerusform>restore %n files and links</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>mark %n file(s) committed, keep the replaced ones in the history, remove backups</source>
        <translation>
            <numerusform>mark %n file committed, keep the replaced one in the history, remove backups</numerusform>
            <numerusform>mark %n files committed, keep the replaced ones in the history, remove backups</numerusform>
        </translation>
    </message>
</context>
</TS>
