# Shared by scripts/demo.sh, scripts/test.sh and scripts/bench.sh (sourced, not run).
# Installs what a fresh Debian 12 machine lacks, builds and installs the extension, and runs a
# throwaway PostgreSQL 15 cluster: initdb into a temporary directory, listening only on a Unix
# socket in that directory (so any port number is free), stopped and removed on exit.

set -euo pipefail

# PG_BIN and DESTDIR may be set to run against a private copy of the PostgreSQL installation
# (the extension then installs under DESTDIR, without root): see Contributing in the README.
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
export PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config
PROJECT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

log() { printf '== %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Debian packages: PostgreSQL 15 server and headers, pgTAP, pg_prove; build tools.
ensure_packages() {
  local wanted=(postgresql-15 postgresql-server-dev-15 postgresql-15-pgtap libtap-parser-sourcehandler-pgtap-perl
                make gcc libc6-dev)
  local missing=() p
  for p in "${wanted[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  # the server package would create and start a cluster of its own; we only want the binaries
  if [ ! -e /etc/postgresql-common/createcluster.conf ]; then
    as_root mkdir -p /etc/postgresql-common
    echo 'create_main_cluster = false' | as_root tee /etc/postgresql-common/createcluster.conf >/dev/null
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${missing[@]}" >/dev/null
}

build_and_install() {
  log "building and installing the extension"
  make -C "$PROJECT_DIR" -s PG_CONFIG="$PG_CONFIG" >/dev/null
  if [ -n "${DESTDIR:-}" ]; then
    make -C "$PROJECT_DIR" -s PG_CONFIG="$PG_CONFIG" DESTDIR="$DESTDIR" install >/dev/null
  else
    as_root make -C "$PROJECT_DIR" -s PG_CONFIG="$PG_CONFIG" install >/dev/null
  fi
}

# Start the throwaway cluster; sets PGHOST, PGPORT, PGUSER for every client started afterwards.
CLUSTER_DIR=
CLUSTER_RUN=()
start_cluster() {
  CLUSTER_DIR=$(mktemp -d /tmp/iec62443p2-cluster.XXXXXX)
  chmod 755 "$CLUSTER_DIR"
  local run=()
  if [ "$(id -u)" -eq 0 ]; then
    # initdb refuses root: the server runs as the unprivileged postgres user
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    chown postgres: "$CLUSTER_DIR"
    run=(runuser -u postgres --)
    export PGUSER=postgres
  else
    export PGUSER=$(id -un)
  fi
  CLUSTER_RUN=("${run[@]}")
  trap stop_cluster EXIT
  export PGPORT=$(( 20000 + RANDOM % 20000 ))
  export PGHOST="$CLUSTER_DIR"
  export PGDATABASE=postgres
  "${CLUSTER_RUN[@]}" "$PG_BIN/initdb" -D "$CLUSTER_DIR/data" -U "$PGUSER" -A trust -E UTF8 --locale=C.UTF-8 >"$CLUSTER_DIR/initdb.log" 2>&1 \
    || { cat "$CLUSTER_DIR/initdb.log" >&2; return 1; }
  "${CLUSTER_RUN[@]}" "$PG_BIN/pg_ctl" -D "$CLUSTER_DIR/data" -l "$CLUSTER_DIR/server.log" -w -s \
    -o "-c listen_addresses='' -c unix_socket_directories='$CLUSTER_DIR' -p $PGPORT -c fsync=off -c max_parallel_workers_per_gather=2" start \
    || { cat "$CLUSTER_DIR/server.log" >&2; return 1; }
  log "throwaway cluster on socket $CLUSTER_DIR port $PGPORT"
}

stop_cluster() {
  local rc=$?
  if [ -n "$CLUSTER_DIR" ] && [ -d "$CLUSTER_DIR/data" ]; then
    "${CLUSTER_RUN[@]}" "$PG_BIN/pg_ctl" -D "$CLUSTER_DIR/data" -m immediate -s stop >/dev/null 2>&1 || true
    rm -rf "$CLUSTER_DIR"
  fi
  CLUSTER_DIR=
  return $rc
}

psql_q() { "$PG_BIN/psql" -X -v ON_ERROR_STOP=1 -q "$@"; }
