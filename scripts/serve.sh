#!/usr/bin/env bash
# Serve the site as `make run` does, once set up: the project's Redis, then gunicorn in the
# background at 127.0.0.1:$PORT (restarted if it was running).
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PORT:-8000}
# The shared page cache: the project's redis-server when it starts, else a per-process cache. The
# settings find it on its socket, so every manage.py command uses it too (no REDIS_URL needed).
bash scripts/redis.sh start || true
pidfile=.local/gunicorn.pid
old_pid=$(cat "$pidfile" 2>/dev/null || true)
if [ -n "$old_pid" ] && kill -0 "$old_pid" 2>/dev/null; then
    kill "$old_pid"
    while kill -0 "$old_pid" 2>/dev/null; do sleep 0.2; done
fi
# The development settings, named explicitly: careerguide.wsgi defaults to production, which would
# redirect this plain-HTTP address to HTTPS and refuse the key in .local/.
DJANGO_SETTINGS_MODULE=careerguide.settings.base PORT=$port \
    .venv/bin/gunicorn careerguide.wsgi --config gunicorn.conf.py \
    --daemon --pid "$pidfile" --access-logfile .local/access.log --error-logfile .local/gunicorn.log
for _ in $(seq 50); do
    if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then
        echo "Serving at http://127.0.0.1:$port/ (logs in .local/; make stop stops it)"
        exit 0
    fi
    sleep 0.2
done
echo "gunicorn did not answer on port $port; see .local/gunicorn.log" >&2
tail -n 20 .local/gunicorn.log >&2
exit 1
