#!/usr/bin/env bash
# Continuous supplier monitoring across connections: a second session LISTENing on
# iec62443p2_supplier_risk receives exactly one notification, at commit, when a completed
# assessment changes a supplier's risk level, with the JSON payload (supplier, old level, new
# level, severity); nothing while the writer's transaction is open, nothing for a rolled-back one,
# nothing for an unchanged level.  On iec62443p2_supplier_compliance: one notification when open
# critical findings pass the tolerated 0, none for the next while that alert is open.  Runs inside scripts/test.sh (PGHOST/PGPORT/PGUSER exported).
set -euo pipefail
cd "$(dirname "$0")/../.."
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
db=supplier_notify
q() { "$PG_BIN/psql" -X -v ON_ERROR_STOP=1 -qAt "$@"; }
work=$(mktemp -d)
listener_pid= writer_pid=
cleanup() {
  exec 3>&- 4>&- 2>/dev/null || true
  [ -n "$listener_pid" ] && kill "$listener_pid" 2>/dev/null || true
  [ -n "$writer_pid" ] && kill "$writer_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "supplier_notify: $*" >&2; echo "--- listener output:" >&2; cat "$work/listener.out" >&2 || true; exit 1; }

q -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
q -d "$db" >/dev/null <<'SQL'
CREATE EXTENSION iec62443p2;
INSERT INTO iec62443p2.organization (id, code, name) VALUES
  ('00000000-0000-0000-0000-0000000000a1', 'AO', 'Asset Owner'), ('00000000-0000-0000-0000-0000000000b1', 'SUPX', 'Supplier X');
INSERT INTO iec62443p2.organization_role (organization_id, role) VALUES
  ('00000000-0000-0000-0000-0000000000a1', 'asset_owner'), ('00000000-0000-0000-0000-0000000000b1', 'service_provider');
INSERT INTO iec62443p2.organization_relationship (organization_id, counterpart_id, relationship) VALUES
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000b1', 'service_provider');
INSERT INTO iec62443p2.supplier (organization_id, id, supplier_org_id, declared_criticality) VALUES
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000005b1', '00000000-0000-0000-0000-0000000000b1', 5);
-- assess(id, at, good): a draft assessment answering every starter question well (good) or badly
CREATE FUNCTION public.assess(assessment uuid, at timestamptz, good boolean) RETURNS void LANGUAGE sql AS $$
  INSERT INTO iec62443p2.supplier_assessment (organization_id, id, supplier_id, assessed_at)
  VALUES ('00000000-0000-0000-0000-0000000000a1', assessment, '00000000-0000-0000-0000-0000000005b1', at);
  INSERT INTO iec62443p2.supplier_assessment_answer (organization_id, assessment_id, question_id, answer_yes)
  SELECT q.organization_id, assessment, q.id, q.yes_is_good = good
  FROM iec62443p2.supplier_question q WHERE q.organization_id = '00000000-0000-0000-0000-0000000000a1';
$$;
-- a first assessment at low: no alert, no notification
SELECT public.assess('00000000-0000-0000-0000-00000000e001', '2025-01-01', true);
UPDATE iec62443p2.supplier_assessment SET status = 'completed' WHERE id = '00000000-0000-0000-0000-00000000e001';
SQL

# two long-lived sessions fed through fifos
mkfifo "$work/listener.in" "$work/writer.in"
"$PG_BIN/psql" -X -qAt -v ON_ERROR_STOP=1 -d "$db" <"$work/listener.in" >"$work/listener.out" 2>&1 & listener_pid=$!
exec 3>"$work/listener.in"
"$PG_BIN/psql" -X -qAt -v ON_ERROR_STOP=1 -d "$db" <"$work/writer.in" >"$work/writer.out" 2>&1 & writer_pid=$!
exec 4>"$work/writer.in"

# wait until a marker appears in a file (the session has run everything sent before it)
await() {
  local file=$1 marker=$2 i
  for i in $(seq 1 200); do grep -qx "$marker" "$file" && return 0; sleep 0.05; done
  fail "timed out waiting for $marker in $(basename "$file")"
}
listener() { echo "$1" >&3; }
writer() { echo "$1" >&4; }
notifications() { grep -c '^Asynchronous notification "iec62443p2_supplier_risk"' "$work/listener.out" || true; }

listener "LISTEN iec62443p2_supplier_risk; LISTEN iec62443p2_supplier_compliance; SELECT 'listening';"
await "$work/listener.out" listening

# a level change inside an open transaction: nothing reaches the listener before COMMIT
writer "BEGIN; SELECT public.assess('00000000-0000-0000-0000-00000000e002', '2025-06-01', false);"
writer "UPDATE iec62443p2.supplier_assessment SET status = 'completed' WHERE id = '00000000-0000-0000-0000-00000000e002';"
writer "SELECT 'w1';"
await "$work/writer.out" w1
listener "SELECT 'poll1';"
await "$work/listener.out" poll1
[ "$(notifications)" -eq 0 ] || fail "a notification arrived before the writer committed"

# rolled back: no alert row, no notification
writer "ROLLBACK; SELECT 'w2';"
await "$work/writer.out" w2
sleep 0.2
listener "SELECT 'poll2';"
await "$work/listener.out" poll2
[ "$(notifications)" -eq 0 ] || fail "a rolled-back transaction sent a notification"

# committed: exactly one notification
writer "BEGIN; SELECT public.assess('00000000-0000-0000-0000-00000000e003', '2025-06-01', false);"
writer "UPDATE iec62443p2.supplier_assessment SET status = 'completed' WHERE id = '00000000-0000-0000-0000-00000000e003';"
writer "COMMIT; SELECT 'w3';"
await "$work/writer.out" w3
sleep 0.2
listener "SELECT 'poll3';"
await "$work/listener.out" poll3
[ "$(notifications)" -eq 1 ] || fail "expected exactly one notification after the level change, got $(notifications)"

# the same level again: no notification
writer "SELECT public.assess('00000000-0000-0000-0000-00000000e004', '2025-12-01', false);"
writer "UPDATE iec62443p2.supplier_assessment SET status = 'completed' WHERE id = '00000000-0000-0000-0000-00000000e004';"
writer "SELECT 'w4';"
await "$work/writer.out" w4
sleep 0.2
listener "SELECT 'poll4';"
await "$work/listener.out" poll4
[ "$(notifications)" -eq 1 ] || fail "an unchanged level sent a notification"

# compliance: the first open critical finding (0 tolerated) raises one alert and one notification
# on iec62443p2_supplier_compliance; a second one while the alert is open raises nothing
compliance() { grep -c '^Asynchronous notification "iec62443p2_supplier_compliance"' "$work/listener.out" || true; }
writer "INSERT INTO iec62443p2.supplier_audit (organization_id, id, supplier_id, reference, planned_on, performed_on)
        VALUES ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000a0001',
                '00000000-0000-0000-0000-0000000005b1', 'A-1', '2025-06-01', '2025-06-02');"
writer "INSERT INTO iec62443p2.supplier_audit_finding (organization_id, audit_id, supplier_id, severity, title)
        VALUES ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000a0001',
                '00000000-0000-0000-0000-0000000005b1', 'critical', 'Shared accounts');"
writer "INSERT INTO iec62443p2.supplier_audit_finding (organization_id, audit_id, supplier_id, severity, title)
        VALUES ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000a0001',
                '00000000-0000-0000-0000-0000000005b1', 'critical', 'No patch qualification');"
writer "SELECT 'w5';"
await "$work/writer.out" w5
sleep 0.2
listener "SELECT 'poll5';"
await "$work/listener.out" poll5
[ "$(compliance)" -eq 1 ] || fail "expected exactly one compliance notification, got $(compliance)"
[ "$(notifications)" -eq 1 ] || fail "a finding sent a risk level notification"
grep -q '^Asynchronous notification "iec62443p2_supplier_compliance" with payload ".*\"severity\" : \"critical\", \"open_findings\" : 1, \"tolerated\" : 0}"' "$work/listener.out" \
  || fail "compliance payload unexpected"

exec 3>&- 4>&-
wait "$listener_pid" "$writer_pid" || true
listener_pid= writer_pid=
grep -q '^ERROR' "$work/writer.out" && { cat "$work/writer.out" >&2; fail "the writer session failed"; }

# the payload, and the alert rows it points to
payload=$(sed -n 's/^Asynchronous notification "iec62443p2_supplier_risk" with payload "\(.*\)" received from server process with PID [0-9]*\.$/\1/p' "$work/listener.out")
[ -n "$payload" ] || fail "no payload in the notification"
check=$(q -d "$db" -v payload="$payload" <<'SQL'
SELECT (p->>'supplier') || ' ' || coalesce(p->>'old_level', '-') || ' ' || (p->>'new_level') || ' ' || (p->>'severity')
       || ' ' || ((p->>'alert_id')::uuid = a.id)::text || ' ' || (SELECT count(*) FROM iec62443p2.supplier_risk_alert)
FROM (SELECT :'payload'::jsonb AS p) x
JOIN iec62443p2.supplier_risk_alert a ON a.assessment_id = '00000000-0000-0000-0000-00000000e003'
SQL
)
[ "$check" = "SUPX low critical critical true 1" ] || fail "payload or alert rows unexpected: $check (payload $payload)"
echo "supplier_notify: one notification on iec62443p2_supplier_risk, at commit, payload $payload; one on iec62443p2_supplier_compliance"
q -c "DROP DATABASE $db"
