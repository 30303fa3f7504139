#!/usr/bin/env bash
# make stop: stop what make run started (gunicorn, the publish_scheduled loop, then the database).
set -uo pipefail
cd "$(dirname "$0")/.."
pidfile=.local/gunicorn.pid
if [ -s "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    kill "$(cat "$pidfile")" && echo "gunicorn stopped"
fi
rm -f "$pidfile"
bash scripts/scheduler.sh stop
bash scripts/db.sh stop
bash scripts/redis.sh stop
