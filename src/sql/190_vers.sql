-- Version ranges in the package-url "vers" notation (VERSION-RANGE-SPEC), as CSAF advisories for
-- ICS products carry them (vers:intdot/<9.90): the type vers_range, which validates and
-- normalises a range, and vers_contains, which tests a version against it.  Parsing and
-- containment are in src/vers_core.c (no PostgreSQL dependency), the fmgr glue in src/vers.c.

CREATE TYPE @extschema@.vers_range;

CREATE FUNCTION @extschema@.vers_range_in(cstring) RETURNS @extschema@.vers_range
  AS 'MODULE_PATHNAME', 'vers_range_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.vers_range_in(cstring) IS
  'Input function of type vers_range: parses, validates and normalises a vers: range.';
CREATE FUNCTION @extschema@.vers_range_out(@extschema@.vers_range) RETURNS cstring
  AS 'MODULE_PATHNAME', 'vers_range_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.vers_range_out(@extschema@.vers_range) IS
  'Output function of type vers_range: the canonical text.';
CREATE FUNCTION @extschema@.vers_range_recv(internal) RETURNS @extschema@.vers_range
  AS 'MODULE_PATHNAME', 'vers_range_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.vers_range_recv(internal) IS
  'Binary input of type vers_range (a format byte, then the range text), parsed as strictly as text input.';
CREATE FUNCTION @extschema@.vers_range_send(@extschema@.vers_range) RETURNS bytea
  AS 'MODULE_PATHNAME', 'vers_range_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.vers_range_send(@extschema@.vers_range) IS
  'Binary output of type vers_range: format byte 1, then the canonical text.';

CREATE TYPE @extschema@.vers_range (
  INTERNALLENGTH = VARIABLE,
  INPUT = @extschema@.vers_range_in,
  OUTPUT = @extschema@.vers_range_out,
  RECEIVE = @extschema@.vers_range_recv,
  SEND = @extschema@.vers_range_send,
  ALIGNMENT = int4,
  STORAGE = extended
);
COMMENT ON TYPE @extschema@.vers_range IS
  'A version range in the package-url vers notation (vers:<scheme>/<constraint>|...), schemes all, none, intdot '
  'and semver: validated on input (22P02; 0A000 for another scheme), stored as canonical text (constraints sorted '
  'by version, exact repeats dropped, no spaces, "=" omitted); equal when the constraints are equal under the '
  'scheme (vers:intdot/<1.0 = vers:intdot/<1.00).';

CREATE FUNCTION @extschema@.vers_range(text) RETURNS @extschema@.vers_range
  AS 'MODULE_PATHNAME', 'vers_range_from_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.vers_range(text) IS 'Parses a vers: range (the text to vers_range cast).';
CREATE FUNCTION @extschema@.text(@extschema@.vers_range) RETURNS text
  AS 'MODULE_PATHNAME', 'vers_range_to_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.text(@extschema@.vers_range) IS 'The canonical range text (the vers_range to text cast).';
CREATE CAST (text AS @extschema@.vers_range) WITH FUNCTION @extschema@.vers_range(text) AS ASSIGNMENT;
CREATE CAST (varchar AS @extschema@.vers_range) WITH FUNCTION @extschema@.vers_range(text) AS ASSIGNMENT;
CREATE CAST (@extschema@.vers_range AS text) WITH FUNCTION @extschema@.text(@extschema@.vers_range);
COMMENT ON CAST (text AS @extschema@.vers_range) IS 'Parses a vers: range; also applied on assignment to a vers_range column.';
COMMENT ON CAST (varchar AS @extschema@.vers_range) IS 'Parses a vers: range; also applied on assignment to a vers_range column.';
COMMENT ON CAST (@extschema@.vers_range AS text) IS 'The canonical range text.';

CREATE FUNCTION @extschema@.vers_contains(range @extschema@.vers_range, version text) RETURNS boolean
  AS 'MODULE_PATHNAME', 'vers_contains_range' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.vers_contains(@extschema@.vers_range, text) IS
  'Whether version lies in the range, by the vers specification''s containment procedure; NULL when the version '
  'cannot be compared under the range''s scheme (a person must look). Under intdot a leading V/v before a digit '
  'is ignored (V2.9.4 is 2.9.4).';
CREATE FUNCTION @extschema@.vers_contains(range text, version text) RETURNS boolean
  AS 'MODULE_PATHNAME', 'vers_contains_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.vers_contains(text, text) IS
  'vers_contains on a range given as text: a malformed range is 22P02, an unsupported scheme 0A000; NULL when '
  'the version cannot be compared under the range''s scheme.';
CREATE FUNCTION @extschema@.vers_scheme(@extschema@.vers_range) RETURNS text
  AS 'MODULE_PATHNAME', 'vers_scheme_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.vers_scheme(@extschema@.vers_range) IS
  'The range''s versioning scheme: all, none, intdot or semver.';
CREATE FUNCTION @extschema@.vers_version_compare(scheme text, a text, b text) RETURNS integer
  AS 'MODULE_PATHNAME', 'vers_version_compare_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.vers_version_compare(text, text, text) IS
  'Compares two versions under a scheme (intdot or semver): -1, 0 or 1; NULL when either cannot be compared, and '
  'under all and none, which have no order. An unsupported scheme is 0A000, a malformed scheme name 22023.';

CREATE FUNCTION @extschema@.vers_range_cmp(@extschema@.vers_range, @extschema@.vers_range) RETURNS integer
  AS 'MODULE_PATHNAME', 'vers_range_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.vers_range_cmp(@extschema@.vers_range, @extschema@.vers_range) IS
  'Btree support: orders by scheme name, then constraint by constraint by version under the scheme and comparator '
  '(as PostgreSQL orders range types by lower bound); not a containment relation.';
CREATE FUNCTION @extschema@.vers_range_eq(@extschema@.vers_range, @extschema@.vers_range) RETURNS boolean
  AS 'MODULE_PATHNAME', 'vers_range_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION @extschema@.vers_range_eq(@extschema@.vers_range, @extschema@.vers_range) IS
  'Implements = for vers_range: same scheme, and the same constraints with versions equal under it.';
CREATE FUNCTION @extschema@.vers_range_ne(@extschema@.vers_range, @extschema@.vers_range) RETURNS boolean
  AS 'MODULE_PATHNAME', 'vers_range_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION @extschema@.vers_range_ne(@extschema@.vers_range, @extschema@.vers_range) IS 'Implements <> for vers_range.';
CREATE FUNCTION @extschema@.vers_range_lt(@extschema@.vers_range, @extschema@.vers_range) RETURNS boolean
  AS 'MODULE_PATHNAME', 'vers_range_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.vers_range_lt(@extschema@.vers_range, @extschema@.vers_range) IS 'Implements < for vers_range (sort order).';
CREATE FUNCTION @extschema@.vers_range_le(@extschema@.vers_range, @extschema@.vers_range) RETURNS boolean
  AS 'MODULE_PATHNAME', 'vers_range_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.vers_range_le(@extschema@.vers_range, @extschema@.vers_range) IS 'Implements <= for vers_range (sort order).';
CREATE FUNCTION @extschema@.vers_range_gt(@extschema@.vers_range, @extschema@.vers_range) RETURNS boolean
  AS 'MODULE_PATHNAME', 'vers_range_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.vers_range_gt(@extschema@.vers_range, @extschema@.vers_range) IS 'Implements > for vers_range (sort order).';
CREATE FUNCTION @extschema@.vers_range_ge(@extschema@.vers_range, @extschema@.vers_range) RETURNS boolean
  AS 'MODULE_PATHNAME', 'vers_range_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.vers_range_ge(@extschema@.vers_range, @extschema@.vers_range) IS 'Implements >= for vers_range (sort order).';
CREATE FUNCTION @extschema@.vers_range_hash(@extschema@.vers_range) RETURNS integer
  AS 'MODULE_PATHNAME', 'vers_range_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.vers_range_hash(@extschema@.vers_range) IS
  'Hash support for vers_range, over the normalised form that equal ranges share.';
CREATE FUNCTION @extschema@.vers_range_hash_extended(@extschema@.vers_range, bigint) RETURNS bigint
  AS 'MODULE_PATHNAME', 'vers_range_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.vers_range_hash_extended(@extschema@.vers_range, bigint) IS
  'Seeded hash support for vers_range.';

CREATE OPERATOR @extschema@.= (
  LEFTARG = @extschema@.vers_range, RIGHTARG = @extschema@.vers_range, FUNCTION = @extschema@.vers_range_eq,
  COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
  RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
CREATE OPERATOR @extschema@.<> (
  LEFTARG = @extschema@.vers_range, RIGHTARG = @extschema@.vers_range, FUNCTION = @extschema@.vers_range_ne,
  COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
  RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR @extschema@.< (
  LEFTARG = @extschema@.vers_range, RIGHTARG = @extschema@.vers_range, FUNCTION = @extschema@.vers_range_lt,
  COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
  RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR @extschema@.<= (
  LEFTARG = @extschema@.vers_range, RIGHTARG = @extschema@.vers_range, FUNCTION = @extschema@.vers_range_le,
  COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
  RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR @extschema@.> (
  LEFTARG = @extschema@.vers_range, RIGHTARG = @extschema@.vers_range, FUNCTION = @extschema@.vers_range_gt,
  COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
  RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
CREATE OPERATOR @extschema@.>= (
  LEFTARG = @extschema@.vers_range, RIGHTARG = @extschema@.vers_range, FUNCTION = @extschema@.vers_range_ge,
  COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
  RESTRICT = scalargesel, JOIN = scalargejoinsel);
COMMENT ON OPERATOR @extschema@.= (@extschema@.vers_range, @extschema@.vers_range) IS
  'Equal ranges: same scheme and constraints, versions compared under the scheme.';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.vers_range, @extschema@.vers_range) IS 'Different ranges.';
COMMENT ON OPERATOR @extschema@.< (@extschema@.vers_range, @extschema@.vers_range) IS
  'Sorts before (scheme, then constraints by version and comparator); not containment.';
COMMENT ON OPERATOR @extschema@.<= (@extschema@.vers_range, @extschema@.vers_range) IS 'Sorts before or equal.';
COMMENT ON OPERATOR @extschema@.> (@extschema@.vers_range, @extschema@.vers_range) IS
  'Sorts after (scheme, then constraints by version and comparator); not containment.';
COMMENT ON OPERATOR @extschema@.>= (@extschema@.vers_range, @extschema@.vers_range) IS 'Sorts after or equal.';

CREATE OPERATOR CLASS @extschema@.vers_range_ops DEFAULT FOR TYPE @extschema@.vers_range USING btree AS
  OPERATOR 1 @extschema@.< ,
  OPERATOR 2 @extschema@.<= ,
  OPERATOR 3 @extschema@.= ,
  OPERATOR 4 @extschema@.>= ,
  OPERATOR 5 @extschema@.> ,
  FUNCTION 1 @extschema@.vers_range_cmp(@extschema@.vers_range, @extschema@.vers_range);
CREATE OPERATOR CLASS @extschema@.vers_range_hash_ops DEFAULT FOR TYPE @extschema@.vers_range USING hash AS
  OPERATOR 1 @extschema@.= ,
  FUNCTION 1 @extschema@.vers_range_hash(@extschema@.vers_range),
  FUNCTION 2 @extschema@.vers_range_hash_extended(@extschema@.vers_range, bigint);
COMMENT ON OPERATOR CLASS @extschema@.vers_range_ops USING btree IS
  'Orders vers_range values (ORDER BY, DISTINCT, unique indexes): scheme, then constraints by version.';
COMMENT ON OPERATOR CLASS @extschema@.vers_range_hash_ops USING hash IS
  'Hashes vers_range values (GROUP BY, DISTINCT, hash joins, hash indexes).';
COMMENT ON OPERATOR FAMILY @extschema@.vers_range_ops USING btree IS 'Btree operator family of vers_range (an order for sorting only).';
COMMENT ON OPERATOR FAMILY @extschema@.vers_range_hash_ops USING hash IS 'Hash operator family of vers_range.';
