#!/usr/bin/env bash
# The development stand-in for cron: `manage.py publish_scheduled` every minute, in the background.
# scripts/scheduler.sh start|stop (make run starts it, make stop stops it; logs in .local/).
set -uo pipefail
cd "$(dirname "$0")/.."
pidfile=.local/scheduler.pid

stop() {
    if [ -s "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
        # The loop leads its own process group: stop it and a run in progress together.
        kill -- "-$(cat "$pidfile")" && echo "publish_scheduled loop stopped"
    fi
    rm -f "$pidfile"
}

case "${1:-}" in
start)
    stop >/dev/null
    setsid bash -c 'while true; do
        DJANGO_SETTINGS_MODULE=careerguide.settings.base .venv/bin/python manage.py publish_scheduled
        sleep 60
    done' >>.local/scheduler.log 2>&1 </dev/null &
    echo $! >"$pidfile"
    echo "publish_scheduled runs every minute (log in .local/scheduler.log)"
    ;;
stop) stop ;;
*)
    echo "usage: scripts/scheduler.sh start|stop" >&2
    exit 2
    ;;
esac
