-- Benchmark: 10,000 supplier scorecards of 50 answers each (500,000 answers).  Times: recording
-- the answers (each scored by its trigger), completing the 10,000 assessments (scores stored,
-- risk levels and alerts), recomputing every criterion and security score from the answers
-- (supplier_assessment_criterion_score + weighted_score), and reading supplier_scorecard for all
-- suppliers; with the plan of the recomputation.  Run by `make bench` (scripts/bench.sh).
\set ON_ERROR_STOP on
SET jit = off;
SET max_parallel_workers_per_gather = 0;
SET search_path = iec62443p2, public;
SET client_min_messages = warning;

-- pg_temp.median_ms(query, runs) comes from bench/lib/timing.sql
CREATE TEMP TABLE result (what text, ms numeric(12,1));
CREATE FUNCTION pg_temp.timed(what text, query text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE t0 timestamptz := clock_timestamp();
BEGIN
  EXECUTE query;
  INSERT INTO result VALUES (what, (extract(epoch FROM clock_timestamp() - t0) * 1000)::numeric(12,1));
END $$;

-- one asset owner, 10,000 suppliers
INSERT INTO organization (id, code, name) VALUES ('00000000-0000-0000-0000-0000000000a1', 'OWNER', 'Asset owner');
INSERT INTO organization_role (organization_id, role) VALUES ('00000000-0000-0000-0000-0000000000a1', 'asset_owner');
INSERT INTO organization (id, code, name)
SELECT md5('bench/org/' || g)::uuid, 'S' || g, 'Supplier ' || g FROM generate_series(1, 10000) g;
INSERT INTO organization_role (organization_id, role) SELECT md5('bench/org/' || g)::uuid, 'product_supplier' FROM generate_series(1, 10000) g;
INSERT INTO organization_relationship (organization_id, counterpart_id, relationship)
SELECT '00000000-0000-0000-0000-0000000000a1', md5('bench/org/' || g)::uuid, 'product_supplier' FROM generate_series(1, 10000) g;
INSERT INTO supplier (organization_id, id, supplier_org_id, declared_criticality)
SELECT '00000000-0000-0000-0000-0000000000a1', md5('bench/supplier/' || g)::uuid, md5('bench/org/' || g)::uuid, 1 + g % 5
FROM generate_series(1, 10000) g;
-- the owner's questionnaire: the 10 starter questions plus 40 more (50, spread over the 5 criteria)
INSERT INTO supplier_question (organization_id, criterion_id, code, question, answer_kind, yes_is_good, weight)
SELECT c.organization_id, c.id, 'extra_' || g, 'Extra question ' || g, 'yes_no', g % 3 <> 0, 1 + g % 3
FROM generate_series(1, 40) g
JOIN supplier_criterion c ON c.organization_id = '00000000-0000-0000-0000-0000000000a1'
 AND c.position = 1 + g % 5;
SELECT setseed(0.62443);
INSERT INTO supplier_assessment (organization_id, id, supplier_id, assessed_at)
SELECT '00000000-0000-0000-0000-0000000000a1', md5('bench/assessment/' || g)::uuid, md5('bench/supplier/' || g)::uuid,
       TIMESTAMPTZ '2026-01-01 00:00 UTC' + g * INTERVAL '1 minute'
FROM generate_series(1, 10000) g;

VACUUM ANALYZE;   -- as autovacuum would have by now: the triggers' plans see the real table sizes
SELECT pg_temp.timed('record 500,000 answers (trigger scores each)', $q$
  INSERT INTO iec62443p2.supplier_assessment_answer (organization_id, assessment_id, question_id, answer_yes)
  SELECT a.organization_id, a.id, q.id, abs(hashtext(a.id::text || q.code)) % 10 < 7
  FROM iec62443p2.supplier_assessment a
  CROSS JOIN iec62443p2.supplier_question q
  WHERE q.organization_id = a.organization_id$q$);
VACUUM ANALYZE;
SELECT count(*) AS answers, count(DISTINCT assessment_id) AS assessments FROM supplier_assessment_answer;
SELECT pg_temp.timed('complete 10,000 assessments (scores, level, alerts)', $q$
  UPDATE iec62443p2.supplier_assessment SET status = 'completed'$q$);
VACUUM ANALYZE;
SELECT count(*) FILTER (WHERE status = 'completed') AS completed, count(DISTINCT risk_level) AS levels,
       (SELECT count(*) FROM supplier_risk_alert) AS first_assessment_alerts
FROM supplier_assessment;

-- recomputing every scorecard from the answers agrees with the stored scores
SELECT count(*) AS scorecards,
       count(*) FILTER (WHERE r.security IS DISTINCT FROM a.security_score) AS disagreements
FROM (SELECT c.assessment_id, round(weighted_score(c.score, c.weight), 2) AS security
      FROM supplier_assessment_criterion_score c GROUP BY c.assessment_id) r
JOIN supplier_assessment a ON a.id = r.assessment_id;

INSERT INTO result
SELECT 'recompute 10,000 security scores from 500,000 answers',
       pg_temp.median_ms($q$SELECT sum(security) FROM (
         SELECT c.assessment_id, round(iec62443p2.weighted_score(c.score, c.weight), 2) AS security
         FROM iec62443p2.supplier_assessment_criterion_score c GROUP BY c.assessment_id) r$q$, 5)
UNION ALL
SELECT 'read supplier_scorecard, 10,000 rows',
       pg_temp.median_ms($q$SELECT count(*), sum(risk_score) FROM iec62443p2.supplier_scorecard$q$, 5)
UNION ALL
SELECT 'one supplier''s scorecard',
       pg_temp.median_ms($q$SELECT * FROM iec62443p2.supplier_scorecard WHERE id = md5('bench/supplier/5000')::uuid$q$, 21);

EXPLAIN (COSTS off)
SELECT c.assessment_id, round(weighted_score(c.score, c.weight), 2) AS security
FROM supplier_assessment_criterion_score c GROUP BY c.assessment_id;

\pset footer off
SELECT what, ms FROM result;
