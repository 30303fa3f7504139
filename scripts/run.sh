#!/usr/bin/env bash
# make run: set everything up, then serve with gunicorn in the background at 127.0.0.1:$PORT.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/serve.sh
# Scheduled publications and expiries, as cron does in production (README).
bash scripts/scheduler.sh start
