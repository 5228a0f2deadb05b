#!/usr/bin/env bash
# Every release can be reached by upgrade: for each released full script releases/iec62443p2--V.sql,
# a database created at V, holding an organisation, then ALTER EXTENSION ... UPDATE, has the same
# catalogue as a fresh CREATE EXTENSION of the current version: every member object with its
# definition, comment and privileges (pg_dump --binary-upgrade lists extension members one by one),
# and the same rows in every table, shipped catalogues and organisation settings alike.
# Runs inside scripts/test.sh, which exports PGHOST/PGPORT/PGUSER of the throwaway cluster.
set -euo pipefail
cd "$(dirname "$0")/../.."
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
q() { "$PG_BIN/psql" -X -v ON_ERROR_STOP=1 -qAt "$@"; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
current=$(sed -n "s/^default_version = '\(.*\)'/\1/p" iec62443p2.control)

# The schema without what differs by construction: OIDs, and pg_dump's own header lines.
schema_of() {
  "$PG_BIN/pg_dump" --schema-only --binary-upgrade --no-owner "$1" |
    grep -v -e 'binary_upgrade_set_next_' -e '^--' -e '^$' -e 'binary_upgrade_set_record_init_privs' \
            -e 'relfrozenxid' -e 'relminmxid' -e 'datfrozenxid' -e 'datminmxid' -e 'pg_database' \
            -e "^WHERE oid = '[0-9]*';\$" -e '^\\restrict ' -e '^\\unrestrict ' |
    sed -e "s/'{[0-9,]*}'/'{config table oids}'/"    # the names are compared by rows_of
}
# Every row of every table of the extension, ids and times aside (they differ between two runs).
rows_of() {
  q -d "$1" <<'SQL'
SELECT c.relname || ': ' || (xpath('/row/h/text()', query_to_xml(format(
         'SELECT md5(coalesce(string_agg(r, E''\n'' ORDER BY r), '''')) AS h FROM (SELECT (SELECT string_agg(kv.key || ''='' || kv.value, '','' ORDER BY kv.key) FROM jsonb_each_text(to_jsonb(t)) kv WHERE kv.key NOT IN (''id'', ''organization_id'', ''created_at'', ''updated_at'') AND kv.key NOT LIKE ''%%\_id'' AND kv.key NOT LIKE ''%%\_at'') AS r FROM %s t) s', c.oid::regclass), false, true, '')))[1]::text
FROM pg_depend d JOIN pg_class c ON c.oid = d.objid
WHERE d.refclassid = 'pg_extension'::regclass AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'iec62443p2')
  AND d.classid = 'pg_class'::regclass AND c.relkind = 'r'
UNION ALL
SELECT 'configuration tables dumped: ' || string_agg(x.oid::regclass::text || coalesce(' ' || nullif(x.cond, ''), ''), ', ' ORDER BY x.oid::regclass::text)
FROM pg_extension e CROSS JOIN LATERAL unnest(e.extconfig, e.extcondition) AS x(oid, cond)
WHERE e.extname = 'iec62443p2'
ORDER BY 1;
SQL
}

# A shipped version's scripts are frozen: its sources must still build exactly them.
if [ -e "releases/iec62443p2--$current.sql" ]; then
  from=$(sed -n 's/^UPGRADE_FROM *= *//p' Makefile)
  for script in "iec62443p2--$current.sql" "iec62443p2--$from--$current.sql"; do
    make -s -B "$script" >/dev/null
    if ! cmp -s "$script" "releases/$script"; then
      rm -f "$script"
      echo "upgrade: $current is released, but the sources no longer build releases/$script: start a new version" >&2
      exit 1
    fi
    rm -f "$script"
  done
fi

checked=0
for full in releases/iec62443p2--*.sql; do
  from=$(basename "$full" .sql); from=${from#iec62443p2--}
  case $from in *--*) continue ;; esac          # an upgrade script, not a full one
  [ "$from" = "$current" ] && continue
  q -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS upgrade_old" -c "DROP DATABASE IF EXISTS upgrade_new" \
    -c "CREATE DATABASE upgrade_old" -c "CREATE DATABASE upgrade_new"
  q -c "DO \$\$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'upgrade_test_analyst') THEN CREATE ROLE upgrade_test_analyst; END IF; END \$\$"
  q -d upgrade_old -c "CREATE EXTENSION iec62443p2 VERSION '$from'"
  # an organisation created before the upgrade gets the settings the new version adds, and a role
  # granted access before it gets the privileges the new version's objects call for
  q -d upgrade_old -c "INSERT INTO iec62443p2.organization (code, name) VALUES ('UPG', 'Upgraded organisation')"
  q -d upgrade_old -c "SELECT iec62443p2.grant_access('upgrade_test_analyst', 'analyst')" >/dev/null
  q -d upgrade_old -c "ALTER EXTENSION iec62443p2 UPDATE"
  version=$(q -d upgrade_old -c "SELECT extversion FROM pg_extension WHERE extname = 'iec62443p2'")
  [ "$version" = "$current" ] || { echo "upgrade: $from updated to $version, not $current" >&2; exit 1; }
  q -d upgrade_new -c "CREATE EXTENSION iec62443p2"
  q -d upgrade_new -c "INSERT INTO iec62443p2.organization (code, name) VALUES ('UPG', 'Upgraded organisation')"
  q -d upgrade_new -c "SELECT iec62443p2.grant_access('upgrade_test_analyst', 'analyst')" >/dev/null

  schema_of upgrade_old >"$work/old.sql"
  schema_of upgrade_new >"$work/new.sql"
  if ! diff -u "$work/new.sql" "$work/old.sql"; then
    echo "upgrade: $from -> $current differs from a fresh $current install (- fresh, + upgraded)" >&2; exit 1
  fi
  rows_of upgrade_old >"$work/old.rows"
  rows_of upgrade_new >"$work/new.rows"
  if ! diff -u "$work/new.rows" "$work/old.rows"; then
    echo "upgrade: $from -> $current leaves different rows than a fresh $current install" >&2; exit 1
  fi
  objects=$(grep -c '^ALTER EXTENSION iec62443p2 ADD' "$work/new.sql")
  echo "upgrade: $from -> $current identical to a fresh install ($objects member objects, $(wc -l <"$work/new.rows") tables)"
  checked=$((checked + 1))
  q -c "DROP DATABASE upgrade_old" -c "DROP DATABASE upgrade_new"
done
q -c "DROP ROLE upgrade_test_analyst"
[ "$checked" -gt 0 ] || { echo "upgrade: no released version to upgrade from" >&2; exit 1; }
