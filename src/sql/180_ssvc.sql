-- SSVC (Stakeholder-Specific Vulnerability Categorization) decisions, exact to the published
-- tables: CISA's coordinator tree 2.0.3 with its mission and well-being sub-table (v1), and
-- CERT/CC's deployer patch application priority tree 1.0.0 with its human impact sub-table 1.0.0.
-- The tables are static data in src/ssvc_core.c; the same rows are readable in the catalogue
-- ssvc_decision (310_ssvc_catalog.sql), and the regression test checks they agree.  Words are the
-- tables' own, in any letter case; an unknown word is 22023 naming the argument and the allowed
-- words.  The derivations below map feeds (KEV, EPSS) and a cvss vector onto SSVC's inputs.

CREATE FUNCTION @extschema@.ssvc_cisa(exploitation text, automatable text, technical_impact text,
                                      mission_wellbeing text) RETURNS text
  AS 'MODULE_PATHNAME', 'ssvc_cisa_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ssvc_cisa(text, text, text, text) IS
  'CISA SSVC coordinator decision (tree 2.0.3): exploitation (none, public poc, active), automatable (no, yes), '
  'technical_impact (partial, total), mission_wellbeing (low, medium, high) -> track, track*, attend or act.';

CREATE FUNCTION @extschema@.ssvc_mission_wellbeing(mission_prevalence text, public_wellbeing text) RETURNS text
  AS 'MODULE_PATHNAME', 'ssvc_mission_wellbeing_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ssvc_mission_wellbeing(text, text) IS
  'CISA SSVC mission and well-being impact (v1): mission_prevalence (minimal, support, essential), '
  'public_wellbeing (minimal, material, irreversible) -> low, medium or high.';

CREATE FUNCTION @extschema@.ssvc_deployer(exploitation text, system_exposure text, automatable text,
                                          human_impact text) RETURNS text
  AS 'MODULE_PATHNAME', 'ssvc_deployer_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ssvc_deployer(text, text, text, text) IS
  'CERT/CC SSVC deployer patch application priority (1.0.0): exploitation (none, public poc, active), '
  'system_exposure (small, controlled, open), automatable (no, yes), human_impact (low, medium, high, very high) '
  '-> defer, scheduled, out-of-cycle or immediate.';

CREATE FUNCTION @extschema@.ssvc_human_impact(safety_impact text, mission_impact text) RETURNS text
  AS 'MODULE_PATHNAME', 'ssvc_human_impact_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ssvc_human_impact(text, text) IS
  'CERT/CC SSVC human impact (1.0.0): safety_impact (negligible, marginal, critical, catastrophic), '
  'mission_impact (degraded, mef support crippled, mef failure, mission failure) -> low, medium, high or very high.';

-- Not STRICT: a missing feed value is no evidence, so a CVE without an EPSS score still gets a word.
-- EPSS is the probability of exploitation activity in the next 30 days; the cut-off is data: a NULL
-- (default) epss_threshold is the shipped patch priority parameter epss_poc_threshold
-- (patch_priority_parameter_default, 0.1; see the README for why), the one patch_priority uses.
-- STABLE because it reads that catalogue; an explicit threshold reads nothing.
CREATE FUNCTION @extschema@.ssvc_exploitation(kev boolean, epss numeric, poc_known boolean DEFAULT false,
                                              epss_threshold numeric DEFAULT NULL) RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  threshold numeric := epss_threshold;
BEGIN
  IF threshold IS NULL THEN
    SELECT d.epss_poc_threshold INTO threshold
    FROM @extschema@.patch_priority_parameter_default d WHERE d.settings_profile = 'default';
    IF threshold IS NULL THEN
      RAISE EXCEPTION 'the shipped EPSS threshold is missing'
        USING ERRCODE = '42704', DETAIL = 'patch_priority_parameter_default has no row for settings profile "default".';
    END IF;
  ELSIF NOT (threshold >= 0 AND threshold <= 1) THEN
    RAISE EXCEPTION 'epss_threshold % is not a probability', threshold
      USING ERRCODE = '22023', DETAIL = 'The threshold lies within 0 and 1; NULL means the shipped one.';
  END IF;
  IF NOT (epss >= 0 AND epss <= 1) THEN      -- NaN sorts above 1, so it is refused too
    RAISE EXCEPTION 'epss % is not a probability', epss
      USING ERRCODE = '22023', DETAIL = 'An EPSS score lies within 0 and 1.';
  END IF;
  IF kev THEN
    RETURN 'active';
  ELSIF poc_known OR epss >= threshold THEN
    RETURN 'public poc';
  END IF;
  RETURN 'none';
END
$$;
COMMENT ON FUNCTION @extschema@.ssvc_exploitation(boolean, numeric, boolean, numeric) IS
  'SSVC exploitation from the feeds: active when listed in CISA KEV; public poc when a proof of concept is known '
  'or the EPSS probability is at least epss_threshold (NULL, the default: the shipped epss_poc_threshold of '
  'patch_priority_parameter_default, 0.1; an organisation''s: (patch_priority_parameters(org))[1]); else none.  '
  'NULL kev, epss or poc_known count as no evidence; epss or epss_threshold outside 0..1 is 22023.';

-- CISA's guidance: automatable when steps 1-4 of the kill chain (reconnaissance, weaponization,
-- delivery, exploitation) can be automated.  Read loosely from the base metrics: reachable over the
-- network, low complexity, no privileges, no user interaction (v4.0 also no attack requirements).
CREATE FUNCTION @extschema@.ssvc_automatable(vuln @extschema@.cvss) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN CASE WHEN @extschema@.cvss_metric(vuln, 'AV') = 'N' AND @extschema@.cvss_metric(vuln, 'AC') = 'L'
                   AND CASE @extschema@.cvss_version(vuln)
                         WHEN '2.0' THEN @extschema@.cvss_metric(vuln, 'Au') = 'N'
                         WHEN '4.0' THEN @extschema@.cvss_metric(vuln, 'AT') = 'N' AND @extschema@.cvss_metric(vuln, 'PR') = 'N'
                                         AND @extschema@.cvss_metric(vuln, 'UI') = 'N'
                         ELSE @extschema@.cvss_metric(vuln, 'PR') = 'N' AND @extschema@.cvss_metric(vuln, 'UI') = 'N'
                       END
              THEN 'yes' ELSE 'no' END;
COMMENT ON FUNCTION @extschema@.ssvc_automatable(@extschema@.cvss) IS
  'SSVC automatable, read loosely from CVSS base metrics (CISA''s guidance asks whether the kill chain can be '
  'automated): yes for v3.x AV:N/AC:L/PR:N/UI:N, v4.0 AV:N/AC:L/AT:N/PR:N/UI:N, v2.0 AV:N/AC:L/Au:N; else no.';

-- Total: the attacker gets total control of the software or total disclosure of its information;
-- read as the highest impact on confidentiality, integrity and availability of the vulnerable system.
CREATE FUNCTION @extschema@.ssvc_technical_impact(vuln @extschema@.cvss) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN CASE @extschema@.cvss_version(vuln)
           WHEN '2.0' THEN CASE WHEN @extschema@.cvss_metric(vuln, 'C') = 'C' AND @extschema@.cvss_metric(vuln, 'I') = 'C'
                                     AND @extschema@.cvss_metric(vuln, 'A') = 'C' THEN 'total' ELSE 'partial' END
           WHEN '4.0' THEN CASE WHEN @extschema@.cvss_metric(vuln, 'VC') = 'H' AND @extschema@.cvss_metric(vuln, 'VI') = 'H'
                                     AND @extschema@.cvss_metric(vuln, 'VA') = 'H' THEN 'total' ELSE 'partial' END
           ELSE CASE WHEN @extschema@.cvss_metric(vuln, 'C') = 'H' AND @extschema@.cvss_metric(vuln, 'I') = 'H'
                          AND @extschema@.cvss_metric(vuln, 'A') = 'H' THEN 'total' ELSE 'partial' END
         END;
COMMENT ON FUNCTION @extschema@.ssvc_technical_impact(@extschema@.cvss) IS
  'SSVC technical impact from CVSS base metrics: total when confidentiality, integrity and availability impacts '
  'are all highest (v3.x C:H/I:H/A:H, v4.0 VC:H/VI:H/VA:H, v2.0 C:C/I:C/A:C); else partial.';
