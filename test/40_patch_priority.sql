-- Properties of patch_priority over many generated inputs: always within 0..100, inside the band
-- of patch_decision, and never lower when one input gets worse (epss, kev, criticality, safety
-- relevance, exposure, compensation removed, a CVSS metric more severe).
BEGIN;
SELECT plan(12);
SET LOCAL search_path = iec62443p2, public;

SELECT setseed(0.4311);
CREATE TEMP TABLE base_case AS
SELECT n,
       (ARRAY['N','A','L','P'])[1 + floor(random() * 4)::int] AS av, (ARRAY['L','H'])[1 + floor(random() * 2)::int] AS ac,
       (ARRAY['N','L','H'])[1 + floor(random() * 3)::int] AS pr, (ARRAY['N','R'])[1 + floor(random() * 2)::int] AS ui,
       (ARRAY['U','C'])[1 + floor(random() * 2)::int] AS s,
       (ARRAY['N','L','H'])[1 + floor(random() * 3)::int] AS c, (ARRAY['N','L','H'])[1 + floor(random() * 3)::int] AS i,
       (ARRAY['N','L','H'])[1 + floor(random() * 3)::int] AS a,
       round(random()::numeric, 4) AS epss, random() < 0.2 AS kev, 1 + floor(random() * 5)::int AS criticality,
       random() < 0.3 AS safety_related, (ARRAY['small','controlled','open'])[1 + floor(random() * 3)::int] AS exposure,
       random() < 0.3 AS compensated
FROM generate_series(1, 5000) n;
CREATE TEMP VIEW scored AS
SELECT b.*, v, patch_priority(v, epss, kev, criticality, safety_related, exposure, compensated) AS p,
       patch_decision(v, epss, kev, criticality, safety_related, exposure, compensated) AS d
FROM base_case b
CROSS JOIN LATERAL (SELECT format('CVSS:3.1/AV:%s/AC:%s/PR:%s/UI:%s/S:%s/C:%s/I:%s/A:%s', av, ac, pr, ui, s, c, i, a)::cvss AS v) x;

SELECT is((SELECT count(*) FROM scored WHERE p < 0 OR p > 100 OR p IS NULL), 0::bigint, 'priority always within 0..100');
SELECT is((SELECT count(*) FROM scored
           WHERE p < 25 * (array_position(ARRAY['defer','scheduled','out-of-cycle','immediate'], d) - 1)
              OR p > 25 * array_position(ARRAY['defer','scheduled','out-of-cycle','immediate'], d)), 0::bigint,
          'priority lies in the 25-point band of the decision');

-- one input worse at a time; a counterexample is listed by the failing test
SELECT is_empty($$ SELECT n FROM scored
  WHERE patch_priority(v, least(epss + 0.1, 1), kev, criticality, safety_related, exposure, compensated) < p $$,
  'higher EPSS never lowers the priority');
SELECT is_empty($$ SELECT n FROM scored WHERE NOT kev
  AND patch_priority(v, epss, true, criticality, safety_related, exposure, compensated) < p $$,
  'KEV listing never lowers the priority');
SELECT is_empty($$ SELECT n FROM scored WHERE criticality < 5
  AND patch_priority(v, epss, kev, criticality + 1, safety_related, exposure, compensated) < p $$,
  'higher criticality never lowers the priority');
SELECT is_empty($$ SELECT n FROM scored WHERE NOT safety_related
  AND patch_priority(v, epss, kev, criticality, true, exposure, compensated) < p $$,
  'safety relevance never lowers the priority');
SELECT is_empty($$ SELECT n FROM scored WHERE exposure <> 'open'
  AND patch_priority(v, epss, kev, criticality, safety_related,
                     CASE exposure WHEN 'small' THEN 'controlled' ELSE 'open' END, compensated) < p $$,
  'wider exposure (small < controlled < open) never lowers the priority');
SELECT is_empty($$ SELECT n FROM scored WHERE compensated
  AND patch_priority(v, epss, kev, criticality, safety_related, exposure, false) < p $$,
  'removing compensating controls never lowers the priority');
-- each base metric one step more severe (AV P<L<A<N, AC H<L, PR H<L<N, UI R<N, C/I/A N<L<H)
SELECT is_empty($$
  WITH worse AS (
    SELECT sc.n, sc.p, w.vector FROM scored sc CROSS JOIN LATERAL (VALUES
      (CASE sc.av WHEN 'P' THEN 'L' WHEN 'L' THEN 'A' WHEN 'A' THEN 'N' END, sc.ac, sc.pr, sc.ui, sc.c, sc.i, sc.a),
      (sc.av, CASE sc.ac WHEN 'H' THEN 'L' END, sc.pr, sc.ui, sc.c, sc.i, sc.a),
      (sc.av, sc.ac, CASE sc.pr WHEN 'H' THEN 'L' WHEN 'L' THEN 'N' END, sc.ui, sc.c, sc.i, sc.a),
      (sc.av, sc.ac, sc.pr, CASE sc.ui WHEN 'R' THEN 'N' END, sc.c, sc.i, sc.a),
      (sc.av, sc.ac, sc.pr, sc.ui, CASE sc.c WHEN 'N' THEN 'L' WHEN 'L' THEN 'H' END, sc.i, sc.a),
      (sc.av, sc.ac, sc.pr, sc.ui, sc.c, CASE sc.i WHEN 'N' THEN 'L' WHEN 'L' THEN 'H' END, sc.a),
      (sc.av, sc.ac, sc.pr, sc.ui, sc.c, sc.i, CASE sc.a WHEN 'N' THEN 'L' WHEN 'L' THEN 'H' END)) m(av, ac, pr, ui, c, i, a)
    CROSS JOIN LATERAL (SELECT format('CVSS:3.1/AV:%s/AC:%s/PR:%s/UI:%s/S:%s/C:%s/I:%s/A:%s',
                                      m.av, m.ac, m.pr, m.ui, sc.s, m.c, m.i, m.a) AS vector) w
    WHERE m.av IS NOT NULL AND m.ac IS NOT NULL AND m.pr IS NOT NULL AND m.ui IS NOT NULL
      AND m.c IS NOT NULL AND m.i IS NOT NULL AND m.a IS NOT NULL)
  SELECT w.n, w.vector FROM worse w JOIN scored sc ON sc.n = w.n
  WHERE patch_priority(w.vector::cvss, sc.epss, sc.kev, sc.criticality, sc.safety_related, sc.exposure, sc.compensated) < w.p $$,
  'a more severe CVSS metric never lowers the priority');

-- the decision is the SSVC chain the SQL functions spell out
SELECT is_empty($$
  SELECT n FROM scored
  WHERE d <> ssvc_deployer(ssvc_exploitation(kev, epss),
                           CASE WHEN compensated THEN CASE exposure WHEN 'open' THEN 'controlled' ELSE 'small' END
                                ELSE exposure END,
                           ssvc_automatable(v),
                           ssvc_human_impact(CASE WHEN NOT safety_related THEN 'negligible'
                                                  WHEN criticality = 5 THEN 'catastrophic' ELSE 'critical' END,
                                             (ARRAY['degraded', 'degraded', 'mef support crippled', 'mef failure',
                                                    'mission failure'])[criticality])) $$,
  'patch_decision equals ssvc_deployer over ssvc_exploitation, ssvc_automatable and ssvc_human_impact');

-- the same properties under an organisation's own parameters: random valid parameter arrays (the
-- constraints of patch_priority_setting), passed to the eight-argument forms
CREATE TEMP TABLE org_case AS
SELECT b.*, x.v,
       ARRAY[round(random()::numeric, 3),                                  -- EPSS threshold
             round(w.sev, 3), round(w.lik, 3), round(1 - w.sev - w.lik - w.slack, 3), -- weights, sum <= 1
             round(random()::numeric, 3),                                  -- compensated factor
             round((random() * 10)::numeric, 1), round(random()::numeric, 3), -- unknown CVSS score, EPSS
             round(c.crit, 3), round(c.saf, 3), round((1 - c.crit - c.saf) / 2 * random()::numeric, 3)] AS params
FROM base_case b
CROSS JOIN LATERAL (SELECT format('CVSS:3.1/AV:%s/AC:%s/PR:%s/UI:%s/S:%s/C:%s/I:%s/A:%s', b.av, b.ac, b.pr, b.ui, b.s, b.c, b.i, b.a)::cvss AS v) x
CROSS JOIN LATERAL (SELECT (random() * 0.5)::numeric AS sev, (random() * 0.4)::numeric AS lik, (random() * 0.1)::numeric + b.n * 0 AS slack) w
CROSS JOIN LATERAL (SELECT (random() * 0.6)::numeric AS crit, (random() * 0.3)::numeric + b.n * 0 AS saf) c
WHERE b.n <= 2000;
SELECT is_empty($$
  SELECT n FROM (SELECT o.*, patch_priority(v, epss, kev, criticality, safety_related, exposure, compensated, params) AS p,
                         patch_decision(v, epss, kev, criticality, safety_related, exposure, compensated, params) AS d
                 FROM org_case o) s
  WHERE p < 25 * (array_position(ARRAY['defer','scheduled','out-of-cycle','immediate'], d) - 1)
     OR p > 25 * array_position(ARRAY['defer','scheduled','out-of-cycle','immediate'], d) OR p IS NULL $$,
  'with an organisation''s parameters the priority stays in its decision''s band');
SELECT is_empty($$
  SELECT n FROM (SELECT o.*, patch_priority(v, epss, kev, criticality, safety_related, exposure, compensated, params) AS p
                 FROM org_case o) s
  WHERE patch_priority(v, least(epss + 0.1, 1), kev, criticality, safety_related, exposure, compensated, params) < p
     OR patch_priority(v, epss, true, criticality, safety_related, exposure, compensated, params) < p
     OR patch_priority(v, epss, kev, least(criticality + 1, 5), safety_related, exposure, compensated, params) < p
     OR patch_priority(v, epss, kev, criticality, true, exposure, compensated, params) < p
     OR patch_priority(v, epss, kev, criticality, safety_related,
                       CASE exposure WHEN 'small' THEN 'controlled' ELSE 'open' END, compensated, params) < p
     OR patch_priority(v, epss, kev, criticality, safety_related, exposure, false, params) < p $$,
  'with an organisation''s parameters no input getting worse lowers the priority');

SELECT * FROM finish();
ROLLBACK;
