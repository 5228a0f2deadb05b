-- The cvss type: CVSS v2.0, v3.0, v3.1 and v4.0 vectors, validated, stored in 16 bytes with their
-- scores, printed canonically.  Parsing and scoring are in src/cvss_core.c (no PostgreSQL
-- dependency), the fmgr glue in src/cvss.c.

CREATE TYPE @extschema@.cvss;

CREATE FUNCTION @extschema@.cvss_in(cstring) RETURNS @extschema@.cvss
  AS 'MODULE_PATHNAME', 'cvss_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.cvss_in(cstring) IS 'Input function of type cvss: parses and validates a vector string.';
CREATE FUNCTION @extschema@.cvss_out(@extschema@.cvss) RETURNS cstring
  AS 'MODULE_PATHNAME', 'cvss_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.cvss_out(@extschema@.cvss) IS 'Output function of type cvss: the canonical vector string.';
CREATE FUNCTION @extschema@.cvss_recv(internal) RETURNS @extschema@.cvss
  AS 'MODULE_PATHNAME', 'cvss_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.cvss_recv(internal) IS 'Binary input of type cvss, validated as strictly as text input.';
CREATE FUNCTION @extschema@.cvss_send(@extschema@.cvss) RETURNS bytea
  AS 'MODULE_PATHNAME', 'cvss_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.cvss_send(@extschema@.cvss) IS 'Binary output of type cvss.';

CREATE TYPE @extschema@.cvss (
  INTERNALLENGTH = 16,
  INPUT = @extschema@.cvss_in,
  OUTPUT = @extschema@.cvss_out,
  RECEIVE = @extschema@.cvss_recv,
  SEND = @extschema@.cvss_send,
  ALIGNMENT = char,
  STORAGE = plain
);
COMMENT ON TYPE @extschema@.cvss IS
  'A CVSS v2.0, v3.0, v3.1 or v4.0 vector: validated on input, printed in canonical order without undefined '
  'optional metrics, 16 bytes on disk, ordered by score then canonical text.';

CREATE FUNCTION @extschema@.cvss(text) RETURNS @extschema@.cvss
  AS 'MODULE_PATHNAME', 'cvss_from_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.cvss(text) IS 'Parses a CVSS vector string (the text to cvss cast).';
CREATE FUNCTION @extschema@.text(@extschema@.cvss) RETURNS text
  AS 'MODULE_PATHNAME', 'cvss_to_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.text(@extschema@.cvss) IS 'The canonical vector string (the cvss to text cast).';
CREATE CAST (text AS @extschema@.cvss) WITH FUNCTION @extschema@.cvss(text) AS ASSIGNMENT;
CREATE CAST (varchar AS @extschema@.cvss) WITH FUNCTION @extschema@.cvss(text) AS ASSIGNMENT;
CREATE CAST (@extschema@.cvss AS text) WITH FUNCTION @extschema@.text(@extschema@.cvss);
COMMENT ON CAST (text AS @extschema@.cvss) IS 'Parses a vector string; also applied on assignment to a cvss column.';
COMMENT ON CAST (varchar AS @extschema@.cvss) IS 'Parses a vector string; also applied on assignment to a cvss column.';
COMMENT ON CAST (@extschema@.cvss AS text) IS 'The canonical vector string.';

CREATE FUNCTION @extschema@.cvss_version(@extschema@.cvss) RETURNS text
  AS 'MODULE_PATHNAME', 'cvss_version_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.cvss_version(@extschema@.cvss) IS 'The CVSS version: 2.0, 3.0, 3.1 or 4.0.';
CREATE FUNCTION @extschema@.cvss_base_score(@extschema@.cvss) RETURNS numeric
  AS 'MODULE_PATHNAME', 'cvss_base_score_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.cvss_base_score(@extschema@.cvss) IS
  'Base score, one decimal (v4.0: CVSS-B, the score of the base metrics alone).';
CREATE FUNCTION @extschema@.cvss_temporal_score(@extschema@.cvss) RETURNS numeric
  AS 'MODULE_PATHNAME', 'cvss_temporal_score_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.cvss_temporal_score(@extschema@.cvss) IS
  'v2.0/v3.x temporal score; NULL when the vector defines no temporal metric, and for v4.0.';
CREATE FUNCTION @extschema@.cvss_environmental_score(@extschema@.cvss) RETURNS numeric
  AS 'MODULE_PATHNAME', 'cvss_environmental_score_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.cvss_environmental_score(@extschema@.cvss) IS
  'v2.0/v3.x environmental score; NULL when the vector defines no environmental metric, and for v4.0.';
CREATE FUNCTION @extschema@.cvss_score(@extschema@.cvss) RETURNS numeric
  AS 'MODULE_PATHNAME', 'cvss_score_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.cvss_score(@extschema@.cvss) IS
  'The score of the vector as given: v2.0/v3.x environmental if defined, else temporal if defined, else base; '
  'v4.0 the score of the whole vector (CVSS-B, -BT, -BE or -BTE).';
CREATE FUNCTION @extschema@.cvss_severity(@extschema@.cvss) RETURNS text
  AS 'MODULE_PATHNAME', 'cvss_severity_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.cvss_severity(@extschema@.cvss) IS
  'Rating of cvss_score on the version''s scale: v3.x/v4.0 none, low, medium, high, critical; v2.0 low, medium, high.';
CREATE FUNCTION @extschema@.cvss_metric(@extschema@.cvss, metric text) RETURNS text
  AS 'MODULE_PATHNAME', 'cvss_metric_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.cvss_metric(@extschema@.cvss, text) IS
  'A metric''s value, e.g. cvss_metric(v, ''AV'') = ''N''; X (ND in v2.0) for an optional metric not defined; '
  'a name that is no metric of the vector''s version is an error (22023).';
CREATE FUNCTION @extschema@.cvss_with_requirements(@extschema@.cvss, cr text, ir text, ar text) RETURNS @extschema@.cvss
  AS 'MODULE_PATHNAME', 'cvss_with_requirements' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.cvss_with_requirements(@extschema@.cvss, text, text, text) IS
  'The vector with the confidentiality, integrity and availability requirements CR, IR, AR set '
  '(L, M, H or X, or an asset''s low/medium/high), so an asset''s requirements apply before scoring.';

CREATE FUNCTION @extschema@.cvss_cmp(@extschema@.cvss, @extschema@.cvss) RETURNS integer
  AS 'MODULE_PATHNAME', 'cvss_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.cvss_cmp(@extschema@.cvss, @extschema@.cvss) IS
  'Btree support: orders by cvss_score, then by canonical text.';
CREATE FUNCTION @extschema@.cvss_eq(@extschema@.cvss, @extschema@.cvss) RETURNS boolean
  AS 'MODULE_PATHNAME', 'cvss_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION @extschema@.cvss_eq(@extschema@.cvss, @extschema@.cvss) IS 'Implements = for cvss: the same canonical vector.';
CREATE FUNCTION @extschema@.cvss_ne(@extschema@.cvss, @extschema@.cvss) RETURNS boolean
  AS 'MODULE_PATHNAME', 'cvss_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION @extschema@.cvss_ne(@extschema@.cvss, @extschema@.cvss) IS 'Implements <> for cvss.';
CREATE FUNCTION @extschema@.cvss_lt(@extschema@.cvss, @extschema@.cvss) RETURNS boolean
  AS 'MODULE_PATHNAME', 'cvss_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.cvss_lt(@extschema@.cvss, @extschema@.cvss) IS 'Implements < for cvss.';
CREATE FUNCTION @extschema@.cvss_le(@extschema@.cvss, @extschema@.cvss) RETURNS boolean
  AS 'MODULE_PATHNAME', 'cvss_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.cvss_le(@extschema@.cvss, @extschema@.cvss) IS 'Implements <= for cvss.';
CREATE FUNCTION @extschema@.cvss_gt(@extschema@.cvss, @extschema@.cvss) RETURNS boolean
  AS 'MODULE_PATHNAME', 'cvss_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.cvss_gt(@extschema@.cvss, @extschema@.cvss) IS 'Implements > for cvss.';
CREATE FUNCTION @extschema@.cvss_ge(@extschema@.cvss, @extschema@.cvss) RETURNS boolean
  AS 'MODULE_PATHNAME', 'cvss_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.cvss_ge(@extschema@.cvss, @extschema@.cvss) IS 'Implements >= for cvss.';
CREATE FUNCTION @extschema@.cvss_hash(@extschema@.cvss) RETURNS integer
  AS 'MODULE_PATHNAME', 'cvss_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.cvss_hash(@extschema@.cvss) IS 'Hash support for cvss.';
CREATE FUNCTION @extschema@.cvss_hash_extended(@extschema@.cvss, bigint) RETURNS bigint
  AS 'MODULE_PATHNAME', 'cvss_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.cvss_hash_extended(@extschema@.cvss, bigint) IS 'Seeded hash support for cvss.';

CREATE OPERATOR @extschema@.= (
  LEFTARG = @extschema@.cvss, RIGHTARG = @extschema@.cvss, FUNCTION = @extschema@.cvss_eq,
  COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
  RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
CREATE OPERATOR @extschema@.<> (
  LEFTARG = @extschema@.cvss, RIGHTARG = @extschema@.cvss, FUNCTION = @extschema@.cvss_ne,
  COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
  RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR @extschema@.< (
  LEFTARG = @extschema@.cvss, RIGHTARG = @extschema@.cvss, FUNCTION = @extschema@.cvss_lt,
  COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
  RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR @extschema@.<= (
  LEFTARG = @extschema@.cvss, RIGHTARG = @extschema@.cvss, FUNCTION = @extschema@.cvss_le,
  COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
  RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR @extschema@.> (
  LEFTARG = @extschema@.cvss, RIGHTARG = @extschema@.cvss, FUNCTION = @extschema@.cvss_gt,
  COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
  RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
CREATE OPERATOR @extschema@.>= (
  LEFTARG = @extschema@.cvss, RIGHTARG = @extschema@.cvss, FUNCTION = @extschema@.cvss_ge,
  COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
  RESTRICT = scalargesel, JOIN = scalargejoinsel);
COMMENT ON OPERATOR @extschema@.= (@extschema@.cvss, @extschema@.cvss) IS 'Same canonical vector.';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.cvss, @extschema@.cvss) IS 'Different canonical vectors.';
COMMENT ON OPERATOR @extschema@.< (@extschema@.cvss, @extschema@.cvss) IS 'Lower score, or same score and canonical text before.';
COMMENT ON OPERATOR @extschema@.<= (@extschema@.cvss, @extschema@.cvss) IS 'Less than or equal (score, then canonical text).';
COMMENT ON OPERATOR @extschema@.> (@extschema@.cvss, @extschema@.cvss) IS 'Higher score, or same score and canonical text after.';
COMMENT ON OPERATOR @extschema@.>= (@extschema@.cvss, @extschema@.cvss) IS 'Greater than or equal (score, then canonical text).';

CREATE OPERATOR CLASS @extschema@.cvss_ops DEFAULT FOR TYPE @extschema@.cvss USING btree AS
  OPERATOR 1 @extschema@.< ,
  OPERATOR 2 @extschema@.<= ,
  OPERATOR 3 @extschema@.= ,
  OPERATOR 4 @extschema@.>= ,
  OPERATOR 5 @extschema@.> ,
  FUNCTION 1 @extschema@.cvss_cmp(@extschema@.cvss, @extschema@.cvss);
CREATE OPERATOR CLASS @extschema@.cvss_hash_ops DEFAULT FOR TYPE @extschema@.cvss USING hash AS
  OPERATOR 1 @extschema@.= ,
  FUNCTION 1 @extschema@.cvss_hash(@extschema@.cvss),
  FUNCTION 2 @extschema@.cvss_hash_extended(@extschema@.cvss, bigint);
COMMENT ON OPERATOR CLASS @extschema@.cvss_ops USING btree IS 'Orders cvss by score, then canonical text.';
COMMENT ON OPERATOR CLASS @extschema@.cvss_hash_ops USING hash IS 'Hashes cvss values (GROUP BY, DISTINCT, hash joins).';

CREATE FUNCTION @extschema@.cvss_smaller(@extschema@.cvss, @extschema@.cvss) RETURNS @extschema@.cvss
  AS 'MODULE_PATHNAME', 'cvss_smaller' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.cvss_smaller(@extschema@.cvss, @extschema@.cvss) IS 'The lesser of two cvss values (for min).';
CREATE FUNCTION @extschema@.cvss_larger(@extschema@.cvss, @extschema@.cvss) RETURNS @extschema@.cvss
  AS 'MODULE_PATHNAME', 'cvss_larger' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.cvss_larger(@extschema@.cvss, @extschema@.cvss) IS 'The greater of two cvss values (for max).';
CREATE AGGREGATE @extschema@.min(@extschema@.cvss) (
  SFUNC = @extschema@.cvss_smaller, STYPE = @extschema@.cvss, SORTOP = OPERATOR(@extschema@.<),
  COMBINEFUNC = @extschema@.cvss_smaller, PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.max(@extschema@.cvss) (
  SFUNC = @extschema@.cvss_larger, STYPE = @extschema@.cvss, SORTOP = OPERATOR(@extschema@.>),
  COMBINEFUNC = @extschema@.cvss_larger, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.min(@extschema@.cvss) IS 'The lowest-scoring vector (ties by canonical text).';
COMMENT ON AGGREGATE @extschema@.max(@extschema@.cvss) IS 'The highest-scoring vector, e.g. the worst vulnerability of an asset.';
COMMENT ON OPERATOR FAMILY @extschema@.cvss_ops USING btree IS 'Btree operator family of cvss (score, then canonical text).';
COMMENT ON OPERATOR FAMILY @extschema@.cvss_hash_ops USING hash IS 'Hash operator family of cvss.';
