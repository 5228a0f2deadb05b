-- The sl_vector type: an IEC 62443 security-level vector, one level 0..4 for each foundational
-- requirement FR1..FR7 (IAC, UC, SI, DC, RDF, TRE, RA).  4 bytes, passed by value.  Parsing is in
-- src/sl_vector_core.c (no PostgreSQL dependency), the fmgr glue in src/sl_vector.c.

CREATE TYPE @extschema@.sl_vector;

CREATE FUNCTION @extschema@.sl_vector_in(cstring) RETURNS @extschema@.sl_vector
  AS 'MODULE_PATHNAME', 'sl_vector_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sl_vector_in(cstring) IS
  'Input function of type sl_vector: {2,2,1,1,2,3,1} (FR order) or IAC:2,UC:2,SI:1,DC:1,RDF:2,TRE:3,RA:1 (any order).';
CREATE FUNCTION @extschema@.sl_vector_out(@extschema@.sl_vector) RETURNS cstring
  AS 'MODULE_PATHNAME', 'sl_vector_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sl_vector_out(@extschema@.sl_vector) IS
  'Output function of type sl_vector: seven levels in FR order, e.g. {2,2,1,1,2,3,1}.';
CREATE FUNCTION @extschema@.sl_vector_recv(internal) RETURNS @extschema@.sl_vector
  AS 'MODULE_PATHNAME', 'sl_vector_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sl_vector_recv(internal) IS
  'Binary input of type sl_vector: 8 bytes, layout 1 then the levels of FR1..FR7, validated as strictly as text '
  'input; the 4-byte packed form of release 0.1.0 is still read.';
CREATE FUNCTION @extschema@.sl_vector_send(@extschema@.sl_vector) RETURNS bytea
  AS 'MODULE_PATHNAME', 'sl_vector_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sl_vector_send(@extschema@.sl_vector) IS
  'Binary output of type sl_vector: 8 bytes, a layout byte (1) then the levels of FR1..FR7, one byte each.';

CREATE TYPE @extschema@.sl_vector (
  INTERNALLENGTH = 4,
  PASSEDBYVALUE,
  ALIGNMENT = int4,
  STORAGE = plain,
  INPUT = @extschema@.sl_vector_in,
  OUTPUT = @extschema@.sl_vector_out,
  RECEIVE = @extschema@.sl_vector_recv,
  SEND = @extschema@.sl_vector_send
);
COMMENT ON TYPE @extschema@.sl_vector IS
  'IEC 62443 security-level vector: a level 0..4 for each foundational requirement FR1 IAC, FR2 UC, FR3 SI, '
  'FR4 DC, FR5 RDF, FR6 TRE, FR7 RA (SL-T, SL-C or SL-A).  Printed {2,2,1,1,2,3,1}; 4 bytes on disk.';

CREATE FUNCTION @extschema@.sl_vector(text) RETURNS @extschema@.sl_vector
  AS 'MODULE_PATHNAME', 'sl_vector_from_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sl_vector(text) IS 'Parses a security-level vector (the text to sl_vector cast).';
CREATE FUNCTION @extschema@.text(@extschema@.sl_vector) RETURNS text
  AS 'MODULE_PATHNAME', 'sl_vector_to_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.text(@extschema@.sl_vector) IS
  'The canonical text {l1,...,l7} in FR order (the sl_vector to text cast).';
CREATE CAST (text AS @extschema@.sl_vector) WITH FUNCTION @extschema@.sl_vector(text) AS ASSIGNMENT;
CREATE CAST (varchar AS @extschema@.sl_vector) WITH FUNCTION @extschema@.sl_vector(text) AS ASSIGNMENT;
CREATE CAST (@extschema@.sl_vector AS text) WITH FUNCTION @extschema@.text(@extschema@.sl_vector);
COMMENT ON CAST (text AS @extschema@.sl_vector) IS 'Parses a security-level vector; also applied on assignment to an sl_vector column.';
COMMENT ON CAST (varchar AS @extschema@.sl_vector) IS 'Parses a security-level vector; also applied on assignment to an sl_vector column.';
COMMENT ON CAST (@extschema@.sl_vector AS text) IS 'The canonical text {l1,...,l7} in FR order.';

CREATE FUNCTION @extschema@.sl_vector(levels integer[]) RETURNS @extschema@.sl_vector
  AS 'MODULE_PATHNAME', 'sl_vector_from_levels' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sl_vector(integer[]) IS
  'Builds a vector from seven levels 0..4 in FR order, e.g. sl_vector(ARRAY[2,2,1,1,2,3,1]); '
  'another length, a NULL level or a level outside 0..4 is an error (22023, 22004).';
CREATE FUNCTION @extschema@.sl_levels(@extschema@.sl_vector) RETURNS integer[]
  AS 'MODULE_PATHNAME', 'sl_levels' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sl_levels(@extschema@.sl_vector) IS
  'The seven levels in FR order as an integer array (element 1 is FR1 IAC).';
CREATE FUNCTION @extschema@.sl_fr(@extschema@.sl_vector, fr text) RETURNS integer
  AS 'MODULE_PATHNAME', 'sl_fr' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sl_fr(@extschema@.sl_vector, text) IS
  'The level of one foundational requirement, named IAC, UC, SI, DC, RDF, TRE, RA or FR1..FR7 (any case); '
  'another name is an error (22023).';
CREATE FUNCTION @extschema@.sl_meets(achieved @extschema@.sl_vector, target @extschema@.sl_vector) RETURNS boolean
  AS 'MODULE_PATHNAME', 'sl_meets' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sl_meets(@extschema@.sl_vector, @extschema@.sl_vector) IS
  'True when achieved is at least target on every FR (a zone meets its SL-T when sl_meets(SL-A, SL-T)).';
CREATE FUNCTION @extschema@.sl_gap(achieved @extschema@.sl_vector, target @extschema@.sl_vector) RETURNS @extschema@.sl_vector
  AS 'MODULE_PATHNAME', 'sl_gap' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sl_gap(@extschema@.sl_vector, @extschema@.sl_vector) IS
  'Per FR, how far achieved falls short of target: greatest(target - achieved, 0); all zeros when it meets it.';
CREATE FUNCTION @extschema@.sl_max(@extschema@.sl_vector, @extschema@.sl_vector) RETURNS @extschema@.sl_vector
  AS 'MODULE_PATHNAME', 'sl_max' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sl_max(@extschema@.sl_vector, @extschema@.sl_vector) IS
  'Per-FR maximum of two vectors (the transition function of max(sl_vector)).';
CREATE FUNCTION @extschema@.sl_min(@extschema@.sl_vector, @extschema@.sl_vector) RETURNS @extschema@.sl_vector
  AS 'MODULE_PATHNAME', 'sl_min' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sl_min(@extschema@.sl_vector, @extschema@.sl_vector) IS
  'Per-FR minimum of two vectors (the transition function of min(sl_vector)).';

-- max and min work FR by FR, so their result need not be one of the inputs, and they have no
-- SORTOP: the btree order below is not what they compute.
CREATE AGGREGATE @extschema@.max(@extschema@.sl_vector) (
  SFUNC = @extschema@.sl_max, STYPE = @extschema@.sl_vector,
  COMBINEFUNC = @extschema@.sl_max, PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.min(@extschema@.sl_vector) (
  SFUNC = @extschema@.sl_min, STYPE = @extschema@.sl_vector,
  COMBINEFUNC = @extschema@.sl_min, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.max(@extschema@.sl_vector) IS
  'Per-FR maximum over the rows, e.g. the highest level any component of a zone reaches on each FR.';
COMMENT ON AGGREGATE @extschema@.min(@extschema@.sl_vector) IS
  'Per-FR minimum over the rows, e.g. the capability a zone can claim from its weakest component on each FR '
  '(SL-C of a zone from its components'' SL-C).';

CREATE FUNCTION @extschema@.sl_vector_eq(@extschema@.sl_vector, @extschema@.sl_vector) RETURNS boolean
  AS 'MODULE_PATHNAME', 'sl_vector_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION @extschema@.sl_vector_eq(@extschema@.sl_vector, @extschema@.sl_vector) IS
  'Implements = for sl_vector: the same level on every FR.';
CREATE FUNCTION @extschema@.sl_vector_ne(@extschema@.sl_vector, @extschema@.sl_vector) RETURNS boolean
  AS 'MODULE_PATHNAME', 'sl_vector_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION @extschema@.sl_vector_ne(@extschema@.sl_vector, @extschema@.sl_vector) IS 'Implements <> for sl_vector.';
CREATE FUNCTION @extschema@.sl_vector_cmp(@extschema@.sl_vector, @extschema@.sl_vector) RETURNS integer
  AS 'MODULE_PATHNAME', 'sl_vector_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sl_vector_cmp(@extschema@.sl_vector, @extschema@.sl_vector) IS
  'Btree support: FR1 first, then FR2, and so on (the order of the text); not a dominance order.';
CREATE FUNCTION @extschema@.sl_vector_lt(@extschema@.sl_vector, @extschema@.sl_vector) RETURNS boolean
  AS 'MODULE_PATHNAME', 'sl_vector_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sl_vector_lt(@extschema@.sl_vector, @extschema@.sl_vector) IS 'Implements ~<~ for sl_vector (sort order).';
CREATE FUNCTION @extschema@.sl_vector_le(@extschema@.sl_vector, @extschema@.sl_vector) RETURNS boolean
  AS 'MODULE_PATHNAME', 'sl_vector_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sl_vector_le(@extschema@.sl_vector, @extschema@.sl_vector) IS 'Implements ~<=~ for sl_vector (sort order).';
CREATE FUNCTION @extschema@.sl_vector_gt(@extschema@.sl_vector, @extschema@.sl_vector) RETURNS boolean
  AS 'MODULE_PATHNAME', 'sl_vector_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sl_vector_gt(@extschema@.sl_vector, @extschema@.sl_vector) IS 'Implements ~>~ for sl_vector (sort order).';
CREATE FUNCTION @extschema@.sl_vector_ge(@extschema@.sl_vector, @extschema@.sl_vector) RETURNS boolean
  AS 'MODULE_PATHNAME', 'sl_vector_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sl_vector_ge(@extschema@.sl_vector, @extschema@.sl_vector) IS 'Implements ~>=~ for sl_vector (sort order).';
CREATE FUNCTION @extschema@.sl_vector_hash(@extschema@.sl_vector) RETURNS integer
  AS 'MODULE_PATHNAME', 'sl_vector_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sl_vector_hash(@extschema@.sl_vector) IS 'Hash support for sl_vector.';
CREATE FUNCTION @extschema@.sl_vector_hash_extended(@extschema@.sl_vector, bigint) RETURNS bigint
  AS 'MODULE_PATHNAME', 'sl_vector_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sl_vector_hash_extended(@extschema@.sl_vector, bigint) IS 'Seeded hash support for sl_vector.';

CREATE OPERATOR @extschema@.= (
  LEFTARG = @extschema@.sl_vector, RIGHTARG = @extschema@.sl_vector, FUNCTION = @extschema@.sl_vector_eq,
  COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
  RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
CREATE OPERATOR @extschema@.<> (
  LEFTARG = @extschema@.sl_vector, RIGHTARG = @extschema@.sl_vector, FUNCTION = @extschema@.sl_vector_ne,
  COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
  RESTRICT = neqsel, JOIN = neqjoinsel);
-- The sort order is deliberately not spelled < and >=: "achieved >= target" would read as "meets
-- the target" and silently mean something else.  Use sl_meets for that.
CREATE OPERATOR @extschema@.~<~ (
  LEFTARG = @extschema@.sl_vector, RIGHTARG = @extschema@.sl_vector, FUNCTION = @extschema@.sl_vector_lt,
  COMMUTATOR = OPERATOR(@extschema@.~>~), NEGATOR = OPERATOR(@extschema@.~>=~),
  RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR @extschema@.~<=~ (
  LEFTARG = @extschema@.sl_vector, RIGHTARG = @extschema@.sl_vector, FUNCTION = @extschema@.sl_vector_le,
  COMMUTATOR = OPERATOR(@extschema@.~>=~), NEGATOR = OPERATOR(@extschema@.~>~),
  RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR @extschema@.~>~ (
  LEFTARG = @extschema@.sl_vector, RIGHTARG = @extschema@.sl_vector, FUNCTION = @extschema@.sl_vector_gt,
  COMMUTATOR = OPERATOR(@extschema@.~<~), NEGATOR = OPERATOR(@extschema@.~<=~),
  RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
CREATE OPERATOR @extschema@.~>=~ (
  LEFTARG = @extschema@.sl_vector, RIGHTARG = @extschema@.sl_vector, FUNCTION = @extschema@.sl_vector_ge,
  COMMUTATOR = OPERATOR(@extschema@.~<=~), NEGATOR = OPERATOR(@extschema@.~<~),
  RESTRICT = scalargesel, JOIN = scalargejoinsel);
COMMENT ON OPERATOR @extschema@.= (@extschema@.sl_vector, @extschema@.sl_vector) IS 'Same level on every FR.';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.sl_vector, @extschema@.sl_vector) IS 'Different level on at least one FR.';
COMMENT ON OPERATOR @extschema@.~<~ (@extschema@.sl_vector, @extschema@.sl_vector) IS
  'Sorts before (FR1 first, then FR2, ...: the order of the text); not "weaker than", use sl_meets for that.';
COMMENT ON OPERATOR @extschema@.~<=~ (@extschema@.sl_vector, @extschema@.sl_vector) IS
  'Sorts before or equal (order of the text); not a dominance test.';
COMMENT ON OPERATOR @extschema@.~>~ (@extschema@.sl_vector, @extschema@.sl_vector) IS
  'Sorts after (order of the text); not "stronger than", use sl_meets for that.';
COMMENT ON OPERATOR @extschema@.~>=~ (@extschema@.sl_vector, @extschema@.sl_vector) IS
  'Sorts after or equal (order of the text); not "meets", use sl_meets for that.';

CREATE OPERATOR CLASS @extschema@.sl_vector_ops DEFAULT FOR TYPE @extschema@.sl_vector USING btree AS
  OPERATOR 1 @extschema@.~<~ ,
  OPERATOR 2 @extschema@.~<=~ ,
  OPERATOR 3 @extschema@.= ,
  OPERATOR 4 @extschema@.~>=~ ,
  OPERATOR 5 @extschema@.~>~ ,
  FUNCTION 1 @extschema@.sl_vector_cmp(@extschema@.sl_vector, @extschema@.sl_vector);
CREATE OPERATOR CLASS @extschema@.sl_vector_hash_ops DEFAULT FOR TYPE @extschema@.sl_vector USING hash AS
  OPERATOR 1 @extschema@.= ,
  FUNCTION 1 @extschema@.sl_vector_hash(@extschema@.sl_vector),
  FUNCTION 2 @extschema@.sl_vector_hash_extended(@extschema@.sl_vector, bigint);
COMMENT ON OPERATOR CLASS @extschema@.sl_vector_ops USING btree IS
  'Sort order of sl_vector (ORDER BY, UNIQUE, merge joins): FR1 first, then FR2, ...; not a dominance order.';
COMMENT ON OPERATOR CLASS @extschema@.sl_vector_hash_ops USING hash IS 'Hashes sl_vector values (GROUP BY, DISTINCT, hash joins).';
COMMENT ON OPERATOR FAMILY @extschema@.sl_vector_ops USING btree IS 'Btree operator family of sl_vector (sorting order, not dominance).';
COMMENT ON OPERATOR FAMILY @extschema@.sl_vector_hash_ops USING hash IS 'Hash operator family of sl_vector.';
