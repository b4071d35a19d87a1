#!/bin/sh
# Deploy steps for www.fictionaljobrunner.com, in the order Saltant Deploy runs them over SSH.
# Preview only: the deploy runs each command through sudo when the SSH user is not root,
# uploads each file beside its target and renames it into place, validates before any
# reload and restores every replaced file if validation fails. Secrets are written to a
# command's standard input, never onto a command line. Steps marked "when changed" run
# only if one of the named files differs from what is on the server. $STAGING is the
# login user's upload directory (~/.cache/saltant-deploy).
set -eu

## Check required programs
# nginx is installed
command -v nginx
# RabbitMQ is installed
command -v rabbitmqctl
# The host name resolves to loopback (RabbitMQ's Erlang ports are on loopback only)
getent ahostsv4 "$(hostname -s)" | awk '$1 != "127.0.0.1" && $1 != "127.0.1.1" { bad = 1 } END { exit bad || NR == 0 }'
# certbot is installed
command -v certbot
# uWSGI is installed
test -x /usr/bin/uwsgi
# uWSGI's Python 3 plugin is installed
test -e /usr/lib/uwsgi/plugins/python3_plugin.so
# PostgreSQL is installed
command -v psql && test -n "$(pg_lsclusters -h 2>/dev/null)"
# setfacl is installed
command -v setfacl
# Flower is installed in the virtualenv
test -x /home/ubuntu/saltant/venv/bin/flower
# The virtualenv's Flower is 1.0 or newer (Flower release setting)
! test -x /home/ubuntu/saltant/venv/bin/python || /home/ubuntu/saltant/venv/bin/python -I -B -c 'import importlib.util, sys; sys.exit(0 if importlib.util.find_spec("flower") is None or int(__import__("flower").__version__.split(".")[0]) >= 1 else 1)'

## Prepare directories and groups
# Directory /etc/uwsgi
install -d -m 0755 /etc/uwsgi
# Directory /etc/uwsgi/vassals
install -d -m 0755 /etc/uwsgi/vassals
# Directory /etc/systemd/system
install -d -m 0755 /etc/systemd/system
# Directory /etc/nginx/sites-available
install -d -m 0755 /etc/nginx/sites-available
# Directory /etc/nginx/sites-enabled
install -d -m 0755 /etc/nginx/sites-enabled
# Directory /etc/rabbitmq
install -d -m 0755 /etc/rabbitmq
# Directory /etc/systemd/system/epmd.socket.d
install -d -m 0755 /etc/systemd/system/epmd.socket.d
# Directory /etc/saltant
install -d -m 0700 /etc/saltant
# Directory /etc/letsencrypt/renewal-hooks/deploy
install -d -m 0755 /etc/letsencrypt/renewal-hooks/deploy
# Let the web group traverse to the project
for d in / /home /home/ubuntu /home/ubuntu/saltant /home/ubuntu/saltant/static; do if [ -d "$d" ] && ! { runuser -u www-data -g www-data -- test -x "$d" && runuser -u www-data -- test -x "$d"; }; then setfacl -m g:www-data:--x "$d" || exit 1; fi; done; runuser -u www-data -g www-data -- test -x /home/ubuntu/saltant && runuser -u www-data -- test -x /home/ubuntu/saltant && { ! test -d /home/ubuntu/saltant/static || { runuser -u www-data -g www-data -- test -x /home/ubuntu/saltant/static && runuser -u www-data -- test -x /home/ubuntu/saltant/static; }; } || { printf '%s\n' 'uWSGI (user www-data, group www-data) or nginx (user www-data) still cannot enter /home/ubuntu/saltant or /home/ubuntu/saltant/static. Make sure www-data is in the group www-data, or give it access to these directories yourself.' >&2; exit 1; }
# ACME webroot
install -d -m 0755 /var/www/letsencrypt
# Obtain the certificate when missing
test -e /etc/letsencrypt/live/fictionaljobrunner.com/fullchain.pem || { moved=; if [ -e /etc/nginx/sites-enabled/saltant_nginx.conf ] && grep -qF /etc/letsencrypt/live/fictionaljobrunner.com/fullchain.pem /etc/nginx/sites-enabled/saltant_nginx.conf; then mv /etc/nginx/sites-enabled/saltant_nginx.conf /etc/nginx/sites-enabled/.saltant_nginx.conf.saltant-off && moved=1; fi; printf '%s\n' 'server { listen 80; listen [::]:80; server_name fictionaljobrunner.com www.fictionaljobrunner.com; location ^~ /.well-known/acme-challenge/ { root /var/www/letsencrypt; default_type text/plain; } location / { return 404; } }' > /etc/nginx/sites-enabled/saltant_acme-bootstrap.conf && nginx -t && systemctl reload-or-restart nginx.service && certbot certonly --webroot -w /var/www/letsencrypt --cert-name fictionaljobrunner.com -d fictionaljobrunner.com -d www.fictionaljobrunner.com --email admin@fictionaljobrunner.com --agree-tos --non-interactive --server https://acme-v02.api.letsencrypt.org/directory --config-dir /etc/letsencrypt; status=$?; rm -f /etc/nginx/sites-enabled/saltant_acme-bootstrap.conf; if [ -n "$moved" ]; then mv /etc/nginx/sites-enabled/.saltant_nginx.conf.saltant-off /etc/nginx/sites-enabled/saltant_nginx.conf; fi; systemctl reload-or-restart nginx.service; test $status -eq 0; }

## Upload files
# /home/ubuntu/saltant/.env (0640 ubuntu:www-data) [when changed: dotenv]
install -m 0640 -o ubuntu -g www-data "$STAGING"/dotenv /home/ubuntu/saltant/.env
# /etc/uwsgi/emperor.ini (0644 root:root) [when changed: uwsgi-emperor]
install -m 0644 -o root -g root "$STAGING"/uwsgi-emperor /etc/uwsgi/emperor.ini
# /etc/uwsgi/vassals/saltant_uwsgi.ini (0644 root:root) [when changed: uwsgi-vassal]
install -m 0644 -o root -g root "$STAGING"/uwsgi-vassal /etc/uwsgi/vassals/saltant_uwsgi.ini
# /etc/systemd/system/emperor.uwsgi.service (0644 root:root) [when changed: uwsgi-unit]
install -m 0644 -o root -g root "$STAGING"/uwsgi-unit /etc/systemd/system/emperor.uwsgi.service
# /etc/nginx/sites-available/saltant_nginx.conf (0644 root:root) [when changed: nginx-site]
install -m 0644 -o root -g root "$STAGING"/nginx-site /etc/nginx/sites-available/saltant_nginx.conf
# Link /etc/nginx/sites-enabled/saltant_nginx.conf [when changed: nginx-site]
ln -sfn /etc/nginx/sites-available/saltant_nginx.conf /etc/nginx/sites-enabled/saltant_nginx.conf
# /etc/rabbitmq/rabbitmq.config (0644 root:root) [when changed: rabbitmq-config]
install -m 0644 -o root -g root "$STAGING"/rabbitmq-config /etc/rabbitmq/rabbitmq.config
# /etc/rabbitmq/rabbitmq-env.conf (0644 root:root) [when changed: rabbitmq-env]
install -m 0644 -o root -g root "$STAGING"/rabbitmq-env /etc/rabbitmq/rabbitmq-env.conf
# /etc/systemd/system/epmd.socket.d/saltant-loopback.conf (0644 root:root) [when changed: epmd-socket]
install -m 0644 -o root -g root "$STAGING"/epmd-socket /etc/systemd/system/epmd.socket.d/saltant-loopback.conf
# /etc/saltant/flower.env (0600 root:root) [when changed: flower-env]
install -m 0600 -o root -g root "$STAGING"/flower-env /etc/saltant/flower.env
# /etc/systemd/system/flower.service (0644 root:root) [when changed: flower-unit]
install -m 0644 -o root -g root "$STAGING"/flower-unit /etc/systemd/system/flower.service
# /etc/letsencrypt/renewal-hooks/deploy/saltant.sh (0755 root:root) [when changed: renewal-hook]
install -m 0755 -o root -g root "$STAGING"/renewal-hook /etc/letsencrypt/renewal-hooks/deploy/saltant.sh

## Validate
# nginx accepts the configuration [when changed: nginx-site]
nginx -t
# systemd accepts the units [when changed: uwsgi-unit, flower-unit]
systemd-analyze verify /etc/systemd/system/emperor.uwsgi.service /etc/systemd/system/flower.service

## Provision
# Certificate reader group
getent group ssl-cert >/dev/null || groupadd --system ssl-cert
# RabbitMQ may read the certificate
id -nG rabbitmq | tr ' ' '\n' | grep -qxF ssl-cert || usermod -a -G ssl-cert rabbitmq
# Certificate files readable by the group
chgrp ssl-cert /etc/letsencrypt/live /etc/letsencrypt/archive && chmod g=x /etc/letsencrypt/live /etc/letsencrypt/archive && chgrp -R ssl-cert /etc/letsencrypt/live/fictionaljobrunner.com /etc/letsencrypt/archive/fictionaljobrunner.com && chmod -R g+rX /etc/letsencrypt/live/fictionaljobrunner.com /etc/letsencrypt/archive/fictionaljobrunner.com
# RabbitMQ management plugin
rabbitmq-plugins enable --offline rabbitmq_management
# RabbitMQ admin user (password on standard input) [stdin: rabbitmq.password]
if rabbitmqctl -q list_users </dev/null | cut -f1 | grep -qxF AzureDiamond; then rabbitmqctl change_password AzureDiamond; else rabbitmqctl add_user AzureDiamond; fi
# RabbitMQ vhost
rabbitmqctl -q list_vhosts | grep -qxF AzureDiamond_vhost || rabbitmqctl add_vhost AzureDiamond_vhost
# RabbitMQ admin tag
rabbitmqctl set_user_tags AzureDiamond administrator
# RabbitMQ permissions
rabbitmqctl set_permissions -p AzureDiamond_vhost AzureDiamond '.*' '.*' '.*'
# Delete the guest user
! rabbitmqctl -q list_users | cut -f1 | grep -qxF guest || rabbitmqctl delete_user guest
# Delete vhost /
! rabbitmqctl -q list_vhosts | grep -qxF / || rabbitmqctl delete_vhost /
# PostgreSQL role saltant (password on standard input) [stdin: database.password]
cd / && IFS= read -r pw && pw=$(printf '%s' "$pw" | sed "s/'/''/g") && printf 'DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = %s) THEN CREATE ROLE %s LOGIN; END IF; END$$;\nALTER ROLE %s WITH LOGIN PASSWORD '\''%s'\'';\n' ''\''saltant'\''' '"saltant"' '"saltant"' "$pw" | runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -d postgres
# PostgreSQL database saltant
cd / && runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -d postgres -tA -c 'SELECT 1 FROM pg_database WHERE datname = '\''saltant'\''' </dev/null | grep -qx 1 || runuser -u postgres -- createdb -O saltant -- saltant </dev/null
# Apply database migrations [when changed: dotenv]
cd /home/ubuntu/saltant && runuser -u ubuntu -- /home/ubuntu/saltant/venv/bin/python manage.py migrate --noinput </dev/null
# Collect static files
cd /home/ubuntu/saltant && runuser -u ubuntu -- /home/ubuntu/saltant/venv/bin/python manage.py collectstatic --noinput

## Reload and restart services
# Reload systemd [when changed: uwsgi-unit, flower-unit, epmd-socket, certbot-ca]
systemctl daemon-reload
# Enable and restart the uWSGI emperor [when changed: uwsgi-unit, uwsgi-emperor, dotenv]
systemctl enable emperor.uwsgi.service && systemctl restart emperor.uwsgi.service
# Reload nginx [when changed: nginx-site]
systemctl enable nginx.service && systemctl reload-or-restart nginx.service
# Restart epmd on loopback [when changed: epmd-socket]
systemctl restart epmd.socket
# Restart RabbitMQ [when changed: rabbitmq-config, rabbitmq-env, epmd-socket]
systemctl restart rabbitmq-server.service
# Enable and restart Flower [when changed: flower-unit, flower-env, dotenv]
systemctl enable flower.service && systemctl restart flower.service
