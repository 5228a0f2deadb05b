#!/usr/bin/env bash
# The demo: installs what is missing, builds and installs the extension, starts a throwaway
# cluster, loads the sample program (a fictional utility) and prints the dashboard.
# With --keep the cluster stays up afterwards and the script prints how to connect and stop it.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

keep=false
[ "${1:-}" = "--keep" ] && keep=true

ensure_packages
build_and_install
start_cluster
cd "$PROJECT_DIR"

psql_q -c "CREATE DATABASE iec62443p2_demo"
export PGDATABASE=iec62443p2_demo
psql_q -c "CREATE EXTENSION iec62443p2"
log "loading the sample program"
psql_q -f demo/sample_program.sql >/dev/null
psql_q -f demo/dashboard.sql

if $keep; then
  trap - EXIT
  log "cluster kept running. Connect:  psql -h $PGHOST -p $PGPORT -U $PGUSER $PGDATABASE"
  log "stop it:  ${CLUSTER_RUN[*]} $PG_BIN/pg_ctl -D $CLUSTER_DIR/data stop && rm -rf $CLUSTER_DIR"
fi
