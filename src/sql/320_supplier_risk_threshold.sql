-- Supplier risk thresholds: the shipped default cut-offs of each settings profile, and the
-- one-argument supplier_risk_level() that applies those of the 'default' profile.  Organisations'
-- own copies of the thresholds come with supplier management.

CREATE TABLE @extschema@.supplier_risk_threshold (
  settings_profile text PRIMARY KEY REFERENCES @extschema@.settings_profile (code),
  critical         numeric(3,1) NOT NULL,
  high             numeric(3,1) NOT NULL,
  medium           numeric(3,1) NOT NULL,
  source           text NOT NULL,
  CONSTRAINT supplier_risk_threshold_order CHECK (0 <= medium AND medium < high AND high < critical AND critical <= 10)
);
COMMENT ON TABLE @extschema@.supplier_risk_threshold IS
  'Shipped catalogue: the supplier risk level cut-offs of each settings profile (risk score 0..10, higher is '
  'riskier): critical at or above critical, high at or above high, medium at or above medium, else low.';
COMMENT ON COLUMN @extschema@.supplier_risk_threshold.settings_profile IS 'The settings profile these defaults belong to.';
COMMENT ON COLUMN @extschema@.supplier_risk_threshold.critical IS 'Lowest risk score rated critical.';
COMMENT ON COLUMN @extschema@.supplier_risk_threshold.high IS 'Lowest risk score rated high.';
COMMENT ON COLUMN @extschema@.supplier_risk_threshold.medium IS 'Lowest risk score rated medium; below it, low.';
COMMENT ON COLUMN @extschema@.supplier_risk_threshold.source IS 'Where the numbers come from.';

INSERT INTO @extschema@.supplier_risk_threshold (settings_profile, critical, high, medium, source) VALUES
  ('default', 8.0, 6.5, 5.0,
   'The seed program''s supplier risk assessment (critical >= 8.0, high >= 6.5, medium >= 5.0, else low): a product '
   'default, not from IEC 62443-2-4.');

INSERT INTO @extschema@.object_access_class (object_name, object_class, reader_hidden_columns) VALUES
  ('supplier_risk_threshold', 'catalog', '{}');

CREATE FUNCTION @extschema@.supplier_risk_level(risk_score numeric) RETURNS text
  LANGUAGE sql STABLE STRICT PARALLEL SAFE
  RETURN (SELECT @extschema@.supplier_risk_level(risk_score, ARRAY[t.critical, t.high, t.medium])
          FROM @extschema@.supplier_risk_threshold t WHERE t.settings_profile = 'default');
COMMENT ON FUNCTION @extschema@.supplier_risk_level(numeric) IS
  'Supplier risk level (critical, high, medium, low) of a risk score within 0..10 with the shipped default '
  'thresholds (supplier_risk_threshold, profile default: 8.0, 6.5, 5.0, the seed''s).';
