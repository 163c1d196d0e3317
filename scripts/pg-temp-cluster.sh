#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests: a temporary directory, a free loopback port.
#   eval "$(scripts/pg-temp-cluster.sh start)"   # exports DATABASE_URL and PG_TEMP_DIR
#   scripts/pg-temp-cluster.sh stop              # stops it and removes the directory
# Needs Debian's postgresql package (apt-get install -y postgresql). Runs as a non-root
# user when started as root, because PostgreSQL refuses to run as root.
set -euo pipefail

bindir=$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -n 1)
[ -n "$bindir" ] || { echo "PostgreSQL is not installed: apt-get install -y postgresql" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    dir=$(mktemp -d /tmp/tasklane-pg.XXXXXX)
    port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    as_owner "$bindir/initdb" -D "$dir/data" -U tasklane --auth=trust > "$dir/initdb.log"
    # max_connections: `npm run bench` runs 13 app processes, each with the app's pool of 10.
    as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off -c max_connections=200" start > /dev/null
    as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U tasklane tasklane_test
    echo "export PG_TEMP_DIR=$dir"
    echo "export DATABASE_URL=postgres://tasklane@127.0.0.1:$port/tasklane_test"
    ;;
  stop)
    dir="${PG_TEMP_DIR:?set PG_TEMP_DIR (printed by start)}"
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop > /dev/null || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
