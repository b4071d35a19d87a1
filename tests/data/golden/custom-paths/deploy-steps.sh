#!/bin/sh
# Deploy steps for jobs.example.org, in the order Saltant Deploy runs them over SSH.
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
test -x /opt/venvs/saltant/bin/uwsgi
# setfacl is installed
command -v setfacl
# Flower is installed in the virtualenv
test -x /opt/venvs/saltant/bin/flower
# The virtualenv's Flower is 1.0 or newer (Flower release setting)
! test -x /opt/venvs/saltant/bin/python || /opt/venvs/saltant/bin/python -I -B -c 'import importlib.util, sys; sys.exit(0 if importlib.util.find_spec("flower") is None or int(__import__("flower").__version__.split(".")[0]) >= 1 else 1)'

## Prepare directories and groups
# Directory /etc/uwsgi-emperor
install -d -m 0755 /etc/uwsgi-emperor
# Directory /etc/uwsgi-emperor/vassals
install -d -m 0755 /etc/uwsgi-emperor/vassals
# Directory /etc/systemd/system
install -d -m 0755 /etc/systemd/system
# Directory /etc/nginx/conf.available
install -d -m 0755 /etc/nginx/conf.available
# Directory /etc/nginx/conf.enabled
install -d -m 0755 /etc/nginx/conf.enabled
# Directory /etc/rabbitmq/conf.d
install -d -m 0755 /etc/rabbitmq/conf.d
# Directory /etc/rabbitmq
install -d -m 0755 /etc/rabbitmq
# Directory /etc/systemd/system/epmd.socket.d
install -d -m 0755 /etc/systemd/system/epmd.socket.d
# Directory /etc/jobs/secrets
install -d -m 0700 /etc/jobs/secrets
# Directory /etc/acme/renewal-hooks/deploy
install -d -m 0755 /etc/acme/renewal-hooks/deploy
# Directory /etc/systemd/system/certbot.service.d
install -d -m 0755 /etc/systemd/system/certbot.service.d
# Directory /etc/rsyslog.d
install -d -m 0755 /etc/rsyslog.d
# Let the web group traverse to the project
for d in / /srv /srv/saltant /srv/saltant/app /srv/saltant/static; do if [ -d "$d" ] && ! { runuser -u uwsgi -g nginx -- test -x "$d" && runuser -u www-data -- test -x "$d"; }; then setfacl -m g:nginx:--x "$d" || exit 1; fi; done; runuser -u uwsgi -g nginx -- test -x /srv/saltant/app && runuser -u www-data -- test -x /srv/saltant/app && { ! test -d /srv/saltant/static || { runuser -u uwsgi -g nginx -- test -x /srv/saltant/static && runuser -u www-data -- test -x /srv/saltant/static; }; } || { printf '%s\n' 'uWSGI (user uwsgi, group nginx) or nginx (user www-data) still cannot enter /srv/saltant/app or /srv/saltant/static. Make sure www-data is in the group nginx, or give it access to these directories yourself.' >&2; exit 1; }
# ACME webroot
install -d -m 0755 /srv/acme
# Obtain the certificate when missing
test -e /etc/acme/live/jobs-cert/fullchain.pem || { moved=; if [ -e /etc/nginx/conf.enabled/jobs_nginx.conf ] && grep -qF /etc/acme/live/jobs-cert/fullchain.pem /etc/nginx/conf.enabled/jobs_nginx.conf; then mv /etc/nginx/conf.enabled/jobs_nginx.conf /etc/nginx/conf.enabled/.jobs_nginx.conf.saltant-off && moved=1; fi; printf '%s\n' 'server { listen 80; server_name jobs.example.org; location ^~ /.well-known/acme-challenge/ { root /srv/acme; default_type text/plain; } location / { return 404; } }' > /etc/nginx/conf.enabled/jobs_acme-bootstrap.conf && nginx -t && systemctl reload-or-restart nginx.service && REQUESTS_CA_BUNDLE=/etc/ssl/private-acme/ca.pem certbot certonly --webroot -w /srv/acme --cert-name jobs-cert -d jobs.example.org --email hostmaster@example.org --agree-tos --non-interactive --server https://acme-v02.api.letsencrypt.org/directory --config-dir /etc/acme; status=$?; rm -f /etc/nginx/conf.enabled/jobs_acme-bootstrap.conf; if [ -n "$moved" ]; then mv /etc/nginx/conf.enabled/.jobs_nginx.conf.saltant-off /etc/nginx/conf.enabled/jobs_nginx.conf; fi; systemctl reload-or-restart nginx.service; test $status -eq 0; }

## Upload files
# /srv/saltant/app/.env (0640 saltant:nginx) [when changed: dotenv]
install -m 0640 -o saltant -g nginx "$STAGING"/dotenv /srv/saltant/app/.env
# /etc/uwsgi-emperor/emperor.ini (0644 root:root) [when changed: uwsgi-emperor]
install -m 0644 -o root -g root "$STAGING"/uwsgi-emperor /etc/uwsgi-emperor/emperor.ini
# /etc/uwsgi-emperor/vassals/jobs_uwsgi.ini (0644 root:root) [when changed: uwsgi-vassal]
install -m 0644 -o root -g root "$STAGING"/uwsgi-vassal /etc/uwsgi-emperor/vassals/jobs_uwsgi.ini
# /etc/systemd/system/jobs-uwsgi.service (0644 root:root) [when changed: uwsgi-unit]
install -m 0644 -o root -g root "$STAGING"/uwsgi-unit /etc/systemd/system/jobs-uwsgi.service
# /etc/nginx/conf.available/jobs_nginx.conf (0644 root:root) [when changed: nginx-site]
install -m 0644 -o root -g root "$STAGING"/nginx-site /etc/nginx/conf.available/jobs_nginx.conf
# Link /etc/nginx/conf.enabled/jobs_nginx.conf [when changed: nginx-site]
ln -sfn /etc/nginx/conf.available/jobs_nginx.conf /etc/nginx/conf.enabled/jobs_nginx.conf
# /etc/rabbitmq/conf.d/50-jobs.conf (0644 root:root) [when changed: rabbitmq-conf]
install -m 0644 -o root -g root "$STAGING"/rabbitmq-conf /etc/rabbitmq/conf.d/50-jobs.conf
# /etc/rabbitmq/rabbitmq-env.conf (0644 root:root) [when changed: rabbitmq-env]
install -m 0644 -o root -g root "$STAGING"/rabbitmq-env /etc/rabbitmq/rabbitmq-env.conf
# /etc/systemd/system/epmd.socket.d/saltant-loopback.conf (0644 root:root) [when changed: epmd-socket]
install -m 0644 -o root -g root "$STAGING"/epmd-socket /etc/systemd/system/epmd.socket.d/saltant-loopback.conf
# /etc/jobs/secrets/flower.env (0600 root:root) [when changed: flower-env]
install -m 0600 -o root -g root "$STAGING"/flower-env /etc/jobs/secrets/flower.env
# /etc/systemd/system/jobs-flower.service (0644 root:root) [when changed: flower-unit]
install -m 0644 -o root -g root "$STAGING"/flower-unit /etc/systemd/system/jobs-flower.service
# /etc/acme/renewal-hooks/deploy/jobs-reload.sh (0755 root:root) [when changed: renewal-hook]
install -m 0755 -o root -g root "$STAGING"/renewal-hook /etc/acme/renewal-hooks/deploy/jobs-reload.sh
# /etc/systemd/system/certbot.service.d/saltant-acme-ca.conf (0644 root:root) [when changed: certbot-ca]
install -m 0644 -o root -g root "$STAGING"/certbot-ca /etc/systemd/system/certbot.service.d/saltant-acme-ca.conf
# /etc/rsyslog.d/40-jobs-papertrail.conf (0644 root:root) [when changed: papertrail]
install -m 0644 -o root -g root "$STAGING"/papertrail /etc/rsyslog.d/40-jobs-papertrail.conf

## Validate
# nginx accepts the configuration [when changed: nginx-site]
nginx -t
# systemd accepts the units [when changed: uwsgi-unit, flower-unit]
systemd-analyze verify /etc/systemd/system/jobs-uwsgi.service /etc/systemd/system/jobs-flower.service

## Provision
# RabbitMQ management plugin
rabbitmq-plugins enable --offline rabbitmq_management
# RabbitMQ admin user (password on standard input) [stdin: rabbitmq.password]
if rabbitmqctl -q list_users </dev/null | cut -f1 | grep -qxF jobs_admin; then rabbitmqctl change_password jobs_admin; else rabbitmqctl add_user jobs_admin; fi
# RabbitMQ vhost
rabbitmqctl -q list_vhosts | grep -qxF jobs.vhost || rabbitmqctl add_vhost jobs.vhost
# RabbitMQ admin tag
rabbitmqctl set_user_tags jobs_admin administrator
# RabbitMQ permissions
rabbitmqctl set_permissions -p jobs.vhost jobs_admin '.*' '.*' '.*'
# Apply database migrations [when changed: dotenv]
cd /srv/saltant/app && runuser -u saltant -- /opt/venvs/saltant/bin/python manage.py migrate --noinput </dev/null
# Logo
install -D -m 0644 -o saltant <logo.png> /srv/saltant/app/branding/logo.png
# Favicon
install -D -m 0644 -o saltant <favicon.ico> /srv/saltant/app/branding/favicon.ico
# Collect static files
cd /srv/saltant/app && runuser -u saltant -- /opt/venvs/saltant/bin/python manage.py collectstatic --noinput

## Reload and restart services
# Reload systemd [when changed: uwsgi-unit, flower-unit, epmd-socket, certbot-ca]
systemctl daemon-reload
# Enable and restart the uWSGI emperor [when changed: uwsgi-unit, uwsgi-emperor, dotenv]
systemctl enable jobs-uwsgi.service && systemctl restart jobs-uwsgi.service
# Reload nginx [when changed: nginx-site]
systemctl enable nginx.service && systemctl reload-or-restart nginx.service
# Restart epmd on loopback [when changed: epmd-socket]
systemctl restart epmd.socket
# Restart RabbitMQ [when changed: rabbitmq-conf, rabbitmq-env, epmd-socket]
systemctl restart rabbitmq-server.service
# Enable and restart Flower [when changed: flower-unit, flower-env, dotenv]
systemctl enable jobs-flower.service && systemctl restart jobs-flower.service
# Restart rsyslog [when changed: papertrail]
systemctl restart rsyslog.service
