#!/usr/bin/env bash
# The project's private PostgreSQL server, used whenever DATABASE_URL is unset.
#   scripts/db.sh start   create it on first use (initdb), start it (pg_ctl); safe to repeat
#   scripts/db.sh stop    stop it; the data stays for the next start
#   scripts/db.sh status  say whether it runs
# It listens on 127.0.0.1 only, on CAREERGUIDE_PGPORT (default 54329), and trusts local connections:
# it is a development and CI database. Production sets DATABASE_URL instead.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
port=${CAREERGUIDE_PGPORT:-54329}

if [ -n "${DATABASE_URL:-}" ]; then
    echo "DATABASE_URL is set: using that database, starting nothing."
    exit 0
fi

find_pg_bin() {
    local dir
    if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
        dirname "$(readlink -f "$(command -v pg_ctl)")"
        return
    fi
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r) \
        /opt/homebrew/bin /usr/local/opt/postgresql*/bin; do
        if [ -x "$dir/pg_ctl" ] && [ -x "$dir/initdb" ]; then
            echo "$dir"
            return
        fi
    done
}

pg_bin=$(find_pg_bin)
if [ -z "$pg_bin" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing the PostgreSQL server (apt-get install postgresql)..."
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >/dev/null
    pg_bin=$(find_pg_bin)
fi
if [ -z "$pg_bin" ]; then
    echo "PostgreSQL server binaries (initdb, pg_ctl) not found: install them" \
        "(sudo apt-get install postgresql, or brew install postgresql) or set DATABASE_URL." >&2
    exit 1
fi

# initdb and postgres refuse to run as root: as root, run them as an unprivileged system user and keep
# the data where that user can reach it (not under /root), one directory per checkout.
if [ "$(id -u)" = 0 ]; then
    db_user=postgres
    if ! id "$db_user" >/dev/null 2>&1; then
        useradd --system --home-dir /var/lib/careerguide --shell /usr/sbin/nologin "$db_user"
    fi
    data_root=/var/lib/careerguide/$(printf '%s' "$here" | sha1sum | cut -c1-12)
    mkdir -p "$data_root"
    chown "$db_user" "$data_root" /var/lib/careerguide
    as_db() { runuser -u "$db_user" -- "$@"; }
else
    data_root="$here/.local"
    mkdir -p "$data_root"
    as_db() { "$@"; }
fi
data="$data_root/pgdata"
log="$data_root/postgres.log"

is_running() { as_db "$pg_bin/pg_ctl" status -D "$data" >/dev/null 2>&1; }

case "${1:-start}" in
start)
    if [ ! -f "$data/PG_VERSION" ]; then
        echo "Creating the project database cluster in $data"
        as_db "$pg_bin/initdb" -D "$data" -U careerguide --auth=trust --encoding=UTF8 \
            --locale=C.UTF-8 >/dev/null
    fi
    if is_running; then
        echo "PostgreSQL already running on 127.0.0.1:$port"
    else
        as_db "$pg_bin/pg_ctl" start -D "$data" -l "$log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='$data_root'" \
            >/dev/null || { echo "PostgreSQL did not start; see $log" >&2; tail -n 20 "$log" >&2; exit 1; }
        echo "PostgreSQL running on 127.0.0.1:$port (data in $data)"
    fi
    if ! as_db "$pg_bin/psql" -h 127.0.0.1 -p "$port" -U careerguide -d postgres -Atqc \
        "SELECT 1 FROM pg_database WHERE datname = 'careerguide'" | grep -q 1; then
        as_db "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U careerguide careerguide
    fi
    ;;
stop)
    if is_running; then
        as_db "$pg_bin/pg_ctl" stop -D "$data" -m fast -w >/dev/null
        echo "PostgreSQL stopped"
    else
        echo "PostgreSQL was not running"
    fi
    ;;
status)
    if is_running; then echo "PostgreSQL running on 127.0.0.1:$port"; else echo "PostgreSQL stopped"; exit 3; fi
    ;;
*)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
