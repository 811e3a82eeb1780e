#!/usr/bin/env bash
# A throwaway PostgreSQL for tests and CI: initdb into a temp folder, a free port on 127.0.0.1,
# one database. `start` (idempotent), `url` (starts it when needed, prints the postgres:// URL),
# `stop` (stops it and deletes the folder). Quiet on success; one line on stderr on failure.
# As root the server runs as the `postgres` user (initdb refuses root).
set -uo pipefail

repo_root=$(cd "$(dirname "$0")/.." && pwd)
# One server per checkout, so worktrees on one machine do not share (or stop) each other's.
state=${PG_THROWAWAY_DIR:-${TMPDIR:-/tmp}/factcheck-pg-$(printf '%s' "$repo_root" | cksum | cut -d' ' -f1)}
database=workbench

fail() { echo "pg-throwaway: $*" >&2; exit 1; }

# Only a folder this script made (it holds the marker) is ever deleted.
MARKER=.pg-throwaway
ours() { [ -f "$state/$MARKER" ]; }

bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] || dir=$(dirname "$(command -v pg_ctl 2>/dev/null || echo /nonexistent/pg_ctl)")
  [ -x "$dir/pg_ctl" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_isready" ] || fail "no PostgreSQL found (apt-get install postgresql)"
  echo "$dir"
}

# Runs a PostgreSQL binary as the server's owner.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Accepting connections (pg_ctl status would also count a server killed but not yet reaped).
running() { ours && [ -f "$state/port" ] && "$(bindir)/pg_isready" -q -h 127.0.0.1 -p "$(cat "$state/port")" -t 2; }

free_port() {
  node -e 'const s = require("node:net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

start() {
  running && return 0
  local bin port password
  bin=$(bindir) || exit 1
  if [ -e "$state" ]; then
    ours || fail "$state exists and was not made by this script; set PG_THROWAWAY_DIR to a new folder"
    stop
  fi
  mkdir -p "$state" 2>/dev/null || fail "cannot create $state"
  chmod 700 "$state"
  touch "$state/$MARKER"
  [ "$(id -u)" = 0 ] && chown postgres: "$state"
  password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
  printf '%s\n' "$password" >"$state/password"
  [ "$(id -u)" = 0 ] && chown postgres: "$state/password"
  as_owner "$bin/initdb" -D "$state/data" -U postgres -A scram-sha-256 --pwfile="$state/password" \
    -E UTF8 --locale=C.UTF-8 >"$state/initdb.log" 2>&1 || fail "initdb failed, see $state/initdb.log"
  port=$(free_port) || fail "no free port"
  as_owner "$bin/pg_ctl" start -w -t 30 -D "$state/data" -l "$state/server.log" \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $state -c fsync=off" >/dev/null 2>&1 \
    || fail "server did not start, see $state/server.log"
  printf '%s\n' "$port" >"$state/port"
  PGPASSWORD=$password "$bin/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
    -c "CREATE DATABASE $database" >"$state/createdb.log" 2>&1 || fail "CREATE DATABASE failed, see $state/createdb.log"
}

url() {
  start
  printf 'postgres://postgres:%s@127.0.0.1:%s/%s\n' "$(cat "$state/password")" "$(cat "$state/port")" "$database"
}

stop() {
  [ -d "$state" ] || return 0
  ours || fail "$state was not made by this script; not deleting it"
  if [ -d "$state/data" ]; then
    as_owner "$(bindir)/pg_ctl" stop -D "$state/data" -m fast -w -t 10 >/dev/null 2>&1 \
      || as_owner "$(bindir)/pg_ctl" stop -D "$state/data" -m immediate -w -t 10 >/dev/null 2>&1 || true
  fi
  rm -rf "$state"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) url ;;
  *) fail "usage: $0 start|stop|url" ;;
esac
