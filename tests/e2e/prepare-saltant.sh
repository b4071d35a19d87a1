# Run on the real server as root, before Saltant Deploy is used: what an admin has done by following saltant's
# development set-up (a user, the checkout, its virtualenv). Arguments: HOME_MODE (0755, or Ubuntu's 0750).
# /tmp/saltant.tar.gz and /tmp/python-vendor.tar.gz are the fixtures, copied in by the test.
set -eu
home_mode=$1
id ubuntu >/dev/null 2>&1 || useradd --create-home --shell /bin/bash ubuntu
chmod "$home_mode" /home/ubuntu
cd /home/ubuntu
runuser -u ubuntu -- tar xzf /tmp/saltant.tar.gz
# saltant pins Django 2.1; on Debian's 3.2 its class-based handler500 trips check urls.E007, which stops every
# manage.py command. Silenced in this copy only (nothing that reads .env changes).
printf '\nSILENCED_SYSTEM_CHECKS = ["urls.E007"]\n' >> saltant/saltant/settings.py
runuser -u ubuntu -- python3 -m venv --system-site-packages saltant/venv
site=$(runuser -u ubuntu -- saltant/venv/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
mkdir -p /tmp/vendor && tar xzf /tmp/python-vendor.tar.gz -C /tmp/vendor
cp -r /tmp/vendor/site-packages/. "$site"/
# What pip would have written for Flower 2.0.1: its dist-info with the celery.commands entry point.
mkdir -p "$site/flower-2.0.1.dist-info"
printf 'Metadata-Version: 2.1\nName: flower\nVersion: 2.0.1\n' > "$site/flower-2.0.1.dist-info/METADATA"
printf '[celery.commands]\nflower = flower.command:flower\n\n[console_scripts]\nflower = flower.__main__:main\n' \
    > "$site/flower-2.0.1.dist-info/entry_points.txt"
: > "$site/flower-2.0.1.dist-info/RECORD"
# Debian's venv has no celery or flower script.
for tool in celery flower; do
    module=celery.__main__; [ "$tool" = flower ] && module=flower.__main__
    printf '#!/home/ubuntu/saltant/venv/bin/python\nimport sys\nfrom %s import main\nsys.exit(main())\n' "$module" \
        > "saltant/venv/bin/$tool"
    chmod 0755 "saltant/venv/bin/$tool"
done
chown -R ubuntu:ubuntu saltant
rm -rf /tmp/vendor /tmp/saltant.tar.gz /tmp/python-vendor.tar.gz
