#!/usr/bin/env bash
# Builds (once) the root file system of the real-server end-to-end test: a Debian 12 that boots systemd as PID 1
# under systemd-nspawn, with sshd, Python and the Debian packages saltant runs on (what an admin has after saltant's
# development set-up). The packages the deploy itself installs (nginx, RabbitMQ, PostgreSQL, uWSGI, certbot, acl)
# are downloaded into apt's cache but NOT installed: the deploy's --install-missing installs them, without the
# network. Usage: scripts/e2e-rootfs.sh CACHE_DIR  -> prints the root file system's path.
# The result is cached under CACHE_DIR by a hash of this script; a fresh machine builds it (about 2-3 min).
set -euo pipefail

CACHE=${1:?usage: e2e-rootfs.sh CACHE_DIR}
KEY=$(sha256sum "$0" | cut -c1-12)
ROOTFS="$CACHE/rootfs-$KEY"
if [ -f "$ROOTFS/.complete" ]; then
    echo "$ROOTFS"
    exit 0
fi

for tool in debootstrap systemd-nspawn; do
    command -v "$tool" >/dev/null || { echo "e2e-rootfs: $tool is missing (apt-get install debootstrap systemd-container)" >&2; exit 1; }
done
MIRROR=$(grep -hoE '^(deb |URIs: )[[:space:]]*https?://[^ ]+/debian/?( |$)' /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null \
    | sed -E 's/^(deb |URIs: )[[:space:]]*//; s/ $//' | head -n1 || true)
MIRROR=${MIRROR:-http://deb.debian.org/debian}

mkdir -p "$CACHE"
rm -rf "$ROOTFS.tmp"
# Python and what saltant's requirements need, from Debian (fixtures/README.md); no daemons beyond sshd.
PYTHON=python3,python3-venv,python3-django,python3-djangorestframework,python3-celery,python3-kombu,python3-amqp,\
python3-psycopg2,python3-django-crispy-forms,python3-django-extensions,python3-django-filters,\
python3-django-timezone-field,python3-djangorestframework-simplejwt,python3-boto3,python3-docker,\
python3-timeout-decorator,python3-yaml,python3-requests,python3-tz,python3-dateutil,python3-coreapi,\
python3-coreschema,python3-ruamel.yaml,python3-inflection,python3-uritemplate,python3-packaging,python3-tornado,\
python3-prometheus-client,python3-humanize
echo "e2e-rootfs: debootstrap bookworm from $MIRROR into $ROOTFS (once; cached)" >&2
debootstrap --variant=minbase \
    --include=systemd,systemd-sysv,dbus,openssh-server,iproute2,procps,ca-certificates,curl,$PYTHON \
    bookworm "$ROOTFS.tmp" "$MIRROR" >&2

# apt inside: the same mirror; download what the deploy will install so the test needs no network at run time.
printf 'deb %s bookworm main\n' "$MIRROR" > "$ROOTFS.tmp/etc/apt/sources.list"
cp /etc/resolv.conf "$ROOTFS.tmp/etc/resolv.conf"
chroot "$ROOTFS.tmp" apt-get update -qq >&2
chroot "$ROOTFS.tmp" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --download-only \
    nginx rabbitmq-server postgresql certbot uwsgi uwsgi-plugin-python3 acl >&2
rm -f "$ROOTFS.tmp/etc/apt/apt.conf.d/docker-clean"
printf 'Binary::apt::APT::Keep-Downloaded-Packages "true";\n' > "$ROOTFS.tmp/etc/apt/apt.conf.d/10keep-downloads"

# The test's hooks: sshd's port comes from a drop-in the test writes; root logs in by key only.
mkdir -p "$ROOTFS.tmp/etc/ssh/sshd_config.d" "$ROOTFS.tmp/root/.ssh"
chmod 0700 "$ROOTFS.tmp/root/.ssh"
printf 'PermitRootLogin prohibit-password\nPasswordAuthentication no\n' > "$ROOTFS.tmp/etc/ssh/sshd_config.d/e2e.conf"
# Host keys are made at build time (debootstrap's post-install ran ssh-keygen); a unique machine-id per boot.
: > "$ROOTFS.tmp/etc/machine-id"
# No getty on the (absent) console; nothing waits for a network that nspawn does not hand out.
chroot "$ROOTFS.tmp" systemctl mask console-getty.service getty@tty1.service systemd-networkd-wait-online.service >/dev/null 2>&1 || true
echo saltant-e2e > "$ROOTFS.tmp/etc/hostname"
# RabbitMQ names its node after the host and must resolve it; minbase has no /etc/hosts.
printf '127.0.0.1 localhost\n127.0.1.1 saltant-e2e\n::1 localhost ip6-localhost ip6-loopback\n' > "$ROOTFS.tmp/etc/hosts"
touch "$ROOTFS.tmp/.complete"
rm -rf "$ROOTFS"
mv "$ROOTFS.tmp" "$ROOTFS"
# Older builds of this script are of no use any more.
find "$CACHE" -maxdepth 1 -name 'rootfs-*' ! -name "rootfs-$KEY" -exec rm -rf {} + 2>/dev/null || true
echo "$ROOTFS"
