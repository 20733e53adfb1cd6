#!/usr/bin/env bash
# Throwaway PostgreSQL clusters on 127.0.0.1 for the push-down tests and for developers.
#
#   scripts/postgres.sh start [name...]   create (first time) and start clusters; default name: norma
#   scripts/postgres.sh url [name]        the cluster's connection URL (postgres://norma:...@127.0.0.1:PORT/norma)
#   scripts/postgres.sh env [name...]     export lines for the tests: NORMA_TEST_POSTGRES_URL (the first name)
#                                         and NORMA_TEST_POSTGRES_SHARDS (the others, space-separated)
#   scripts/postgres.sh stop [name...]    stop and delete clusters; with no name, every cluster this script made
#
# Idempotent: starting a running cluster or stopping a missing one does nothing. Each cluster lives in
# $NORMA_PG_ROOT/<name> (default /tmp/norma-pg), listens on 127.0.0.1 only, on the first free port from
# 55432, with a random password for the role `norma` (scram-sha-256). Durability is switched off: the
# data is for tests. Run as root, the server runs as the `postgres` user (initdb refuses root); otherwise
# as you. Needs PostgreSQL 13+ server binaries (Debian: apt-get install postgresql).
set -euo pipefail

root="${NORMA_PG_ROOT:-/tmp/norma-pg}"

bindir() {
    if [ -n "${NORMA_PG_BIN:-}" ]; then echo "$NORMA_PG_BIN"; return; fi
    local d
    d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    if [ -n "$d" ] && [ -x "$d/initdb" ]; then echo "$d"; return; fi
    if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then pg_config --bindir; return; fi
    echo "postgres.sh: no PostgreSQL server found; on Debian: apt-get install -y postgresql" >&2
    exit 2
}

# Runs a command as the cluster's owner.
as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

port_free() {
    ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

running() {
    [ -f "$root/$1/data/postmaster.pid" ] && as_owner "$(bindir)/pg_ctl" -D "$root/$1/data" status >/dev/null 2>&1
}

start_one() {
    local name="$1" dir="$root/$1" bin
    bin="$(bindir)"
    case "$name" in (*[!A-Za-z0-9_-]*|'') echo "postgres.sh: a cluster name is letters, digits, - and _: '$name'" >&2; exit 2;; esac
    if running "$name"; then return; fi
    mkdir -p "$root"
    chmod 755 "$root"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
        rm -rf "$dir"
        mkdir -p "$dir"
        local port=55432
        while ! port_free "$port" || grep -qx "$port" "$root"/*/port 2>/dev/null; do port=$((port + 1)); done
        echo "$port" >"$dir/port"
        head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$dir/password"
        chmod 600 "$dir/password"
        if [ "$(id -u)" = 0 ]; then chown -R postgres: "$dir"; fi
        as_owner "$bin/initdb" -D "$dir/data" -U norma --pwfile="$dir/password" --auth-local=trust \
            --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
            || { cat "$dir/initdb.log" >&2; exit 1; }
        cat >>"$dir/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 40
shared_buffers = 256MB
max_worker_processes = 4
max_parallel_workers_per_gather = 2
timezone = 'UTC'
# Query compilation costs a second per statement on small test tables and gains nothing here.
jit = off
EOF
    fi
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null \
        || { tail -n 20 "$dir/server.log" >&2; exit 1; }
    # The database `norma` (the role exists from initdb).
    if ! as_owner "$bin/psql" -h "$dir" -p "$(cat "$dir/port")" -U norma -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = 'norma'" | grep -q 1; then
        as_owner "$bin/createdb" -h "$dir" -p "$(cat "$dir/port")" -U norma norma
    fi
}

url_of() {
    local dir="$root/$1"
    [ -f "$dir/port" ] || { echo "postgres.sh: no cluster '$1' (run: scripts/postgres.sh start $1)" >&2; exit 2; }
    echo "postgres://norma:$(cat "$dir/password")@127.0.0.1:$(cat "$dir/port")/norma"
}

stop_one() {
    local dir="$root/$1"
    [ -d "$dir" ] || return 0
    if [ -f "$dir/data/postmaster.pid" ]; then
        as_owner "$(bindir)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
}

command="${1:-}"
shift || true
case "$command" in
    start)
        [ $# -gt 0 ] || set -- norma
        for name in "$@"; do start_one "$name"; done
        ;;
    url)
        url_of "${1:-norma}"
        ;;
    env)
        [ $# -gt 0 ] || set -- norma
        echo "export NORMA_TEST_POSTGRES_URL='$(url_of "$1")'"
        shift
        shards=()
        for name in "$@"; do shards+=("$(url_of "$name")"); done
        echo "export NORMA_TEST_POSTGRES_SHARDS='${shards[*]:-}'"
        ;;
    stop)
        if [ $# -eq 0 ]; then
            for dir in "$root"/*/; do [ -d "$dir" ] && stop_one "$(basename "$dir")"; done
            rmdir "$root" 2>/dev/null || true
        else
            for name in "$@"; do stop_one "$name"; done
        fi
        ;;
    *)
        sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
        [ "$command" = help ] || [ "$command" = --help ] || exit 2
        ;;
esac
