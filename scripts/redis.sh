#!/usr/bin/env bash
# The project's private Redis (the shared page cache), as scripts/db.sh runs PostgreSQL.
#   scripts/redis.sh start   start it (installing Debian's redis-server when missing and root)
#   scripts/redis.sh stop    stop it
# It listens on no TCP port, only on the Unix socket .local/redis/redis.sock, in a directory other
# accounts cannot enter: a cache whose pages are served as they are must not be writable by anyone
# else on the machine. It keeps nothing on disk (a cache) and evicts the least recently used pages
# past 256 MB. `scripts/redis.sh url` prints the REDIS_URL for it. Without it the site uses a
# per-process cache; production sets REDIS_URL instead.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
dir="$here/.local/redis"
socket="$dir/redis.sock"
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
        echo "Redis already running on $socket"
        exit 0
    fi
    redis-server --port 0 --unixsocket "$socket" --unixsocketperm 700 --daemonize yes \
        --dir "$dir" --pidfile "$pidfile" --logfile "$dir/redis.log" --save "" --appendonly no \
        --maxmemory 256mb --maxmemory-policy allkeys-lru
    for _ in $(seq 25); do
        if redis-cli -s "$socket" ping >/dev/null 2>&1; then
            echo "Redis running on $socket"
            exit 0
        fi
        sleep 0.2
    done
    echo "Redis did not start; see $dir/redis.log" >&2
    exit 1
    ;;
stop)
    if is_running; then
        kill "$(cat "$pidfile")"
        for _ in $(seq 50); do is_running || break; sleep 0.1; done
        echo "Redis stopped"
    else
        echo "Redis was not running"
    fi
    ;;
url)
    echo "unix://$socket?db=${2:-0}"
    ;;
*)
    echo "usage: $0 start|stop|url [DB]" >&2
    exit 2
    ;;
esac
