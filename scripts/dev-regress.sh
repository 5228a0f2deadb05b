#!/usr/bin/env bash
# Development helper: build, install and run the named pg_regress tests on a throwaway cluster.
# The actual output of each test is left in /tmp/regress-out/<test>.out.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
[ $# -gt 0 ] || { echo "usage: $0 test [test...]" >&2; exit 2; }
build_and_install
start_cluster
cd "$PROJECT_DIR"
outdir=$(mktemp -d /tmp/regress-run.XXXXXX)
mkdir -p /tmp/regress-out
rc=0
"$PG_BIN/../lib/pgxs/src/test/regress/pg_regress" --inputdir=. --outputdir="$outdir" --bindir="$PG_BIN" \
  --dbname=dev_regression "$@" || rc=$?
for t in "$@"; do cp "$outdir/results/$t.out" /tmp/regress-out/ 2>/dev/null || true; done
[ -f "$outdir/regression.diffs" ] && cat "$outdir/regression.diffs"
rm -rf "$outdir"
exit $rc
