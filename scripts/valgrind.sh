#!/usr/bin/env bash
# The pg_regress suite with the server under valgrind memcheck.  Clean means: no valgrind report
# with a frame in the extension (iec62443p2.so).  Debian's server is built without valgrind
# support (no USE_VALGRIND), so memcheck sees palloc'd chunks only as whole memory-context
# blocks: it catches invalid reads and writes outside those blocks and uses of undefined bytes,
# not overruns inside a block; the fuzzers (test/fuzz) cover the cores more closely.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_packages valgrind
build_and_install

CLUSTER_DIR=$(mktemp -d /tmp/iec62443p2-valgrind.XXXXXX)
chmod 755 "$CLUSTER_DIR"
CLUSTER_RUN=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres: "$CLUSTER_DIR"; CLUSTER_RUN=(runuser -u postgres --); export PGUSER=postgres
else
  export PGUSER=$(id -un)
fi
trap stop_cluster EXIT
export PGHOST="$CLUSTER_DIR" PGPORT=$(( 20000 + RANDOM % 20000 )) PGDATABASE=postgres
"${CLUSTER_RUN[@]}" "$PG_BIN/initdb" -D "$CLUSTER_DIR/data" -U "$PGUSER" -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
log "starting the server under valgrind (slow)"
"${CLUSTER_RUN[@]}" valgrind --quiet --trace-children=yes --track-origins=yes --read-var-info=yes \
  --suppressions="$PROJECT_DIR/test/valgrind.supp" --error-limit=no \
  --log-file="$CLUSTER_DIR/valgrind.%p.log" \
  "$PG_BIN/postgres" -D "$CLUSTER_DIR/data" -c listen_addresses='' -c unix_socket_directories="$CLUSTER_DIR" \
  -p "$PGPORT" -c fsync=off -c max_parallel_workers_per_gather=0 >"$CLUSTER_DIR/server.log" 2>&1 &
for _ in $(seq 1 120); do "$PG_BIN/pg_isready" -q && break; sleep 1; done
"$PG_BIN/pg_isready" -q || { cat "$CLUSTER_DIR/server.log"; exit 1; }

cd "$PROJECT_DIR"
rc=0
make -s PG_CONFIG="$PG_CONFIG" installcheck || rc=$?
"${CLUSTER_RUN[@]}" "$PG_BIN/pg_ctl" -D "$CLUSTER_DIR/data" -m fast -w -s stop || true
cat "$CLUSTER_DIR"/valgrind.*.log > "$PROJECT_DIR/valgrind.log"

reports=$(cat "$CLUSTER_DIR"/valgrind.*.log | grep -c '^==[0-9]*== [A-Z].*\(Invalid\|uninitialised\|Conditional jump\|Mismatched\|overlap\)' || true)
# a frame of ours shows the library or, with debug symbols, one of our source files
ours_re="iec62443p2|$(cd "$PROJECT_DIR/src" && ls *.c | paste -sd'|')"
ours=$(awk -v re="$ours_re" '/^==[0-9]+== [A-Z]/ {blk=$0; next} $0 ~ re {print blk}' "$CLUSTER_DIR"/valgrind.*.log | sort -u)
log "valgrind: $(ls "$CLUSTER_DIR"/valgrind.*.log | wc -l) processes traced, $reports reports in all"
if [ -n "$ours" ]; then
  log "reports with a frame in iec62443p2.so:"; grep -h -E -B5 -A30 "$ours_re" "$CLUSTER_DIR"/valgrind.*.log | head -200
  exit 1
fi
log "no report with a frame in the extension"
exit $rc
