#!/bin/sh
# Deploy steps for worker host gpu-1 (10.0.0.11), in the order Saltant Deploy runs them over SSH.
# Preview only: the deploy runs each command through sudo when the SSH user is not root,
# uploads each file beside its target and renames it into place, validates before any
# reload and restores every replaced file if validation fails. Secrets are written to a
# command's standard input, never onto a command line. Steps marked "when changed" run
# only if one of the named files differs from what is on the server. $STAGING is the
# login user's upload directory (~/.cache/saltant-deploy).
set -eu

## Check required programs
# saltant is checked out in /srv/saltant/checkout
test -f /srv/saltant/checkout/saltant/celery.py
# The worker's virtualenv has Celery 4 or newer
/srv/saltant/venv/bin/python -I -B -c 'import sys, celery; sys.exit(0 if int(celery.__version__.split(".")[0]) >= 4 else 1)'
# Docker is installed
command -v docker
# The AWS command line is installed (log shipping)
test -x /usr/bin/aws

## Prepare directories and groups
# Directory /etc/systemd/system
install -d -m 0755 /etc/systemd/system
# Directory /etc/saltant-deploy
install -d -m 0700 /etc/saltant-deploy
# saltant may run Docker containers
usermod -a -G docker saltant
# Worker directory /srv/saltant/logs
install -d -m 0750 -o saltant /srv/saltant/logs
# Worker directory /home/ubuntu/saltant-worker/results
install -d -m 0750 -o saltant /home/ubuntu/saltant-worker/results
# Worker directory /home/ubuntu/saltant-worker/tmp
install -d -m 0750 -o saltant /home/ubuntu/saltant-worker/tmp

## Upload files
# /srv/saltant/checkout/.env (0640 saltant:root) [when changed: worker-dotenv]
install -m 0640 -o saltant -g root "$STAGING"/worker-dotenv /srv/saltant/checkout/.env
# /etc/systemd/system/saltant-worker.service (0644 root:root) [when changed: worker-unit]
install -m 0644 -o root -g root "$STAGING"/worker-unit /etc/systemd/system/saltant-worker.service
# /etc/saltant-deploy/worker-logs.env (0600 root:root) [when changed: worker-logs-env]
install -m 0600 -o root -g root "$STAGING"/worker-logs-env /etc/saltant-deploy/worker-logs.env
# /etc/systemd/system/saltant-worker-logs.service (0644 root:root) [when changed: worker-logs-service]
install -m 0644 -o root -g root "$STAGING"/worker-logs-service /etc/systemd/system/saltant-worker-logs.service
# /etc/systemd/system/saltant-worker-logs.timer (0644 root:root) [when changed: worker-logs-timer]
install -m 0644 -o root -g root "$STAGING"/worker-logs-timer /etc/systemd/system/saltant-worker-logs.timer

## Validate
# systemd accepts the units [when changed: worker-unit, worker-logs-service, worker-logs-timer]
systemd-analyze verify /etc/systemd/system/saltant-worker.service /etc/systemd/system/saltant-worker-logs.service /etc/systemd/system/saltant-worker-logs.timer
# saltant's Celery app loads with the new .env [when changed: worker-dotenv]
cd /srv/saltant/checkout && runuser -u saltant -- /srv/saltant/venv/bin/python -B -c 'import saltant' </dev/null

## Reload and restart services
# Reload systemd [when changed: worker-unit, worker-logs-service, worker-logs-timer]
systemctl daemon-reload
# Enable and restart the worker (running jobs finish first) [when changed: worker-unit, worker-dotenv]
systemctl enable saltant-worker.service && systemctl restart saltant-worker.service
# Enable and start the log shipping timer [when changed: worker-logs-timer, worker-logs-service, worker-logs-env]
systemctl enable saltant-worker-logs.timer && systemctl restart saltant-worker-logs.timer
