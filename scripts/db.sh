#!/usr/bin/env bash
# The project's private PostgreSQL server, used whenever DATABASE_URL is unset.
#   scripts/db.sh start   create it on first use (initdb), start it (pg_ctl); safe to repeat
#   scripts/db.sh stop    stop it; the data stays for the next start
#   scripts/db.sh status  say whether it runs
# It listens on 127.0.0.1 only, on CAREERGUIDE_PGPORT (default 54329), and admits only its own user
# with the password generated once into .local/db_password (SCRAM); its Unix socket sits in a
# directory other accounts cannot enter. Clusters made by earlier versions, which trusted every local
# connection, are secured in place on the next start, data kept. Production sets DATABASE_URL instead.
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

# .local/ holds the database password (and, as a normal user, the data): the checkout's owner's
# alone, so the app can read it whether it runs as that owner or as root, and nobody else can.
local_dir="$here/.local"
password_file="$local_dir/db_password"
mkdir -p "$local_dir"
chmod 700 "$local_dir"
if [ "$(id -u)" = 0 ]; then chown "$(stat -c %u:%g "$here")" "$local_dir"; fi

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
    data_root="$local_dir"
    as_db() { "$@"; }
fi
# The socket lives here: no other account may enter (root excepted, as always).
chmod 700 "$data_root"
data="$data_root/pgdata"
log="$data_root/postgres.log"
hba="$data/pg_hba.conf"
hba_marker="# scripts/db.sh: the project's own user only, with its password (SCRAM)"

is_running() { as_db "$pg_bin/pg_ctl" status -D "$data" >/dev/null 2>&1; }

# The database user's password, made once; settings.py reads it to build the embedded DATABASE_URL.
make_password() {
    (umask 077 && python3 -c "import secrets; print(secrets.token_urlsafe(32))" >"$password_file")
    if [ "$(id -u)" = 0 ]; then chown "$(stat -c %u:%g "$here")" "$password_file"; fi
}

# Give the careerguide user the password in .local/ and admit nobody else, in single-user mode
# (the server stopped), so no connection is ever trusted. Data is untouched.
secure_cluster() {
    if is_running; then
        as_db "$pg_bin/pg_ctl" stop -D "$data" -m fast -w >/dev/null
    fi
    # The password travels on stdin, never on a command line that `ps` would show.
    printf "SET password_encryption = 'scram-sha-256';\nALTER ROLE careerguide PASSWORD '%s';\n" \
        "$(cat "$password_file")" |
        as_db "$pg_bin/postgres" --single -c log_checkpoints=off -D "$data" postgres >/dev/null
    printf '%s\nlocal all careerguide scram-sha-256\nhost all careerguide 127.0.0.1/32 scram-sha-256\n' \
        "$hba_marker" | as_db tee "$hba" >/dev/null
}

case "${1:-start}" in
start)
    if [ ! -f "$data/PG_VERSION" ]; then
        echo "Creating the project database cluster in $data"
        # Trust only until secure_cluster below, which runs before the server first starts.
        as_db "$pg_bin/initdb" -D "$data" -U careerguide --auth=trust --encoding=UTF8 \
            --locale=C.UTF-8 >/dev/null
    fi
    new_password=no
    if [ ! -s "$password_file" ]; then make_password; new_password=yes; fi
    if [ "$(head -n 1 "$hba")" != "$hba_marker" ]; then
        echo "Securing the database: password authentication for the careerguide user only"
        secure_cluster
    elif [ "$new_password" = yes ]; then
        echo "Setting the database password anew (.local/db_password was missing)"
        secure_cluster
    fi
    if is_running; then
        echo "PostgreSQL already running on 127.0.0.1:$port"
    else
        options="-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='$data_root'"
        options+=" -c unix_socket_permissions=0700"
        as_db "$pg_bin/pg_ctl" start -D "$data" -l "$log" -w -t 60 -o "$options" \
            >/dev/null || { echo "PostgreSQL did not start; see $log" >&2; tail -n 20 "$log" >&2; exit 1; }
        echo "PostgreSQL running on 127.0.0.1:$port (data in $data)"
    fi
    export PGPASSWORD
    PGPASSWORD=$(cat "$password_file")
    if ! "$pg_bin/psql" -h 127.0.0.1 -p "$port" -U careerguide -d postgres -Atqc \
        "SELECT 1 FROM pg_database WHERE datname = 'careerguide'" | grep -q 1; then
        "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U careerguide careerguide
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
