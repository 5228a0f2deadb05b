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
for f in demo/[0-9]*.sql; do psql_q -f "$f" >/dev/null; done
# the dashboard: its overview first, then one section file per capability
for f in demo/dashboard.sql demo/dashboard_*.sql; do [ -f "$f" ] && psql_q -f "$f"; done

if $keep; then
  trap - EXIT
  log "cluster kept running. Connect:  psql -h $PGHOST -p $PGPORT -U $PGUSER $PGDATABASE"
  log "stop it:  ${CLUSTER_RUN[*]} $PG_BIN/pg_ctl -D $CLUSTER_DIR/data stop && rm -rf $CLUSTER_DIR"
fi
