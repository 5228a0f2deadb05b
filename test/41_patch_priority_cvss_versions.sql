-- Monotonicity of patch_priority in the CVSS vector, in every CVSS version and metric group:
-- generated v2.0, v3.0, v3.1 and v4.0 vectors with base, temporal/threat, security requirement
-- (CR/IR/AR) and modified base metrics; each metric is stepped one value more severe and the
-- priority must not drop.  The official v2.0 and v3.0 environmental formulas are not monotone
-- (pairs below); cvss_score stays exact to them, and patch_priority ranks by the monotone rule of
-- the README (v3.0 by the v3.1 formulas, v2.0 with a negative AdjustedBaseScore counted as 0).
BEGIN;
SELECT plan(9);
SET LOCAL search_path = iec62443p2, public;

-- Metric values from least to most severe.  '' is "not defined": as the first value of an optional
-- metric it stands for the base value or the neutral weight and is not stepped from; as the last
-- value of a temporal/threat metric it is X, which weighs as the most severe value.
CREATE TEMP TABLE metric_step (version text, ord int, metric text, vals text[]);
INSERT INTO metric_step
SELECT '2.0', ord, metric, vals FROM (VALUES
  (1, 'AV', '{L,A,N}'::text[]), (2, 'AC', '{H,M,L}'), (3, 'Au', '{M,S,N}'),
  (4, 'C', '{N,P,C}'), (5, 'I', '{N,P,C}'), (6, 'A', '{N,P,C}'),
  (7, 'E', '{U,POC,F,H,""}'), (8, 'RL', '{OF,TF,W,U,""}'), (9, 'RC', '{UC,UR,C,""}'),
  (10, 'CDP', '{"",N,L,LM,MH,H}'), (11, 'TD', '{"",N,L,M,H}'),
  (12, 'CR', '{"",L,M,H}'), (13, 'IR', '{"",L,M,H}'), (14, 'AR', '{"",L,M,H}')) v(ord, metric, vals);
INSERT INTO metric_step
SELECT version, ord, metric, vals FROM (VALUES ('3.0'), ('3.1')) ver(version), (VALUES
  (1, 'AV', '{P,L,A,N}'::text[]), (2, 'AC', '{H,L}'), (3, 'PR', '{H,L,N}'), (4, 'UI', '{R,N}'), (5, 'S', '{U,C}'),
  (6, 'C', '{N,L,H}'), (7, 'I', '{N,L,H}'), (8, 'A', '{N,L,H}'),
  (9, 'E', '{U,P,F,H,""}'), (10, 'RL', '{O,T,W,U,""}'), (11, 'RC', '{U,R,C,""}'),
  (12, 'CR', '{"",L,M,H}'), (13, 'IR', '{"",L,M,H}'), (14, 'AR', '{"",L,M,H}'),
  (15, 'MAV', '{"",P,L,A,N}'), (16, 'MAC', '{"",H,L}'), (17, 'MPR', '{"",H,L,N}'), (18, 'MUI', '{"",R,N}'),
  (19, 'MS', '{"",U,C}'), (20, 'MC', '{"",N,L,H}'), (21, 'MI', '{"",N,L,H}'), (22, 'MA', '{"",N,L,H}')) v(ord, metric, vals);
INSERT INTO metric_step
SELECT '4.0', ord, metric, vals FROM (VALUES
  (1, 'AV', '{P,L,A,N}'::text[]), (2, 'AC', '{H,L}'), (3, 'AT', '{P,N}'), (4, 'PR', '{H,L,N}'), (5, 'UI', '{A,P,N}'),
  (6, 'VC', '{N,L,H}'), (7, 'VI', '{N,L,H}'), (8, 'VA', '{N,L,H}'), (9, 'SC', '{N,L,H}'), (10, 'SI', '{N,L,H}'),
  (11, 'SA', '{N,L,H}'), (12, 'E', '{U,P,A,""}'),
  (13, 'CR', '{L,M,H,""}'), (14, 'IR', '{L,M,H,""}'), (15, 'AR', '{L,M,H,""}'),
  (16, 'MAV', '{"",P,L,A,N}'), (17, 'MAC', '{"",H,L}'), (18, 'MAT', '{"",P,N}'), (19, 'MPR', '{"",H,L,N}'),
  (20, 'MUI', '{"",A,P,N}'), (21, 'MVC', '{"",N,L,H}'), (22, 'MVI', '{"",N,L,H}'), (23, 'MVA', '{"",N,L,H}'),
  (24, 'MSC', '{"",N,L,H}'), (25, 'MSI', '{"",N,L,H,S}'), (26, 'MSA', '{"",N,L,H,S}')) v(ord, metric, vals);

CREATE FUNCTION pg_temp.vector(version text, ix int[]) RETURNS text LANGUAGE sql STABLE
RETURN (SELECT CASE vector.version WHEN '2.0' THEN '' ELSE 'CVSS:' || vector.version || '/' END
               || string_agg(m.metric || ':' || m.vals[vector.ix[m.ord]], '/' ORDER BY m.ord)
        FROM pg_temp.metric_step m WHERE m.version = vector.version AND m.vals[vector.ix[m.ord]] <> '');

SELECT setseed(0.6244);
-- optional metric groups present in about half the cases each, so that vectors with only base,
-- base and temporal, base and requirements, and everything all occur
CREATE TEMP TABLE gen AS
SELECT n, version, ix, pg_temp.vector(version, ix)::cvss AS v,
       round(random()::numeric, 4) AS epss, random() < 0.2 AS kev, 1 + floor(random() * 5)::int AS criticality,
       random() < 0.3 AS safety_related, (ARRAY['small','controlled','open'])[1 + floor(random() * 3)::int] AS exposure,
       random() < 0.3 AS compensated
FROM (SELECT n, version,
             ARRAY(SELECT CASE WHEN m.vals[1] = '' AND NOT g.with_env THEN 1
                               WHEN m.vals[cardinality(m.vals)] = '' AND NOT g.with_temporal THEN cardinality(m.vals)
                               ELSE 1 + floor(random() * cardinality(m.vals))::int END
                   FROM metric_step m WHERE m.version = g.version ORDER BY m.ord) AS ix
      FROM (SELECT n, (ARRAY['2.0','3.0','3.1','4.0'])[1 + n % 4] AS version,
                   random() < 0.5 AS with_temporal, random() < 0.6 AS with_env
            FROM generate_series(1, 10000) n) g) c;

-- every case stepped one metric one value more severe
CREATE TEMP TABLE step AS
SELECT c.n, m.metric, c.v, pg_temp.vector(c.version, c.ix[:m.ord - 1] || (c.ix[m.ord] + 1) || c.ix[m.ord + 1:])::cvss AS w
FROM gen c JOIN metric_step m ON m.version = c.version
WHERE c.ix[m.ord] < cardinality(m.vals) AND NOT (c.ix[m.ord] = 1 AND m.vals[1] = '');

SELECT is((SELECT count(DISTINCT (cvss_version(v), cvss_temporal_score(v) IS NULL AND cvss_version(v) <> '4.0',
                                  cvss_environmental_score(v) IS NULL AND cvss_version(v) <> '4.0')) FROM gen),
          13::bigint, 'the generated vectors cover every version with and without temporal and environmental metrics');
SELECT cmp_ok((SELECT count(*) FROM step), '>', 90000::bigint, 'over 90,000 one-metric steps');

SELECT is_empty($$
  SELECT s.n, s.v::text, s.w::text FROM step s JOIN gen c ON c.n = s.n
  WHERE patch_priority(s.w, c.epss, c.kev, c.criticality, c.safety_related, c.exposure, c.compensated)
      < patch_priority(s.v, c.epss, c.kev, c.criticality, c.safety_related, c.exposure, c.compensated) $$,
  'a more severe metric of any group never lowers the priority (shipped parameters)');
-- severity alone ranks inside the band: a drop of 0.1 in the ranking score moves the priority by 0.25
SELECT is_empty($$
  SELECT s.n, s.v::text, s.w::text FROM step s JOIN gen c ON c.n = s.n
  WHERE patch_priority(s.w, c.epss, c.kev, c.criticality, c.safety_related, c.exposure, false, '{0.1,1,0,0,1,7,0.05,0.5,0.25,0.125}')
      < patch_priority(s.v, c.epss, c.kev, c.criticality, c.safety_related, c.exposure, false, '{0.1,1,0,0,1,7,0.05,0.5,0.25,0.125}') $$,
  'a more severe metric never lowers the priority when severity alone ranks inside the band');
-- the generated steps do reach the non-monotone part of the v3.0 formula, so the tests above can fail
SELECT cmp_ok((SELECT count(*) FROM step WHERE cvss_version(v) = '3.0' AND cvss_score(w) < cvss_score(v)), '>', 0::bigint,
              'some generated v3.0 steps lower the exact v3.0 score');
SELECT is((SELECT count(*) FROM step WHERE cvss_version(v) IN ('3.1', '4.0') AND cvss_score(w) < cvss_score(v)), 0::bigint,
          'no generated v3.1 or v4.0 step lowers the exact score');

-- known pairs where the official formula drops (found by exhaustive search, see the README): the
-- exact score drops, the priority does not
CREATE TEMP TABLE known_drop (less cvss, more cvss);
INSERT INTO known_drop VALUES
  ('AV:L/AC:H/Au:M/C:N/I:N/A:N/CDP:L/TD:L/CR:L/IR:L/AR:L', 'AV:L/AC:H/Au:M/C:P/I:N/A:N/CDP:L/TD:L/CR:L/IR:L/AR:L'),
  ('AV:L/AC:H/Au:M/C:N/I:N/A:N/E:H/RL:W/RC:UR/CDP:LM/TD:L/CR:L/IR:H/AR:L',
   'AV:L/AC:H/Au:M/C:N/I:N/A:P/E:H/RL:W/RC:UR/CDP:LM/TD:L/CR:L/IR:H/AR:L'),
  ('AV:L/AC:H/Au:M/C:P/I:N/A:N/E:F/RL:OF/RC:UC/CDP:H/TD:H/CR:L/IR:H/AR:L',
   'AV:L/AC:H/Au:M/C:P/I:N/A:N/E:H/RL:OF/RC:UC/CDP:H/TD:H/CR:L/IR:H/AR:L'),
  ('CVSS:3.0/AV:P/AC:H/PR:H/UI:R/S:C/C:N/I:L/A:H/CR:L/IR:H/AR:H', 'CVSS:3.0/AV:P/AC:H/PR:H/UI:R/S:C/C:L/I:L/A:H/CR:L/IR:H/AR:H'),
  ('CVSS:3.0/AV:P/AC:H/PR:H/UI:R/S:C/C:N/I:L/A:H/CR:L/IR:H/AR:H', 'CVSS:3.0/AV:P/AC:H/PR:H/UI:R/S:C/C:N/I:H/A:H/CR:L/IR:H/AR:H'),
  ('CVSS:3.0/AV:L/AC:L/PR:H/UI:N/S:C/C:L/I:H/A:H/RL:O/RC:R/CR:L/IR:H/AR:M/MAV:N/MPR:L/MUI:N/MS:C/MA:L',
   'CVSS:3.0/AV:L/AC:L/PR:H/UI:N/S:C/C:L/I:H/A:H/RL:O/RC:R/CR:L/IR:H/AR:M/MAV:N/MPR:L/MUI:N/MS:C/MA:H');
SELECT is((SELECT count(*) FROM known_drop WHERE cvss_score(more) < cvss_score(less)), 6::bigint,
          'the official v2.0 and v3.0 formulas lower the score on each known pair');
SELECT is_empty($$
  SELECT less::text, more::text FROM known_drop
  WHERE patch_priority(more, 0.01, false, 3, false, 'controlled', false, '{0.1,1,0,0,1,7,0.05,0.5,0.25,0.125}')
      < patch_priority(less, 0.01, false, 3, false, 'controlled', false, '{0.1,1,0,0,1,7,0.05,0.5,0.25,0.125}') $$,
  'on those pairs the priority does not drop');

-- the seven-argument forms (shipped defaults read once per call site) equal the eight-argument forms
SELECT is_empty($$
  SELECT n FROM gen
  WHERE patch_priority(v, epss, kev, criticality, safety_related, exposure, compensated)
        IS DISTINCT FROM patch_priority(v, epss, kev, criticality, safety_related, exposure, compensated,
                                        patch_priority_parameters())
     OR patch_decision(v, epss, kev, criticality, safety_related, exposure, compensated)
        IS DISTINCT FROM patch_decision(v, epss, kev, criticality, safety_related, exposure, compensated,
                                        patch_priority_parameters()) $$,
  'the seven-argument forms equal the eight-argument forms with patch_priority_parameters()');

SELECT * FROM finish();
ROLLBACK;
