#!/usr/bin/env bash
# pg_dump of the demo database restores into an empty database by the README's procedure, and
# every user table (the extension's configuration tables) has the same rows afterwards.
# Runs inside scripts/test.sh, which exports PGHOST/PGPORT/PGUSER of the throwaway cluster.
set -euo pipefail
cd "$(dirname "$0")/../.."
PG_BIN=/usr/lib/postgresql/15/bin
q() { "$PG_BIN/psql" -X -v ON_ERROR_STOP=1 -qAt "$@"; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

q -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS dump_src" -c "DROP DATABASE IF EXISTS dump_dst" -c "CREATE DATABASE dump_src" -c "CREATE DATABASE dump_dst"
q -d dump_src -c "CREATE EXTENSION iec62443p2"
for f in demo/[0-9]*.sql; do q -d dump_src -f "$f" >/dev/null; done
# the dashboard reads every view the demo fills; it must run without error
for f in demo/dashboard*.sql; do q -d dump_src -f "$f" >/dev/null; done
# user data beyond the demo: an access grant, a staged import row, a changed setting
q -d dump_src >/dev/null <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dump_test_reader') THEN CREATE ROLE dump_test_reader; END IF;
END $$;
SELECT iec62443p2.grant_access('dump_test_reader', 'reader');
INSERT INTO iec62443p2.asset_import (tag, name) VALUES ('STAGED-1', 'left in staging');
UPDATE iec62443p2.zone_exposure_setting SET ssvc_system_exposure = 'open' WHERE exposure = 'enterprise';
SQL

# the README's procedure
"$PG_BIN/pg_dump" -Fc -f "$work/demo.dump" dump_src
PGOPTIONS='-c session_replication_role=replica' "$PG_BIN/pg_restore" --exit-on-error -d dump_dst "$work/demo.dump"

fingerprint() {
  q -d "$1" <<'SQL'
SELECT c.relname || ' ' || (xpath('/row/n/text()', query_to_xml(format(
         'SELECT count(*) AS n FROM %s', c.oid::regclass), false, true, '')))[1]::text || ' '
       || (xpath('/row/h/text()', query_to_xml(format(
         'SELECT md5(coalesce(string_agg(t::text, E''\n'' ORDER BY t::text), '''')) AS h FROM %s t', c.oid::regclass), false, true, '')))[1]::text
FROM pg_extension e CROSS JOIN LATERAL unnest(e.extconfig) AS x(oid) JOIN pg_class c ON c.oid = x.oid
WHERE e.extname = 'iec62443p2' AND c.relkind = 'r'
ORDER BY 1;
SQL
}
fingerprint dump_src >"$work/src.txt"
fingerprint dump_dst >"$work/dst.txt"
if ! diff -u "$work/src.txt" "$work/dst.txt"; then
  echo "dump_restore: rows differ after restore" >&2; exit 1
fi
tables=$(wc -l <"$work/src.txt")
rows=$(awk '{s += $2} END {print s}' "$work/src.txt")
[ "$rows" -gt 250 ] || { echo "dump_restore: the demo loaded only $rows rows" >&2; exit 1; }
# the restored database works: new rows get fresh keys, the staging sequence continues
q -d dump_dst -c "INSERT INTO iec62443p2.asset_import (tag) VALUES ('AFTER-RESTORE')"
q -d dump_dst -c "SELECT iec62443p2.reapply_access()" >/dev/null
# privileges came back with the objects: the reader still reads names, never contact details
privileges=$(q -d dump_dst -c "SELECT has_column_privilege('dump_test_reader', 'iec62443p2.person', 'full_name', 'SELECT')
                                   AND NOT has_column_privilege('dump_test_reader', 'iec62443p2.person', 'email', 'SELECT')
                                   AND has_table_privilege('dump_test_reader', 'iec62443p2.asset_inventory', 'SELECT')")
[ "$privileges" = t ] || { echo "dump_restore: the reader's privileges did not survive the restore" >&2; exit 1; }
echo "dump_restore: $tables tables, $rows rows identical after restore"
q -c "DROP DATABASE dump_src" -c "DROP DATABASE dump_dst" -c "DROP ROLE dump_test_reader"
