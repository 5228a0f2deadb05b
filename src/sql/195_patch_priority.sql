-- Patch priority: the SSVC deployer decision for a vulnerability on an asset, and a 0..100 score
-- that ranks inside the decision's band.  The rule is in src/patch_priority_core.h and the README.

CREATE FUNCTION @extschema@.patch_priority(vuln @extschema@.cvss, epss numeric, kev boolean, criticality integer,
                                           safety_related boolean, exposure text, compensated boolean,
                                           parameters numeric[])
RETURNS numeric
AS 'MODULE_PATHNAME', 'patch_priority' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.patch_priority(@extschema@.cvss, numeric, boolean, integer, boolean, text, boolean, numeric[]) IS
  'Patch priority 0..100 (one decimal): 25 x the SSVC deployer decision''s rank (defer 0 .. immediate 3) plus up to 25 '
  'from CVSS score, exploitation likelihood (KEV, EPSS) and asset context.  Not STRICT: an unknown cvss or epss '
  'is scored by the documented rule (unknown is not zero); apply the asset''s requirements first with cvss_with_requirements. '
  'The CVSS score ranks by a rule that never drops when a metric gets more severe: cvss_score, except that a v3.0 '
  'vector is scored with the v3.1 formulas (FIRST''s correction of the v3.0 environmental formula) and a v2.0 '
  'environmental score counts a negative AdjustedBaseScore as 0.  '
  'parameters: the ten numbers patch_priority_parameters() returns (the shipped defaults or an organisation''s).';

CREATE FUNCTION @extschema@.patch_decision(vuln @extschema@.cvss, epss numeric, kev boolean, criticality integer,
                                           safety_related boolean, exposure text, compensated boolean,
                                           parameters numeric[])
RETURNS text
AS 'MODULE_PATHNAME', 'patch_decision' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.patch_decision(@extschema@.cvss, numeric, boolean, integer, boolean, text, boolean, numeric[]) IS
  'The SSVC deployer outcome the same inputs imply: immediate, out-of-cycle, scheduled or defer (the priority bands '
  'the patch process routes by: critical, high, medium, low).';
