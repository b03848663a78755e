#!/usr/bin/env bash
# A throw-away PostgreSQL server for the PostgreSQL store's tests and benchmark.
#
#   scripts/pg-test-server.sh start   # prints the URL to use, e.g. postgres://voterroll@127.0.0.1:54329/postgres
#   scripts/pg-test-server.sh stop    # stops it and deletes its data
#
# The cluster lives in $VOTERROLL_PG_DIR (default /tmp/voterroll-pg), listens on 127.0.0.1 port
# $VOTERROLL_PG_PORT (default 54329, or the next free one) with trust authentication, and does
# not fsync: it holds test data only. `start` reuses a server already running there. As root it runs the server as
# the `postgres` user (initdb refuses root). PostgreSQL 15 comes from Debian's postgresql package,
# installed here when missing.
set -euo pipefail

dir=${VOTERROLL_PG_DIR:-/tmp/voterroll-pg}
port=${VOTERROLL_PG_PORT:-54329}
url="postgres://voterroll@127.0.0.1:$port/postgres"

find_bin() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

bin=$(find_bin)
if [ -z "$bin" ] && [ "${1:-start}" = start ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >&2
        bin=$(find_bin)
    fi
    [ -n "$bin" ] || { echo "pg-test-server: PostgreSQL is not installed (apt-get install postgresql-15)" >&2; exit 1; }
fi

as_server() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-start}" in
start)
    if [ -f "$dir/data/postmaster.pid" ] && as_server "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
        if [ -f "$dir/port" ]; then
            echo "postgres://voterroll@127.0.0.1:$(cat "$dir/port")/postgres"
            exit 0
        fi
        # Running, but its port unknown (an older script started it): stopped and made anew.
        as_server "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    # Another server (another checkout's tests, another CI run) may hold the port: take the
    # next free one; the URL printed says which.
    while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
    url="postgres://voterroll@127.0.0.1:$port/postgres"
    rm -rf "$dir"
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    as_server "$bin/initdb" -D "$dir/data" -A trust -U voterroll -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    as_server "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "$port" >"$dir/port"
    echo "$url"
    ;;
stop)
    if [ -n "$bin" ] && [ -d "$dir/data" ]; then
        as_server "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
*)
    echo "usage: scripts/pg-test-server.sh start|stop" >&2
    exit 2
    ;;
esac
