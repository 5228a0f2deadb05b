-- Schema properties: comments everywhere, keys shaped for tenancy and Citus, indexed foreign
-- keys, every object classified for grant_access, user data registered with pg_dump, views that
-- keep the BI contract, pinned search_path on procedural functions.
BEGIN;
SELECT plan(14);

SELECT has_extension('iec62443p2');
SELECT is((SELECT nspname::text FROM pg_namespace n JOIN pg_extension e ON e.extnamespace = n.oid WHERE extname = 'iec62443p2'),
          'iec62443p2', 'the extension lives in schema iec62443p2');

CREATE TEMP VIEW ext_rel AS
SELECT c.oid, c.relname, c.relkind
FROM pg_class c JOIN pg_depend d ON d.objid = c.oid AND d.classid = 'pg_class'::regclass AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'iec62443p2'
WHERE c.relkind IN ('r', 'v');

SELECT is_empty($$
  SELECT relname FROM ext_rel WHERE obj_description(oid, 'pg_class') IS NULL
  UNION ALL
  SELECT r.relname || '.' || a.attname FROM ext_rel r JOIN pg_attribute a ON a.attrelid = r.oid
   WHERE a.attnum > 0 AND NOT a.attisdropped AND col_description(r.oid, a.attnum) IS NULL $$,
  'every table, view and column has a comment');

SELECT is_empty($$
  SELECT p.oid::regprocedure::text FROM pg_proc p
  JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass AND d.deptype = 'e'
  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'iec62443p2'
  WHERE obj_description(p.oid, 'pg_proc') IS NULL
  UNION ALL
  SELECT t.typname::text FROM pg_type t
  JOIN pg_depend d ON d.objid = t.oid AND d.classid = 'pg_type'::regclass AND d.deptype = 'e'
  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'iec62443p2'
  WHERE obj_description(t.oid, 'pg_type') IS NULL
  UNION ALL
  SELECT 'schema' WHERE obj_description('iec62443p2'::regnamespace, 'pg_namespace') IS NULL
  UNION ALL
  SELECT x.classid::regclass::text || ' ' || x.objid
  FROM pg_depend x JOIN pg_extension e ON e.oid = x.refobjid AND e.extname = 'iec62443p2'
  WHERE x.deptype = 'e'
    AND x.classid IN ('pg_operator'::regclass, 'pg_opclass'::regclass, 'pg_opfamily'::regclass, 'pg_cast'::regclass)
    AND obj_description(x.objid, x.classid::regclass::name) IS NULL $$,
  'every function, type, domain, operator, operator class and family, cast and the schema have a comment');

SELECT is_empty($$
  SELECT r.relname FROM ext_rel r
  JOIN iec62443p2.object_access_class c ON c.object_name = r.relname
  WHERE c.object_class IN ('program', 'history') AND r.relname <> 'organization'
    AND (SELECT array_agg(a.attname::text ORDER BY k.ord)
           FROM pg_constraint c CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY k(attnum, ord)
           JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
          WHERE c.conrelid = r.oid AND c.contype = 'p') IS DISTINCT FROM ARRAY['organization_id', 'id'] $$,
  'program data and history tables have the primary key (organization_id, id)');

SELECT is_empty($$
  SELECT c.conrelid::regclass::text AS tbl, c.conname FROM pg_constraint c JOIN ext_rel r ON r.oid = c.conrelid
  WHERE c.contype = 'f'
    AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid
                      AND (i.indkey::int2[])[0:cardinality(c.conkey) - 1] = c.conkey) $$,
  'every foreign key has an index whose leading columns are the key''s');

SELECT is_empty($$
  SELECT relname FROM ext_rel r WHERE NOT EXISTS (SELECT 1 FROM iec62443p2.object_access_class c WHERE c.object_name = r.relname)
  UNION ALL
  SELECT c.object_name FROM iec62443p2.object_access_class c WHERE NOT EXISTS (SELECT 1 FROM ext_rel r WHERE r.relname = c.object_name)
  UNION ALL
  SELECT c.object_name FROM iec62443p2.object_access_class c JOIN ext_rel r ON r.relname = c.object_name
   WHERE (r.relkind = 'v') <> (c.object_class = 'view') $$,
  'object_access_class lists every table and view, and views as views');

SELECT is_empty($$
  SELECT c.object_name FROM iec62443p2.object_access_class c
  WHERE c.object_class IN ('program', 'history', 'staging', 'access')
    AND NOT (format('iec62443p2.%I', c.object_name)::regclass::oid IN (
               SELECT unnest(extconfig) FROM pg_extension WHERE extname = 'iec62443p2'))
  UNION ALL
  SELECT c.object_name FROM iec62443p2.object_access_class c
  WHERE c.object_class IN ('catalog', 'view')
    AND format('iec62443p2.%I', c.object_name)::regclass::oid IN (
               SELECT unnest(extconfig) FROM pg_extension WHERE extname = 'iec62443p2') $$,
  'user-data tables, and only they, are registered with pg_extension_config_dump');

SELECT is_empty($$
  SELECT r.relname FROM ext_rel r JOIN pg_class c ON c.oid = r.oid
  WHERE r.relkind = 'v' AND NOT coalesce('security_invoker=true' = ANY (c.reloptions), false) $$,
  'every view is security_invoker');

-- the BI contract (same checks as the project's BI contract query): no view column of a type BI tools misread
SELECT is_empty($$
  SELECT r.relname, a.attname FROM ext_rel r JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0
  JOIN pg_type t ON t.oid = a.atttypid JOIN pg_namespace tn ON tn.oid = t.typnamespace
  WHERE r.relkind = 'v'
    AND (a.atttypid IN ('timestamp'::regtype, 'interval'::regtype)
         OR (a.atttypid = 'numeric'::regtype AND a.atttypmod < 0)
         OR a.attndims > 0 OR t.typcategory = 'A'
         OR (tn.nspname NOT IN ('pg_catalog', 'information_schema') AND t.typtype IN ('b', 'c'))) $$,
  'view columns: no timestamp without time zone, interval, unconstrained numeric, array or extension type');

SELECT is_empty($$
  SELECT r.relname FROM ext_rel r WHERE r.relkind = 'v'
    AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = r.oid AND a.attname = 'id') $$,
  'every view has an id column');

SELECT is_empty($$
  SELECT p.oid::regprocedure::text FROM pg_proc p
  JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass AND d.deptype = 'e'
  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'iec62443p2'
  JOIN pg_language l ON l.oid = p.prolang
  WHERE (l.lanname = 'plpgsql' OR p.prosecdef)
    AND NOT coalesce('search_path=pg_catalog, pg_temp' = ANY (p.proconfig), false) $$,
  'procedural and security definer functions pin search_path to pg_catalog, pg_temp');

SELECT is_empty($$
  SELECT p.oid::regprocedure::text FROM pg_proc p
  WHERE p.pronamespace = 'iec62443p2'::regnamespace
    AND p.proname IN ('grant_access', 'revoke_access', 'reapply_access', 'apply_access')
    AND has_function_privilege('public', p.oid, 'EXECUTE') $$,
  'access management functions are not executable by PUBLIC');

SELECT is_empty($$
  SELECT p.oid::regprocedure::text FROM pg_proc p
  JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass AND d.deptype = 'e'
  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'iec62443p2'
  JOIN pg_language l ON l.oid = p.prolang
  WHERE l.lanname = 'c' AND p.prokind = 'f'
    AND p.prorettype NOT IN ('internal'::regtype, 'cstring'::regtype)
    AND (NOT (p.proparallel = 's'
              AND (p.provolatile = 'i'
                   -- the seven-argument patch priority forms read the shipped defaults (a table)
                   OR (p.provolatile = 's' AND p.proname IN ('patch_priority', 'patch_decision') AND p.pronargs = 7)))
         -- patch priority scores unknown inputs by a documented rule instead of returning NULL
         OR (NOT p.proisstrict AND p.proname NOT IN ('patch_priority', 'patch_decision'))) $$,
  'C functions are IMMUTABLE (STABLE when they read a table) and PARALLEL SAFE, and STRICT unless documented otherwise');

SELECT * FROM finish();
ROLLBACK;
