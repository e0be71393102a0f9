#!/usr/bin/env bash
# Throw-away PostgreSQL server for the ledger tests.
#   tools/pg_test_server.sh start   -> prints a DSN (postgresql://...) on stdout
#   tools/pg_test_server.sh stop    -> stops the server and deletes its directory
# The cluster lives in a temp dir (path kept in $PG_TEST_STATE, default
# /tmp/sportsgov-pg-test.state), listens on 127.0.0.1 at a free port and on a unix
# socket in the same dir, trust auth, fsync on. Runs as the `postgres` user when
# started by root (initdb refuses root). Needs the PostgreSQL server binaries
# (Debian: apt-get install postgresql; found under /usr/lib/postgresql/*/bin).
set -euo pipefail
state=${PG_TEST_STATE:-/tmp/sportsgov-pg-test.state}

find_bin() {
  local d
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return; fi
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$d" ] && [ -x "$d/initdb" ] || { echo "error: initdb not found (apt-get install postgresql)" >&2; exit 2; }
  echo "$d"
}

as_owner() {  # run a command as the cluster owner
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    [ -f "$state" ] && { echo "error: already started (state in $state); stop it first" >&2; exit 1; }
    bin=$(find_bin)
    dir=$(mktemp -d /tmp/sportsgov-pg.XXXXXX)
    chmod 755 "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_owner "$bin/initdb" -D "$dir/data" -U sportsgov --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=50" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    printf '%s\n%s\n%s\n' "$dir" "$bin" "$port" >"$state"
    echo "postgresql://sportsgov@127.0.0.1:${port}/postgres"
    ;;
  stop)
    [ -f "$state" ] || { echo "not running (no $state)" >&2; exit 0; }
    { read -r dir; read -r bin; read -r _port; } <"$state"
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir" "$state"
    ;;
  *)
    echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
