#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on 127.0.0.1 for tests: `start` prints the admin URL, `stop` removes it.
# Installs PostgreSQL from Debian packages when absent. Trust auth, a non-default port, data in /tmp.
set -euo pipefail
PGPORT="${TIJIAN_PG_PORT:-55432}"
PGDATA="${TIJIAN_PG_DATA:-/tmp/tijian-pg-$PGPORT}"

bindir() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  echo "$d"
}

case "${1:-}" in
  start)
    if [ -z "$(bindir)" ]; then
      echo "installing PostgreSQL from Debian packages..." >&2
      apt-get update -qq >&2
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    fi
    BIN=$(bindir)
    id postgres >/dev/null 2>&1 || useradd --system --home /var/lib/postgresql postgres
    if [ -f "$PGDATA/postmaster.pid" ]; then runuser -u postgres -- "$BIN/pg_ctl" -D "$PGDATA" -m fast stop >&2 || true; fi
    rm -rf "$PGDATA" && mkdir -p "$PGDATA" && chown postgres "$PGDATA"
    runuser -u postgres -- "$BIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    runuser -u postgres -- "$BIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w \
      -o "-p $PGPORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >&2
    echo "postgres://postgres@127.0.0.1:$PGPORT/postgres"
    ;;
  stop)
    BIN=$(bindir)
    if [ -n "$BIN" ] && [ -f "$PGDATA/postmaster.pid" ]; then runuser -u postgres -- "$BIN/pg_ctl" -D "$PGDATA" -m fast stop >&2; fi
    rm -rf "$PGDATA"
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
