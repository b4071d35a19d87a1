#!/usr/bin/env python3
"""Writes the two hand-made deploys bench/run.sh compares ours with, from DIR/deploy.json and DIR/bench.env
(both written by BenchServer): the same files, modes, owners, links and commands as `saltant-deploy-cli deploy`.

  DIR/scp/install.sh      what one `ssh host sh -s` runs after one `scp -r` of DIR/files to a staging dir
  DIR/ansible/            ansible.cfg, inventory.ini and playbook.yml (copy/file tasks, handlers)

Usage: contenders.py DIR STAGING_DIR
"""

import json
import shlex
import sys


def read_env(path):
    env = {}
    for line in open(path, encoding="utf-8"):
        name, _, value = line.rstrip("\n").partition("=")
        env[name] = shlex.split(value)[0] if value else ""
    return env


def with_stdin(step):
    """The step's command, fed its secret on standard input as the deploy does."""
    if not step["stdin"]:
        return step["command"]
    return "printf '%s\\n' {} | sh -c {}".format(shlex.quote(step["stdin"]), shlex.quote(step["command"]))


def install_script(deploy, staging):
    """A careful admin's script: prepare, install every file with its mode and owner, links, validate (stop on
    failure before any reload), provision, reload/restart, remove the staging copy."""
    lines = ["set -eu", "S=" + shlex.quote(staging)]
    phases = {phase: [s for s in deploy["steps"] if s["phase"] == phase] for phase in
              ("prepare", "validate", "provision", "handlers")}
    lines += ["( {} )".format(with_stdin(s)) for s in phases["prepare"]]
    for f in deploy["files"]:
        lines.append("install -D -m {} -o {} -g {} \"$S\"{} {}".format(
            f["mode"], shlex.quote(f["owner"]), shlex.quote(f["group"]), shlex.quote(f["path"]),
            shlex.quote(f["path"])))
        lines += ["ln -sfn {} {}".format(shlex.quote(f["path"]), shlex.quote(link)) for link in f["symlinks"]]
    for phase in ("validate", "provision", "handlers"):
        lines += ["( {} )".format(with_stdin(s)) for s in phases[phase]]
    lines.append("rm -rf \"$S\"")
    return "\n".join(lines) + "\n"


def shell_task(step, name):
    task = {"name": name, "ansible.builtin.shell": step["command"]}
    if step["stdin"]:
        task["args"] = {"stdin": step["stdin"]}
    return task


def playbook(deploy):
    """In the deploy's order: prepare (idempotent, never "changed"), copy/file tasks, validation when a file it
    checks changed, provisioning guarded by its probe, then handlers: provisioning and restarts triggered by the
    changed files, once each. A second run reports changed=0."""
    files = deploy["files"]
    all_ids = [f["id"] for f in files]
    tasks, checks, guarded, handlers = [], [], [], []
    notify = {f["id"]: [] for f in files}
    # What each file's copy (fN) and link (fNlK) tasks register, for the validation conditions.
    registered = {f["id"]: ["f{}".format(n)] + ["f{}l{}".format(n, k) for k in range(len(f["symlinks"]))]
                  for n, f in enumerate(files)}
    for index, step in enumerate(deploy["steps"]):
        name = "{} {}: {}".format(index, step["phase"], step["title"])
        if step["phase"] == "prepare":
            task = shell_task(step, name)
            task["changed_when"] = False
            tasks.append(task)
        elif step["phase"] == "validate":
            task = shell_task(step, name)
            task["when"] = " or ".join("{}.changed".format(r) for i in step["triggeredBy"] or all_ids
                                       for r in registered.get(i, [])) or "false"
            checks.append(task)
        elif step["phase"] in ("provision", "handlers"):
            if step["satisfiedWhen"] and not step["triggeredBy"]:
                probed = dict(step)
                probed["command"] = "if {}; then exit 0; fi\n{}\necho bench-changed".format(
                    step["satisfiedWhen"], step["command"])
                task = shell_task(probed, name)
                task["register"] = "r{}".format(index)
                task["changed_when"] = "'bench-changed' in r{}.stdout".format(index)
                guarded.append(task)
                continue
            handlers.append(shell_task(step, name))
            for file_id in step["triggeredBy"] or all_ids:
                if file_id in notify:
                    notify[file_id].append(name)
    file_tasks = []
    for number, f in enumerate(files):
        task = {"name": "file " + f["id"], "register": "f{}".format(number),
                "ansible.builtin.copy": {"src": f["local"], "dest": f["path"], "mode": f["mode"],
                                         "owner": f["owner"], "group": f["group"]}}
        if notify[f["id"]]:
            task["notify"] = notify[f["id"]]
        file_tasks.append(task)
        for k, link in enumerate(f["symlinks"]):
            link_task = {"name": "link " + link, "register": "f{}l{}".format(number, k),
                         "ansible.builtin.file": {"src": f["path"], "dest": link, "state": "link",
                                                  "force": True}}
            if notify[f["id"]]:
                link_task["notify"] = notify[f["id"]]
            file_tasks.append(link_task)
    return [{"name": "saltant", "hosts": "bench", "gather_facts": False,
             "tasks": tasks + file_tasks + checks + guarded, "handlers": handlers}]


def main():
    out, staging = sys.argv[1], sys.argv[2]
    env = read_env(out + "/bench.env")
    deploy = json.load(open(out + "/deploy.json", encoding="utf-8"))
    with open(out + "/scp/install.sh", "w", encoding="utf-8") as f:
        f.write(install_script(deploy, staging))
    ssh_args = "-F /dev/null -o UserKnownHostsFile={} -o StrictHostKeyChecking=yes -o BatchMode=yes".format(
        env["KNOWN_HOSTS"])
    with open(out + "/ansible/inventory.ini", "w", encoding="utf-8") as f:
        f.write("bench ansible_host=127.0.0.1 ansible_port={} ansible_user={} ansible_ssh_private_key_file={} "
                "ansible_ssh_common_args='{}' ansible_python_interpreter=/usr/bin/python3\n".format(
                    env["PORT"], env["LOGIN"], env["KEY"], ssh_args))
    with open(out + "/ansible/ansible.cfg", "w", encoding="utf-8") as f:
        f.write("[defaults]\ninventory = inventory.ini\nretry_files_enabled = False\nhost_key_checking = True\n"
                "[ssh_connection]\npipelining = True\n")
    with open(out + "/ansible/playbook.yml", "w", encoding="utf-8") as f:
        json.dump(playbook(deploy), f, indent=1)  # JSON is YAML


if __name__ == "__main__":
    main()
