#!/usr/bin/env bash
# Runs every test: pg_regress (sql/ + expected/), pgTAP (test/*.sql with pg_prove) and the shell
# tests (test/shell/*.sh), against a throwaway cluster.  Ends with one line "N passed, N failed".
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_packages
build_and_install
start_cluster
cd "$PROJECT_DIR"

passed=0
failed=0

log "pg_regress"
rm -rf results regression.diffs regression.out
regress_log="$CLUSTER_DIR/pg_regress.log"
regress_rc=0
make -s PG_CONFIG="$PG_CONFIG" installcheck >"$regress_log" 2>&1 || regress_rc=$?
cat "$regress_log"
n_ok=$(grep -cE '\.\.\. ok' "$regress_log" || true)
n_bad=$(grep -cE '\.\.\. (FAILED|failed)' "$regress_log" || true)
if [ "$regress_rc" -ne 0 ] && [ "$n_bad" -eq 0 ]; then n_bad=1; fi   # pg_regress itself broke
[ -f regression.diffs ] && head -200 regression.diffs
passed=$((passed + n_ok)); failed=$((failed + n_bad))

log "pgTAP"
tap_files=$(ls test/*.sql | wc -l)
tap_ok=0
# a broken install script fails every pgTAP file, and the summary line is still printed
if psql_q -c "CREATE DATABASE iec62443p2_tap" &&
   psql_q -d iec62443p2_tap -c "CREATE EXTENSION pgtap; CREATE EXTENSION iec62443p2;"; then
  tap_out=$(mktemp)
  pg_prove -d iec62443p2_tap --ext .sql test/*.sql 2>&1 | tee "$tap_out" || true
  tap_ok=$(grep -cE '^test/[^ ]+\.sql \.+ ok' "$tap_out" || true)
  rm -f "$tap_out"
fi
passed=$((passed + tap_ok)); failed=$((failed + tap_files - tap_ok))

log "shell tests"
shopt -s nullglob
for t in test/shell/*.sh; do
  if bash "$t"; then
    echo "$t .. ok"; passed=$((passed + 1))
  else
    echo "$t .. FAILED"; failed=$((failed + 1))
  fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
