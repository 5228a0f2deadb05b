-- The risk_matrix type: a grid of likelihood 1..N rows by consequence 1..M columns (N, M <= 10),
-- each cell a level (low, medium, high, critical) and a score.  Text
-- {{low:1,low:2};{low:2,medium:4}}: rows in likelihood order separated by ';', each row's cells in
-- consequence order separated by ','.  Parsing is in src/risk_matrix_core.c (no PostgreSQL
-- dependency), the fmgr glue in src/risk_matrix.c.  The shipped default and each organisation's
-- matrices are tables (330_risk_matrix_tables.sql).

CREATE TYPE @extschema@.risk_matrix;

CREATE FUNCTION @extschema@.risk_matrix_in(cstring) RETURNS @extschema@.risk_matrix
  AS 'MODULE_PATHNAME', 'risk_matrix_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.risk_matrix_in(cstring) IS
  'Input function of type risk_matrix: {{level:score,...};...}, one brace group per likelihood, one cell per consequence.';
CREATE FUNCTION @extschema@.risk_matrix_out(@extschema@.risk_matrix) RETURNS cstring
  AS 'MODULE_PATHNAME', 'risk_matrix_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.risk_matrix_out(@extschema@.risk_matrix) IS
  'Output function of type risk_matrix: the canonical grid text (lowercase levels, no spaces, no trailing zeros).';
CREATE FUNCTION @extschema@.risk_matrix_recv(internal) RETURNS @extschema@.risk_matrix
  AS 'MODULE_PATHNAME', 'risk_matrix_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.risk_matrix_recv(internal) IS
  'Binary input of type risk_matrix (the packed grid), validated as strictly as text input.';
CREATE FUNCTION @extschema@.risk_matrix_send(@extschema@.risk_matrix) RETURNS bytea
  AS 'MODULE_PATHNAME', 'risk_matrix_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.risk_matrix_send(@extschema@.risk_matrix) IS
  'Binary output of type risk_matrix: layout version 1, likelihoods, consequences, then 4 little-endian bytes per cell '
  '(score in hundredths in bits 0..29, level in bits 30..31).';

CREATE TYPE @extschema@.risk_matrix (
  INTERNALLENGTH = VARIABLE,
  INPUT = @extschema@.risk_matrix_in,
  OUTPUT = @extschema@.risk_matrix_out,
  RECEIVE = @extschema@.risk_matrix_recv,
  SEND = @extschema@.risk_matrix_send,
  ALIGNMENT = int4,
  STORAGE = extended
);
COMMENT ON TYPE @extschema@.risk_matrix IS
  'A risk matrix: likelihood 1..N by consequence 1..M (N, M at most 10), each cell a level (low, medium, high, critical) '
  'and a score (0..999999.99, two decimals), e.g. {{low:1,low:2};{low:2,medium:4}}.  Monotonicity is not required.';

CREATE FUNCTION @extschema@.risk_matrix(text) RETURNS @extschema@.risk_matrix
  AS 'MODULE_PATHNAME', 'risk_matrix_from_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.risk_matrix(text) IS 'Parses a risk matrix grid (the text to risk_matrix cast).';
CREATE FUNCTION @extschema@.text(@extschema@.risk_matrix) RETURNS text
  AS 'MODULE_PATHNAME', 'risk_matrix_to_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.text(@extschema@.risk_matrix) IS 'The canonical grid text (the risk_matrix to text cast).';
CREATE CAST (text AS @extschema@.risk_matrix) WITH FUNCTION @extschema@.risk_matrix(text) AS ASSIGNMENT;
CREATE CAST (varchar AS @extschema@.risk_matrix) WITH FUNCTION @extschema@.risk_matrix(text) AS ASSIGNMENT;
CREATE CAST (@extschema@.risk_matrix AS text) WITH FUNCTION @extschema@.text(@extschema@.risk_matrix);
COMMENT ON CAST (text AS @extschema@.risk_matrix) IS 'Parses a grid; also applied on assignment to a risk_matrix column.';
COMMENT ON CAST (varchar AS @extschema@.risk_matrix) IS 'Parses a grid; also applied on assignment to a risk_matrix column.';
COMMENT ON CAST (@extschema@.risk_matrix AS text) IS 'The canonical grid text.';

CREATE FUNCTION @extschema@.risk_matrix_eq(@extschema@.risk_matrix, @extschema@.risk_matrix) RETURNS boolean
  AS 'MODULE_PATHNAME', 'risk_matrix_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION @extschema@.risk_matrix_eq(@extschema@.risk_matrix, @extschema@.risk_matrix) IS
  'Implements = for risk_matrix: same size, same level and score in every cell.';
CREATE FUNCTION @extschema@.risk_matrix_ne(@extschema@.risk_matrix, @extschema@.risk_matrix) RETURNS boolean
  AS 'MODULE_PATHNAME', 'risk_matrix_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION @extschema@.risk_matrix_ne(@extschema@.risk_matrix, @extschema@.risk_matrix) IS 'Implements <> for risk_matrix.';
CREATE FUNCTION @extschema@.risk_matrix_hash(@extschema@.risk_matrix) RETURNS integer
  AS 'MODULE_PATHNAME', 'risk_matrix_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.risk_matrix_hash(@extschema@.risk_matrix) IS 'Hash support for risk_matrix.';
CREATE FUNCTION @extschema@.risk_matrix_hash_extended(@extschema@.risk_matrix, bigint) RETURNS bigint
  AS 'MODULE_PATHNAME', 'risk_matrix_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.risk_matrix_hash_extended(@extschema@.risk_matrix, bigint) IS 'Seeded hash support for risk_matrix.';

CREATE OPERATOR @extschema@.= (
  LEFTARG = @extschema@.risk_matrix, RIGHTARG = @extschema@.risk_matrix, FUNCTION = @extschema@.risk_matrix_eq,
  COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
  RESTRICT = eqsel, JOIN = eqjoinsel, HASHES);
CREATE OPERATOR @extschema@.<> (
  LEFTARG = @extschema@.risk_matrix, RIGHTARG = @extschema@.risk_matrix, FUNCTION = @extschema@.risk_matrix_ne,
  COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
  RESTRICT = neqsel, JOIN = neqjoinsel);
COMMENT ON OPERATOR @extschema@.= (@extschema@.risk_matrix, @extschema@.risk_matrix) IS 'Same grid: same size, levels and scores.';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.risk_matrix, @extschema@.risk_matrix) IS 'Different grids.';
CREATE OPERATOR CLASS @extschema@.risk_matrix_hash_ops DEFAULT FOR TYPE @extschema@.risk_matrix USING hash AS
  OPERATOR 1 @extschema@.= ,
  FUNCTION 1 @extschema@.risk_matrix_hash(@extschema@.risk_matrix),
  FUNCTION 2 @extschema@.risk_matrix_hash_extended(@extschema@.risk_matrix, bigint);
COMMENT ON OPERATOR CLASS @extschema@.risk_matrix_hash_ops USING hash IS
  'Hashes risk_matrix values (GROUP BY, DISTINCT, hash joins); the type has no order.';

CREATE FUNCTION @extschema@.risk_matrix_likelihoods(@extschema@.risk_matrix) RETURNS integer
  AS 'MODULE_PATHNAME', 'risk_matrix_likelihoods' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.risk_matrix_likelihoods(@extschema@.risk_matrix) IS
  'Number of likelihood rows N: likelihoods run 1..N.';
CREATE FUNCTION @extschema@.risk_matrix_consequences(@extschema@.risk_matrix) RETURNS integer
  AS 'MODULE_PATHNAME', 'risk_matrix_consequences' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.risk_matrix_consequences(@extschema@.risk_matrix) IS
  'Number of consequence columns M: consequences run 1..M.';

CREATE FUNCTION @extschema@.risk_level(likelihood integer, consequence integer, m @extschema@.risk_matrix) RETURNS text
  AS 'MODULE_PATHNAME', 'risk_level_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.risk_level(integer, integer, @extschema@.risk_matrix) IS
  'The level (low, medium, high, critical) of the cell at (likelihood, consequence) of the matrix; '
  'coordinates outside the grid are an error (22023).';
CREATE FUNCTION @extschema@.risk_score(likelihood integer, consequence integer, m @extschema@.risk_matrix) RETURNS numeric
  AS 'MODULE_PATHNAME', 'risk_score_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.risk_score(integer, integer, @extschema@.risk_matrix) IS
  'The score of the cell at (likelihood, consequence) of the matrix (at most two decimals); '
  'coordinates outside the grid are an error (22023).';

-- risk_level(likelihood, consequence) and risk_score(likelihood, consequence), without a matrix,
-- read the shipped default table: they are in 330_risk_matrix_tables.sql, after it.

CREATE FUNCTION @extschema@.risk_matrix_cells(m @extschema@.risk_matrix)
RETURNS TABLE (likelihood integer, consequence integer, level text, score numeric)
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  SELECT l.l, c.c, @extschema@.risk_level(l.l, c.c, $1), @extschema@.risk_score(l.l, c.c, $1)
  FROM pg_catalog.generate_series(1, @extschema@.risk_matrix_likelihoods($1)) AS l(l)
  CROSS JOIN pg_catalog.generate_series(1, @extschema@.risk_matrix_consequences($1)) AS c(c)
  ORDER BY 1, 2
$$;
COMMENT ON FUNCTION @extschema@.risk_matrix_cells(@extschema@.risk_matrix) IS
  'Every cell of the matrix as a row (likelihood, consequence, level, score), in likelihood then consequence order '
  '(e.g. for a heat map).';
COMMENT ON OPERATOR FAMILY @extschema@.risk_matrix_hash_ops USING hash IS 'Hash operator family of risk_matrix.';
