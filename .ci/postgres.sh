#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on 127.0.0.1 for tests: `start` prints the admin URL, `replica` starts a streaming
# read replica (a hot standby) of it on the next port and prints its URL, `stop` removes both.
# Installs PostgreSQL from Debian packages when absent. Trust auth, a non-default port, data in /tmp.
set -euo pipefail
PGPORT="${TIJIAN_PG_PORT:-55432}"
PGDATA="${TIJIAN_PG_DATA:-/tmp/tijian-pg-$PGPORT}"
REPLICA_PORT=$((PGPORT + 1))
REPLICA_DATA="/tmp/tijian-pg-replica-$REPLICA_PORT"

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
    if [ -f "$REPLICA_DATA/postmaster.pid" ]; then runuser -u postgres -- "$BIN/pg_ctl" -D "$REPLICA_DATA" -m fast stop >&2 || true; fi
    rm -rf "$REPLICA_DATA"
    if [ -f "$PGDATA/postmaster.pid" ]; then runuser -u postgres -- "$BIN/pg_ctl" -D "$PGDATA" -m fast stop >&2 || true; fi
    rm -rf "$PGDATA" && mkdir -p "$PGDATA" && chown postgres "$PGDATA"
    runuser -u postgres -- "$BIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    runuser -u postgres -- "$BIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w \
      -o "-p $PGPORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200 -c wal_keep_size=1GB" start >&2
    echo "postgres://postgres@127.0.0.1:$PGPORT/postgres"
    ;;
  replica)
    # a base backup of the running primary (`start` first), written with the standby settings (-R), started as a
    # hot standby that streams the primary's WAL: reads only, what a production read replica is
    BIN=$(bindir)
    if [ -f "$REPLICA_DATA/postmaster.pid" ]; then runuser -u postgres -- "$BIN/pg_ctl" -D "$REPLICA_DATA" -m fast stop >&2 || true; fi
    rm -rf "$REPLICA_DATA" && mkdir -p "$REPLICA_DATA" && chown postgres "$REPLICA_DATA" && chmod 700 "$REPLICA_DATA"
    # a replication slot keeps the primary's WAL until the replica has it (busy test runs recycle segments fast)
    runuser -u postgres -- "$BIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -qAt -c \
      "select pg_drop_replication_slot('tijian_replica') from pg_replication_slots where slot_name = 'tijian_replica'" >/dev/null
    runuser -u postgres -- "$BIN/pg_basebackup" -h 127.0.0.1 -p "$PGPORT" -U postgres -D "$REPLICA_DATA" -R -X stream -C -S tijian_replica >&2
    runuser -u postgres -- "$BIN/pg_ctl" -D "$REPLICA_DATA" -l "$REPLICA_DATA/server.log" -w \
      -o "-p $REPLICA_PORT -k /tmp -c listen_addresses=127.0.0.1 -c hot_standby=on -c max_connections=200" start >&2
    echo "postgres://postgres@127.0.0.1:$REPLICA_PORT/postgres"
    ;;
  stop)
    BIN=$(bindir)
    if [ -n "$BIN" ] && [ -f "$REPLICA_DATA/postmaster.pid" ]; then runuser -u postgres -- "$BIN/pg_ctl" -D "$REPLICA_DATA" -m fast stop >&2; fi
    rm -rf "$REPLICA_DATA"
    if [ -n "$BIN" ] && [ -f "$PGDATA/postmaster.pid" ]; then runuser -u postgres -- "$BIN/pg_ctl" -D "$PGDATA" -m fast stop >&2; fi
    rm -rf "$PGDATA"
    ;;
  *)
    echo "usage: $0 start|replica|stop" >&2
    exit 2
    ;;
esac
