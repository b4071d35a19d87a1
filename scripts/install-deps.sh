#!/usr/bin/env bash
# Installs the Debian 12 packages Saltant Deploy needs to build, test and run. Idempotent: installs only what
# is missing, through sudo when not root.
set -euo pipefail

PACKAGES=(
    # build
    cmake ninja-build g++ pkg-config dpkg-dev ccache file
    qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
    qtkeychain-qt6-dev libsecret-1-0 libssh-dev libdtl-dev libgl1-mesa-dev
    # real peers for the tests
    openssh-server openssh-client sudo nginx-light openssl gnome-keyring dbus-x11 libsecret-tools systemd acl
    # the real-server end-to-end test: a booted Debian 12 container, Let's Encrypt's test ACME server, and
    # saltant's Celery app as a worker on this machine (what saltant needs from Debian, fixtures/README.md)
    debootstrap systemd-container pebble curl python3 python3-celery python3-kombu python3-amqp python3-django
    python3-djangorestframework python3-requests python3-timeout-decorator python3-docker python3-boto3
    python3-yaml python3-tz python3-dateutil python3-psycopg2
    # GUI under test and screenshots
    xvfb xauth fonts-dejavu-core
    # packaging checks
    desktop-file-utils appstream
    # benchmarks (bench/run.sh; ctest keeps them working): the Ansible contender, peak RSS
    ansible-core time
    # fuzzing the parsers of foreign input (scripts/fuzz.sh, ctest -L fuzz): clang with libFuzzer and sanitizers
    clang-14 libclang-rt-14-dev
)

missing=()
for package in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$package")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#PACKAGES[@]} packages present"
    exit 0
fi

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null; then
        echo "install-deps: missing packages (${missing[*]}) and not root; install sudo or run as root" >&2
        exit 1
    fi
    SUDO=(sudo)
fi

echo "install-deps: installing ${missing[*]}"
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
