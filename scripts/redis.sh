#!/usr/bin/env bash
# The project's private Redis (the shared page cache), as scripts/db.sh runs PostgreSQL.
#   scripts/redis.sh start   start it (installing Debian's redis-server when missing and root)
#   scripts/redis.sh stop    stop it
# It listens on 127.0.0.1 only, on CAREERGUIDE_REDIS_PORT (default 63790), keeps nothing on disk
# (a cache) and evicts the least recently used pages past 256 MB. Without it the site uses a
# per-process cache; production sets REDIS_URL instead.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
port=${CAREERGUIDE_REDIS_PORT:-63790}
dir="$here/.local/redis"
pidfile="$dir/redis.pid"

is_running() { [ -s "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

case "${1:-start}" in
start)
    if [ -n "${REDIS_URL:-}" ]; then
        echo "REDIS_URL is set: using that Redis, starting nothing."
        exit 0
    fi
    if ! command -v redis-server >/dev/null 2>&1 && [ "$(id -u)" = 0 ] \
        && command -v apt-get >/dev/null 2>&1; then
        echo "Installing Redis (apt-get install redis-server)..."
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server) \
            >/dev/null
    fi
    if ! command -v redis-server >/dev/null 2>&1; then
        echo "No redis-server: pages are cached per process. For the shared cache install it" \
            "(sudo apt-get install redis-server, or brew install redis) or set REDIS_URL." >&2
        exit 1
    fi
    mkdir -p "$dir"
    chmod 700 "$dir"
    if is_running; then
        echo "Redis already running on 127.0.0.1:$port"
        exit 0
    fi
    redis-server --port "$port" --bind 127.0.0.1 --daemonize yes --dir "$dir" \
        --pidfile "$pidfile" --logfile "$dir/redis.log" --save "" --appendonly no \
        --maxmemory 256mb --maxmemory-policy allkeys-lru
    for _ in $(seq 25); do
        if redis-cli -p "$port" ping >/dev/null 2>&1; then
            echo "Redis running on 127.0.0.1:$port"
            exit 0
        fi
        sleep 0.2
    done
    echo "Redis did not start; see $dir/redis.log" >&2
    exit 1
    ;;
stop)
    if is_running; then
        kill "$(cat "$pidfile")" && echo "Redis stopped"
    else
        echo "Redis was not running"
    fi
    ;;
*)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
