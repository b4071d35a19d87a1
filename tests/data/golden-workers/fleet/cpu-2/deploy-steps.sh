#!/bin/sh
# Deploy steps for worker host cpu-2 (cpu2.fictionaljobrunner.com), in the order Saltant Deploy runs them over SSH.
# Preview only: the deploy runs each command through sudo when the SSH user is not root,
# uploads each file beside its target and renames it into place, validates before any
# reload and restores every replaced file if validation fails. Secrets are written to a
# command's standard input, never onto a command line. Steps marked "when changed" run
# only if one of the named files differs from what is on the server. $STAGING is the
# login user's upload directory (~/.cache/saltant-deploy).
set -eu

## Check required programs
# saltant is checked out in /home/ubuntu/saltant
test -f /home/ubuntu/saltant/saltant/celery.py
# The worker's virtualenv has Celery 4 or newer
/home/ubuntu/saltant/venv/bin/python -I -B -c 'import sys, celery; sys.exit(0 if int(celery.__version__.split(".")[0]) >= 4 else 1)'
# Singularity is installed
command -v singularity

## Prepare directories and groups
# Directory /etc/systemd/system
install -d -m 0755 /etc/systemd/system
# Worker directory /home/ubuntu/saltant-worker/logs
install -d -m 0750 -o ubuntu /home/ubuntu/saltant-worker/logs
# Worker directory /home/ubuntu/saltant-worker/results
install -d -m 0750 -o ubuntu /home/ubuntu/saltant-worker/results
# Worker directory /home/ubuntu/saltant-worker/tmp
install -d -m 0750 -o ubuntu /home/ubuntu/saltant-worker/tmp
# Worker directory /home/ubuntu/saltant-worker/singularity-images
install -d -m 0750 -o ubuntu /home/ubuntu/saltant-worker/singularity-images

## Upload files
# /home/ubuntu/saltant/.env (0640 ubuntu:root) [when changed: worker-dotenv]
install -m 0640 -o ubuntu -g root "$STAGING"/worker-dotenv /home/ubuntu/saltant/.env
# /etc/systemd/system/saltant-worker.service (0644 root:root) [when changed: worker-unit]
install -m 0644 -o root -g root "$STAGING"/worker-unit /etc/systemd/system/saltant-worker.service

## Validate
# systemd accepts the units [when changed: worker-unit]
systemd-analyze verify /etc/systemd/system/saltant-worker.service
# saltant's Celery app loads with the new .env [when changed: worker-dotenv]
cd /home/ubuntu/saltant && runuser -u ubuntu -- /home/ubuntu/saltant/venv/bin/python -B -c 'import saltant' </dev/null

## Reload and restart services
# Reload systemd [when changed: worker-unit]
systemctl daemon-reload
# Enable and restart the worker (running jobs finish first) [when changed: worker-unit, worker-dotenv]
systemctl enable saltant-worker.service && systemctl restart saltant-worker.service
