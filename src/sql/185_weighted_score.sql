-- Weighted scores (supplier assessments and any other weighted questionnaire) and the supplier risk
-- level a score maps to.  C in src/weighted_score.c.  The shipped default thresholds and the
-- one-argument supplier_risk_level are in 320_supplier_risk_threshold.sql.

CREATE FUNCTION @extschema@.weighted_score_accum(internal, numeric, numeric) RETURNS internal
  AS 'MODULE_PATHNAME', 'weighted_score_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_score_accum(internal, numeric, numeric) IS
  'Transition function of weighted_score: adds score * weight and weight to the running sums.';
CREATE FUNCTION @extschema@.weighted_score_combine(internal, internal) RETURNS internal
  AS 'MODULE_PATHNAME', 'weighted_score_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_score_combine(internal, internal) IS
  'Combine function of weighted_score: adds two partial states (parallel aggregation).';
CREATE FUNCTION @extschema@.weighted_score_serialize(internal) RETURNS bytea
  AS 'MODULE_PATHNAME', 'weighted_score_serialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_score_serialize(internal) IS
  'Serialization function of weighted_score: a partial state as bytes, passed from parallel workers.';
CREATE FUNCTION @extschema@.weighted_score_deserialize(bytea, internal) RETURNS internal
  AS 'MODULE_PATHNAME', 'weighted_score_deserialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_score_deserialize(bytea, internal) IS
  'Deserialization function of weighted_score: a partial state from its bytes.';
CREATE FUNCTION @extschema@.weighted_score_final(internal) RETURNS numeric
  AS 'MODULE_PATHNAME', 'weighted_score_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_score_final(internal) IS
  'Final function of weighted_score: sum(score * weight) / sum(weight), NULL when no weight is positive.';

CREATE AGGREGATE @extschema@.weighted_score(score numeric, weight numeric) (
  SFUNC = @extschema@.weighted_score_accum,
  STYPE = internal,
  SSPACE = 256,
  FINALFUNC = @extschema@.weighted_score_final,
  COMBINEFUNC = @extschema@.weighted_score_combine,
  SERIALFUNC = @extschema@.weighted_score_serialize,
  DESERIALFUNC = @extschema@.weighted_score_deserialize,
  PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.weighted_score(numeric, numeric) IS
  'Weighted mean sum(score * weight) / sum(weight) over the pairs where both are non-null, in exact numeric '
  'arithmetic at numeric division''s own scale (the same value and scale as that SQL expression); NULL when no '
  'pair has a positive weight; a negative or non-finite weight, or a non-finite score, is 22023.  Parallel safe.';

CREATE FUNCTION @extschema@.supplier_risk_level(risk_score numeric, thresholds numeric[]) RETURNS text
  AS 'MODULE_PATHNAME', 'supplier_risk_level_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.supplier_risk_level(numeric, numeric[]) IS
  'Supplier risk level of a risk score within 0..10 (higher is riskier): critical when the score reaches '
  'thresholds[1], high when it reaches thresholds[2], medium when it reaches thresholds[3], else low.  The '
  'thresholds are three strictly descending values within 0..10; anything else, or a score outside 0..10, is 22023.';
