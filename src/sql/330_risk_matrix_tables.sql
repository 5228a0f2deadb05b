-- Risk matrices as data: the shipped catalogue (risk_matrix_default, read-only) and each
-- organisation's own matrices (organization_risk_matrix), one of which organization_settings
-- names as the one in use.  initialize_organization_settings (250_settings.sql) copies the shipped
-- default into a new organisation.

CREATE TABLE @extschema@.risk_matrix_default (
  code               text PRIMARY KEY CONSTRAINT risk_matrix_default_code_format CHECK (code ~ '^[a-z0-9][a-z0-9_]{0,31}$'),
  name               text NOT NULL UNIQUE,
  matrix             @extschema@.risk_matrix NOT NULL,
  likelihood_labels  text[] NOT NULL,
  consequence_labels text[] NOT NULL,
  description        text NOT NULL,
  CONSTRAINT risk_matrix_default_likelihood_labels
    CHECK (pg_catalog.cardinality(likelihood_labels) = @extschema@.risk_matrix_likelihoods(matrix)),
  CONSTRAINT risk_matrix_default_consequence_labels
    CHECK (pg_catalog.cardinality(consequence_labels) = @extschema@.risk_matrix_consequences(matrix))
);
COMMENT ON TABLE @extschema@.risk_matrix_default IS
  'Shipped catalogue: named risk matrices.  ''default'' is the product''s 5x5 default (IEC 62443 prescribes no matrix); '
  'an organisation uses a copy of its own (organization_risk_matrix).';
COMMENT ON COLUMN @extschema@.risk_matrix_default.code IS 'Matrix code, e.g. default.';
COMMENT ON COLUMN @extschema@.risk_matrix_default.name IS 'Name, copied as the name of an organisation''s copy.';
COMMENT ON COLUMN @extschema@.risk_matrix_default.matrix IS 'The grid: likelihood rows 1..N by consequence columns 1..M.';
COMMENT ON COLUMN @extschema@.risk_matrix_default.likelihood_labels IS 'Names of likelihoods 1..N, in order (element 1 is likelihood 1).';
COMMENT ON COLUMN @extschema@.risk_matrix_default.consequence_labels IS 'Names of consequences 1..M, in order (element 1 is consequence 1).';
COMMENT ON COLUMN @extschema@.risk_matrix_default.description IS 'How the levels and scores were chosen.';

-- The product default: score = likelihood x consequence; level by score band:
-- low 1..4, medium 5..9, high 10..16, critical 20..25.
INSERT INTO @extschema@.risk_matrix_default (code, name, matrix, likelihood_labels, consequence_labels, description) VALUES
  ('default', '5x5 likelihood x consequence',
   '{{low:1,low:2,low:3,low:4,medium:5};'
   '{low:2,low:4,medium:6,medium:8,high:10};'
   '{low:3,medium:6,medium:9,high:12,high:15};'
   '{low:4,medium:8,high:12,high:16,critical:20};'
   '{medium:5,high:10,high:15,critical:20,critical:25}}',
   '{rare,unlikely,possible,likely,almost certain}',
   '{insignificant,minor,moderate,major,catastrophic}',
   'Product default (IEC 62443 prescribes no risk matrix): likelihood 1 rare .. 5 almost certain by consequence '
   '1 insignificant .. 5 catastrophic; score = likelihood x consequence; level low for scores 1-4, medium 5-9, '
   'high 10-16, critical 20-25.');

-- Without a matrix: the shipped default (risk_matrix_default, code 'default'), read from the table,
-- hence STABLE, and SQL (only immutable functions are written in C).  The body runs under the
-- caller's search_path, so every name and operator in it is qualified.  The organisation-aware
-- versions arrive with the risk register.
CREATE FUNCTION @extschema@.risk_level(likelihood integer, consequence integer) RETURNS text
LANGUAGE sql STABLE STRICT PARALLEL SAFE
AS $$
  SELECT @extschema@.risk_level($1, $2, d.matrix)
  FROM @extschema@.risk_matrix_default d
  WHERE d.code OPERATOR(pg_catalog.=) 'default'::pg_catalog.text
$$;
COMMENT ON FUNCTION @extschema@.risk_level(integer, integer) IS
  'The level of (likelihood 1..5, consequence 1..5) in the shipped default 5x5 matrix (risk_matrix_default ''default''); '
  'outside the grid is an error (22023).';
CREATE FUNCTION @extschema@.risk_score(likelihood integer, consequence integer) RETURNS numeric
LANGUAGE sql STABLE STRICT PARALLEL SAFE
AS $$
  SELECT @extschema@.risk_score($1, $2, d.matrix)
  FROM @extschema@.risk_matrix_default d
  WHERE d.code OPERATOR(pg_catalog.=) 'default'::pg_catalog.text
$$;
COMMENT ON FUNCTION @extschema@.risk_score(integer, integer) IS
  'The score of (likelihood 1..5, consequence 1..5) in the shipped default 5x5 matrix (likelihood x consequence); '
  'outside the grid is an error (22023).';

CREATE TABLE @extschema@.organization_risk_matrix (
  organization_id    uuid NOT NULL REFERENCES @extschema@.organization (id),
  id                 uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  name               text NOT NULL CONSTRAINT organization_risk_matrix_name_not_blank CHECK (pg_catalog.btrim(name) <> ''),
  matrix             @extschema@.risk_matrix NOT NULL,
  likelihood_labels  text[],
  consequence_labels text[],
  copied_from        text REFERENCES @extschema@.risk_matrix_default (code),
  description        text,
  created_at         timestamptz NOT NULL DEFAULT pg_catalog.now(),
  updated_at         timestamptz NOT NULL DEFAULT pg_catalog.now(),
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, name),
  CONSTRAINT organization_risk_matrix_likelihood_labels
    CHECK (pg_catalog.cardinality(likelihood_labels) = @extschema@.risk_matrix_likelihoods(matrix)),
  CONSTRAINT organization_risk_matrix_consequence_labels
    CHECK (pg_catalog.cardinality(consequence_labels) = @extschema@.risk_matrix_consequences(matrix))
);
CREATE INDEX organization_risk_matrix_copied_from_idx ON @extschema@.organization_risk_matrix (copied_from);
CREATE TRIGGER organization_risk_matrix_touch_updated_at BEFORE UPDATE ON @extschema@.organization_risk_matrix
  FOR EACH ROW EXECUTE FUNCTION @extschema@.touch_updated_at();
COMMENT ON TABLE @extschema@.organization_risk_matrix IS
  'An organisation''s risk matrices (program data): a copy of the shipped default to start with, then its own; '
  'organization_settings.risk_matrix_id names the one in use.';
COMMENT ON COLUMN @extschema@.organization_risk_matrix.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.organization_risk_matrix.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.organization_risk_matrix.name IS 'Name, unique within the organisation.';
COMMENT ON COLUMN @extschema@.organization_risk_matrix.matrix IS
  'The grid: likelihood rows 1..N by consequence columns 1..M, each cell a level and a score (see risk_level, risk_score).';
COMMENT ON COLUMN @extschema@.organization_risk_matrix.likelihood_labels IS
  'Names of likelihoods 1..N, in order; NULL when the likelihoods are only numbered.';
COMMENT ON COLUMN @extschema@.organization_risk_matrix.consequence_labels IS
  'Names of consequences 1..M, in order; NULL when the consequences are only numbered.';
COMMENT ON COLUMN @extschema@.organization_risk_matrix.copied_from IS
  'Code of the shipped matrix (risk_matrix_default) this one was copied from; NULL for a matrix of the organisation''s own.';
COMMENT ON COLUMN @extschema@.organization_risk_matrix.description IS 'How the organisation uses the matrix.';
COMMENT ON COLUMN @extschema@.organization_risk_matrix.created_at IS 'When the row was created.';
COMMENT ON COLUMN @extschema@.organization_risk_matrix.updated_at IS 'When the row was last updated.';

-- organization_settings is created before this table (250_settings.sql); its foreign key to the
-- matrix in use is added here.
ALTER TABLE @extschema@.organization_settings
  ADD CONSTRAINT organization_settings_risk_matrix_fk
  FOREIGN KEY (organization_id, risk_matrix_id) REFERENCES @extschema@.organization_risk_matrix (organization_id, id);
CREATE INDEX organization_settings_risk_matrix_idx ON @extschema@.organization_settings (organization_id, risk_matrix_id);

INSERT INTO @extschema@.object_access_class (object_name, object_class, reader_hidden_columns) VALUES
  ('risk_matrix_default', 'catalog', '{}'),
  ('organization_risk_matrix', 'program', '{}');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.organization_risk_matrix', '');
