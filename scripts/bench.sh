#!/usr/bin/env bash
# make bench: every benchmark in bench/*.sql on a throwaway cluster, printing its figures and ratios.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_packages
build_and_install
start_cluster
cd "$PROJECT_DIR"
log "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}')"
for b in bench/${1:-*}.sql; do
  name=$(basename "$b" .sql)
  log "benchmark $name"
  psql_q -c "CREATE DATABASE bench_$name"
  psql_q -d "bench_$name" -c "CREATE EXTENSION iec62443p2"
  psql_q -d "bench_$name" -f bench/lib/timing.sql -f "$b"
done
