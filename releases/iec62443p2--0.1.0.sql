-- iec62443p2 install script, built by concatenating src/sql/*.sql in file-name order.
-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION iec62443p2" to load this file. \quit

-- The schema comes from the control file.  A schema prepared beforehand by another role would let
-- that role drop or replace our objects later, so refuse it.
DO $guard$
BEGIN
  IF (SELECT n.nspowner FROM pg_catalog.pg_namespace n WHERE n.oid = '@extschema@'::pg_catalog.regnamespace)
     <> (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = pg_catalog.current_user()) THEN
    RAISE EXCEPTION 'schema @extschema@ already exists and belongs to another role'
      USING ERRCODE = 'insufficient_privilege',
            HINT = 'Drop or rename that schema, then run CREATE EXTENSION iec62443p2 again.';
  END IF;
END
$guard$;

COMMENT ON SCHEMA @extschema@ IS
  'IEC 62443 Part 2 security program (extension iec62443p2): organisations, sites, zones, conduits, assets and people; '
  'scoring types and functions; views read by analysts and BI tools.';
-- Shipped catalogues: vocabularies and product defaults.  They have no organization_id (under
-- Citus they become reference tables), are read-only to every granted role, and are not dumped by
-- pg_dump: CREATE EXTENSION recreates them.  An organisation customises a copy of its own.

CREATE TABLE @extschema@.organization_role_kind (
  code        text PRIMARY KEY,
  label       text NOT NULL UNIQUE,
  description text NOT NULL
);
COMMENT ON TABLE @extschema@.organization_role_kind IS
  'Shipped catalogue: the roles an organisation plays in IEC 62443 (asset owner, service provider, product supplier).';
COMMENT ON COLUMN @extschema@.organization_role_kind.code IS 'Role code used by organization_role.role.';
COMMENT ON COLUMN @extschema@.organization_role_kind.label IS 'Human-readable role name.';
COMMENT ON COLUMN @extschema@.organization_role_kind.description IS 'What an organisation in this role does.';

INSERT INTO @extschema@.organization_role_kind (code, label, description) VALUES
  ('asset_owner', 'Asset owner', 'Operates the industrial automation and control system (IACS) and is accountable for its security program.'),
  ('service_provider', 'Service provider', 'Integrates or maintains an IACS for an asset owner (integration and maintenance services).'),
  ('product_supplier', 'Product supplier', 'Makes the components and systems an IACS is built from.');

CREATE TABLE @extschema@.zone_exposure (
  code                 text PRIMARY KEY,
  rank                 smallint NOT NULL UNIQUE CHECK (rank BETWEEN 1 AND 20),
  label                text NOT NULL UNIQUE,
  ssvc_system_exposure text NOT NULL CHECK (ssvc_system_exposure IN ('small', 'controlled', 'open')),
  description          text NOT NULL
);
COMMENT ON TABLE @extschema@.zone_exposure IS
  'Shipped catalogue: how exposed a zone is, from the safety layer (least) to internet-facing (most), '
  'with the shipped default mapping to SSVC system exposure (small, controlled, open).  Organisations '
  'override the mapping in zone_exposure_setting.';
COMMENT ON COLUMN @extschema@.zone_exposure.code IS 'Exposure code used by zone.exposure.';
COMMENT ON COLUMN @extschema@.zone_exposure.rank IS 'Order of exposure: a higher rank is reachable by more people and networks.';
COMMENT ON COLUMN @extschema@.zone_exposure.label IS 'Human-readable exposure name.';
COMMENT ON COLUMN @extschema@.zone_exposure.ssvc_system_exposure IS
  'Shipped default SSVC system exposure for assets in such a zone (product default, not from the standard).';
COMMENT ON COLUMN @extschema@.zone_exposure.description IS 'What kind of zone this is.';

INSERT INTO @extschema@.zone_exposure (code, rank, label, ssvc_system_exposure, description) VALUES
  ('safety', 1, 'Safety', 'small', 'Safety instrumented systems (Purdue level 1 safety layer); no routine remote access.'),
  ('control', 2, 'Control', 'small', 'Basic process control: controllers, I/O, field networks (Purdue levels 0-1).'),
  ('supervisory', 3, 'Supervisory', 'controlled', 'Supervisory control: HMIs, SCADA servers, engineering workstations (Purdue level 2-3).'),
  ('dmz', 4, 'Industrial DMZ', 'controlled', 'Demilitarised zone between the control network and the enterprise (Purdue level 3.5).'),
  ('enterprise', 5, 'Enterprise', 'controlled', 'Business network reached by many users (Purdue levels 4-5).'),
  ('internet_facing', 6, 'Internet-facing', 'open', 'Reachable from the internet or a widely accessible network (remote access, cloud).');

CREATE TABLE @extschema@.lifecycle_state (
  code             text PRIMARY KEY,
  rank             smallint NOT NULL UNIQUE,
  label            text NOT NULL UNIQUE,
  vendor_supported boolean NOT NULL,
  in_operation     boolean NOT NULL,
  description      text NOT NULL
);
COMMENT ON TABLE @extschema@.lifecycle_state IS 'Shipped catalogue: lifecycle states of an asset.';
COMMENT ON COLUMN @extschema@.lifecycle_state.code IS 'State code used by asset.lifecycle_state.';
COMMENT ON COLUMN @extschema@.lifecycle_state.rank IS 'Order along the lifecycle.';
COMMENT ON COLUMN @extschema@.lifecycle_state.label IS 'Human-readable state name.';
COMMENT ON COLUMN @extschema@.lifecycle_state.vendor_supported IS 'Whether the vendor still ships fixes for assets in this state.';
COMMENT ON COLUMN @extschema@.lifecycle_state.in_operation IS 'Whether an asset in this state is still part of the running IACS.';
COMMENT ON COLUMN @extschema@.lifecycle_state.description IS 'What the state means.';

INSERT INTO @extschema@.lifecycle_state (code, rank, label, vendor_supported, in_operation, description) VALUES
  ('in_service', 1, 'In service', true, true, 'Operating and supported by its vendor.'),
  ('legacy', 2, 'Legacy', true, true, 'Operating, supported, but superseded; plan its replacement.'),
  ('unsupported', 3, 'Unsupported', false, true, 'Operating without vendor support (no patches); needs compensating controls.'),
  ('end_of_life', 4, 'End of life', false, true, 'Past the vendor''s end-of-life date and still operating.'),
  ('decommissioned', 5, 'Decommissioned', false, false, 'Removed from operation; kept for the record.');

CREATE TABLE @extschema@.asset_type (
  code        text PRIMARY KEY,
  label       text NOT NULL UNIQUE,
  description text NOT NULL
);
COMMENT ON TABLE @extschema@.asset_type IS 'Shipped catalogue: kinds of IACS assets.';
COMMENT ON COLUMN @extschema@.asset_type.code IS 'Type code used by asset.asset_type.';
COMMENT ON COLUMN @extschema@.asset_type.label IS 'Human-readable type name.';
COMMENT ON COLUMN @extschema@.asset_type.description IS 'What assets of this type are.';

INSERT INTO @extschema@.asset_type (code, label, description) VALUES
  ('plc', 'PLC', 'Programmable logic controller.'),
  ('dcs_controller', 'DCS controller', 'Controller of a distributed control system.'),
  ('safety_controller', 'Safety controller', 'Safety instrumented system logic solver.'),
  ('rtu', 'RTU', 'Remote terminal unit.'),
  ('ied', 'IED', 'Intelligent electronic device, e.g. a protection relay.'),
  ('hmi', 'HMI', 'Human-machine interface panel or station.'),
  ('scada_server', 'SCADA server', 'Supervisory control and data acquisition server.'),
  ('historian', 'Historian', 'Process data historian.'),
  ('engineering_workstation', 'Engineering workstation', 'Workstation used to program and configure controllers.'),
  ('drive', 'Drive', 'Variable frequency drive or motion controller.'),
  ('gateway', 'Gateway', 'Protocol gateway or data concentrator.'),
  ('network_switch', 'Network switch', 'Industrial Ethernet switch.'),
  ('router', 'Router', 'Router, cellular router or VPN concentrator.'),
  ('firewall', 'Firewall', 'Firewall or security appliance.'),
  ('wireless', 'Wireless access point', 'Wireless access point or radio.'),
  ('server', 'Server', 'Server other than SCADA and historian (domain, backup, patch, antivirus).'),
  ('workstation', 'Workstation', 'Operator or business workstation.'),
  ('instrument', 'Instrument', 'Smart field instrument or analyser.'),
  ('other', 'Other', 'Anything not covered by another type.');

CREATE TABLE @extschema@.criticality_level (
  level       smallint PRIMARY KEY CHECK (level BETWEEN 1 AND 5),
  label       text NOT NULL UNIQUE,
  description text NOT NULL
);
COMMENT ON TABLE @extschema@.criticality_level IS
  'Shipped catalogue: the asset criticality scale 1..5 (product default wording; the standard prescribes none).';
COMMENT ON COLUMN @extschema@.criticality_level.level IS 'Criticality value used by asset.criticality.';
COMMENT ON COLUMN @extschema@.criticality_level.label IS 'Human-readable criticality name.';
COMMENT ON COLUMN @extschema@.criticality_level.description IS 'When an asset deserves this criticality.';

INSERT INTO @extschema@.criticality_level (level, label, description) VALUES
  (1, 'Minimal', 'Loss goes unnoticed by operations.'),
  (2, 'Low', 'Loss is an inconvenience; manual workarounds exist.'),
  (3, 'Moderate', 'Loss degrades a process; recovery within a shift.'),
  (4, 'High', 'Loss stops a process or a site''s visibility.'),
  (5, 'Critical', 'Loss endangers people, the environment or an essential service.');

CREATE TABLE @extschema@.settings_profile (
  code        text PRIMARY KEY,
  label       text NOT NULL UNIQUE,
  description text NOT NULL
);
COMMENT ON TABLE @extschema@.settings_profile IS
  'Shipped catalogue: named sets of product defaults an organisation''s settings are initialised from.';
COMMENT ON COLUMN @extschema@.settings_profile.code IS 'Profile code used by organization_settings.settings_profile.';
COMMENT ON COLUMN @extschema@.settings_profile.label IS 'Human-readable profile name.';
COMMENT ON COLUMN @extschema@.settings_profile.description IS 'Where the profile''s defaults come from.';

INSERT INTO @extschema@.settings_profile (code, label, description) VALUES
  ('default', 'iec62443p2 defaults',
   'The product defaults documented in the README (for example the mapping from zone exposure to SSVC '
   'system exposure); later releases add the seed program''s numbers as they add the capabilities using them.');
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
  'Binary input of type sl_vector (the packed 4-byte value), validated as strictly as text input.';
CREATE FUNCTION @extschema@.sl_vector_send(@extschema@.sl_vector) RETURNS bytea
  AS 'MODULE_PATHNAME', 'sl_vector_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sl_vector_send(@extschema@.sl_vector) IS
  'Binary output of type sl_vector: 4 bytes, big-endian; FR i (1..7) in bits 3(i-1)..3(i-1)+2.';

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
-- EPSS is the probability of exploitation activity in the next 30 days; 0.1 is the default cut-off
-- (see the README for why).
CREATE FUNCTION @extschema@.ssvc_exploitation(kev boolean, epss numeric, poc_known boolean DEFAULT false,
                                              epss_threshold numeric DEFAULT 0.1) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF epss_threshold IS NULL OR NOT (epss_threshold >= 0 AND epss_threshold <= 1) THEN
    RAISE EXCEPTION 'epss_threshold % is not a probability', coalesce(epss_threshold::text, 'NULL')
      USING ERRCODE = '22023', DETAIL = 'The threshold lies within 0 and 1; the default is 0.1.';
  END IF;
  IF NOT (epss >= 0 AND epss <= 1) THEN      -- NaN sorts above 1, so it is refused too
    RAISE EXCEPTION 'epss % is not a probability', epss
      USING ERRCODE = '22023', DETAIL = 'An EPSS score lies within 0 and 1.';
  END IF;
  IF kev THEN
    RETURN 'active';
  ELSIF poc_known OR epss >= epss_threshold THEN
    RETURN 'public poc';
  END IF;
  RETURN 'none';
END
$$;
COMMENT ON FUNCTION @extschema@.ssvc_exploitation(boolean, numeric, boolean, numeric) IS
  'SSVC exploitation from the feeds: active when listed in CISA KEV; public poc when a proof of concept is known '
  'or the EPSS probability is at least epss_threshold (default 0.1); else none.  NULL kev, epss or poc_known '
  'count as no evidence; epss or epss_threshold outside 0..1, or a NULL threshold, is 22023.';

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
  'parameters: the ten numbers patch_priority_parameters() returns (the shipped defaults or an organisation''s).';

CREATE FUNCTION @extschema@.patch_decision(vuln @extschema@.cvss, epss numeric, kev boolean, criticality integer,
                                           safety_related boolean, exposure text, compensated boolean,
                                           parameters numeric[])
RETURNS text
AS 'MODULE_PATHNAME', 'patch_decision' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.patch_decision(@extschema@.cvss, numeric, boolean, integer, boolean, text, boolean, numeric[]) IS
  'The SSVC deployer outcome the same inputs imply: immediate, out-of-cycle, scheduled or defer (the priority bands '
  'the patch process routes by: critical, high, medium, low).';
-- The organisation model (BRIEF 4.B).  Program data is keyed by organisation: every table carries
-- organization_id, its primary key is (organization_id, id) with a uuid id (unique across site
-- databases, so they can be rolled up), and foreign keys between program data include
-- organization_id, so no row can point into another organisation's data.

CREATE FUNCTION @extschema@.is_valid_time_zone(name text)
RETURNS boolean
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_timezone_names z WHERE z.name = $1) $$;
COMMENT ON FUNCTION @extschema@.is_valid_time_zone(text) IS
  'True when the text is a time zone name PostgreSQL knows (IANA names such as Europe/Berlin, and UTC).';

CREATE DOMAIN @extschema@.time_zone_name AS text
  CONSTRAINT time_zone_name_known CHECK (@extschema@.is_valid_time_zone(VALUE));
COMMENT ON DOMAIN @extschema@.time_zone_name IS
  'A time zone name known to PostgreSQL (see pg_timezone_names), e.g. America/Chicago.';

CREATE FUNCTION @extschema@.touch_updated_at()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  NEW.updated_at := pg_catalog.now();
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.touch_updated_at() IS
  'Trigger function: sets updated_at to the transaction time on every update.';

CREATE TABLE @extschema@.organization (
  id         uuid PRIMARY KEY DEFAULT pg_catalog.gen_random_uuid(),
  code       text NOT NULL UNIQUE
             CONSTRAINT organization_code_format CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$'),
  name       text NOT NULL CONSTRAINT organization_name_not_blank CHECK (pg_catalog.btrim(name) <> ''),
  country    text CONSTRAINT organization_country_iso3166 CHECK (country ~ '^[A-Z]{2}$'),
  sector     text,
  created_at timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE @extschema@.organization IS
  'Organisations: asset owners, service providers and product suppliers (one may hold several roles, see organization_role).';
COMMENT ON COLUMN @extschema@.organization.id IS 'Identifier (uuid, unique across databases).';
COMMENT ON COLUMN @extschema@.organization.code IS 'Short unique code, e.g. CRU (letters, digits, _ . -; at most 32).';
COMMENT ON COLUMN @extschema@.organization.name IS 'Legal or usual name.';
COMMENT ON COLUMN @extschema@.organization.country IS 'ISO 3166-1 alpha-2 country code of the head office.';
COMMENT ON COLUMN @extschema@.organization.sector IS 'Industry sector, e.g. water, electricity, chemicals.';
COMMENT ON COLUMN @extschema@.organization.created_at IS 'When the row was created.';

CREATE TABLE @extschema@.organization_role (
  organization_id uuid NOT NULL REFERENCES @extschema@.organization (id),
  role            text NOT NULL REFERENCES @extschema@.organization_role_kind (code),
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, role)
);
CREATE INDEX organization_role_role_idx ON @extschema@.organization_role (role);
COMMENT ON TABLE @extschema@.organization_role IS 'The roles each organisation holds (one row per organisation and role).';
COMMENT ON COLUMN @extschema@.organization_role.organization_id IS 'The organisation.';
COMMENT ON COLUMN @extschema@.organization_role.role IS 'A role it holds: asset_owner, service_provider or product_supplier.';
COMMENT ON COLUMN @extschema@.organization_role.id IS 'Identifier.';

CREATE TABLE @extschema@.organization_relationship (
  organization_id uuid NOT NULL REFERENCES @extschema@.organization (id),
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  counterpart_id  uuid NOT NULL,
  relationship    text NOT NULL
                  CONSTRAINT organization_relationship_kind CHECK (relationship IN ('service_provider', 'product_supplier')),
  since           date,
  until           date,
  notes           text,
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, counterpart_id, relationship),
  CONSTRAINT organization_relationship_not_self CHECK (counterpart_id <> organization_id),
  CONSTRAINT organization_relationship_period CHECK (until IS NULL OR since IS NULL OR until >= since),
  -- the counterpart must hold the role it serves in
  CONSTRAINT organization_relationship_counterpart_role
    FOREIGN KEY (counterpart_id, relationship) REFERENCES @extschema@.organization_role (organization_id, role)
);
CREATE INDEX organization_relationship_counterpart_idx
  ON @extschema@.organization_relationship (counterpart_id, relationship);
COMMENT ON TABLE @extschema@.organization_relationship IS
  'Which service providers and product suppliers serve an organisation (the organisation is the asset owner side).';
COMMENT ON COLUMN @extschema@.organization_relationship.organization_id IS 'The organisation served (usually the asset owner).';
COMMENT ON COLUMN @extschema@.organization_relationship.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.organization_relationship.counterpart_id IS 'The service provider or product supplier.';
COMMENT ON COLUMN @extschema@.organization_relationship.relationship IS
  'service_provider or product_supplier; the counterpart must hold that role.';
COMMENT ON COLUMN @extschema@.organization_relationship.since IS 'First day of the relationship.';
COMMENT ON COLUMN @extschema@.organization_relationship.until IS 'Last day of the relationship; NULL while it lasts.';
COMMENT ON COLUMN @extschema@.organization_relationship.notes IS 'Free text.';

CREATE TABLE @extschema@.site (
  organization_id uuid NOT NULL REFERENCES @extschema@.organization (id),
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  code            text NOT NULL CONSTRAINT site_code_format CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$'),
  name            text NOT NULL CONSTRAINT site_name_not_blank CHECK (pg_catalog.btrim(name) <> ''),
  time_zone       @extschema@.time_zone_name NOT NULL,
  country         text CONSTRAINT site_country_iso3166 CHECK (country ~ '^[A-Z]{2}$'),
  location        text,
  created_at      timestamptz NOT NULL DEFAULT pg_catalog.now(),
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, code)
);
COMMENT ON TABLE @extschema@.site IS 'Sites (plants, substations, stations) of an organisation, each in its own time zone.';
COMMENT ON COLUMN @extschema@.site.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.site.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.site.code IS 'Short code, unique within the organisation.';
COMMENT ON COLUMN @extschema@.site.name IS 'Site name.';
COMMENT ON COLUMN @extschema@.site.time_zone IS 'IANA time zone of the site (maintenance windows are local time).';
COMMENT ON COLUMN @extschema@.site.country IS 'ISO 3166-1 alpha-2 country code.';
COMMENT ON COLUMN @extschema@.site.location IS 'Address or description of the location.';
COMMENT ON COLUMN @extschema@.site.created_at IS 'When the row was created.';

CREATE TABLE @extschema@.zone (
  organization_id uuid NOT NULL REFERENCES @extschema@.organization (id),
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  site_id         uuid,
  name            text NOT NULL CONSTRAINT zone_name_not_blank CHECK (pg_catalog.btrim(name) <> ''),
  exposure        text NOT NULL REFERENCES @extschema@.zone_exposure (code),
  description     text,
  sl_target       @extschema@.sl_vector,
  sl_achieved     @extschema@.sl_vector,
  created_at      timestamptz NOT NULL DEFAULT pg_catalog.now(),
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, name),
  FOREIGN KEY (organization_id, site_id) REFERENCES @extschema@.site (organization_id, id)
);
CREATE INDEX zone_site_idx ON @extschema@.zone (organization_id, site_id);
CREATE INDEX zone_exposure_idx ON @extschema@.zone (exposure);
COMMENT ON TABLE @extschema@.zone IS
  'Security zones (IEC 62443-3-2): groups of assets sharing security requirements, with their exposure.';
COMMENT ON COLUMN @extschema@.zone.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.zone.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.zone.site_id IS 'Site the zone belongs to; NULL for a zone spanning sites (e.g. a corporate WAN).';
COMMENT ON COLUMN @extschema@.zone.name IS 'Zone name, unique within the organisation.';
COMMENT ON COLUMN @extschema@.zone.exposure IS 'Exposure class (zone_exposure.code): safety, control, supervisory, dmz, enterprise, internet_facing.';
COMMENT ON COLUMN @extschema@.zone.description IS 'What the zone contains and why it is drawn where it is.';
COMMENT ON COLUMN @extschema@.zone.sl_target IS
  'SL-T, the target security level per foundational requirement FR1..FR7 of IEC 62443-3-3 (IAC, UC, SI, DC, RDF, TRE, RA); '
  'NULL until set.';
COMMENT ON COLUMN @extschema@.zone.sl_achieved IS
  'SL-A, the achieved security level per foundational requirement FR1..FR7 of IEC 62443-3-3; NULL until assessed.  '
  'The zone meets its target when sl_meets(sl_achieved, sl_target).';
COMMENT ON COLUMN @extschema@.zone.created_at IS 'When the row was created.';

CREATE TABLE @extschema@.conduit (
  organization_id uuid NOT NULL REFERENCES @extschema@.organization (id),
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  name            text NOT NULL CONSTRAINT conduit_name_not_blank CHECK (pg_catalog.btrim(name) <> ''),
  from_zone_id    uuid NOT NULL,
  to_zone_id      uuid NOT NULL,
  protocols       text[] NOT NULL DEFAULT '{}',
  description     text,
  sl_target       @extschema@.sl_vector,
  sl_achieved     @extschema@.sl_vector,
  created_at      timestamptz NOT NULL DEFAULT pg_catalog.now(),
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, name),
  CONSTRAINT conduit_between_two_zones CHECK (from_zone_id <> to_zone_id),
  FOREIGN KEY (organization_id, from_zone_id) REFERENCES @extschema@.zone (organization_id, id),
  FOREIGN KEY (organization_id, to_zone_id) REFERENCES @extschema@.zone (organization_id, id)
);
CREATE INDEX conduit_from_zone_idx ON @extschema@.conduit (organization_id, from_zone_id);
CREATE INDEX conduit_to_zone_idx ON @extschema@.conduit (organization_id, to_zone_id);
COMMENT ON TABLE @extschema@.conduit IS 'Conduits: the communication channels between two zones.';
COMMENT ON COLUMN @extschema@.conduit.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.conduit.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.conduit.name IS 'Conduit name, unique within the organisation.';
COMMENT ON COLUMN @extschema@.conduit.from_zone_id IS 'Zone at one end (the initiating side, where that matters).';
COMMENT ON COLUMN @extschema@.conduit.to_zone_id IS 'Zone at the other end.';
COMMENT ON COLUMN @extschema@.conduit.protocols IS 'Protocols allowed through the conduit, e.g. {OPC UA,Modbus/TCP}.';
COMMENT ON COLUMN @extschema@.conduit.description IS 'How the conduit is built and protected.';
COMMENT ON COLUMN @extschema@.conduit.sl_target IS
  'SL-T, the target security level per foundational requirement FR1..FR7 of IEC 62443-3-3 (IAC, UC, SI, DC, RDF, TRE, RA); '
  'NULL until set.';
COMMENT ON COLUMN @extschema@.conduit.sl_achieved IS
  'SL-A, the achieved security level per foundational requirement FR1..FR7 of IEC 62443-3-3; NULL until assessed.  '
  'The conduit meets its target when sl_meets(sl_achieved, sl_target).';
COMMENT ON COLUMN @extschema@.conduit.created_at IS 'When the row was created.';

CREATE TABLE @extschema@.person (
  organization_id uuid NOT NULL REFERENCES @extschema@.organization (id),
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  full_name       text NOT NULL CONSTRAINT person_full_name_not_blank CHECK (pg_catalog.btrim(full_name) <> ''),
  job_title       text,
  email           text CONSTRAINT person_email_format CHECK (email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'),
  phone           text,
  database_role   name,
  active          boolean NOT NULL DEFAULT true,
  created_at      timestamptz NOT NULL DEFAULT pg_catalog.now(),
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, database_role)
);
-- addresses are compared without regard to case, so one mailbox is one person
CREATE UNIQUE INDEX person_email_key ON @extschema@.person (organization_id, pg_catalog.lower(email));
COMMENT ON TABLE @extschema@.person IS
  'People of an organisation: asset owners, engineers, approvers, assessors.  Contact details (email, phone) are '
  'not shown by any view and are hidden from the reader access level.';
COMMENT ON COLUMN @extschema@.person.organization_id IS 'Organisation the person works for.';
COMMENT ON COLUMN @extschema@.person.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.person.full_name IS 'Name as shown in reports.';
COMMENT ON COLUMN @extschema@.person.job_title IS 'Job title or program role, e.g. OT security lead.';
COMMENT ON COLUMN @extschema@.person.email IS 'Email address (contact detail; unique within the organisation, whatever its case).';
COMMENT ON COLUMN @extschema@.person.phone IS 'Phone number (contact detail).';
COMMENT ON COLUMN @extschema@.person.database_role IS
  'The PostgreSQL role this person logs in as, so row-level security and audit trails know who is who.';
COMMENT ON COLUMN @extschema@.person.active IS 'False once the person has left; kept for the record.';
COMMENT ON COLUMN @extschema@.person.created_at IS 'When the row was created.';

CREATE TABLE @extschema@.asset (
  organization_id             uuid NOT NULL REFERENCES @extschema@.organization (id),
  id                          uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  tag                         text NOT NULL CONSTRAINT asset_tag_format CHECK (tag ~ '^[^[:space:]](.{0,62}[^[:space:]])?$'),
  name                        text NOT NULL CONSTRAINT asset_name_not_blank CHECK (pg_catalog.btrim(name) <> ''),
  asset_type                  text NOT NULL REFERENCES @extschema@.asset_type (code),
  vendor                      text NOT NULL CONSTRAINT asset_vendor_not_blank CHECK (pg_catalog.btrim(vendor) <> ''),
  product                     text NOT NULL CONSTRAINT asset_product_not_blank CHECK (pg_catalog.btrim(product) <> ''),
  version                     text CONSTRAINT asset_version_not_blank CHECK (pg_catalog.btrim(version) <> ''),
  serial_number               text,
  zone_id                     uuid,
  owner_id                    uuid,
  criticality                 smallint NOT NULL DEFAULT 3 REFERENCES @extschema@.criticality_level (level),
  confidentiality_requirement text NOT NULL DEFAULT 'medium'
                              CONSTRAINT asset_confidentiality_requirement_level CHECK (confidentiality_requirement IN ('low', 'medium', 'high')),
  integrity_requirement       text NOT NULL DEFAULT 'medium'
                              CONSTRAINT asset_integrity_requirement_level CHECK (integrity_requirement IN ('low', 'medium', 'high')),
  availability_requirement    text NOT NULL DEFAULT 'medium'
                              CONSTRAINT asset_availability_requirement_level CHECK (availability_requirement IN ('low', 'medium', 'high')),
  safety_related              boolean NOT NULL DEFAULT false,
  lifecycle_state             text NOT NULL DEFAULT 'in_service' REFERENCES @extschema@.lifecycle_state (code),
  ip_address                  inet,
  installed_on                date,
  end_of_support_on           date,
  notes                       text,
  created_at                  timestamptz NOT NULL DEFAULT pg_catalog.now(),
  updated_at                  timestamptz NOT NULL DEFAULT pg_catalog.now(),
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, tag),
  CONSTRAINT asset_support_after_installation
    CHECK (end_of_support_on IS NULL OR installed_on IS NULL OR end_of_support_on >= installed_on),
  FOREIGN KEY (organization_id, zone_id) REFERENCES @extschema@.zone (organization_id, id),
  FOREIGN KEY (organization_id, owner_id) REFERENCES @extschema@.person (organization_id, id)
);
CREATE INDEX asset_zone_idx ON @extschema@.asset (organization_id, zone_id);
CREATE INDEX asset_owner_idx ON @extschema@.asset (organization_id, owner_id);
CREATE INDEX asset_asset_type_idx ON @extschema@.asset (asset_type);
CREATE INDEX asset_criticality_idx ON @extschema@.asset (criticality);
CREATE INDEX asset_lifecycle_state_idx ON @extschema@.asset (lifecycle_state);
CREATE TRIGGER asset_touch_updated_at BEFORE UPDATE ON @extschema@.asset
  FOR EACH ROW EXECUTE FUNCTION @extschema@.touch_updated_at();
COMMENT ON TABLE @extschema@.asset IS
  'IACS assets: controllers, HMIs, servers, network devices, with vendor, product and version as the vendor writes them.';
COMMENT ON COLUMN @extschema@.asset.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.asset.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.asset.tag IS 'Asset tag, unique within the organisation (no leading or trailing spaces, at most 64 characters).';
COMMENT ON COLUMN @extschema@.asset.name IS 'Descriptive name.';
COMMENT ON COLUMN @extschema@.asset.asset_type IS 'Kind of asset (asset_type.code).';
COMMENT ON COLUMN @extschema@.asset.vendor IS 'Vendor as written in the inventory, e.g. Siemens.';
COMMENT ON COLUMN @extschema@.asset.product IS 'Product as written in the inventory, e.g. SIMATIC S7-1500 CPU 1516-3 PN/DP.';
COMMENT ON COLUMN @extschema@.asset.version IS 'Firmware or software version as the vendor writes it, e.g. V2.9.4; NULL when unknown.';
COMMENT ON COLUMN @extschema@.asset.serial_number IS 'Serial number.';
COMMENT ON COLUMN @extschema@.asset.zone_id IS 'Zone the asset sits in; NULL while not yet zoned.';
COMMENT ON COLUMN @extschema@.asset.owner_id IS 'Person accountable for the asset.';
COMMENT ON COLUMN @extschema@.asset.criticality IS 'Criticality 1 (minimal) .. 5 (critical), see criticality_level.';
COMMENT ON COLUMN @extschema@.asset.confidentiality_requirement IS
  'Confidentiality requirement low, medium or high (the CVSS environmental CR metric).';
COMMENT ON COLUMN @extschema@.asset.integrity_requirement IS 'Integrity requirement low, medium or high (CVSS IR).';
COMMENT ON COLUMN @extschema@.asset.availability_requirement IS 'Availability requirement low, medium or high (CVSS AR).';
COMMENT ON COLUMN @extschema@.asset.safety_related IS 'Whether a compromise can affect safety functions.';
COMMENT ON COLUMN @extschema@.asset.lifecycle_state IS
  'Lifecycle state (lifecycle_state.code): in_service, legacy, unsupported, end_of_life, decommissioned.';
COMMENT ON COLUMN @extschema@.asset.ip_address IS 'Primary IP address, if any.';
COMMENT ON COLUMN @extschema@.asset.installed_on IS 'Date put into service.';
COMMENT ON COLUMN @extschema@.asset.end_of_support_on IS 'Date the vendor ends support.';
COMMENT ON COLUMN @extschema@.asset.notes IS 'Free text.';
COMMENT ON COLUMN @extschema@.asset.created_at IS 'When the row was created.';
COMMENT ON COLUMN @extschema@.asset.updated_at IS 'When the row was last updated.';
-- Each organisation's settings are program data, initialised by copying a shipped default
-- (settings_profile) when the organisation is created; organization_settings records which one.
-- Later capabilities add their settings here (risk matrix, weights, thresholds, SLAs).

CREATE TABLE @extschema@.organization_settings (
  organization_id  uuid NOT NULL UNIQUE REFERENCES @extschema@.organization (id),
  id               uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  settings_profile text NOT NULL REFERENCES @extschema@.settings_profile (code),
  initialized_at   timestamptz NOT NULL DEFAULT pg_catalog.now(),
  -- foreign key (organization_id, risk_matrix_id) to organization_risk_matrix: 330_risk_matrix_tables.sql
  risk_matrix_id   uuid,
  PRIMARY KEY (organization_id, id)
);
CREATE INDEX organization_settings_profile_idx ON @extschema@.organization_settings (settings_profile);
COMMENT ON TABLE @extschema@.organization_settings IS
  'One row per organisation: which shipped settings profile its own settings were copied from.';
COMMENT ON COLUMN @extschema@.organization_settings.organization_id IS 'The organisation (one row each).';
COMMENT ON COLUMN @extschema@.organization_settings.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.organization_settings.settings_profile IS 'Shipped profile the settings were initialised from.';
COMMENT ON COLUMN @extschema@.organization_settings.initialized_at IS 'When the settings were copied.';
COMMENT ON COLUMN @extschema@.organization_settings.risk_matrix_id IS
  'The organisation''s risk matrix in use (organization_risk_matrix.id), initially its copy of the shipped default.';

CREATE TABLE @extschema@.zone_exposure_setting (
  organization_id      uuid NOT NULL REFERENCES @extschema@.organization (id),
  id                   uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  exposure             text NOT NULL REFERENCES @extschema@.zone_exposure (code),
  ssvc_system_exposure text NOT NULL
                       CONSTRAINT zone_exposure_setting_ssvc CHECK (ssvc_system_exposure IN ('small', 'controlled', 'open')),
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, exposure)
);
CREATE INDEX zone_exposure_setting_exposure_idx ON @extschema@.zone_exposure_setting (exposure);
COMMENT ON TABLE @extschema@.zone_exposure_setting IS
  'An organisation''s mapping from zone exposure to SSVC system exposure (copied from zone_exposure, then its own).';
COMMENT ON COLUMN @extschema@.zone_exposure_setting.organization_id IS 'The organisation.';
COMMENT ON COLUMN @extschema@.zone_exposure_setting.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.zone_exposure_setting.exposure IS 'Zone exposure class.';
COMMENT ON COLUMN @extschema@.zone_exposure_setting.ssvc_system_exposure IS 'SSVC system exposure used for assets in such zones.';

CREATE FUNCTION @extschema@.initialize_organization_settings(organization_id uuid, profile text DEFAULT 'default')
RETURNS void
LANGUAGE plpgsql VOLATILE STRICT
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  -- Only what is missing is copied: an organisation's own changes stay, and an upgrade that adds a
  -- setting can call this for every organisation to fill the new one in.
  INSERT INTO @extschema@.organization_settings (organization_id, settings_profile)
  VALUES (initialize_organization_settings.organization_id, profile)
  ON CONFLICT DO NOTHING;

  INSERT INTO @extschema@.zone_exposure_setting (organization_id, exposure, ssvc_system_exposure)
  SELECT initialize_organization_settings.organization_id, e.code, e.ssvc_system_exposure
  FROM @extschema@.zone_exposure e
  ON CONFLICT DO NOTHING;

  -- the risk matrix: a copy of the shipped default, unless one is already in use
  INSERT INTO @extschema@.organization_risk_matrix
    (organization_id, name, matrix, likelihood_labels, consequence_labels, copied_from, description)
  SELECT initialize_organization_settings.organization_id, d.name, d.matrix, d.likelihood_labels,
         d.consequence_labels, d.code, d.description
  FROM @extschema@.risk_matrix_default d
  WHERE d.code = initialize_organization_settings.profile
    AND NOT EXISTS (SELECT 1 FROM @extschema@.organization_settings s
                    WHERE s.organization_id = initialize_organization_settings.organization_id
                      AND s.risk_matrix_id IS NOT NULL)
  ON CONFLICT DO NOTHING;
  UPDATE @extschema@.organization_settings s SET risk_matrix_id = m.id
  FROM @extschema@.organization_risk_matrix m
  JOIN @extschema@.risk_matrix_default d ON d.code = initialize_organization_settings.profile AND d.name = m.name
  WHERE s.organization_id = initialize_organization_settings.organization_id
    AND m.organization_id = s.organization_id
    AND s.risk_matrix_id IS NULL;

  -- supplier assessment criteria, starter questions and risk thresholds (500_supplier.sql)
  PERFORM @extschema@.initialize_supplier_settings(initialize_organization_settings.organization_id);
  -- risk appetite and tolerance (510_risk.sql)
  PERFORM @extschema@.initialize_risk_settings(initialize_organization_settings.organization_id);
  -- patch priority weights and priors (340_patch_priority_parameter.sql)
  PERFORM @extschema@.initialize_patch_priority_settings(initialize_organization_settings.organization_id, profile);
END
$$;
COMMENT ON FUNCTION @extschema@.initialize_organization_settings(uuid, text) IS
  'Copies the shipped defaults of a settings profile into an organisation''s own settings, adding only what is missing.';

CREATE FUNCTION @extschema@.organization_after_insert()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  PERFORM @extschema@.initialize_organization_settings(NEW.id);
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION @extschema@.organization_after_insert() IS
  'Trigger function: gives a new organisation its own copy of the default settings.';

-- An ordinary trigger: a restore with session_replication_role = replica does not fire it, so the
-- dumped settings rows are restored as they were.
CREATE TRIGGER organization_initialize_settings AFTER INSERT ON @extschema@.organization
  FOR EACH ROW EXECUTE FUNCTION @extschema@.organization_after_insert();
-- Access levels.  CREATE EXTENSION creates no roles (roles are cluster-wide): the DBA picks roles
-- and calls grant_access(), which records the grant and applies the privileges the shipped
-- matrix below gives that access level on each class of object.  Every upgrade script ends by
-- calling reapply_access(), so objects added by the upgrade are covered.

CREATE TABLE @extschema@.object_access_class (
  object_name           name PRIMARY KEY,
  object_class          text NOT NULL
                        CONSTRAINT object_access_class_class CHECK (object_class IN ('catalog', 'program', 'staging', 'access', 'view')),
  reader_hidden_columns name[] NOT NULL DEFAULT '{}'
);
COMMENT ON TABLE @extschema@.object_access_class IS
  'Shipped catalogue: the class of every table and view of the extension, which decides what each access level may do with it.';
COMMENT ON COLUMN @extschema@.object_access_class.object_name IS 'Table or view name in the extension''s schema.';
COMMENT ON COLUMN @extschema@.object_access_class.object_class IS
  'catalog (shipped, read-only), program (program data), staging (import staging), access (access records) or view.';
COMMENT ON COLUMN @extschema@.object_access_class.reader_hidden_columns IS
  'Columns the reader access level may not select (people''s contact details).';

CREATE TABLE @extschema@.access_privilege (
  access       text NOT NULL CONSTRAINT access_privilege_access CHECK (access IN ('admin', 'analyst', 'auditor', 'reader')),
  object_class text NOT NULL
               CONSTRAINT access_privilege_class CHECK (object_class IN ('catalog', 'program', 'staging', 'access', 'view')),
  privilege    text NOT NULL CONSTRAINT access_privilege_privilege CHECK (privilege IN ('SELECT', 'INSERT', 'UPDATE', 'DELETE')),
  PRIMARY KEY (access, object_class, privilege)
);
COMMENT ON TABLE @extschema@.access_privilege IS
  'Shipped catalogue: the privileges each access level gets on each class of object.';
COMMENT ON COLUMN @extschema@.access_privilege.access IS 'Access level: admin, analyst, auditor or reader.';
COMMENT ON COLUMN @extschema@.access_privilege.object_class IS 'Object class (see object_access_class).';
COMMENT ON COLUMN @extschema@.access_privilege.privilege IS 'A table privilege granted.';

INSERT INTO @extschema@.access_privilege (access, object_class, privilege) VALUES
  -- admin and analyst read and write program data and stage imports; admin also reads the access records
  ('admin', 'catalog', 'SELECT'), ('admin', 'view', 'SELECT'), ('admin', 'access', 'SELECT'),
  ('admin', 'program', 'SELECT'), ('admin', 'program', 'INSERT'), ('admin', 'program', 'UPDATE'), ('admin', 'program', 'DELETE'),
  ('admin', 'staging', 'SELECT'), ('admin', 'staging', 'INSERT'), ('admin', 'staging', 'UPDATE'), ('admin', 'staging', 'DELETE'),
  ('analyst', 'catalog', 'SELECT'), ('analyst', 'view', 'SELECT'),
  ('analyst', 'program', 'SELECT'), ('analyst', 'program', 'INSERT'), ('analyst', 'program', 'UPDATE'), ('analyst', 'program', 'DELETE'),
  ('analyst', 'staging', 'SELECT'), ('analyst', 'staging', 'INSERT'), ('analyst', 'staging', 'UPDATE'), ('analyst', 'staging', 'DELETE'),
  -- the auditor reads program data (the findings tables of a later release get a class the auditor writes)
  ('auditor', 'catalog', 'SELECT'), ('auditor', 'view', 'SELECT'), ('auditor', 'program', 'SELECT'),
  -- the reader (BI tools) reads the views, and the tables beneath them because views are security_invoker
  ('reader', 'catalog', 'SELECT'), ('reader', 'view', 'SELECT'), ('reader', 'program', 'SELECT');

CREATE TABLE @extschema@.access_grant (
  id              uuid PRIMARY KEY DEFAULT pg_catalog.gen_random_uuid(),
  role_name       name NOT NULL,
  access          text NOT NULL CONSTRAINT access_grant_access CHECK (access IN ('admin', 'analyst', 'auditor', 'reader')),
  organization_id uuid REFERENCES @extschema@.organization (id),
  granted_by      name NOT NULL DEFAULT CURRENT_USER,
  granted_at      timestamptz NOT NULL DEFAULT pg_catalog.now(),
  CONSTRAINT access_grant_once UNIQUE NULLS NOT DISTINCT (role_name, access, organization_id)
);
CREATE INDEX access_grant_organization_idx ON @extschema@.access_grant (organization_id);
COMMENT ON TABLE @extschema@.access_grant IS
  'Access granted with grant_access(): which role has which access level, to one organisation or (NULL) to all.';
COMMENT ON COLUMN @extschema@.access_grant.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.access_grant.role_name IS 'The database role.';
COMMENT ON COLUMN @extschema@.access_grant.access IS 'admin, analyst, auditor or reader.';
COMMENT ON COLUMN @extschema@.access_grant.organization_id IS
  'The organisation whose data the role may see; NULL for every organisation (row-level security enforces it).';
COMMENT ON COLUMN @extschema@.access_grant.granted_by IS 'Role that called grant_access().';
COMMENT ON COLUMN @extschema@.access_grant.granted_at IS 'When.';

CREATE FUNCTION @extschema@.apply_access(role_name name)
RETURNS void
LANGUAGE plpgsql VOLATILE STRICT
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  obj record;
BEGIN
  -- Start from nothing, then grant the union of the role's recorded access levels: revoking one
  -- of several levels must not leave privileges only that level gave.
  FOR obj IN SELECT c.object_name FROM @extschema@.object_access_class c ORDER BY 1 LOOP
    EXECUTE pg_catalog.format('REVOKE ALL ON TABLE @extschema@.%I FROM %I', obj.object_name, role_name);
  END LOOP;
  EXECUTE pg_catalog.format('REVOKE USAGE ON SCHEMA @extschema@ FROM %I', role_name);
  IF NOT EXISTS (SELECT 1 FROM @extschema@.access_grant g WHERE g.role_name = apply_access.role_name) THEN
    RETURN;
  END IF;
  EXECUTE pg_catalog.format('GRANT USAGE ON SCHEMA @extschema@ TO %I', role_name);

  FOR obj IN
    SELECT c.object_name,
           pg_catalog.array_agg(DISTINCT p.privilege) FILTER (WHERE p.privilege <> 'SELECT') AS writes,
           pg_catalog.bool_or(p.privilege = 'SELECT') AS reads,
           -- only a role whose every reading level is the reader sees fewer columns
           pg_catalog.bool_and(g.access = 'reader') FILTER (WHERE p.privilege = 'SELECT') AS reader_only,
           c.reader_hidden_columns
    FROM @extschema@.access_grant g
    JOIN @extschema@.access_privilege p ON p.access = g.access
    JOIN @extschema@.object_access_class c ON c.object_class = p.object_class
    WHERE g.role_name = apply_access.role_name
    GROUP BY c.object_name, c.reader_hidden_columns
    ORDER BY c.object_name
  LOOP
    IF obj.reads AND obj.reader_only AND pg_catalog.cardinality(obj.reader_hidden_columns) > 0 THEN
      EXECUTE pg_catalog.format('GRANT SELECT (%s) ON TABLE @extschema@.%I TO %I',
        (SELECT pg_catalog.string_agg(pg_catalog.quote_ident(a.attname), ', ' ORDER BY a.attnum)
         FROM pg_catalog.pg_attribute a
         WHERE a.attrelid = pg_catalog.format('@extschema@.%I', obj.object_name)::pg_catalog.regclass
           AND a.attnum > 0 AND NOT a.attisdropped
           AND a.attname <> ALL (obj.reader_hidden_columns)),
        obj.object_name, role_name);
    ELSIF obj.reads THEN
      EXECUTE pg_catalog.format('GRANT SELECT ON TABLE @extschema@.%I TO %I', obj.object_name, role_name);
    END IF;
    IF obj.writes IS NOT NULL THEN
      EXECUTE pg_catalog.format('GRANT %s ON TABLE @extschema@.%I TO %I',
        pg_catalog.array_to_string(obj.writes, ', '), obj.object_name, role_name);
    END IF;
  END LOOP;
END
$$;
COMMENT ON FUNCTION @extschema@.apply_access(name) IS
  'Revokes every privilege of the role on the extension''s objects, then grants what its recorded access levels give.';

CREATE FUNCTION @extschema@.grant_access(role regrole, access text, organization_id uuid DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  role_name name;
BEGIN
  IF role IS NULL OR access IS NULL THEN
    RAISE EXCEPTION 'grant_access: role and access are required' USING ERRCODE = 'null_value_not_allowed';
  END IF;
  IF access NOT IN ('admin', 'analyst', 'auditor', 'reader') THEN
    RAISE EXCEPTION 'invalid access level "%"', access
      USING ERRCODE = 'invalid_parameter_value', DETAIL = 'Allowed: admin, analyst, auditor, reader.';
  END IF;
  -- regrole's text form is quoted where needed; record the bare name
  SELECT r.rolname INTO role_name FROM pg_catalog.pg_roles r WHERE r.oid = role;
  INSERT INTO @extschema@.access_grant (role_name, access, organization_id)
  VALUES (role_name, grant_access.access, grant_access.organization_id)
  ON CONFLICT ON CONSTRAINT access_grant_once DO NOTHING;
  PERFORM @extschema@.apply_access(role_name);
END
$$;
REVOKE EXECUTE ON FUNCTION @extschema@.grant_access(regrole, text, uuid) FROM PUBLIC;
COMMENT ON FUNCTION @extschema@.grant_access(regrole, text, uuid) IS
  'Gives a role an access level (admin, analyst, auditor, reader), to one organisation or to all (NULL); records it in access_grant.';

CREATE FUNCTION @extschema@.revoke_access(role regrole, access text DEFAULT NULL, organization_id uuid DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  target_role name;
BEGIN
  IF role IS NULL THEN
    RAISE EXCEPTION 'revoke_access: role is required' USING ERRCODE = 'null_value_not_allowed';
  END IF;
  IF access IS NOT NULL AND access NOT IN ('admin', 'analyst', 'auditor', 'reader') THEN
    RAISE EXCEPTION 'invalid access level "%"', access
      USING ERRCODE = 'invalid_parameter_value', DETAIL = 'Allowed: admin, analyst, auditor, reader.';
  END IF;
  SELECT r.rolname INTO target_role FROM pg_catalog.pg_roles r WHERE r.oid = role;
  DELETE FROM @extschema@.access_grant g
  WHERE g.role_name = target_role
    AND (revoke_access.access IS NULL OR g.access = revoke_access.access)
    AND (revoke_access.organization_id IS NULL OR g.organization_id = revoke_access.organization_id);
  PERFORM @extschema@.apply_access(target_role);
END
$$;
REVOKE EXECUTE ON FUNCTION @extschema@.revoke_access(regrole, text, uuid) FROM PUBLIC;
COMMENT ON FUNCTION @extschema@.revoke_access(regrole, text, uuid) IS
  'Removes a role''s recorded access (one level, one organisation, or all when NULL) and re-applies what remains.';

CREATE FUNCTION @extschema@.reapply_access()
RETURNS integer
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  r record;
  applied integer := 0;
BEGIN
  FOR r IN SELECT DISTINCT g.role_name FROM @extschema@.access_grant g ORDER BY 1 LOOP
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles x WHERE x.rolname = r.role_name) THEN
      PERFORM @extschema@.apply_access(r.role_name);
      applied := applied + 1;
    ELSE
      RAISE WARNING 'role "%" in access_grant no longer exists; its access was not applied', r.role_name;
    END IF;
  END LOOP;
  RETURN applied;
END
$$;
REVOKE EXECUTE ON FUNCTION @extschema@.reapply_access() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.apply_access(name) FROM PUBLIC;
COMMENT ON FUNCTION @extschema@.reapply_access() IS
  'Re-applies every recorded grant (upgrade scripts call it so new objects are covered); returns the number of roles.';
-- The SSVC decision tables as a read-only catalogue, so analysts can read the standard's rows and
-- join them.  The same rows are static data in src/ssvc_core.c (what ssvc_cisa, ssvc_deployer,
-- ssvc_human_impact and ssvc_mission_wellbeing compute with); the regression test proves the
-- functions agree with this table on every row, and both with the published CSV files
-- (test/data/ssvc).  The INSERTs at the end were generated from those CSV files (without their
-- "# source" line) with this awk, one run per tree; HASROW is 0 for mission_and_well_being_v1.csv,
-- which has no row column, else 1:
--   awk -F, -v tree=TREE -v cols='INPUT, COLUMNS' -v hasrow=HASROW '
--     function q(s) { return "\047" s "\047" }
--     BEGIN { printf "INSERT INTO @extschema@.ssvc_decision (tree, row_number, %s, outcome) VALUES\n", cols }
--     NR > 1 { if (out != "") print out ","; line = "  (" q(tree) ", " (hasrow ? $1 : NR - 2)
--              for (i = 1 + hasrow; i <= NF; i++) line = line ", " q($i); out = line ")" }
--     END { print out ";" }' FILE.csv

CREATE TABLE @extschema@.ssvc_tree (
  tree         text PRIMARY KEY,
  sql_function text NOT NULL UNIQUE,
  title        text NOT NULL,
  version      text NOT NULL,
  inputs       text[] NOT NULL,
  outcomes     text[] NOT NULL,
  source       text NOT NULL
);
COMMENT ON TABLE @extschema@.ssvc_tree IS
  'Shipped catalogue: the SSVC decision tables the extension implements, with their published versions.';
COMMENT ON COLUMN @extschema@.ssvc_tree.tree IS 'Key used by ssvc_decision.tree.';
COMMENT ON COLUMN @extschema@.ssvc_tree.sql_function IS 'The function that computes this table''s decisions.';
COMMENT ON COLUMN @extschema@.ssvc_tree.title IS 'The table''s published name.';
COMMENT ON COLUMN @extschema@.ssvc_tree.version IS 'The table''s published version.';
COMMENT ON COLUMN @extschema@.ssvc_tree.inputs IS
  'Decision points in the function''s argument order; each is a column of ssvc_decision.';
COMMENT ON COLUMN @extschema@.ssvc_tree.outcomes IS 'The possible outcomes, least to most urgent.';
COMMENT ON COLUMN @extschema@.ssvc_tree.source IS 'Where the published table comes from.';

INSERT INTO @extschema@.ssvc_tree (tree, sql_function, title, version, inputs, outcomes, source) VALUES
  ('cisa', 'ssvc_cisa', 'CISA SSVC coordinator decision tree', '2.0.3',
   '{exploitation,automatable,technical_impact,mission_wellbeing}', '{track,track*,attend,act}',
   'CERTCC/SSVC data/csv/cisa/cisa_coordinator_2_0_3.csv (commit e3b00a2); CISA SSVC guide, November 2022'),
  ('deployer', 'ssvc_deployer', 'CERT/CC SSVC deployer patch application priority', '1.0.0',
   '{exploitation,system_exposure,automatable,human_impact}', '{defer,scheduled,out-of-cycle,immediate}',
   'CERTCC/SSVC data/csv/ssvc/deployer_patch_application_priority_1_0_0.csv (commit e3b00a2)'),
  ('human_impact', 'ssvc_human_impact', 'CERT/CC SSVC human impact', '1.0.0',
   '{safety_impact,mission_impact}', '{low,medium,high,very high}',
   'CERTCC/SSVC data/csv/ssvc/human_impact_1_0_0.csv (commit e3b00a2)'),
  ('mission_wellbeing', 'ssvc_mission_wellbeing', 'CISA SSVC mission and well-being impact', '1',
   '{mission_prevalence,public_wellbeing}', '{low,medium,high}',
   'CERTCC/SSVC data/csvs/mission-and-well-being_v1.csv (parent of commit 9daaf49)');

CREATE TABLE @extschema@.ssvc_decision (
  tree               text NOT NULL REFERENCES @extschema@.ssvc_tree (tree),
  row_number         smallint NOT NULL CHECK (row_number >= 0),
  exploitation       text CHECK (exploitation IN ('none', 'public poc', 'active')),
  automatable        text CHECK (automatable IN ('no', 'yes')),
  technical_impact   text CHECK (technical_impact IN ('partial', 'total')),
  mission_wellbeing  text CHECK (mission_wellbeing IN ('low', 'medium', 'high')),
  system_exposure    text CHECK (system_exposure IN ('small', 'controlled', 'open')),
  human_impact       text CHECK (human_impact IN ('low', 'medium', 'high', 'very high')),
  safety_impact      text CHECK (safety_impact IN ('negligible', 'marginal', 'critical', 'catastrophic')),
  mission_impact     text CHECK (mission_impact IN ('degraded', 'mef support crippled', 'mef failure', 'mission failure')),
  mission_prevalence text CHECK (mission_prevalence IN ('minimal', 'support', 'essential')),
  public_wellbeing   text CHECK (public_wellbeing IN ('minimal', 'material', 'irreversible')),
  outcome            text NOT NULL,
  PRIMARY KEY (tree, row_number),
  CONSTRAINT ssvc_decision_inputs UNIQUE NULLS NOT DISTINCT
    (tree, exploitation, automatable, technical_impact, mission_wellbeing, system_exposure, human_impact,
     safety_impact, mission_impact, mission_prevalence, public_wellbeing),
  -- each tree's rows set exactly its own inputs, and name one of its outcomes
  CONSTRAINT ssvc_decision_shape CHECK (CASE tree
    WHEN 'cisa' THEN pg_catalog.num_nonnulls(exploitation, automatable, technical_impact, mission_wellbeing) = 4
                     AND pg_catalog.num_nonnulls(system_exposure, human_impact, safety_impact, mission_impact,
                                                 mission_prevalence, public_wellbeing) = 0
                     AND outcome IN ('track', 'track*', 'attend', 'act')
    WHEN 'deployer' THEN pg_catalog.num_nonnulls(exploitation, system_exposure, automatable, human_impact) = 4
                     AND pg_catalog.num_nonnulls(technical_impact, mission_wellbeing, safety_impact, mission_impact,
                                                 mission_prevalence, public_wellbeing) = 0
                     AND outcome IN ('defer', 'scheduled', 'out-of-cycle', 'immediate')
    WHEN 'human_impact' THEN pg_catalog.num_nonnulls(safety_impact, mission_impact) = 2
                     AND pg_catalog.num_nonnulls(exploitation, automatable, technical_impact, mission_wellbeing,
                                                 system_exposure, human_impact, mission_prevalence, public_wellbeing) = 0
                     AND outcome IN ('low', 'medium', 'high', 'very high')
    WHEN 'mission_wellbeing' THEN pg_catalog.num_nonnulls(mission_prevalence, public_wellbeing) = 2
                     AND pg_catalog.num_nonnulls(exploitation, automatable, technical_impact, mission_wellbeing,
                                                 system_exposure, human_impact, safety_impact, mission_impact) = 0
                     AND outcome IN ('low', 'medium', 'high')
    ELSE false END)
);
COMMENT ON TABLE @extschema@.ssvc_decision IS
  'Shipped catalogue: every row of the SSVC decision tables (CISA coordinator 2.0.3, CERT/CC deployer patch '
  'application priority 1.0.0, human impact 1.0.0, CISA mission and well-being v1), as published.  A row sets '
  'the inputs of its tree (see ssvc_tree.inputs) and leaves the other decision points NULL.';
COMMENT ON COLUMN @extschema@.ssvc_decision.tree IS 'The decision table (ssvc_tree.tree).';
COMMENT ON COLUMN @extschema@.ssvc_decision.row_number IS 'Row number in the published CSV file, from 0.';
COMMENT ON COLUMN @extschema@.ssvc_decision.exploitation IS 'Exploitation 1.1.0: none, public poc, active (cisa, deployer).';
COMMENT ON COLUMN @extschema@.ssvc_decision.automatable IS 'Automatable 2.0.0: no, yes (cisa, deployer).';
COMMENT ON COLUMN @extschema@.ssvc_decision.technical_impact IS 'Technical impact 1.0.0: partial, total (cisa).';
COMMENT ON COLUMN @extschema@.ssvc_decision.mission_wellbeing IS 'Mission and well-being impact 1.0.0: low, medium, high (cisa).';
COMMENT ON COLUMN @extschema@.ssvc_decision.system_exposure IS 'System exposure 1.0.1: small, controlled, open (deployer).';
COMMENT ON COLUMN @extschema@.ssvc_decision.human_impact IS 'Human impact 2.0.2: low, medium, high, very high (deployer).';
COMMENT ON COLUMN @extschema@.ssvc_decision.safety_impact IS
  'Safety impact 2.0.1: negligible, marginal, critical, catastrophic (human_impact).';
COMMENT ON COLUMN @extschema@.ssvc_decision.mission_impact IS
  'Mission impact 2.0.0: degraded, mef support crippled, mef failure, mission failure (human_impact).';
COMMENT ON COLUMN @extschema@.ssvc_decision.mission_prevalence IS 'Mission prevalence: minimal, support, essential (mission_wellbeing).';
COMMENT ON COLUMN @extschema@.ssvc_decision.public_wellbeing IS
  'Public well-being impact: minimal, material, irreversible (mission_wellbeing).';
COMMENT ON COLUMN @extschema@.ssvc_decision.outcome IS 'The decision: one of the tree''s outcomes (ssvc_tree.outcomes).';

INSERT INTO @extschema@.ssvc_decision (tree, row_number, exploitation, automatable, technical_impact, mission_wellbeing, outcome) VALUES
  ('cisa', 0, 'none', 'no', 'partial', 'low', 'track'),
  ('cisa', 1, 'none', 'no', 'partial', 'medium', 'track'),
  ('cisa', 2, 'none', 'no', 'partial', 'high', 'track'),
  ('cisa', 3, 'none', 'no', 'total', 'low', 'track'),
  ('cisa', 4, 'none', 'no', 'total', 'medium', 'track'),
  ('cisa', 5, 'none', 'no', 'total', 'high', 'track*'),
  ('cisa', 6, 'none', 'yes', 'partial', 'low', 'track'),
  ('cisa', 7, 'none', 'yes', 'partial', 'medium', 'track'),
  ('cisa', 8, 'none', 'yes', 'partial', 'high', 'attend'),
  ('cisa', 9, 'none', 'yes', 'total', 'low', 'track'),
  ('cisa', 10, 'none', 'yes', 'total', 'medium', 'track'),
  ('cisa', 11, 'none', 'yes', 'total', 'high', 'attend'),
  ('cisa', 12, 'public poc', 'no', 'partial', 'low', 'track'),
  ('cisa', 13, 'public poc', 'no', 'partial', 'medium', 'track'),
  ('cisa', 14, 'public poc', 'no', 'partial', 'high', 'track*'),
  ('cisa', 15, 'public poc', 'no', 'total', 'low', 'track'),
  ('cisa', 16, 'public poc', 'no', 'total', 'medium', 'track*'),
  ('cisa', 17, 'public poc', 'no', 'total', 'high', 'attend'),
  ('cisa', 18, 'public poc', 'yes', 'partial', 'low', 'track'),
  ('cisa', 19, 'public poc', 'yes', 'partial', 'medium', 'track'),
  ('cisa', 20, 'public poc', 'yes', 'partial', 'high', 'attend'),
  ('cisa', 21, 'public poc', 'yes', 'total', 'low', 'track'),
  ('cisa', 22, 'public poc', 'yes', 'total', 'medium', 'track*'),
  ('cisa', 23, 'public poc', 'yes', 'total', 'high', 'attend'),
  ('cisa', 24, 'active', 'no', 'partial', 'low', 'track'),
  ('cisa', 25, 'active', 'no', 'partial', 'medium', 'track'),
  ('cisa', 26, 'active', 'no', 'partial', 'high', 'attend'),
  ('cisa', 27, 'active', 'no', 'total', 'low', 'track'),
  ('cisa', 28, 'active', 'no', 'total', 'medium', 'attend'),
  ('cisa', 29, 'active', 'no', 'total', 'high', 'act'),
  ('cisa', 30, 'active', 'yes', 'partial', 'low', 'attend'),
  ('cisa', 31, 'active', 'yes', 'partial', 'medium', 'attend'),
  ('cisa', 32, 'active', 'yes', 'partial', 'high', 'act'),
  ('cisa', 33, 'active', 'yes', 'total', 'low', 'attend'),
  ('cisa', 34, 'active', 'yes', 'total', 'medium', 'act'),
  ('cisa', 35, 'active', 'yes', 'total', 'high', 'act');

INSERT INTO @extschema@.ssvc_decision (tree, row_number, exploitation, system_exposure, automatable, human_impact, outcome) VALUES
  ('deployer', 0, 'none', 'small', 'no', 'low', 'defer'),
  ('deployer', 1, 'none', 'small', 'no', 'medium', 'defer'),
  ('deployer', 2, 'none', 'small', 'no', 'high', 'scheduled'),
  ('deployer', 3, 'none', 'small', 'no', 'very high', 'scheduled'),
  ('deployer', 4, 'none', 'small', 'yes', 'low', 'defer'),
  ('deployer', 5, 'none', 'small', 'yes', 'medium', 'scheduled'),
  ('deployer', 6, 'none', 'small', 'yes', 'high', 'scheduled'),
  ('deployer', 7, 'none', 'small', 'yes', 'very high', 'scheduled'),
  ('deployer', 8, 'none', 'controlled', 'no', 'low', 'defer'),
  ('deployer', 9, 'none', 'controlled', 'no', 'medium', 'scheduled'),
  ('deployer', 10, 'none', 'controlled', 'no', 'high', 'scheduled'),
  ('deployer', 11, 'none', 'controlled', 'no', 'very high', 'scheduled'),
  ('deployer', 12, 'none', 'controlled', 'yes', 'low', 'scheduled'),
  ('deployer', 13, 'none', 'controlled', 'yes', 'medium', 'scheduled'),
  ('deployer', 14, 'none', 'controlled', 'yes', 'high', 'scheduled'),
  ('deployer', 15, 'none', 'controlled', 'yes', 'very high', 'scheduled'),
  ('deployer', 16, 'none', 'open', 'no', 'low', 'defer'),
  ('deployer', 17, 'none', 'open', 'no', 'medium', 'scheduled'),
  ('deployer', 18, 'none', 'open', 'no', 'high', 'scheduled'),
  ('deployer', 19, 'none', 'open', 'no', 'very high', 'scheduled'),
  ('deployer', 20, 'none', 'open', 'yes', 'low', 'scheduled'),
  ('deployer', 21, 'none', 'open', 'yes', 'medium', 'scheduled'),
  ('deployer', 22, 'none', 'open', 'yes', 'high', 'scheduled'),
  ('deployer', 23, 'none', 'open', 'yes', 'very high', 'out-of-cycle'),
  ('deployer', 24, 'public poc', 'small', 'no', 'low', 'defer'),
  ('deployer', 25, 'public poc', 'small', 'no', 'medium', 'scheduled'),
  ('deployer', 26, 'public poc', 'small', 'no', 'high', 'scheduled'),
  ('deployer', 27, 'public poc', 'small', 'no', 'very high', 'scheduled'),
  ('deployer', 28, 'public poc', 'small', 'yes', 'low', 'scheduled'),
  ('deployer', 29, 'public poc', 'small', 'yes', 'medium', 'scheduled'),
  ('deployer', 30, 'public poc', 'small', 'yes', 'high', 'scheduled'),
  ('deployer', 31, 'public poc', 'small', 'yes', 'very high', 'scheduled'),
  ('deployer', 32, 'public poc', 'controlled', 'no', 'low', 'defer'),
  ('deployer', 33, 'public poc', 'controlled', 'no', 'medium', 'scheduled'),
  ('deployer', 34, 'public poc', 'controlled', 'no', 'high', 'scheduled'),
  ('deployer', 35, 'public poc', 'controlled', 'no', 'very high', 'scheduled'),
  ('deployer', 36, 'public poc', 'controlled', 'yes', 'low', 'scheduled'),
  ('deployer', 37, 'public poc', 'controlled', 'yes', 'medium', 'scheduled'),
  ('deployer', 38, 'public poc', 'controlled', 'yes', 'high', 'scheduled'),
  ('deployer', 39, 'public poc', 'controlled', 'yes', 'very high', 'out-of-cycle'),
  ('deployer', 40, 'public poc', 'open', 'no', 'low', 'scheduled'),
  ('deployer', 41, 'public poc', 'open', 'no', 'medium', 'scheduled'),
  ('deployer', 42, 'public poc', 'open', 'no', 'high', 'scheduled'),
  ('deployer', 43, 'public poc', 'open', 'no', 'very high', 'out-of-cycle'),
  ('deployer', 44, 'public poc', 'open', 'yes', 'low', 'scheduled'),
  ('deployer', 45, 'public poc', 'open', 'yes', 'medium', 'scheduled'),
  ('deployer', 46, 'public poc', 'open', 'yes', 'high', 'out-of-cycle'),
  ('deployer', 47, 'public poc', 'open', 'yes', 'very high', 'out-of-cycle'),
  ('deployer', 48, 'active', 'small', 'no', 'low', 'scheduled'),
  ('deployer', 49, 'active', 'small', 'no', 'medium', 'scheduled'),
  ('deployer', 50, 'active', 'small', 'no', 'high', 'out-of-cycle'),
  ('deployer', 51, 'active', 'small', 'no', 'very high', 'out-of-cycle'),
  ('deployer', 52, 'active', 'small', 'yes', 'low', 'scheduled'),
  ('deployer', 53, 'active', 'small', 'yes', 'medium', 'out-of-cycle'),
  ('deployer', 54, 'active', 'small', 'yes', 'high', 'out-of-cycle'),
  ('deployer', 55, 'active', 'small', 'yes', 'very high', 'out-of-cycle'),
  ('deployer', 56, 'active', 'controlled', 'no', 'low', 'scheduled'),
  ('deployer', 57, 'active', 'controlled', 'no', 'medium', 'scheduled'),
  ('deployer', 58, 'active', 'controlled', 'no', 'high', 'out-of-cycle'),
  ('deployer', 59, 'active', 'controlled', 'no', 'very high', 'out-of-cycle'),
  ('deployer', 60, 'active', 'controlled', 'yes', 'low', 'out-of-cycle'),
  ('deployer', 61, 'active', 'controlled', 'yes', 'medium', 'out-of-cycle'),
  ('deployer', 62, 'active', 'controlled', 'yes', 'high', 'out-of-cycle'),
  ('deployer', 63, 'active', 'controlled', 'yes', 'very high', 'out-of-cycle'),
  ('deployer', 64, 'active', 'open', 'no', 'low', 'scheduled'),
  ('deployer', 65, 'active', 'open', 'no', 'medium', 'out-of-cycle'),
  ('deployer', 66, 'active', 'open', 'no', 'high', 'out-of-cycle'),
  ('deployer', 67, 'active', 'open', 'no', 'very high', 'immediate'),
  ('deployer', 68, 'active', 'open', 'yes', 'low', 'out-of-cycle'),
  ('deployer', 69, 'active', 'open', 'yes', 'medium', 'out-of-cycle'),
  ('deployer', 70, 'active', 'open', 'yes', 'high', 'immediate'),
  ('deployer', 71, 'active', 'open', 'yes', 'very high', 'immediate');

INSERT INTO @extschema@.ssvc_decision (tree, row_number, safety_impact, mission_impact, outcome) VALUES
  ('human_impact', 0, 'negligible', 'degraded', 'low'),
  ('human_impact', 1, 'negligible', 'mef support crippled', 'low'),
  ('human_impact', 2, 'negligible', 'mef failure', 'medium'),
  ('human_impact', 3, 'negligible', 'mission failure', 'very high'),
  ('human_impact', 4, 'marginal', 'degraded', 'low'),
  ('human_impact', 5, 'marginal', 'mef support crippled', 'low'),
  ('human_impact', 6, 'marginal', 'mef failure', 'medium'),
  ('human_impact', 7, 'marginal', 'mission failure', 'very high'),
  ('human_impact', 8, 'critical', 'degraded', 'medium'),
  ('human_impact', 9, 'critical', 'mef support crippled', 'high'),
  ('human_impact', 10, 'critical', 'mef failure', 'high'),
  ('human_impact', 11, 'critical', 'mission failure', 'very high'),
  ('human_impact', 12, 'catastrophic', 'degraded', 'very high'),
  ('human_impact', 13, 'catastrophic', 'mef support crippled', 'very high'),
  ('human_impact', 14, 'catastrophic', 'mef failure', 'very high'),
  ('human_impact', 15, 'catastrophic', 'mission failure', 'very high');

INSERT INTO @extschema@.ssvc_decision (tree, row_number, mission_prevalence, public_wellbeing, outcome) VALUES
  ('mission_wellbeing', 0, 'minimal', 'minimal', 'low'),
  ('mission_wellbeing', 1, 'minimal', 'material', 'medium'),
  ('mission_wellbeing', 2, 'minimal', 'irreversible', 'high'),
  ('mission_wellbeing', 3, 'support', 'minimal', 'medium'),
  ('mission_wellbeing', 4, 'support', 'material', 'medium'),
  ('mission_wellbeing', 5, 'support', 'irreversible', 'high'),
  ('mission_wellbeing', 6, 'essential', 'minimal', 'high'),
  ('mission_wellbeing', 7, 'essential', 'material', 'high'),
  ('mission_wellbeing', 8, 'essential', 'irreversible', 'high');

INSERT INTO @extschema@.object_access_class (object_name, object_class, reader_hidden_columns) VALUES
  ('ssvc_tree', 'catalog', '{}'),
  ('ssvc_decision', 'catalog', '{}');
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
-- Patch priority parameters as data: the shipped defaults, each organisation's copy, and the
-- seven-argument patch_priority/patch_decision that use the shipped defaults.

CREATE TABLE @extschema@.patch_priority_parameter_default (
  settings_profile       text PRIMARY KEY REFERENCES @extschema@.settings_profile (code),
  epss_poc_threshold     numeric(6,5) NOT NULL CHECK (epss_poc_threshold BETWEEN 0 AND 1),
  severity_weight        numeric(4,3) NOT NULL CHECK (severity_weight BETWEEN 0 AND 1),
  likelihood_weight      numeric(4,3) NOT NULL CHECK (likelihood_weight BETWEEN 0 AND 1),
  context_weight         numeric(4,3) NOT NULL CHECK (context_weight BETWEEN 0 AND 1),
  compensated_factor     numeric(4,3) NOT NULL CHECK (compensated_factor BETWEEN 0 AND 1),
  unknown_cvss_score     numeric(3,1) NOT NULL CHECK (unknown_cvss_score BETWEEN 0 AND 10),
  unknown_epss           numeric(6,5) NOT NULL CHECK (unknown_epss BETWEEN 0 AND 1),
  criticality_weight     numeric(4,3) NOT NULL CHECK (criticality_weight BETWEEN 0 AND 1),
  safety_weight          numeric(4,3) NOT NULL CHECK (safety_weight BETWEEN 0 AND 1),
  exposure_step_weight   numeric(4,3) NOT NULL CHECK (exposure_step_weight BETWEEN 0 AND 1),
  CONSTRAINT patch_priority_parameter_default_weights
    CHECK (severity_weight + likelihood_weight + context_weight <= 1
           AND criticality_weight + safety_weight + 2 * exposure_step_weight <= 1)
);
COMMENT ON TABLE @extschema@.patch_priority_parameter_default IS
  'Shipped catalogue: the patch priority weights and priors per settings profile (product defaults, see the README).';
COMMENT ON COLUMN @extschema@.patch_priority_parameter_default.settings_profile IS 'Settings profile.';
COMMENT ON COLUMN @extschema@.patch_priority_parameter_default.epss_poc_threshold IS 'EPSS at or above which exploitation counts as public poc.';
COMMENT ON COLUMN @extschema@.patch_priority_parameter_default.severity_weight IS 'Weight of the CVSS score / 10 in the ranking inside a band.';
COMMENT ON COLUMN @extschema@.patch_priority_parameter_default.likelihood_weight IS 'Weight of the exploitation likelihood (1 if KEV, else EPSS).';
COMMENT ON COLUMN @extschema@.patch_priority_parameter_default.context_weight IS 'Weight of the asset context.';
COMMENT ON COLUMN @extschema@.patch_priority_parameter_default.compensated_factor IS 'Factor on the ranking when compensating controls are in place.';
COMMENT ON COLUMN @extschema@.patch_priority_parameter_default.unknown_cvss_score IS 'CVSS score assumed for a vulnerability without a vector.';
COMMENT ON COLUMN @extschema@.patch_priority_parameter_default.unknown_epss IS 'EPSS assumed for ranking when it is unknown.';
COMMENT ON COLUMN @extschema@.patch_priority_parameter_default.criticality_weight IS 'Context term per (criticality - 1) / 4.';
COMMENT ON COLUMN @extschema@.patch_priority_parameter_default.safety_weight IS 'Context term when the asset is safety related.';
COMMENT ON COLUMN @extschema@.patch_priority_parameter_default.exposure_step_weight IS 'Context term per exposure step (small 0, controlled 1, open 2).';

INSERT INTO @extschema@.patch_priority_parameter_default VALUES
  ('default', 0.1, 0.4, 0.3, 0.3, 0.8, 7.0, 0.05, 0.5, 0.25, 0.125);

CREATE TABLE @extschema@.patch_priority_setting (
  organization_id      uuid NOT NULL UNIQUE REFERENCES @extschema@.organization (id),
  id                   uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  epss_poc_threshold   numeric(6,5) NOT NULL CHECK (epss_poc_threshold BETWEEN 0 AND 1),
  severity_weight      numeric(4,3) NOT NULL CHECK (severity_weight BETWEEN 0 AND 1),
  likelihood_weight    numeric(4,3) NOT NULL CHECK (likelihood_weight BETWEEN 0 AND 1),
  context_weight       numeric(4,3) NOT NULL CHECK (context_weight BETWEEN 0 AND 1),
  compensated_factor   numeric(4,3) NOT NULL CHECK (compensated_factor BETWEEN 0 AND 1),
  unknown_cvss_score   numeric(3,1) NOT NULL CHECK (unknown_cvss_score BETWEEN 0 AND 10),
  unknown_epss         numeric(6,5) NOT NULL CHECK (unknown_epss BETWEEN 0 AND 1),
  criticality_weight   numeric(4,3) NOT NULL CHECK (criticality_weight BETWEEN 0 AND 1),
  safety_weight        numeric(4,3) NOT NULL CHECK (safety_weight BETWEEN 0 AND 1),
  exposure_step_weight numeric(4,3) NOT NULL CHECK (exposure_step_weight BETWEEN 0 AND 1),
  copied_from          text REFERENCES @extschema@.settings_profile (code),
  PRIMARY KEY (organization_id, id),
  CONSTRAINT patch_priority_setting_weights
    CHECK (severity_weight + likelihood_weight + context_weight <= 1
           AND criticality_weight + safety_weight + 2 * exposure_step_weight <= 1)
);
CREATE INDEX patch_priority_setting_copied_from_idx ON @extschema@.patch_priority_setting (copied_from);
COMMENT ON TABLE @extschema@.patch_priority_setting IS
  'An organisation''s patch priority weights and priors (copied from patch_priority_parameter_default, then its own).';
COMMENT ON COLUMN @extschema@.patch_priority_setting.organization_id IS 'The organisation (one row each).';
COMMENT ON COLUMN @extschema@.patch_priority_setting.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.patch_priority_setting.epss_poc_threshold IS 'EPSS at or above which exploitation counts as public poc.';
COMMENT ON COLUMN @extschema@.patch_priority_setting.severity_weight IS 'Weight of the CVSS score / 10.';
COMMENT ON COLUMN @extschema@.patch_priority_setting.likelihood_weight IS 'Weight of the exploitation likelihood.';
COMMENT ON COLUMN @extschema@.patch_priority_setting.context_weight IS 'Weight of the asset context.';
COMMENT ON COLUMN @extschema@.patch_priority_setting.compensated_factor IS 'Factor on the ranking with compensating controls.';
COMMENT ON COLUMN @extschema@.patch_priority_setting.unknown_cvss_score IS 'CVSS score assumed without a vector.';
COMMENT ON COLUMN @extschema@.patch_priority_setting.unknown_epss IS 'EPSS assumed for ranking when unknown.';
COMMENT ON COLUMN @extschema@.patch_priority_setting.criticality_weight IS 'Context term per (criticality - 1) / 4.';
COMMENT ON COLUMN @extschema@.patch_priority_setting.safety_weight IS 'Context term when safety related.';
COMMENT ON COLUMN @extschema@.patch_priority_setting.exposure_step_weight IS 'Context term per exposure step.';
COMMENT ON COLUMN @extschema@.patch_priority_setting.copied_from IS 'Settings profile the values were copied from.';

CREATE FUNCTION @extschema@.initialize_patch_priority_settings(organization_id uuid, profile text DEFAULT 'default')
RETURNS void
LANGUAGE plpgsql VOLATILE STRICT
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  INSERT INTO @extschema@.patch_priority_setting
    (organization_id, epss_poc_threshold, severity_weight, likelihood_weight, context_weight, compensated_factor,
     unknown_cvss_score, unknown_epss, criticality_weight, safety_weight, exposure_step_weight, copied_from)
  SELECT initialize_patch_priority_settings.organization_id, d.epss_poc_threshold, d.severity_weight,
         d.likelihood_weight, d.context_weight, d.compensated_factor, d.unknown_cvss_score, d.unknown_epss,
         d.criticality_weight, d.safety_weight, d.exposure_step_weight, d.settings_profile
  FROM @extschema@.patch_priority_parameter_default d
  WHERE d.settings_profile = initialize_patch_priority_settings.profile
  ON CONFLICT DO NOTHING;
END
$$;
COMMENT ON FUNCTION @extschema@.initialize_patch_priority_settings(uuid, text) IS
  'Copies the shipped patch priority parameters of a profile to an organisation, unless it has its own already.';

CREATE FUNCTION @extschema@.patch_priority_parameters(organization_id uuid DEFAULT NULL)
RETURNS numeric[]
LANGUAGE sql STABLE PARALLEL SAFE
RETURN coalesce(
  (SELECT ARRAY[s.epss_poc_threshold, s.severity_weight, s.likelihood_weight, s.context_weight, s.compensated_factor,
                s.unknown_cvss_score, s.unknown_epss, s.criticality_weight, s.safety_weight, s.exposure_step_weight]
     FROM @extschema@.patch_priority_setting s WHERE s.organization_id = patch_priority_parameters.organization_id),
  (SELECT ARRAY[d.epss_poc_threshold, d.severity_weight, d.likelihood_weight, d.context_weight, d.compensated_factor,
                d.unknown_cvss_score, d.unknown_epss, d.criticality_weight, d.safety_weight, d.exposure_step_weight]
     FROM @extschema@.patch_priority_parameter_default d WHERE d.settings_profile = 'default'));
COMMENT ON FUNCTION @extschema@.patch_priority_parameters(uuid) IS
  'The ten patch priority parameters of an organisation (its patch_priority_setting), or the shipped defaults '
  'when NULL or without settings: EPSS threshold, severity, likelihood and context weights, compensated factor, '
  'unknown CVSS score, unknown EPSS, criticality, safety and exposure-step weights.';

-- The seven-argument forms use the shipped defaults; they are STABLE because they read them.
CREATE FUNCTION @extschema@.patch_priority(vuln @extschema@.cvss, epss numeric, kev boolean, criticality integer,
                                           safety_related boolean, exposure text, compensated boolean)
RETURNS numeric
LANGUAGE sql STABLE PARALLEL SAFE
RETURN @extschema@.patch_priority(vuln, epss, kev, criticality, safety_related, exposure, compensated,
                                  @extschema@.patch_priority_parameters(NULL::uuid));
COMMENT ON FUNCTION @extschema@.patch_priority(@extschema@.cvss, numeric, boolean, integer, boolean, text, boolean) IS
  'patch_priority with the shipped default parameters (for an organisation''s, pass patch_priority_parameters(org)).';
CREATE FUNCTION @extschema@.patch_decision(vuln @extschema@.cvss, epss numeric, kev boolean, criticality integer,
                                           safety_related boolean, exposure text, compensated boolean)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
RETURN @extschema@.patch_decision(vuln, epss, kev, criticality, safety_related, exposure, compensated,
                                  @extschema@.patch_priority_parameters(NULL::uuid));
COMMENT ON FUNCTION @extschema@.patch_decision(@extschema@.cvss, numeric, boolean, integer, boolean, text, boolean) IS
  'patch_decision with the shipped default parameters (for an organisation''s, pass patch_priority_parameters(org)).';

INSERT INTO @extschema@.object_access_class (object_name, object_class) VALUES
  ('patch_priority_parameter_default', 'catalog'),
  ('patch_priority_setting', 'program');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.patch_priority_setting', '');
-- Bulk import of an asset inventory: COPY the CSV into asset_import, then call import_assets().
-- Every staged row is checked; good rows are loaded in one statement, bad rows are reported with
-- their line and every reason (or, all-or-nothing, nothing is loaded while any row is bad).

CREATE TABLE @extschema@.asset_import (
  tag                         text,
  name                        text,
  asset_type                  text,
  vendor                      text,
  product                     text,
  version                     text,
  serial_number               text,
  zone                        text,
  owner                       text,
  criticality                 text,
  confidentiality_requirement text,
  integrity_requirement       text,
  availability_requirement    text,
  safety_related              text,
  lifecycle_state             text,
  ip_address                  text,
  installed_on                text,
  end_of_support_on           text,
  notes                       text,
  staged_by                   name NOT NULL DEFAULT CURRENT_USER,
  staged_seq                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY
);
COMMENT ON TABLE @extschema@.asset_import IS
  'Staging table for asset inventory CSV files: COPY into it (columns as in the README), then call import_assets(). '
  'All columns are text so that every row arrives and is judged by import_assets().';
COMMENT ON COLUMN @extschema@.asset_import.tag IS 'Asset tag (required, unique within the organisation and the file).';
COMMENT ON COLUMN @extschema@.asset_import.name IS 'Descriptive name (required).';
COMMENT ON COLUMN @extschema@.asset_import.asset_type IS 'asset_type code or label, e.g. plc or PLC (required).';
COMMENT ON COLUMN @extschema@.asset_import.vendor IS 'Vendor (required).';
COMMENT ON COLUMN @extschema@.asset_import.product IS 'Product (required).';
COMMENT ON COLUMN @extschema@.asset_import.version IS 'Firmware or software version as the vendor writes it.';
COMMENT ON COLUMN @extschema@.asset_import.serial_number IS 'Serial number.';
COMMENT ON COLUMN @extschema@.asset_import.zone IS 'Zone name within the organisation (empty: not yet zoned).';
COMMENT ON COLUMN @extschema@.asset_import.owner IS 'Owner: email or database role of a person of the organisation.';
COMMENT ON COLUMN @extschema@.asset_import.criticality IS 'Criticality 1..5 (empty: 3).';
COMMENT ON COLUMN @extschema@.asset_import.confidentiality_requirement IS 'low, medium or high, or L, M, H (empty: medium).';
COMMENT ON COLUMN @extschema@.asset_import.integrity_requirement IS 'low, medium or high, or L, M, H (empty: medium).';
COMMENT ON COLUMN @extschema@.asset_import.availability_requirement IS 'low, medium or high, or L, M, H (empty: medium).';
COMMENT ON COLUMN @extschema@.asset_import.safety_related IS 'true/false, yes/no, y/n or 1/0 (empty: false).';
COMMENT ON COLUMN @extschema@.asset_import.lifecycle_state IS 'lifecycle_state code or label, e.g. end_of_life or End of life (empty: in_service).';
COMMENT ON COLUMN @extschema@.asset_import.ip_address IS 'IPv4 or IPv6 address.';
COMMENT ON COLUMN @extschema@.asset_import.installed_on IS 'Date in ISO form YYYY-MM-DD.';
COMMENT ON COLUMN @extschema@.asset_import.end_of_support_on IS 'Date in ISO form YYYY-MM-DD.';
COMMENT ON COLUMN @extschema@.asset_import.notes IS 'Free text.';
COMMENT ON COLUMN @extschema@.asset_import.staged_by IS 'Role that staged the row; import_assets() takes the caller''s rows only.';
COMMENT ON COLUMN @extschema@.asset_import.staged_seq IS 'Arrival order, from which import_assets() numbers the file''s lines.';

CREATE FUNCTION @extschema@.import_parse_inet(value text)
RETURNS inet
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  RETURN value::inet;
EXCEPTION WHEN invalid_text_representation THEN
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION @extschema@.import_parse_inet(text) IS
  'The text as inet, or NULL when it is not an address (for import checks; parallel unsafe because it catches errors).';

CREATE FUNCTION @extschema@.import_parse_date(value text)
RETURNS date
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF value !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN
    RETURN NULL;
  END IF;
  RETURN value::date;
EXCEPTION WHEN datetime_field_overflow OR invalid_datetime_format THEN
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION @extschema@.import_parse_date(text) IS
  'The text as a date when it is an ISO YYYY-MM-DD date, else NULL (for import checks; parallel unsafe because it catches errors).';

CREATE FUNCTION @extschema@.import_assets(organization_id uuid, all_or_nothing boolean DEFAULT false,
                                          header_lines integer DEFAULT 1)
RETURNS TABLE (line bigint, tag text, reason text)
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  staged  bigint;
  bad     bigint;
  loaded  bigint := 0;
BEGIN
  IF header_lines IS NULL OR header_lines < 0 THEN
    RAISE EXCEPTION 'header_lines must be 0 or more, not %', coalesce(header_lines::text, 'NULL')
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF organization_id IS NULL OR NOT EXISTS (SELECT 1 FROM @extschema@.organization o WHERE o.id = import_assets.organization_id) THEN
    RAISE EXCEPTION 'organization % does not exist', coalesce(organization_id::text, 'NULL')
      USING ERRCODE = 'foreign_key_violation';
  END IF;

  -- The caller's staged rows, resolved and judged once; only these are loaded and then removed, so
  -- rows another session of the same role stages meanwhile wait for the next call.
  CREATE TEMP TABLE pg_temp.asset_import_checked AS
  WITH staged_rows AS (
    SELECT s.*, pg_catalog.row_number() OVER (ORDER BY s.staged_seq) + coalesce(header_lines, 0) AS file_line,
           nullif(pg_catalog.btrim(s.tag), '') AS t_tag,
           nullif(pg_catalog.btrim(s.name), '') AS t_name,
           nullif(pg_catalog.btrim(s.vendor), '') AS t_vendor,
           nullif(pg_catalog.btrim(s.product), '') AS t_product,
           nullif(pg_catalog.btrim(s.version), '') AS t_version,
           nullif(pg_catalog.btrim(s.zone), '') AS t_zone,
           nullif(pg_catalog.btrim(s.owner), '') AS t_owner,
           nullif(pg_catalog.btrim(s.criticality), '') AS t_criticality,
           nullif(pg_catalog.btrim(s.ip_address), '') AS t_ip,
           nullif(pg_catalog.btrim(s.installed_on), '') AS t_installed,
           nullif(pg_catalog.btrim(s.end_of_support_on), '') AS t_eos
    FROM @extschema@.asset_import s
    WHERE s.staged_by = CURRENT_USER
  ),
  resolved AS (
    SELECT r.*,
           ty.code AS v_asset_type,
           z.id AS v_zone_id,
           p.id AS v_owner_id,
           CASE WHEN r.t_criticality ~ '^[1-5]$' THEN r.t_criticality::smallint END AS v_criticality,
           CASE pg_catalog.lower(coalesce(pg_catalog.btrim(r.confidentiality_requirement), ''))
             WHEN '' THEN 'medium' WHEN 'l' THEN 'low' WHEN 'low' THEN 'low' WHEN 'm' THEN 'medium'
             WHEN 'medium' THEN 'medium' WHEN 'h' THEN 'high' WHEN 'high' THEN 'high' END AS v_cr,
           CASE pg_catalog.lower(coalesce(pg_catalog.btrim(r.integrity_requirement), ''))
             WHEN '' THEN 'medium' WHEN 'l' THEN 'low' WHEN 'low' THEN 'low' WHEN 'm' THEN 'medium'
             WHEN 'medium' THEN 'medium' WHEN 'h' THEN 'high' WHEN 'high' THEN 'high' END AS v_ir,
           CASE pg_catalog.lower(coalesce(pg_catalog.btrim(r.availability_requirement), ''))
             WHEN '' THEN 'medium' WHEN 'l' THEN 'low' WHEN 'low' THEN 'low' WHEN 'm' THEN 'medium'
             WHEN 'medium' THEN 'medium' WHEN 'h' THEN 'high' WHEN 'high' THEN 'high' END AS v_ar,
           CASE pg_catalog.lower(coalesce(pg_catalog.btrim(r.safety_related), ''))
             WHEN '' THEN false WHEN 'true' THEN true WHEN 't' THEN true WHEN 'yes' THEN true WHEN 'y' THEN true
             WHEN '1' THEN true WHEN 'false' THEN false WHEN 'f' THEN false WHEN 'no' THEN false
             WHEN 'n' THEN false WHEN '0' THEN false END AS v_safety,
           CASE WHEN coalesce(pg_catalog.btrim(r.lifecycle_state), '') = '' THEN 'in_service' ELSE ls.code END AS v_lifecycle,
           @extschema@.import_parse_inet(r.t_ip) AS v_ip,
           @extschema@.import_parse_date(r.t_installed) AS v_installed,
           @extschema@.import_parse_date(r.t_eos) AS v_eos,
           pg_catalog.count(*) OVER (PARTITION BY r.t_tag) AS tag_copies,
           EXISTS (SELECT 1 FROM @extschema@.asset a
                   WHERE a.organization_id = import_assets.organization_id AND a.tag = r.t_tag) AS tag_taken
    FROM staged_rows r
    LEFT JOIN @extschema@.asset_type ty
           ON pg_catalog.lower(pg_catalog.btrim(r.asset_type)) IN (ty.code, pg_catalog.lower(ty.label))
    LEFT JOIN @extschema@.zone z
           ON z.organization_id = import_assets.organization_id AND z.name = r.t_zone
    LEFT JOIN @extschema@.person p
           ON p.organization_id = import_assets.organization_id
          AND (pg_catalog.lower(p.email) = pg_catalog.lower(r.t_owner) OR p.database_role::text = r.t_owner)
    LEFT JOIN @extschema@.lifecycle_state ls
           ON pg_catalog.lower(pg_catalog.btrim(r.lifecycle_state)) IN (ls.code, pg_catalog.lower(ls.label))
  )
  SELECT c.*,
         pg_catalog.array_to_string(ARRAY[
           CASE WHEN c.t_tag IS NULL THEN 'tag is missing' END,
           CASE WHEN c.t_tag IS NOT NULL AND c.t_tag !~ '^[^[:space:]](.{0,62}[^[:space:]])?$'
                THEN 'tag is longer than 64 characters' END,
           CASE WHEN c.tag_copies > 1 AND c.t_tag IS NOT NULL THEN pg_catalog.format('tag "%s" appears %s times in the file', c.t_tag, c.tag_copies) END,
           CASE WHEN c.tag_taken THEN pg_catalog.format('asset tag "%s" already exists in the organisation', c.t_tag) END,
           CASE WHEN c.t_name IS NULL THEN 'name is missing' END,
           CASE WHEN c.v_asset_type IS NULL THEN pg_catalog.format('unknown asset_type "%s" (see table asset_type)', coalesce(c.asset_type, '')) END,
           CASE WHEN c.t_vendor IS NULL THEN 'vendor is missing' END,
           CASE WHEN c.t_product IS NULL THEN 'product is missing' END,
           CASE WHEN c.t_zone IS NOT NULL AND c.v_zone_id IS NULL THEN pg_catalog.format('unknown zone "%s"', c.t_zone) END,
           CASE WHEN c.t_owner IS NOT NULL AND c.v_owner_id IS NULL THEN pg_catalog.format('unknown owner "%s" (email or database role of a person)', c.t_owner) END,
           CASE WHEN c.t_criticality IS NOT NULL AND c.v_criticality IS NULL THEN pg_catalog.format('criticality "%s" is not 1..5', c.t_criticality) END,
           CASE WHEN c.v_cr IS NULL THEN pg_catalog.format('confidentiality_requirement "%s" is not low, medium or high', c.confidentiality_requirement) END,
           CASE WHEN c.v_ir IS NULL THEN pg_catalog.format('integrity_requirement "%s" is not low, medium or high', c.integrity_requirement) END,
           CASE WHEN c.v_ar IS NULL THEN pg_catalog.format('availability_requirement "%s" is not low, medium or high', c.availability_requirement) END,
           CASE WHEN c.v_safety IS NULL THEN pg_catalog.format('safety_related "%s" is not a boolean', c.safety_related) END,
           CASE WHEN c.v_lifecycle IS NULL THEN pg_catalog.format('unknown lifecycle_state "%s" (see table lifecycle_state)', c.lifecycle_state) END,
           CASE WHEN c.t_ip IS NOT NULL AND c.v_ip IS NULL THEN pg_catalog.format('ip_address "%s" is not an IP address', c.t_ip) END,
           CASE WHEN c.t_installed IS NOT NULL AND c.v_installed IS NULL THEN pg_catalog.format('installed_on "%s" is not a date YYYY-MM-DD', c.t_installed) END,
           CASE WHEN c.t_eos IS NOT NULL AND c.v_eos IS NULL THEN pg_catalog.format('end_of_support_on "%s" is not a date YYYY-MM-DD', c.t_eos) END
         ], '; ') AS problems
  FROM resolved c;

  SELECT pg_catalog.count(*), pg_catalog.count(*) FILTER (WHERE ch.problems <> '')
    INTO staged, bad
  FROM pg_temp.asset_import_checked ch;

  IF bad = 0 OR NOT all_or_nothing THEN
    INSERT INTO @extschema@.asset
      (organization_id, tag, name, asset_type, vendor, product, version, serial_number, zone_id, owner_id,
       criticality, confidentiality_requirement, integrity_requirement, availability_requirement,
       safety_related, lifecycle_state, ip_address, installed_on, end_of_support_on, notes)
    SELECT import_assets.organization_id, ch.t_tag, ch.t_name, ch.v_asset_type, ch.t_vendor, ch.t_product,
           ch.t_version, nullif(pg_catalog.btrim(ch.serial_number), ''), ch.v_zone_id, ch.v_owner_id,
           coalesce(ch.v_criticality, 3), ch.v_cr, ch.v_ir, ch.v_ar, ch.v_safety, ch.v_lifecycle,
           ch.v_ip, ch.v_installed, ch.v_eos, nullif(ch.notes, '')
    FROM pg_temp.asset_import_checked ch
    WHERE ch.problems = ''
    ORDER BY ch.staged_seq;
    GET DIAGNOSTICS loaded = ROW_COUNT;
  END IF;

  DELETE FROM @extschema@.asset_import s
  WHERE s.staged_seq IN (SELECT ch.staged_seq FROM pg_temp.asset_import_checked ch);

  RAISE NOTICE 'import_assets: % staged, % loaded, % rejected%', staged, loaded, bad,
    CASE WHEN bad > 0 AND all_or_nothing THEN ' (all or nothing: nothing loaded)' ELSE '' END;

  RETURN QUERY
    SELECT ch.file_line, ch.t_tag, ch.problems
    FROM pg_temp.asset_import_checked ch
    WHERE ch.problems <> ''
    ORDER BY ch.file_line;
  DROP TABLE pg_temp.asset_import_checked;
END
$$;
COMMENT ON FUNCTION @extschema@.import_assets(uuid, boolean, integer) IS
  'Loads the caller''s rows staged in asset_import into asset for one organisation.  Returns one row per bad '
  'row: its line in the file (counting header_lines header lines) and every reason.  With all_or_nothing, '
  'nothing is loaded while any row is bad.  Staged rows are removed either way; the report keeps the bad ones.';
-- Asset dependencies (BRIEF 4.B): an engineering workstation, a historian or a switch supports a
-- PLC.  The graph is acyclic (a trigger refuses the edge that would close a cycle), and an asset's
-- effective criticality is the highest of its own and that of every asset in operation it
-- supports, directly or transitively: what risk and patch priority use.

CREATE TABLE @extschema@.asset_dependency (
  organization_id     uuid NOT NULL REFERENCES @extschema@.organization (id),
  id                  uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  supporting_asset_id uuid NOT NULL,
  supported_asset_id  uuid NOT NULL,
  kind                text NOT NULL DEFAULT 'engineering'
                      CONSTRAINT asset_dependency_kind CHECK (kind IN ('engineering', 'data', 'network', 'security', 'power', 'other')),
  description         text,
  created_at          timestamptz NOT NULL DEFAULT pg_catalog.now(),
  PRIMARY KEY (organization_id, id),
  CONSTRAINT asset_dependency_once UNIQUE (organization_id, supporting_asset_id, supported_asset_id),
  CONSTRAINT asset_dependency_not_self CHECK (supporting_asset_id <> supported_asset_id),
  FOREIGN KEY (organization_id, supporting_asset_id) REFERENCES @extschema@.asset (organization_id, id),
  FOREIGN KEY (organization_id, supported_asset_id) REFERENCES @extschema@.asset (organization_id, id)
);
-- the unique constraint serves the supporting side (the walk towards supported assets); this the other
CREATE INDEX asset_dependency_supported_idx ON @extschema@.asset_dependency (organization_id, supported_asset_id, supporting_asset_id);
COMMENT ON TABLE @extschema@.asset_dependency IS
  'Dependencies between assets: the supporting asset (engineering workstation, historian, switch) serves the supported '
  'one (PLC); criticality is inherited from supported to supporting assets.  Cycles are refused.';
COMMENT ON COLUMN @extschema@.asset_dependency.organization_id IS 'Owning organisation (both assets belong to it).';
COMMENT ON COLUMN @extschema@.asset_dependency.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.asset_dependency.supporting_asset_id IS
  'The asset that supports (programs, feeds, connects, protects) the other; it inherits the other''s criticality.';
COMMENT ON COLUMN @extschema@.asset_dependency.supported_asset_id IS 'The asset depending on the supporting one.';
COMMENT ON COLUMN @extschema@.asset_dependency.kind IS
  'engineering (programs or configures it), data (historian, OPC server), network, security (firewall, AD), power, other.';
COMMENT ON COLUMN @extschema@.asset_dependency.description IS 'What the dependency is.';
COMMENT ON COLUMN @extschema@.asset_dependency.created_at IS 'When the row was created.';

CREATE FUNCTION @extschema@.asset_dependency_refuse_cycle()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  closes boolean;
  node uuid;
  path text;
  reaches uuid[];
BEGIN
  -- One writer of an organisation's graph at a time: two concurrent edges could close a cycle
  -- that neither sees alone.
  PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended('iec62443p2.asset_dependency/' || NEW.organization_id::text, 0));
  IF NEW.supporting_asset_id = NEW.supported_asset_id THEN
    closes := true;
  ELSE
    -- The new edge supporting -> supported closes a cycle when supporting is already reachable
    -- from supported.  UNION keeps each asset once: linear in the graph, whatever its number of
    -- paths (a dense acyclic graph has exponentially many).
    WITH RECURSIVE reach (asset_id) AS (
      SELECT NEW.supported_asset_id
      UNION
      SELECT d.supported_asset_id
      FROM reach r
      -- OFFSET 0 keeps the lateral subquery a per-row index lookup: the planner cannot turn it
      -- into a hash join over the whole table (each insert of a bulk load would then read all edges)
      CROSS JOIN LATERAL (SELECT x.supported_asset_id FROM @extschema@.asset_dependency x
                          WHERE x.organization_id = NEW.organization_id AND x.supporting_asset_id = r.asset_id
                            AND x.id <> NEW.id OFFSET 0) d
    )
    SELECT EXISTS (SELECT 1 FROM reach WHERE asset_id = NEW.supporting_asset_id) INTO closes;
  END IF;
  IF closes THEN
    -- Name one cycle: from the supported asset, step (first by tag) to a successor that still
    -- reaches the supporting one, until there.  The graph without the new edge is acyclic, so
    -- this ends.
    WITH RECURSIVE back (asset_id) AS (
      SELECT NEW.supporting_asset_id
      UNION
      SELECT d.supporting_asset_id
      FROM back b
      CROSS JOIN LATERAL (SELECT x.supporting_asset_id FROM @extschema@.asset_dependency x
                          WHERE x.organization_id = NEW.organization_id AND x.supported_asset_id = b.asset_id
                            AND x.id <> NEW.id OFFSET 0) d
    )
    SELECT pg_catalog.array_agg(b.asset_id) INTO reaches FROM back b;
    SELECT a.tag INTO path FROM @extschema@.asset a WHERE a.organization_id = NEW.organization_id AND a.id = NEW.supporting_asset_id;
    node := NEW.supported_asset_id;
    LOOP
      path := path || ' -> ' || (SELECT a.tag FROM @extschema@.asset a WHERE a.organization_id = NEW.organization_id AND a.id = node);
      EXIT WHEN node = NEW.supporting_asset_id;
      SELECT d.supported_asset_id INTO node
      FROM @extschema@.asset_dependency d
      JOIN @extschema@.asset a ON a.organization_id = d.organization_id AND a.id = d.supported_asset_id
      WHERE d.organization_id = NEW.organization_id AND d.supporting_asset_id = node AND d.id <> NEW.id
        AND d.supported_asset_id = ANY (reaches)
      ORDER BY a.tag
      LIMIT 1;
    END LOOP;
    RAISE EXCEPTION 'asset_dependency: the dependency would close a cycle: %', path
      USING ERRCODE = 'check_violation', TABLE = 'asset_dependency',
            HINT = 'Dependencies run from supporting to supported assets and may not loop back.';
  END IF;
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.asset_dependency_refuse_cycle() IS
  'Trigger function: refuses (23514) a dependency that would close a cycle, naming the cycle by asset tags.';

CREATE TRIGGER asset_dependency_refuse_cycle
  BEFORE INSERT OR UPDATE OF organization_id, supporting_asset_id, supported_asset_id ON @extschema@.asset_dependency
  FOR EACH ROW EXECUTE FUNCTION @extschema@.asset_dependency_refuse_cycle();

-- One asset: a recursive walk from the asset through what it supports (index on the supporting
-- side), cheap whatever the size of the inventory.
CREATE FUNCTION @extschema@.asset_effective_criticality(organization_id uuid, asset_id uuid)
RETURNS smallint
LANGUAGE sql STABLE STRICT PARALLEL SAFE
AS $$
  WITH RECURSIVE reach (asset_id) AS (
    SELECT $2
    UNION
    SELECT d.supported_asset_id
    FROM reach r
    -- OFFSET 0: a per-row index lookup, never a hash join over every dependency
    CROSS JOIN LATERAL (SELECT x.supported_asset_id FROM @extschema@.asset_dependency x
                        WHERE x.organization_id OPERATOR(pg_catalog.=) $1
                          AND x.supporting_asset_id OPERATOR(pg_catalog.=) r.asset_id OFFSET 0) d
  )
  SELECT pg_catalog.max(
           (SELECT a.criticality
            FROM @extschema@.asset a
            JOIN @extschema@.lifecycle_state l ON l.code OPERATOR(pg_catalog.=) a.lifecycle_state
            WHERE a.organization_id OPERATOR(pg_catalog.=) $1 AND a.id OPERATOR(pg_catalog.=) r.asset_id
              AND (l.in_operation OR r.asset_id OPERATOR(pg_catalog.=) $2)))
  FROM reach r
$$;
COMMENT ON FUNCTION @extschema@.asset_effective_criticality(uuid, uuid) IS
  'The asset''s effective criticality: the highest of its own and that of every asset in operation it supports, '
  'directly or transitively (asset_dependency); NULL for an unknown asset.';

-- The whole inventory: one recursive query seeded with the dependency edges only (assets without
-- dependencies keep their own criticality), walking towards supported assets through the
-- unique index; UNION removes the duplicate paths of diamonds.
CREATE VIEW @extschema@.asset_effective_criticality WITH (security_invoker = true) AS
WITH RECURSIVE reach (organization_id, root_id, asset_id) AS (
  SELECT d.organization_id, d.supporting_asset_id, d.supported_asset_id
  FROM @extschema@.asset_dependency d
  UNION
  SELECT r.organization_id, r.root_id, d.supported_asset_id
  FROM reach r
  JOIN @extschema@.asset_dependency d ON d.organization_id = r.organization_id AND d.supporting_asset_id = r.asset_id
), inherited AS (
  SELECT r.organization_id,
         r.root_id,
         pg_catalog.count(*) AS reachable,
         pg_catalog.max(a.criticality) FILTER (WHERE l.in_operation) AS criticality,
         (pg_catalog.array_agg(a.tag ORDER BY a.criticality DESC, a.tag) FILTER (WHERE l.in_operation))[1] AS source_tag
  FROM reach r
  JOIN @extschema@.asset a ON a.organization_id = r.organization_id AND a.id = r.asset_id
  JOIN @extschema@.lifecycle_state l ON l.code = a.lifecycle_state
  GROUP BY r.organization_id, r.root_id
)
SELECT a.id,
       a.organization_id,
       a.tag,
       a.name,
       a.criticality AS own_criticality,
       GREATEST(a.criticality, i.criticality) AS effective_criticality,
       c.label AS effective_criticality_label,
       coalesce(i.criticality > a.criticality, false) AS inherited,
       CASE WHEN i.criticality > a.criticality THEN i.source_tag END AS inherited_from_tag,
       coalesce(dd.direct, 0) AS supports_directly,
       coalesce(i.reachable, 0) AS supports_transitively
FROM @extschema@.asset a
LEFT JOIN inherited i ON i.organization_id = a.organization_id AND i.root_id = a.id
LEFT JOIN (SELECT d.organization_id, d.supporting_asset_id, pg_catalog.count(*) AS direct
           FROM @extschema@.asset_dependency d GROUP BY d.organization_id, d.supporting_asset_id) dd
  ON dd.organization_id = a.organization_id AND dd.supporting_asset_id = a.id
JOIN @extschema@.criticality_level c ON c.level = GREATEST(a.criticality, i.criticality);
COMMENT ON VIEW @extschema@.asset_effective_criticality IS
  'One row per asset: its own criticality and the effective one inherited along asset_dependency (highest wins).';
COMMENT ON COLUMN @extschema@.asset_effective_criticality.id IS 'Asset identifier.';
COMMENT ON COLUMN @extschema@.asset_effective_criticality.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.asset_effective_criticality.tag IS 'Asset tag.';
COMMENT ON COLUMN @extschema@.asset_effective_criticality.name IS 'Asset name.';
COMMENT ON COLUMN @extschema@.asset_effective_criticality.own_criticality IS 'The asset''s own criticality 1..5.';
COMMENT ON COLUMN @extschema@.asset_effective_criticality.effective_criticality IS
  'Highest of its own criticality and that of every asset in operation it supports, directly or transitively.';
COMMENT ON COLUMN @extschema@.asset_effective_criticality.effective_criticality_label IS 'Name of the effective criticality.';
COMMENT ON COLUMN @extschema@.asset_effective_criticality.inherited IS 'The effective criticality is higher than the asset''s own.';
COMMENT ON COLUMN @extschema@.asset_effective_criticality.inherited_from_tag IS
  'Tag of a supported asset the criticality was inherited from (the first by tag among the most critical); NULL when not inherited.';
COMMENT ON COLUMN @extschema@.asset_effective_criticality.supports_directly IS 'Number of assets it supports directly.';
COMMENT ON COLUMN @extschema@.asset_effective_criticality.supports_transitively IS 'Number of assets it supports directly or transitively.';

INSERT INTO @extschema@.object_access_class (object_name, object_class, reader_hidden_columns) VALUES
  ('asset_dependency', 'program', '{}'),
  ('asset_effective_criticality', 'view', '{}');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.asset_dependency', '');
-- Supplier management (IEC 62443-2-4 service providers and product suppliers; BRIEF 4.F).
--
-- A supplier is an organisation serving an asset owner through at least one organization_relationship
-- (service_provider or product_supplier).  What it supplies is tied to the asset owner's assets,
-- directly or by the vendor name the inventory writes, and its criticality is the highest
-- criticality of those assets (supplier_criticality).  Assessments are questionnaires as data:
-- criteria with weights (the seed's by default), questions with weights and per-answer scores,
-- answers per assessment.  Completing an assessment stores its security score (0..10, higher is
-- better), the supplier's criticality, the risk score (0..10, higher is riskier) and the risk level;
-- a changed level writes one supplier_risk_alert row and sends NOTIFY on channel
-- iec62443p2_supplier_risk in the same transaction.  Contracts record which of the six security
-- clause kinds they contain; supplier_contract_gaps lists what is missing.

-- ---------------------------------------------------------------------------------------------
-- Shipped catalogues
-- ---------------------------------------------------------------------------------------------
CREATE TABLE @extschema@.supplier_criterion_default (
  settings_profile text NOT NULL REFERENCES @extschema@.settings_profile (code),
  code             text NOT NULL CONSTRAINT supplier_criterion_default_code_format CHECK (code ~ '^[a-z][a-z0-9_]{0,31}$'),
  label            text NOT NULL,
  weight           numeric(6,4) NOT NULL
                   CONSTRAINT supplier_criterion_default_weight CHECK (weight >= 0 AND weight < 'NaN'),
  position         smallint NOT NULL,
  description      text NOT NULL,
  PRIMARY KEY (settings_profile, code),
  UNIQUE (settings_profile, position)
);
COMMENT ON TABLE @extschema@.supplier_criterion_default IS
  'Shipped catalogue: the supplier assessment criteria and their weights of each settings profile (the seed''s '
  'policy 0.2, controls 0.3, incidents 0.2, compliance 0.2, improvement 0.1), copied into supplier_criterion.';
COMMENT ON COLUMN @extschema@.supplier_criterion_default.settings_profile IS 'The settings profile.';
COMMENT ON COLUMN @extschema@.supplier_criterion_default.code IS 'Criterion code, e.g. controls.';
COMMENT ON COLUMN @extschema@.supplier_criterion_default.label IS 'Human-readable criterion name.';
COMMENT ON COLUMN @extschema@.supplier_criterion_default.weight IS 'Weight of the criterion in the security score (need not sum to 1).';
COMMENT ON COLUMN @extschema@.supplier_criterion_default.position IS 'Display order.';
COMMENT ON COLUMN @extschema@.supplier_criterion_default.description IS 'What the criterion assesses.';

INSERT INTO @extschema@.supplier_criterion_default (settings_profile, code, label, weight, position, description) VALUES
  ('default', 'policy', 'Security policy', 0.2, 1, 'The supplier''s security program: policies, roles, responsibilities.'),
  ('default', 'controls', 'Security controls', 0.3, 2, 'Technical and organisational controls in the supplier''s products, services and own operations.'),
  ('default', 'incidents', 'Incident history and handling', 0.2, 3, 'Security incidents, their handling and notification to customers.'),
  ('default', 'compliance', 'Compliance', 0.2, 4, 'Certifications and compliance with IEC 62443-2-4 / 4-1 and contract clauses.'),
  ('default', 'improvement', 'Continuous improvement', 0.1, 5, 'Corrective actions closed, lessons learnt, trend of findings.');

CREATE TABLE @extschema@.supplier_question_default (
  settings_profile text NOT NULL,
  criterion        text NOT NULL,
  code             text NOT NULL CONSTRAINT supplier_question_default_code_format CHECK (code ~ '^[a-z][a-z0-9_]{0,63}$'),
  question         text NOT NULL,
  weight           numeric(6,4) NOT NULL
                   CONSTRAINT supplier_question_default_weight CHECK (weight >= 0 AND weight < 'NaN'),
  yes_is_good      boolean NOT NULL,
  position         smallint NOT NULL,
  PRIMARY KEY (settings_profile, code),
  FOREIGN KEY (settings_profile, criterion) REFERENCES @extschema@.supplier_criterion_default (settings_profile, code)
);
CREATE INDEX supplier_question_default_criterion_idx ON @extschema@.supplier_question_default (settings_profile, criterion);
COMMENT ON TABLE @extschema@.supplier_question_default IS
  'Shipped catalogue: a starter questionnaire of yes/no questions per criterion (product default wording, not '
  'text of the standard), copied into supplier_question.';
COMMENT ON COLUMN @extschema@.supplier_question_default.settings_profile IS 'The settings profile.';
COMMENT ON COLUMN @extschema@.supplier_question_default.criterion IS 'Criterion code the question scores.';
COMMENT ON COLUMN @extschema@.supplier_question_default.code IS 'Question code.';
COMMENT ON COLUMN @extschema@.supplier_question_default.question IS 'The question.';
COMMENT ON COLUMN @extschema@.supplier_question_default.weight IS 'Weight within its criterion.';
COMMENT ON COLUMN @extschema@.supplier_question_default.yes_is_good IS 'Polarity: true when yes scores 10 and no 0, false for the reverse.';
COMMENT ON COLUMN @extschema@.supplier_question_default.position IS 'Display order within the criterion.';

INSERT INTO @extschema@.supplier_question_default (settings_profile, criterion, code, question, weight, yes_is_good, position) VALUES
  ('default', 'policy', 'policy_documented', 'Is there a documented, management-approved security policy covering IACS work?', 2, true, 1),
  ('default', 'policy', 'policy_reviewed', 'Was the security policy reviewed within the last 12 months?', 1, true, 2),
  ('default', 'controls', 'controls_remote_access', 'Is remote access to customer systems individually authenticated with multi-factor authentication and logged?', 3, true, 1),
  ('default', 'controls', 'controls_patch_qualification', 'Are patches qualified for the customer''s IACS before release?', 2, true, 2),
  ('default', 'controls', 'controls_shared_accounts', 'Are shared or default accounts used to access customer systems?', 2, false, 3),
  ('default', 'incidents', 'incidents_notify', 'Are security incidents affecting customers notified within the contractual time?', 2, true, 1),
  ('default', 'incidents', 'incidents_recent', 'Did a security incident affect customers in the last 12 months?', 1, false, 2),
  ('default', 'compliance', 'compliance_certified', 'Is the supplier certified to IEC 62443-2-4 or IEC 62443-4-1?', 2, true, 1),
  ('default', 'compliance', 'compliance_open_findings', 'Are findings of the last audit still open past their due date?', 1, false, 2),
  ('default', 'improvement', 'improvement_actions_closed', 'Were the corrective actions of the last assessment closed on time?', 1, true, 1);

CREATE TABLE @extschema@.supplier_contract_clause_kind (
  code        text PRIMARY KEY,
  position    smallint NOT NULL UNIQUE,
  label       text NOT NULL UNIQUE,
  description text NOT NULL
);
COMMENT ON TABLE @extschema@.supplier_contract_clause_kind IS
  'Shipped catalogue: the six security clause kinds every supplier contract should contain (the seed''s supplier '
  'contract checklist).';
COMMENT ON COLUMN @extschema@.supplier_contract_clause_kind.code IS 'Clause kind code used by supplier_contract_clause.clause_kind.';
COMMENT ON COLUMN @extschema@.supplier_contract_clause_kind.position IS 'Display order.';
COMMENT ON COLUMN @extschema@.supplier_contract_clause_kind.label IS 'Human-readable clause kind.';
COMMENT ON COLUMN @extschema@.supplier_contract_clause_kind.description IS 'What such a clause provides.';

INSERT INTO @extschema@.supplier_contract_clause_kind (code, position, label, description) VALUES
  ('security_requirements', 1, 'Security requirements', 'Security requirements the supplier must meet.'),
  ('iacs_requirements', 2, 'IACS-specific requirements', 'Requirements specific to the industrial automation and control system.'),
  ('performance_metrics', 3, 'Performance metrics', 'Security performance metrics the supplier reports.'),
  ('audit_rights', 4, 'Audit rights', 'The right to audit the supplier''s security.'),
  ('breach_notification', 5, 'Breach notification', 'Notification of security breaches within an agreed time.'),
  ('termination', 6, 'Termination for security violations', 'The right to terminate the contract for security violations.');

-- ---------------------------------------------------------------------------------------------
-- An organisation's settings: criteria, questions, thresholds
-- ---------------------------------------------------------------------------------------------
CREATE TABLE @extschema@.supplier_criterion (
  organization_id uuid NOT NULL REFERENCES @extschema@.organization (id),
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  code            text NOT NULL CONSTRAINT supplier_criterion_code_format CHECK (code ~ '^[a-z][a-z0-9_]{0,31}$'),
  label           text NOT NULL CONSTRAINT supplier_criterion_label_not_blank CHECK (pg_catalog.btrim(label) <> ''),
  weight          numeric(6,4) NOT NULL
                  CONSTRAINT supplier_criterion_weight_not_negative CHECK (weight >= 0 AND weight < 'NaN'),
  position        smallint NOT NULL DEFAULT 0,
  description     text,
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, code)
);
COMMENT ON TABLE @extschema@.supplier_criterion IS
  'An organisation''s supplier assessment criteria and weights (copied from supplier_criterion_default, then its '
  'own).  Weights are >= 0 and, while the organisation has criteria, at least one is positive.';
COMMENT ON COLUMN @extschema@.supplier_criterion.organization_id IS 'The assessing organisation.';
COMMENT ON COLUMN @extschema@.supplier_criterion.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.supplier_criterion.code IS 'Criterion code, unique within the organisation.';
COMMENT ON COLUMN @extschema@.supplier_criterion.label IS 'Human-readable criterion name.';
COMMENT ON COLUMN @extschema@.supplier_criterion.weight IS 'Weight in the security score (>= 0; need not sum to 1).';
COMMENT ON COLUMN @extschema@.supplier_criterion.position IS 'Display order.';
COMMENT ON COLUMN @extschema@.supplier_criterion.description IS 'What the criterion assesses.';

CREATE TABLE @extschema@.supplier_question (
  organization_id uuid NOT NULL,
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  criterion_id    uuid NOT NULL,
  code            text NOT NULL CONSTRAINT supplier_question_code_format CHECK (code ~ '^[a-z][a-z0-9_]{0,63}$'),
  question        text NOT NULL CONSTRAINT supplier_question_not_blank CHECK (pg_catalog.btrim(question) <> ''),
  answer_kind     text NOT NULL DEFAULT 'yes_no'
                  CONSTRAINT supplier_question_answer_kind CHECK (answer_kind IN ('yes_no', 'choice')),
  yes_is_good     boolean,
  weight          numeric(6,4) NOT NULL DEFAULT 1
                  CONSTRAINT supplier_question_weight_not_negative CHECK (weight >= 0 AND weight < 'NaN'),
  position        smallint NOT NULL DEFAULT 0,
  active          boolean NOT NULL DEFAULT true,
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, code),
  CONSTRAINT supplier_question_polarity CHECK ((answer_kind = 'yes_no') = (yes_is_good IS NOT NULL)),
  FOREIGN KEY (organization_id, criterion_id) REFERENCES @extschema@.supplier_criterion (organization_id, id)
);
CREATE INDEX supplier_question_criterion_idx ON @extschema@.supplier_question (organization_id, criterion_id);
COMMENT ON TABLE @extschema@.supplier_question IS
  'An organisation''s supplier assessment questions: each scores one criterion, yes/no with a polarity or a choice '
  'of options with a score each.  Weights are >= 0 and each criterion with active questions has a positive one.';
COMMENT ON COLUMN @extschema@.supplier_question.organization_id IS 'The assessing organisation.';
COMMENT ON COLUMN @extschema@.supplier_question.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.supplier_question.criterion_id IS 'The criterion the question scores.';
COMMENT ON COLUMN @extschema@.supplier_question.code IS 'Question code, unique within the organisation.';
COMMENT ON COLUMN @extschema@.supplier_question.question IS 'The question.';
COMMENT ON COLUMN @extschema@.supplier_question.answer_kind IS 'yes_no (scored by polarity) or choice (scored by supplier_question_option.score).';
COMMENT ON COLUMN @extschema@.supplier_question.yes_is_good IS
  'yes_no questions: true when yes scores 10 and no 0, false for the reverse; NULL for choice questions.';
COMMENT ON COLUMN @extschema@.supplier_question.weight IS 'Weight within its criterion (>= 0).';
COMMENT ON COLUMN @extschema@.supplier_question.position IS 'Display order.';
COMMENT ON COLUMN @extschema@.supplier_question.active IS 'Whether new assessments ask it.';

CREATE TABLE @extschema@.supplier_question_option (
  organization_id uuid NOT NULL,
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  question_id     uuid NOT NULL,
  code            text NOT NULL CONSTRAINT supplier_question_option_code_format CHECK (code ~ '^[a-z0-9][a-z0-9_]{0,31}$'),
  label           text NOT NULL,
  score           numeric(4,2) NOT NULL CONSTRAINT supplier_question_option_score CHECK (score BETWEEN 0 AND 10),
  position        smallint NOT NULL DEFAULT 0,
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, question_id, code),
  UNIQUE (organization_id, question_id, id),
  FOREIGN KEY (organization_id, question_id) REFERENCES @extschema@.supplier_question (organization_id, id)
);
COMMENT ON TABLE @extschema@.supplier_question_option IS 'The options of a choice question, each with its score 0..10.';
COMMENT ON COLUMN @extschema@.supplier_question_option.organization_id IS 'The assessing organisation.';
COMMENT ON COLUMN @extschema@.supplier_question_option.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.supplier_question_option.question_id IS 'The choice question.';
COMMENT ON COLUMN @extschema@.supplier_question_option.code IS 'Option code, unique within the question.';
COMMENT ON COLUMN @extschema@.supplier_question_option.label IS 'The answer as shown.';
COMMENT ON COLUMN @extschema@.supplier_question_option.score IS 'Score of the answer, 0 (worst) .. 10 (best).';
COMMENT ON COLUMN @extschema@.supplier_question_option.position IS 'Display order.';

-- Weight sets that make no sense: negative weights are refused by CHECK constraints; a set whose
-- weights are all zero by this constraint trigger (23514), checked at the end of each statement
-- (DEFERRABLE: SET CONSTRAINTS ... DEFERRED checks at commit instead).
CREATE FUNCTION @extschema@.supplier_weights_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  r record;
BEGIN
  IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
  IF TG_TABLE_NAME = 'supplier_criterion' THEN
    IF EXISTS (SELECT 1 FROM @extschema@.supplier_criterion c WHERE c.organization_id = r.organization_id)
       AND NOT EXISTS (SELECT 1 FROM @extschema@.supplier_criterion c
                       WHERE c.organization_id = r.organization_id AND c.weight > 0) THEN
      RAISE EXCEPTION 'supplier_criterion: the weights of organisation % are all zero', r.organization_id
        USING ERRCODE = 'check_violation', CONSTRAINT = 'supplier_criterion_weights_positive',
              HINT = 'At least one criterion needs a positive weight.';
    END IF;
  ELSE
    -- a question moved to another criterion leaves its old criterion to be checked too
    FOR r IN SELECT DISTINCT x.organization_id, x.criterion_id
             FROM (SELECT NEW.organization_id, NEW.criterion_id WHERE TG_OP <> 'DELETE'
                   UNION ALL SELECT OLD.organization_id, OLD.criterion_id WHERE TG_OP <> 'INSERT') x (organization_id, criterion_id)
    LOOP
      IF EXISTS (SELECT 1 FROM @extschema@.supplier_question q
                 WHERE q.organization_id = r.organization_id AND q.criterion_id = r.criterion_id AND q.active)
         AND NOT EXISTS (SELECT 1 FROM @extschema@.supplier_question q
                         WHERE q.organization_id = r.organization_id AND q.criterion_id = r.criterion_id
                           AND q.active AND q.weight > 0) THEN
        RAISE EXCEPTION 'supplier_question: the weights of the active questions of criterion "%" are all zero',
          (SELECT c.code FROM @extschema@.supplier_criterion c WHERE c.organization_id = r.organization_id AND c.id = r.criterion_id)
          USING ERRCODE = 'check_violation', CONSTRAINT = 'supplier_question_weights_positive',
                HINT = 'At least one active question of each criterion needs a positive weight.';
      END IF;
    END LOOP;
  END IF;
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION @extschema@.supplier_weights_check() IS
  'Constraint trigger function: refuses (23514) an organisation''s criteria whose weights are all zero, and a '
  'criterion whose active questions all weigh zero.';
CREATE CONSTRAINT TRIGGER supplier_criterion_weights_positive
  AFTER INSERT OR UPDATE OF weight OR DELETE ON @extschema@.supplier_criterion
  DEFERRABLE INITIALLY IMMEDIATE FOR EACH ROW EXECUTE FUNCTION @extschema@.supplier_weights_check();
CREATE CONSTRAINT TRIGGER supplier_question_weights_positive
  AFTER INSERT OR UPDATE OF weight, active, criterion_id OR DELETE ON @extschema@.supplier_question
  DEFERRABLE INITIALLY IMMEDIATE FOR EACH ROW EXECUTE FUNCTION @extschema@.supplier_weights_check();

CREATE TABLE @extschema@.supplier_risk_threshold_setting (
  organization_id uuid NOT NULL UNIQUE REFERENCES @extschema@.organization (id),
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  critical        numeric(3,1) NOT NULL,
  high            numeric(3,1) NOT NULL,
  medium          numeric(3,1) NOT NULL,
  copied_from     text REFERENCES @extschema@.settings_profile (code),
  PRIMARY KEY (organization_id, id),
  CONSTRAINT supplier_risk_threshold_setting_order CHECK (0 <= medium AND medium < high AND high < critical AND critical <= 10)
);
CREATE INDEX supplier_risk_threshold_setting_copied_from_idx ON @extschema@.supplier_risk_threshold_setting (copied_from);
COMMENT ON TABLE @extschema@.supplier_risk_threshold_setting IS
  'An organisation''s supplier risk level cut-offs (copied from supplier_risk_threshold, then its own).';
COMMENT ON COLUMN @extschema@.supplier_risk_threshold_setting.organization_id IS 'The organisation (one row each).';
COMMENT ON COLUMN @extschema@.supplier_risk_threshold_setting.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.supplier_risk_threshold_setting.critical IS 'Lowest risk score rated critical.';
COMMENT ON COLUMN @extschema@.supplier_risk_threshold_setting.high IS 'Lowest risk score rated high.';
COMMENT ON COLUMN @extschema@.supplier_risk_threshold_setting.medium IS 'Lowest risk score rated medium; below it, low.';
COMMENT ON COLUMN @extschema@.supplier_risk_threshold_setting.copied_from IS 'Settings profile the values were copied from.';

CREATE FUNCTION @extschema@.initialize_supplier_settings(organization_id uuid)
RETURNS void
LANGUAGE plpgsql VOLATILE STRICT
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  profile text;
BEGIN
  SELECT s.settings_profile INTO profile FROM @extschema@.organization_settings s
  WHERE s.organization_id = initialize_supplier_settings.organization_id;
  profile := coalesce(profile, 'default');

  -- criteria and questions only for an organisation that has none yet: its own set stays its own
  IF NOT EXISTS (SELECT 1 FROM @extschema@.supplier_criterion c
                 WHERE c.organization_id = initialize_supplier_settings.organization_id) THEN
    INSERT INTO @extschema@.supplier_criterion (organization_id, code, label, weight, position, description)
    SELECT initialize_supplier_settings.organization_id, d.code, d.label, d.weight, d.position, d.description
    FROM @extschema@.supplier_criterion_default d WHERE d.settings_profile = profile
    ORDER BY d.position;
    INSERT INTO @extschema@.supplier_question
      (organization_id, criterion_id, code, question, answer_kind, yes_is_good, weight, position)
    SELECT c.organization_id, c.id, d.code, d.question, 'yes_no', d.yes_is_good, d.weight, d.position
    FROM @extschema@.supplier_question_default d
    JOIN @extschema@.supplier_criterion c
      ON c.organization_id = initialize_supplier_settings.organization_id AND c.code = d.criterion
    WHERE d.settings_profile = profile
    ORDER BY c.position, d.position;
  END IF;

  INSERT INTO @extschema@.supplier_risk_threshold_setting (organization_id, critical, high, medium, copied_from)
  SELECT initialize_supplier_settings.organization_id, t.critical, t.high, t.medium, t.settings_profile
  FROM @extschema@.supplier_risk_threshold t WHERE t.settings_profile = profile
  ON CONFLICT DO NOTHING;

  -- audit intervals and tolerated open findings (520_supplier_audit.sql)
  INSERT INTO @extschema@.supplier_audit_interval_setting (organization_id, risk_level, months)
  SELECT initialize_supplier_settings.organization_id, d.risk_level, d.months
  FROM @extschema@.supplier_audit_interval_default d WHERE d.settings_profile = profile
  ORDER BY d.risk_level
  ON CONFLICT DO NOTHING;
  INSERT INTO @extschema@.supplier_finding_threshold_setting (organization_id, severity, tolerated)
  SELECT initialize_supplier_settings.organization_id, d.severity, d.tolerated
  FROM @extschema@.supplier_finding_threshold_default d WHERE d.settings_profile = profile
  ORDER BY d.severity
  ON CONFLICT DO NOTHING;
END
$$;
COMMENT ON FUNCTION @extschema@.initialize_supplier_settings(uuid) IS
  'Copies the shipped supplier assessment criteria, starter questions, risk thresholds, audit intervals and tolerated '
  'open findings of the organisation''s '
  'settings profile into its own settings (criteria and questions only when it has none; called by '
  'initialize_organization_settings).';

CREATE FUNCTION @extschema@.supplier_risk_level(organization_id uuid, risk_score numeric) RETURNS text
LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
  SELECT @extschema@.supplier_risk_level(risk_score,
           ARRAY[coalesce(s.critical, d.critical), coalesce(s.high, d.high), coalesce(s.medium, d.medium)])
  FROM @extschema@.supplier_risk_threshold d
  LEFT JOIN @extschema@.supplier_risk_threshold_setting s ON s.organization_id = supplier_risk_level.organization_id
  WHERE d.settings_profile = 'default';
END;
COMMENT ON FUNCTION @extschema@.supplier_risk_level(uuid, numeric) IS
  'Supplier risk level of a risk score with the organisation''s thresholds (supplier_risk_threshold_setting), or '
  'the shipped default ones when it has none; a score outside 0..10 is 22023.';

-- The risk score: the security score says how well a supplier protects what it touches, the
-- criticality how much it touches.  risk = min(10, (10 - security) * (0.5 + 0.25 * (criticality - 1))):
-- criticality 3 (moderate) takes the security gap as it is, criticality 1 halves it, 5 multiplies it by 1.5.
CREATE FUNCTION @extschema@.supplier_risk_score(security_score numeric, criticality integer) RETURNS numeric
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF security_score = 'NaN'::numeric OR security_score < 0 OR security_score > 10 THEN
    RAISE EXCEPTION 'supplier_risk_score: security score % is outside 0..10', security_score
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF criticality NOT BETWEEN 1 AND 5 THEN
    RAISE EXCEPTION 'supplier_risk_score: criticality % is outside 1..5', criticality
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  RETURN round(least(10::numeric, (10 - security_score) * (0.5 + 0.25 * (criticality - 1))), 1);
END
$$;
COMMENT ON FUNCTION @extschema@.supplier_risk_score(numeric, integer) IS
  'Supplier risk score 0..10 (higher is riskier) from a security score 0..10 (higher is better) and the supplier''s '
  'criticality 1..5: round(min(10, (10 - security) * (0.5 + 0.25 * (criticality - 1))), 1).  Out of range is 22023.';

-- ---------------------------------------------------------------------------------------------
-- Suppliers and what they supply
-- ---------------------------------------------------------------------------------------------
CREATE TABLE @extschema@.supplier (
  organization_id      uuid NOT NULL REFERENCES @extschema@.organization (id),
  id                   uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  supplier_org_id      uuid NOT NULL REFERENCES @extschema@.organization (id),
  annual_spend         numeric(14,2) CONSTRAINT supplier_annual_spend_not_negative CHECK (annual_spend >= 0),
  currency             text NOT NULL DEFAULT 'USD' CONSTRAINT supplier_currency_iso4217 CHECK (currency ~ '^[A-Z]{3}$'),
  declared_criticality smallint REFERENCES @extschema@.criticality_level (level),
  notes                text,
  created_at           timestamptz NOT NULL DEFAULT pg_catalog.now(),
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, supplier_org_id),
  CONSTRAINT supplier_not_self CHECK (supplier_org_id <> organization_id)
);
CREATE INDEX supplier_supplier_org_idx ON @extschema@.supplier (supplier_org_id);
CREATE INDEX supplier_declared_criticality_idx ON @extschema@.supplier (declared_criticality);
COMMENT ON TABLE @extschema@.supplier IS
  'Suppliers of an organisation (the asset owner): one row per organisation serving it through at least one '
  'organization_relationship (service provider or product supplier), with the supplier-management data.';
COMMENT ON COLUMN @extschema@.supplier.organization_id IS 'The organisation served (the asset owner).';
COMMENT ON COLUMN @extschema@.supplier.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.supplier.supplier_org_id IS 'The supplier organisation (counterpart of an organization_relationship).';
COMMENT ON COLUMN @extschema@.supplier.annual_spend IS 'Annual spend with the supplier, in currency.';
COMMENT ON COLUMN @extschema@.supplier.currency IS 'ISO 4217 currency code of annual_spend.';
COMMENT ON COLUMN @extschema@.supplier.declared_criticality IS
  'Criticality 1..5 set by hand; NULL to inherit it from the assets the supplier''s products and services touch.';
COMMENT ON COLUMN @extschema@.supplier.notes IS 'Free text.';
COMMENT ON COLUMN @extschema@.supplier.created_at IS 'When the row was created.';

CREATE FUNCTION @extschema@.supplier_check_relationship()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM @extschema@.organization_relationship r
                 WHERE r.organization_id = NEW.organization_id AND r.counterpart_id = NEW.supplier_org_id) THEN
    RAISE EXCEPTION 'supplier: organisation % does not serve organisation % (no organization_relationship)',
      NEW.supplier_org_id, NEW.organization_id
      USING ERRCODE = 'foreign_key_violation',
            HINT = 'Record the service_provider or product_supplier relationship first.';
  END IF;
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.supplier_check_relationship() IS
  'Trigger function: a supplier must serve the organisation through an organization_relationship (23503).';
CREATE TRIGGER supplier_relationship_exists BEFORE INSERT OR UPDATE OF organization_id, supplier_org_id
  ON @extschema@.supplier FOR EACH ROW EXECUTE FUNCTION @extschema@.supplier_check_relationship();

CREATE TABLE @extschema@.supplier_supply (
  organization_id uuid NOT NULL,
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  supplier_id     uuid NOT NULL,
  kind            text NOT NULL CONSTRAINT supplier_supply_kind CHECK (kind IN ('product', 'service')),
  asset_id        uuid,
  vendor          text CONSTRAINT supplier_supply_vendor_not_blank CHECK (pg_catalog.btrim(vendor) <> ''),
  description     text,
  PRIMARY KEY (organization_id, id),
  CONSTRAINT supplier_supply_target CHECK (pg_catalog.num_nonnulls(asset_id, vendor) = 1),
  FOREIGN KEY (organization_id, supplier_id) REFERENCES @extschema@.supplier (organization_id, id),
  FOREIGN KEY (organization_id, asset_id) REFERENCES @extschema@.asset (organization_id, id)
);
CREATE INDEX supplier_supply_supplier_idx ON @extschema@.supplier_supply (organization_id, supplier_id);
CREATE INDEX supplier_supply_asset_idx ON @extschema@.supplier_supply (organization_id, asset_id);
COMMENT ON TABLE @extschema@.supplier_supply IS
  'What a supplier supplies, tied to assets: one asset (a service on it), or every asset whose vendor is the given '
  'name (case-insensitive; its products).  The supplier''s criticality is inherited from these assets.';
COMMENT ON COLUMN @extschema@.supplier_supply.organization_id IS 'The organisation served.';
COMMENT ON COLUMN @extschema@.supplier_supply.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.supplier_supply.supplier_id IS 'The supplier.';
COMMENT ON COLUMN @extschema@.supplier_supply.kind IS 'product or service.';
COMMENT ON COLUMN @extschema@.supplier_supply.asset_id IS 'One asset the product or service touches; NULL when vendor is given.';
COMMENT ON COLUMN @extschema@.supplier_supply.vendor IS
  'Vendor name as the asset inventory writes it (matched case-insensitively to asset.vendor); NULL when asset_id is given.';
COMMENT ON COLUMN @extschema@.supplier_supply.description IS 'What is supplied.';

-- ---------------------------------------------------------------------------------------------
-- Assessments
-- ---------------------------------------------------------------------------------------------
CREATE TABLE @extschema@.supplier_assessment (
  organization_id uuid NOT NULL,
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  supplier_id     uuid NOT NULL,
  assessed_at     timestamptz NOT NULL DEFAULT pg_catalog.now(),
  assessor_id     uuid,
  status          text NOT NULL DEFAULT 'draft' CONSTRAINT supplier_assessment_status CHECK (status IN ('draft', 'completed')),
  completed_at    timestamptz,
  security_score  numeric(4,2) CONSTRAINT supplier_assessment_security_score CHECK (security_score BETWEEN 0 AND 10),
  criticality     smallint CONSTRAINT supplier_assessment_criticality CHECK (criticality BETWEEN 1 AND 5),
  risk_score      numeric(3,1) CONSTRAINT supplier_assessment_risk_score CHECK (risk_score BETWEEN 0 AND 10),
  risk_level      text CONSTRAINT supplier_assessment_risk_level CHECK (risk_level IN ('low', 'medium', 'high', 'critical')),
  notes           text,
  PRIMARY KEY (organization_id, id),
  CONSTRAINT supplier_assessment_completed CHECK (
    (status = 'completed') = (completed_at IS NOT NULL AND security_score IS NOT NULL AND criticality IS NOT NULL
                              AND risk_score IS NOT NULL AND risk_level IS NOT NULL)),
  FOREIGN KEY (organization_id, supplier_id) REFERENCES @extschema@.supplier (organization_id, id),
  FOREIGN KEY (organization_id, assessor_id) REFERENCES @extschema@.person (organization_id, id)
);
CREATE INDEX supplier_assessment_supplier_idx ON @extschema@.supplier_assessment (organization_id, supplier_id, assessed_at);
CREATE INDEX supplier_assessment_assessor_idx ON @extschema@.supplier_assessment (organization_id, assessor_id);
COMMENT ON TABLE @extschema@.supplier_assessment IS
  'Supplier security assessments.  Answers are recorded while draft; setting status to completed computes and '
  'stores the scores (frozen from then on) and raises a supplier_risk_alert when the risk level changes.';
COMMENT ON COLUMN @extschema@.supplier_assessment.organization_id IS 'The assessing organisation.';
COMMENT ON COLUMN @extschema@.supplier_assessment.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.supplier_assessment.supplier_id IS 'The supplier assessed.';
COMMENT ON COLUMN @extschema@.supplier_assessment.assessed_at IS 'When the assessment took place (orders a supplier''s assessments).';
COMMENT ON COLUMN @extschema@.supplier_assessment.assessor_id IS 'Person who assessed.';
COMMENT ON COLUMN @extschema@.supplier_assessment.status IS 'draft (answers being recorded) or completed (scores stored).';
COMMENT ON COLUMN @extschema@.supplier_assessment.completed_at IS 'When it was completed.';
COMMENT ON COLUMN @extschema@.supplier_assessment.security_score IS
  'Security score 0..10, higher is better: weighted_score of the criterion scores with the criterion weights.';
COMMENT ON COLUMN @extschema@.supplier_assessment.criticality IS 'The supplier''s criticality 1..5 at completion (supplier_criticality).';
COMMENT ON COLUMN @extschema@.supplier_assessment.risk_score IS 'Risk score 0..10, higher is riskier (supplier_risk_score).';
COMMENT ON COLUMN @extschema@.supplier_assessment.risk_level IS 'Risk level of the risk score with the organisation''s thresholds.';
COMMENT ON COLUMN @extschema@.supplier_assessment.notes IS 'Free text.';

CREATE TABLE @extschema@.supplier_assessment_answer (
  organization_id uuid NOT NULL,
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  assessment_id   uuid NOT NULL,
  question_id     uuid NOT NULL,
  answer_yes      boolean,
  option_id       uuid,
  not_applicable  boolean NOT NULL DEFAULT false,
  score           numeric(4,2) CONSTRAINT supplier_assessment_answer_score CHECK (score BETWEEN 0 AND 10),
  comment         text,
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, assessment_id, question_id),
  CONSTRAINT supplier_assessment_answer_one_form CHECK (
    CASE WHEN not_applicable THEN pg_catalog.num_nonnulls(answer_yes, option_id, score) = 0
         ELSE pg_catalog.num_nonnulls(answer_yes, option_id) = 1 END),
  FOREIGN KEY (organization_id, assessment_id) REFERENCES @extschema@.supplier_assessment (organization_id, id),
  FOREIGN KEY (organization_id, question_id) REFERENCES @extschema@.supplier_question (organization_id, id),
  FOREIGN KEY (organization_id, question_id, option_id)
    REFERENCES @extschema@.supplier_question_option (organization_id, question_id, id)
);
CREATE INDEX supplier_assessment_answer_question_idx
  ON @extschema@.supplier_assessment_answer (organization_id, question_id, option_id);
COMMENT ON TABLE @extschema@.supplier_assessment_answer IS
  'Answers of an assessment: yes/no, an option of a choice question, or not applicable (excluded from the scores).';
COMMENT ON COLUMN @extschema@.supplier_assessment_answer.organization_id IS 'The assessing organisation.';
COMMENT ON COLUMN @extschema@.supplier_assessment_answer.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.supplier_assessment_answer.assessment_id IS 'The assessment.';
COMMENT ON COLUMN @extschema@.supplier_assessment_answer.question_id IS 'The question answered.';
COMMENT ON COLUMN @extschema@.supplier_assessment_answer.answer_yes IS 'Answer to a yes_no question.';
COMMENT ON COLUMN @extschema@.supplier_assessment_answer.option_id IS 'Option chosen for a choice question.';
COMMENT ON COLUMN @extschema@.supplier_assessment_answer.not_applicable IS 'The question does not apply: excluded from the scores.';
COMMENT ON COLUMN @extschema@.supplier_assessment_answer.score IS
  'Score 0..10 of the answer, set when recorded: 10 or 0 by the yes/no polarity, the option''s score; NULL when not applicable.';
COMMENT ON COLUMN @extschema@.supplier_assessment_answer.comment IS 'Evidence or remark.';

CREATE FUNCTION @extschema@.supplier_answer_before()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  q record;
BEGIN
  IF TG_OP <> 'INSERT' AND EXISTS (
       SELECT 1 FROM @extschema@.supplier_assessment s
       WHERE s.organization_id = OLD.organization_id AND s.id = OLD.assessment_id AND s.status = 'completed') THEN
    RAISE EXCEPTION 'supplier_assessment_answer: assessment % is completed; its answers are frozen', OLD.assessment_id
      USING ERRCODE = 'object_not_in_prerequisite_state';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  -- one lookup: the question's form and polarity, and whether the assessment is completed
  SELECT x.code, x.answer_kind, x.yes_is_good, s.status INTO q
  FROM @extschema@.supplier_question x
  JOIN @extschema@.supplier_assessment s ON s.organization_id = x.organization_id AND s.id = NEW.assessment_id
  WHERE x.organization_id = NEW.organization_id AND x.id = NEW.question_id;
  IF NOT FOUND THEN
    RETURN NEW;   -- the foreign keys report a missing question or assessment
  END IF;
  IF q.status = 'completed' THEN
    RAISE EXCEPTION 'supplier_assessment_answer: assessment % is completed; its answers are frozen', NEW.assessment_id
      USING ERRCODE = 'object_not_in_prerequisite_state';
  END IF;
  IF NEW.not_applicable THEN
    NEW.score := NULL;
  ELSIF q.answer_kind = 'yes_no' THEN
    IF NEW.answer_yes IS NULL THEN
      RAISE EXCEPTION 'supplier_assessment_answer: question "%" is yes_no; answer it with answer_yes', q.code
        USING ERRCODE = 'invalid_parameter_value';
    END IF;
    NEW.score := CASE WHEN NEW.answer_yes = q.yes_is_good THEN 10 ELSE 0 END;
  ELSE
    IF NEW.option_id IS NULL THEN
      RAISE EXCEPTION 'supplier_assessment_answer: question "%" is a choice; answer it with option_id', q.code
        USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT o.score INTO NEW.score FROM @extschema@.supplier_question_option o
    WHERE o.organization_id = NEW.organization_id AND o.question_id = NEW.question_id AND o.id = NEW.option_id;
  END IF;
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.supplier_answer_before() IS
  'Trigger function: scores an answer (yes/no by polarity, a choice by its option, not applicable NULL), checks its '
  'form matches the question (22023) and refuses changes to a completed assessment''s answers (55000).';
CREATE TRIGGER supplier_assessment_answer_score BEFORE INSERT OR UPDATE OR DELETE
  ON @extschema@.supplier_assessment_answer FOR EACH ROW EXECUTE FUNCTION @extschema@.supplier_answer_before();

-- Criticality: the declared one, else the highest criticality of the assets in operation the
-- supplier's products and services touch, else 3 (moderate) when nothing is linked.
CREATE VIEW @extschema@.supplier_criticality WITH (security_invoker = true) AS
SELECT s.id,
       s.organization_id,
       s.supplier_org_id,
       i.inherited::integer AS inherited_criticality,
       i.assets::integer AS assets,
       s.declared_criticality::integer AS declared_criticality,
       coalesce(s.declared_criticality, i.inherited, 3)::integer AS criticality
FROM @extschema@.supplier s
CROSS JOIN LATERAL (
  SELECT pg_catalog.max(a.criticality) AS inherited, pg_catalog.count(DISTINCT a.id) AS assets
  FROM @extschema@.supplier_supply p
  JOIN @extschema@.asset a
    ON a.organization_id = p.organization_id
   AND (a.id = p.asset_id OR pg_catalog.lower(a.vendor) = pg_catalog.lower(p.vendor))
  JOIN @extschema@.lifecycle_state l ON l.code = a.lifecycle_state
  WHERE p.organization_id = s.organization_id AND p.supplier_id = s.id AND l.in_operation
) i;
COMMENT ON VIEW @extschema@.supplier_criticality IS
  'One row per supplier: the criticality inherited from the assets in operation its products and services touch '
  '(highest wins), the declared one, and the one used (declared, else inherited, else 3 moderate).';
COMMENT ON COLUMN @extschema@.supplier_criticality.id IS 'Supplier identifier (supplier.id).';
COMMENT ON COLUMN @extschema@.supplier_criticality.organization_id IS 'The organisation served.';
COMMENT ON COLUMN @extschema@.supplier_criticality.supplier_org_id IS 'The supplier organisation.';
COMMENT ON COLUMN @extschema@.supplier_criticality.inherited_criticality IS 'Highest criticality of the assets touched; NULL when none.';
COMMENT ON COLUMN @extschema@.supplier_criticality.assets IS 'Number of assets in operation touched.';
COMMENT ON COLUMN @extschema@.supplier_criticality.declared_criticality IS 'Criticality set by hand, if any.';
COMMENT ON COLUMN @extschema@.supplier_criticality.criticality IS 'Criticality used: declared, else inherited, else 3.';

-- Scores of one assessment per criterion, from the answers' stored scores.
CREATE VIEW @extschema@.supplier_assessment_criterion_score WITH (security_invoker = true) AS
SELECT pg_catalog.md5(s.id::text || '/' || c.id::text)::uuid AS id,
       s.organization_id,
       s.id AS assessment_id,
       s.supplier_id,
       c.id AS criterion_id,
       c.code AS criterion,
       c.weight::numeric(6,4) AS weight,
       pg_catalog.round(@extschema@.weighted_score(a.score, q.weight), 2)::numeric(4,2) AS score,
       pg_catalog.count(a.score)::integer AS answered,
       pg_catalog.count(a.id) FILTER (WHERE a.not_applicable)::integer AS not_applicable
FROM @extschema@.supplier_assessment s
JOIN @extschema@.supplier_criterion c ON c.organization_id = s.organization_id
LEFT JOIN @extschema@.supplier_question q ON q.organization_id = c.organization_id AND q.criterion_id = c.id
LEFT JOIN @extschema@.supplier_assessment_answer a
  ON a.organization_id = s.organization_id AND a.assessment_id = s.id AND a.question_id = q.id
GROUP BY s.organization_id, s.id, s.supplier_id, c.id, c.code, c.weight;
COMMENT ON VIEW @extschema@.supplier_assessment_criterion_score IS
  'One row per assessment and criterion: the weighted_score of its answers'' scores with the question weights '
  '(not-applicable answers excluded; NULL when nothing applicable was answered).';
COMMENT ON COLUMN @extschema@.supplier_assessment_criterion_score.id IS 'Row identifier (derived from assessment and criterion).';
COMMENT ON COLUMN @extschema@.supplier_assessment_criterion_score.organization_id IS 'The assessing organisation.';
COMMENT ON COLUMN @extschema@.supplier_assessment_criterion_score.assessment_id IS 'The assessment.';
COMMENT ON COLUMN @extschema@.supplier_assessment_criterion_score.supplier_id IS 'The supplier assessed.';
COMMENT ON COLUMN @extschema@.supplier_assessment_criterion_score.criterion_id IS 'The criterion.';
COMMENT ON COLUMN @extschema@.supplier_assessment_criterion_score.criterion IS 'Criterion code.';
COMMENT ON COLUMN @extschema@.supplier_assessment_criterion_score.weight IS 'The criterion''s weight.';
COMMENT ON COLUMN @extschema@.supplier_assessment_criterion_score.score IS 'Criterion score 0..10 (higher is better), two decimals.';
COMMENT ON COLUMN @extschema@.supplier_assessment_criterion_score.answered IS 'Applicable answers counted.';
COMMENT ON COLUMN @extschema@.supplier_assessment_criterion_score.not_applicable IS 'Answers marked not applicable.';

CREATE FUNCTION @extschema@.supplier_assessment_before()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.status = 'completed' THEN
    IF NEW.status <> 'completed' OR NEW.supplier_id <> OLD.supplier_id OR NEW.assessed_at <> OLD.assessed_at
       OR NEW.security_score IS DISTINCT FROM OLD.security_score OR NEW.risk_score IS DISTINCT FROM OLD.risk_score
       OR NEW.risk_level IS DISTINCT FROM OLD.risk_level OR NEW.criticality IS DISTINCT FROM OLD.criticality THEN
      RAISE EXCEPTION 'supplier_assessment: assessment % is completed; its supplier, time and scores are frozen', OLD.id
        USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    RETURN NEW;
  END IF;
  IF NEW.status <> 'completed' THEN
    NEW.completed_at := NULL; NEW.security_score := NULL; NEW.criticality := NULL;
    NEW.risk_score := NULL; NEW.risk_level := NULL;
    RETURN NEW;
  END IF;
  -- completing: compute and store the scores
  SELECT pg_catalog.round(@extschema@.weighted_score(c.score, c.weight), 2) INTO NEW.security_score
  FROM @extschema@.supplier_assessment_criterion_score c
  WHERE c.organization_id = NEW.organization_id AND c.assessment_id = NEW.id;
  IF NEW.security_score IS NULL THEN
    RAISE EXCEPTION 'supplier_assessment: assessment % has no applicable answer of a weighted criterion; it cannot be completed', NEW.id
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  SELECT k.criticality INTO NEW.criticality FROM @extschema@.supplier_criticality k
  WHERE k.organization_id = NEW.organization_id AND k.id = NEW.supplier_id;
  NEW.criticality := coalesce(NEW.criticality, 3);
  NEW.risk_score := @extschema@.supplier_risk_score(NEW.security_score, NEW.criticality);
  NEW.risk_level := @extschema@.supplier_risk_level(NEW.organization_id, NEW.risk_score);
  NEW.completed_at := coalesce(NEW.completed_at, pg_catalog.now());
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.supplier_assessment_before() IS
  'Trigger function: on completion computes the security score (weighted_score of the criterion scores), the '
  'criticality, the risk score and level; a completed assessment''s scores are frozen (55000); completing '
  'without an applicable answer is 22023.';
CREATE TRIGGER supplier_assessment_scores BEFORE INSERT OR UPDATE
  ON @extschema@.supplier_assessment FOR EACH ROW EXECUTE FUNCTION @extschema@.supplier_assessment_before();

-- ---------------------------------------------------------------------------------------------
-- Continuous monitoring: risk level changes
-- ---------------------------------------------------------------------------------------------
CREATE TABLE @extschema@.supplier_risk_alert (
  organization_id uuid NOT NULL,
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  supplier_id     uuid NOT NULL,
  assessment_id   uuid NOT NULL,
  old_level       text CONSTRAINT supplier_risk_alert_old_level CHECK (old_level IN ('low', 'medium', 'high', 'critical')),
  new_level       text NOT NULL CONSTRAINT supplier_risk_alert_new_level CHECK (new_level IN ('low', 'medium', 'high', 'critical')),
  severity        text NOT NULL CONSTRAINT supplier_risk_alert_severity CHECK (severity IN ('info', 'medium', 'high', 'critical')),
  assessed_at     timestamptz NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT pg_catalog.now(),
  acknowledged_by uuid,
  acknowledged_at timestamptz,
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, assessment_id),
  CONSTRAINT supplier_risk_alert_changed CHECK (old_level IS DISTINCT FROM new_level),
  CONSTRAINT supplier_risk_alert_acknowledged CHECK ((acknowledged_by IS NULL) = (acknowledged_at IS NULL)),
  FOREIGN KEY (organization_id, supplier_id) REFERENCES @extschema@.supplier (organization_id, id),
  FOREIGN KEY (organization_id, assessment_id) REFERENCES @extschema@.supplier_assessment (organization_id, id),
  FOREIGN KEY (organization_id, acknowledged_by) REFERENCES @extschema@.person (organization_id, id)
);
CREATE INDEX supplier_risk_alert_supplier_idx ON @extschema@.supplier_risk_alert (organization_id, supplier_id);
CREATE INDEX supplier_risk_alert_acknowledged_by_idx ON @extschema@.supplier_risk_alert (organization_id, acknowledged_by);
CREATE INDEX supplier_risk_alert_open_idx ON @extschema@.supplier_risk_alert (organization_id, created_at)
  WHERE acknowledged_at IS NULL;
COMMENT ON TABLE @extschema@.supplier_risk_alert IS
  'Supplier risk level changes, one row per completed assessment that changed its supplier''s level (a first '
  'assessment only when high or critical).  The durable record: listeners of NOTIFY iec62443p2_supplier_risk read '
  'the unacknowledged rows.';
COMMENT ON COLUMN @extschema@.supplier_risk_alert.organization_id IS 'The assessing organisation.';
COMMENT ON COLUMN @extschema@.supplier_risk_alert.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.supplier_risk_alert.supplier_id IS 'The supplier.';
COMMENT ON COLUMN @extschema@.supplier_risk_alert.assessment_id IS 'The completed assessment that changed the level.';
COMMENT ON COLUMN @extschema@.supplier_risk_alert.old_level IS 'Level of the previous completed assessment; NULL for a first assessment.';
COMMENT ON COLUMN @extschema@.supplier_risk_alert.new_level IS 'Level of this assessment.';
COMMENT ON COLUMN @extschema@.supplier_risk_alert.severity IS
  'The new level when the risk rose (medium, high, critical), info when it fell.';
COMMENT ON COLUMN @extschema@.supplier_risk_alert.assessed_at IS 'When the assessment took place.';
COMMENT ON COLUMN @extschema@.supplier_risk_alert.created_at IS 'When the alert was raised.';
COMMENT ON COLUMN @extschema@.supplier_risk_alert.acknowledged_by IS 'Person who acknowledged it; NULL while open.';
COMMENT ON COLUMN @extschema@.supplier_risk_alert.acknowledged_at IS 'When it was acknowledged; NULL while open.';

CREATE FUNCTION @extschema@.supplier_level_rank(level text) RETURNS integer
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN CASE level WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 WHEN 'critical' THEN 4 END;
COMMENT ON FUNCTION @extschema@.supplier_level_rank(text) IS
  'Order of supplier risk levels: low 1, medium 2, high 3, critical 4; NULL for anything else.';

CREATE FUNCTION @extschema@.supplier_assessment_after()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  old_level text;
  sev text;
  alert_id uuid;
BEGIN
  IF NEW.status <> 'completed' OR (TG_OP = 'UPDATE' AND OLD.status = 'completed') THEN
    RETURN NULL;
  END IF;
  -- One completion per supplier at a time, so concurrent completions see each other's levels.
  PERFORM 1 FROM @extschema@.supplier s
  WHERE s.organization_id = NEW.organization_id AND s.id = NEW.supplier_id
  FOR UPDATE;
  -- A back-dated assessment older than the latest completed one does not change the current level.
  IF EXISTS (SELECT 1 FROM @extschema@.supplier_assessment p
             WHERE p.organization_id = NEW.organization_id AND p.supplier_id = NEW.supplier_id
               AND p.status = 'completed' AND p.id <> NEW.id AND p.assessed_at > NEW.assessed_at) THEN
    RETURN NULL;
  END IF;
  SELECT p.risk_level INTO old_level FROM @extschema@.supplier_assessment p
  WHERE p.organization_id = NEW.organization_id AND p.supplier_id = NEW.supplier_id
    AND p.status = 'completed' AND p.id <> NEW.id
  ORDER BY p.assessed_at DESC, p.completed_at DESC, p.id DESC
  LIMIT 1;
  IF old_level IS NOT DISTINCT FROM NEW.risk_level
     OR (old_level IS NULL AND NEW.risk_level NOT IN ('high', 'critical')) THEN
    RETURN NULL;
  END IF;
  sev := CASE WHEN @extschema@.supplier_level_rank(NEW.risk_level) > coalesce(@extschema@.supplier_level_rank(old_level), 0)
              THEN CASE WHEN NEW.risk_level = 'low' THEN 'info' ELSE NEW.risk_level END
              ELSE 'info' END;
  INSERT INTO @extschema@.supplier_risk_alert
    (organization_id, supplier_id, assessment_id, old_level, new_level, severity, assessed_at)
  VALUES (NEW.organization_id, NEW.supplier_id, NEW.id, old_level, NEW.risk_level, sev, NEW.assessed_at)
  RETURNING id INTO alert_id;
  PERFORM pg_catalog.pg_notify('iec62443p2_supplier_risk', pg_catalog.json_build_object(
    'alert_id', alert_id,
    'organization_id', NEW.organization_id,
    'supplier_id', NEW.supplier_id,
    'supplier', (SELECT o.code FROM @extschema@.supplier s JOIN @extschema@.organization o ON o.id = s.supplier_org_id
                 WHERE s.organization_id = NEW.organization_id AND s.id = NEW.supplier_id),
    'old_level', old_level,
    'new_level', NEW.risk_level,
    'severity', sev,
    'risk_score', NEW.risk_score,
    'assessed_at', NEW.assessed_at)::text);
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION @extschema@.supplier_assessment_after() IS
  'Trigger function: when a completed assessment changes its supplier''s current risk level (a first one when high '
  'or critical; a back-dated one older than the latest completed never), writes one supplier_risk_alert and sends '
  'NOTIFY iec62443p2_supplier_risk with a JSON payload.';
CREATE TRIGGER supplier_assessment_risk_alert AFTER INSERT OR UPDATE OF status
  ON @extschema@.supplier_assessment FOR EACH ROW EXECUTE FUNCTION @extschema@.supplier_assessment_after();

-- ---------------------------------------------------------------------------------------------
-- Contracts and their security clauses
-- ---------------------------------------------------------------------------------------------
CREATE TABLE @extschema@.supplier_contract (
  organization_id uuid NOT NULL,
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  supplier_id     uuid NOT NULL,
  reference       text NOT NULL CONSTRAINT supplier_contract_reference_not_blank CHECK (pg_catalog.btrim(reference) <> ''),
  title           text NOT NULL,
  starts_on       date NOT NULL,
  ends_on         date,
  notes           text,
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, reference),
  CONSTRAINT supplier_contract_period CHECK (ends_on IS NULL OR ends_on >= starts_on),
  FOREIGN KEY (organization_id, supplier_id) REFERENCES @extschema@.supplier (organization_id, id)
);
CREATE INDEX supplier_contract_supplier_idx ON @extschema@.supplier_contract (organization_id, supplier_id);
COMMENT ON TABLE @extschema@.supplier_contract IS 'Contracts with suppliers; their security clauses are in supplier_contract_clause.';
COMMENT ON COLUMN @extschema@.supplier_contract.organization_id IS 'The contracting organisation.';
COMMENT ON COLUMN @extschema@.supplier_contract.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.supplier_contract.supplier_id IS 'The supplier.';
COMMENT ON COLUMN @extschema@.supplier_contract.reference IS 'Contract number, unique within the organisation.';
COMMENT ON COLUMN @extschema@.supplier_contract.title IS 'Title.';
COMMENT ON COLUMN @extschema@.supplier_contract.starts_on IS 'First day in force.';
COMMENT ON COLUMN @extschema@.supplier_contract.ends_on IS 'Last day in force; NULL when open-ended.';
COMMENT ON COLUMN @extschema@.supplier_contract.notes IS 'Free text.';

CREATE TABLE @extschema@.supplier_contract_clause (
  organization_id uuid NOT NULL,
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  contract_id     uuid NOT NULL,
  clause_kind     text NOT NULL REFERENCES @extschema@.supplier_contract_clause_kind (code),
  section         text,
  summary         text,
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, contract_id, clause_kind),
  FOREIGN KEY (organization_id, contract_id) REFERENCES @extschema@.supplier_contract (organization_id, id)
);
CREATE INDEX supplier_contract_clause_kind_idx ON @extschema@.supplier_contract_clause (clause_kind);
COMMENT ON TABLE @extschema@.supplier_contract_clause IS 'The security clauses a contract contains, one row per clause kind.';
COMMENT ON COLUMN @extschema@.supplier_contract_clause.organization_id IS 'The contracting organisation.';
COMMENT ON COLUMN @extschema@.supplier_contract_clause.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.supplier_contract_clause.contract_id IS 'The contract.';
COMMENT ON COLUMN @extschema@.supplier_contract_clause.clause_kind IS 'Clause kind (supplier_contract_clause_kind.code).';
COMMENT ON COLUMN @extschema@.supplier_contract_clause.section IS 'Where in the contract, e.g. section 14.2.';
COMMENT ON COLUMN @extschema@.supplier_contract_clause.summary IS 'What the clause says, in short.';

CREATE VIEW @extschema@.supplier_contract_gaps WITH (security_invoker = true) AS
SELECT pg_catalog.md5(c.id::text || '/' || k.code)::uuid AS id,
       c.organization_id,
       ow.code AS organization,
       c.id AS contract_id,
       c.reference,
       s.id AS supplier_id,
       o.code AS supplier_code,
       o.name AS supplier,
       k.code AS clause_kind,
       k.label AS missing_clause,
       c.starts_on,
       c.ends_on
FROM @extschema@.supplier_contract c
JOIN @extschema@.supplier s ON s.organization_id = c.organization_id AND s.id = c.supplier_id
JOIN @extschema@.organization o ON o.id = s.supplier_org_id
JOIN @extschema@.organization ow ON ow.id = c.organization_id
CROSS JOIN @extschema@.supplier_contract_clause_kind k
WHERE (c.ends_on IS NULL OR c.ends_on >= CURRENT_DATE)
  AND NOT EXISTS (SELECT 1 FROM @extschema@.supplier_contract_clause x
                  WHERE x.organization_id = c.organization_id AND x.contract_id = c.id AND x.clause_kind = k.code);
COMMENT ON VIEW @extschema@.supplier_contract_gaps IS
  'One row per contract in force and security clause kind it lacks (of the six of supplier_contract_clause_kind).';
COMMENT ON COLUMN @extschema@.supplier_contract_gaps.id IS 'Row identifier (derived from contract and clause kind).';
COMMENT ON COLUMN @extschema@.supplier_contract_gaps.organization_id IS 'The contracting organisation.';
COMMENT ON COLUMN @extschema@.supplier_contract_gaps.organization IS 'Code of the contracting organisation.';
COMMENT ON COLUMN @extschema@.supplier_contract_gaps.contract_id IS 'The contract.';
COMMENT ON COLUMN @extschema@.supplier_contract_gaps.reference IS 'Contract number.';
COMMENT ON COLUMN @extschema@.supplier_contract_gaps.supplier_id IS 'The supplier (supplier.id).';
COMMENT ON COLUMN @extschema@.supplier_contract_gaps.supplier_code IS 'Supplier organisation code.';
COMMENT ON COLUMN @extschema@.supplier_contract_gaps.supplier IS 'Supplier organisation name.';
COMMENT ON COLUMN @extschema@.supplier_contract_gaps.clause_kind IS 'Code of the missing clause kind.';
COMMENT ON COLUMN @extschema@.supplier_contract_gaps.missing_clause IS 'Label of the missing clause kind.';
COMMENT ON COLUMN @extschema@.supplier_contract_gaps.starts_on IS 'First day in force.';
COMMENT ON COLUMN @extschema@.supplier_contract_gaps.ends_on IS 'Last day in force; NULL when open-ended.';

-- ---------------------------------------------------------------------------------------------
-- Registration
-- ---------------------------------------------------------------------------------------------
INSERT INTO @extschema@.object_access_class (object_name, object_class, reader_hidden_columns) VALUES
  ('supplier_criterion_default', 'catalog', '{}'),
  ('supplier_question_default', 'catalog', '{}'),
  ('supplier_contract_clause_kind', 'catalog', '{}'),
  ('supplier_criterion', 'program', '{}'),
  ('supplier_question', 'program', '{}'),
  ('supplier_question_option', 'program', '{}'),
  ('supplier_risk_threshold_setting', 'program', '{}'),
  ('supplier', 'program', '{}'),
  ('supplier_supply', 'program', '{}'),
  ('supplier_assessment', 'program', '{}'),
  ('supplier_assessment_answer', 'program', '{}'),
  ('supplier_risk_alert', 'program', '{}'),
  ('supplier_contract', 'program', '{}'),
  ('supplier_contract_clause', 'program', '{}'),
  ('supplier_criticality', 'view', '{}'),
  ('supplier_assessment_criterion_score', 'view', '{}'),
  ('supplier_contract_gaps', 'view', '{}');

SELECT pg_catalog.pg_extension_config_dump('@extschema@.supplier_criterion', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.supplier_question', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.supplier_question_option', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.supplier_risk_threshold_setting', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.supplier', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.supplier_supply', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.supplier_assessment', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.supplier_assessment_answer', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.supplier_risk_alert', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.supplier_contract', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.supplier_contract_clause', '');
-- Risk management (BRIEF 4.D, issue 5 "Risk"): threats, the risk register on assets and zones,
-- inherent and residual risk from the organisation's risk matrix, treatment and acceptance,
-- appetite and tolerance, and the full history of every risk with "as of" answers.
--
-- Scoring: the register stores likelihood and consequence (inherent and residual); levels and
-- scores are computed by the views from the organisation's risk matrix in use
-- (organization_settings.risk_matrix_id), so changing the matrix re-scores the register.  The
-- history keeps, for every change, the state of the risk after it with the scores computed at
-- that moment, so the past stays as it was scored then.

CREATE TABLE @extschema@.threat_category (
  code        text PRIMARY KEY CONSTRAINT threat_category_code_format CHECK (code ~ '^[a-z][a-z0-9_]{0,31}$'),
  label       text NOT NULL UNIQUE,
  description text NOT NULL
);
COMMENT ON TABLE @extschema@.threat_category IS
  'Shipped catalogue: categories of threats to an IACS (product wording, no normative text).';
COMMENT ON COLUMN @extschema@.threat_category.code IS 'Category code used by threat.category.';
COMMENT ON COLUMN @extschema@.threat_category.label IS 'Category name.';
COMMENT ON COLUMN @extschema@.threat_category.description IS 'What the category covers.';

INSERT INTO @extschema@.threat_category (code, label, description) VALUES
  ('malware', 'Malware', 'Malicious code reaching the IACS: worms, ransomware, ICS-specific malware, infected removable media.'),
  ('remote_access', 'Unauthorised remote access', 'Abuse of remote access paths: VPNs, vendor gateways, exposed services, stolen credentials.'),
  ('insider', 'Insider', 'Deliberate or careless actions of staff, contractors or service providers with legitimate access.'),
  ('supply_chain', 'Supply chain', 'Compromised products, updates, integrators or service providers.'),
  ('unpatched_vulnerability', 'Unpatched vulnerability', 'Exploitation of known vulnerabilities not yet remediated.'),
  ('denial_of_service', 'Denial of service', 'Loss of availability of networks, controllers or servers by flooding or crashing them.'),
  ('manipulation', 'Manipulation of control', 'Unauthorised changes to logic, set points, commands or process data.'),
  ('loss_of_view', 'Loss of view', 'Operators lose visibility of the process (HMI, historian, telemetry).'),
  ('physical', 'Physical', 'Physical access, theft, tampering, damage to equipment or cabling.'),
  ('social_engineering', 'Social engineering', 'Phishing and pretexting aimed at operators, engineers or support staff.'),
  ('misconfiguration', 'Misconfiguration', 'Weak configuration: default passwords, open ports, flat networks, missing hardening.'),
  ('obsolescence', 'Obsolescence', 'Unsupported or end-of-life products that no longer receive fixes.');

CREATE TABLE @extschema@.threat (
  organization_id uuid NOT NULL REFERENCES @extschema@.organization (id),
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  code            text NOT NULL CONSTRAINT threat_code_format CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$'),
  name            text NOT NULL CONSTRAINT threat_name_not_blank CHECK (pg_catalog.btrim(name) <> ''),
  category        text NOT NULL REFERENCES @extschema@.threat_category (code),
  description     text,
  created_at      timestamptz NOT NULL DEFAULT pg_catalog.now(),
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, code)
);
CREATE INDEX threat_category_idx ON @extschema@.threat (category);
COMMENT ON TABLE @extschema@.threat IS 'An organisation''s threats (threat scenarios), each in a shipped category.';
COMMENT ON COLUMN @extschema@.threat.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.threat.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.threat.code IS 'Short code, unique within the organisation, e.g. T-RA-01.';
COMMENT ON COLUMN @extschema@.threat.name IS 'Threat name.';
COMMENT ON COLUMN @extschema@.threat.category IS 'Category (threat_category.code).';
COMMENT ON COLUMN @extschema@.threat.description IS 'The threat scenario.';
COMMENT ON COLUMN @extschema@.threat.created_at IS 'When the row was created.';

-- Appetite and tolerance: shipped defaults per settings profile, an organisation's own copy.
CREATE TABLE @extschema@.risk_tolerance_default (
  settings_profile    text PRIMARY KEY REFERENCES @extschema@.settings_profile (code),
  appetite_score      numeric(8,2) NOT NULL,
  tolerance_score     numeric(8,2) NOT NULL,
  max_acceptance_days integer NOT NULL CONSTRAINT risk_tolerance_default_acceptance CHECK (max_acceptance_days > 0),
  description         text NOT NULL,
  CONSTRAINT risk_tolerance_default_order CHECK (appetite_score <= tolerance_score)
);
COMMENT ON TABLE @extschema@.risk_tolerance_default IS
  'Shipped catalogue: default risk appetite and tolerance (scores of the default risk matrix) per settings profile.';
COMMENT ON COLUMN @extschema@.risk_tolerance_default.settings_profile IS 'Settings profile.';
COMMENT ON COLUMN @extschema@.risk_tolerance_default.appetite_score IS 'Risks scoring at most this are within appetite.';
COMMENT ON COLUMN @extschema@.risk_tolerance_default.tolerance_score IS 'Risks scoring above this are above tolerance and must be treated.';
COMMENT ON COLUMN @extschema@.risk_tolerance_default.max_acceptance_days IS 'Longest a risk acceptance may run before it is reviewed.';
COMMENT ON COLUMN @extschema@.risk_tolerance_default.description IS 'Where the defaults come from.';

INSERT INTO @extschema@.risk_tolerance_default (settings_profile, appetite_score, tolerance_score, max_acceptance_days, description) VALUES
  ('default', 4, 9, 365,
   'Product default for the 5x5 default matrix: low risks (score 1-4) are within appetite, medium risks (5-9) are '
   'tolerated while treated or accepted, high and critical risks (10 and more) are above tolerance; an acceptance '
   'runs at most one year.');

CREATE TABLE @extschema@.risk_tolerance_setting (
  organization_id     uuid NOT NULL UNIQUE REFERENCES @extschema@.organization (id),
  id                  uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  appetite_score      numeric(8,2) NOT NULL,
  tolerance_score     numeric(8,2) NOT NULL,
  max_acceptance_days integer NOT NULL CONSTRAINT risk_tolerance_setting_acceptance CHECK (max_acceptance_days > 0),
  copied_from         text REFERENCES @extschema@.risk_tolerance_default (settings_profile),
  PRIMARY KEY (organization_id, id),
  CONSTRAINT risk_tolerance_setting_order CHECK (appetite_score <= tolerance_score)
);
CREATE INDEX risk_tolerance_setting_copied_from_idx ON @extschema@.risk_tolerance_setting (copied_from);
COMMENT ON TABLE @extschema@.risk_tolerance_setting IS
  'An organisation''s risk appetite and tolerance (copied from risk_tolerance_default, then its own), in scores of its risk matrix.';
COMMENT ON COLUMN @extschema@.risk_tolerance_setting.organization_id IS 'The organisation (one row each).';
COMMENT ON COLUMN @extschema@.risk_tolerance_setting.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.risk_tolerance_setting.appetite_score IS 'Risks whose current score is at most this are within appetite.';
COMMENT ON COLUMN @extschema@.risk_tolerance_setting.tolerance_score IS
  'Risks whose current score is above this are above tolerance (listed by risks_above_tolerance).';
COMMENT ON COLUMN @extschema@.risk_tolerance_setting.max_acceptance_days IS
  'Longest a risk acceptance may run (acceptance_expires_on - accepted_on), in days.';
COMMENT ON COLUMN @extschema@.risk_tolerance_setting.copied_from IS 'Settings profile the values were copied from.';

CREATE FUNCTION @extschema@.initialize_risk_settings(organization_id uuid)
RETURNS void
LANGUAGE plpgsql VOLATILE STRICT
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  INSERT INTO @extschema@.risk_tolerance_setting
    (organization_id, appetite_score, tolerance_score, max_acceptance_days, copied_from)
  SELECT s.organization_id, d.appetite_score, d.tolerance_score, d.max_acceptance_days, d.settings_profile
  FROM @extschema@.organization_settings s
  JOIN @extschema@.risk_tolerance_default d ON d.settings_profile = s.settings_profile
  WHERE s.organization_id = initialize_risk_settings.organization_id
  ON CONFLICT DO NOTHING;
END
$$;
COMMENT ON FUNCTION @extschema@.initialize_risk_settings(uuid) IS
  'Copies the default risk appetite and tolerance of the organisation''s settings profile, unless it has its own '
  '(called by initialize_organization_settings).';

-- The organisation's risk matrix in use.
CREATE FUNCTION @extschema@.organization_risk_matrix(organization_id uuid)
RETURNS @extschema@.risk_matrix
LANGUAGE sql STABLE STRICT PARALLEL SAFE
AS $$
  SELECT m.matrix
  FROM @extschema@.organization_settings s
  JOIN @extschema@.organization_risk_matrix m
    ON m.organization_id OPERATOR(pg_catalog.=) s.organization_id AND m.id OPERATOR(pg_catalog.=) s.risk_matrix_id
  WHERE s.organization_id OPERATOR(pg_catalog.=) $1
$$;
COMMENT ON FUNCTION @extschema@.organization_risk_matrix(uuid) IS
  'The risk matrix the organisation uses (organization_settings.risk_matrix_id); NULL when none is set.';

CREATE TABLE @extschema@.risk_register_entry (
  organization_id       uuid NOT NULL REFERENCES @extschema@.organization (id),
  id                    uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  code                  text NOT NULL CONSTRAINT risk_register_entry_code_format CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$'),
  title                 text NOT NULL CONSTRAINT risk_register_entry_title_not_blank CHECK (pg_catalog.btrim(title) <> ''),
  description           text,
  asset_id              uuid,
  zone_id               uuid,
  threat_id             uuid,
  vulnerability         text,
  likelihood            smallint NOT NULL,
  consequence           smallint NOT NULL,
  controls              text,
  residual_likelihood   smallint,
  residual_consequence  smallint,
  owner_id              uuid,
  treatment             text CONSTRAINT risk_register_entry_treatment CHECK (treatment IN ('avoid', 'reduce', 'transfer', 'accept')),
  status                text NOT NULL DEFAULT 'open'
                        CONSTRAINT risk_register_entry_status CHECK (status IN ('open', 'in_treatment', 'monitoring', 'closed')),
  accepted_by           uuid,
  accepted_on           date,
  acceptance_expires_on date,
  review_due_on         date,
  created_at            timestamptz NOT NULL DEFAULT pg_catalog.now(),
  updated_at            timestamptz NOT NULL DEFAULT pg_catalog.now(),
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, code),
  CONSTRAINT risk_register_entry_asset_or_zone CHECK (pg_catalog.num_nonnulls(asset_id, zone_id) = 1),
  CONSTRAINT risk_register_entry_positive CHECK (likelihood >= 1 AND consequence >= 1
                                                 AND residual_likelihood >= 1 AND residual_consequence >= 1),
  CONSTRAINT risk_register_entry_residual_pair CHECK ((residual_likelihood IS NULL) = (residual_consequence IS NULL)),
  CONSTRAINT risk_register_entry_residual_not_above_inherent
    CHECK (residual_likelihood <= likelihood AND residual_consequence <= consequence),
  CONSTRAINT risk_register_entry_acceptance_complete
    CHECK (treatment IS DISTINCT FROM 'accept'
           OR (accepted_by IS NOT NULL AND accepted_on IS NOT NULL AND acceptance_expires_on IS NOT NULL)),
  CONSTRAINT risk_register_entry_acceptance_only_when_accepted
    CHECK (treatment = 'accept' OR (accepted_by IS NULL AND accepted_on IS NULL AND acceptance_expires_on IS NULL)),
  CONSTRAINT risk_register_entry_acceptance_period CHECK (acceptance_expires_on > accepted_on),
  FOREIGN KEY (organization_id, asset_id) REFERENCES @extschema@.asset (organization_id, id),
  FOREIGN KEY (organization_id, zone_id) REFERENCES @extschema@.zone (organization_id, id),
  FOREIGN KEY (organization_id, threat_id) REFERENCES @extschema@.threat (organization_id, id),
  FOREIGN KEY (organization_id, owner_id) REFERENCES @extschema@.person (organization_id, id),
  FOREIGN KEY (organization_id, accepted_by) REFERENCES @extschema@.person (organization_id, id)
);
CREATE INDEX risk_register_entry_asset_idx ON @extschema@.risk_register_entry (organization_id, asset_id);
CREATE INDEX risk_register_entry_zone_idx ON @extschema@.risk_register_entry (organization_id, zone_id);
CREATE INDEX risk_register_entry_threat_idx ON @extschema@.risk_register_entry (organization_id, threat_id);
CREATE INDEX risk_register_entry_owner_idx ON @extschema@.risk_register_entry (organization_id, owner_id);
CREATE INDEX risk_register_entry_accepted_by_idx ON @extschema@.risk_register_entry (organization_id, accepted_by);
CREATE INDEX risk_register_entry_acceptance_expires_idx ON @extschema@.risk_register_entry (acceptance_expires_on)
  WHERE treatment = 'accept';
COMMENT ON TABLE @extschema@.risk_register_entry IS
  'The risk register: one risk on an asset or a zone (exactly one), with inherent and residual likelihood and '
  'consequence on the organisation''s risk matrix, controls, owner, treatment and acceptance.  Every change is kept '
  'in risk_register_history.';
COMMENT ON COLUMN @extschema@.risk_register_entry.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.risk_register_entry.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.risk_register_entry.code IS 'Risk code, unique within the organisation, e.g. R-2025-014.';
COMMENT ON COLUMN @extschema@.risk_register_entry.title IS 'Short statement of the risk.';
COMMENT ON COLUMN @extschema@.risk_register_entry.description IS 'The risk scenario: threat, vulnerability, consequence.';
COMMENT ON COLUMN @extschema@.risk_register_entry.asset_id IS 'The asset at risk (exactly one of asset_id, zone_id).';
COMMENT ON COLUMN @extschema@.risk_register_entry.zone_id IS 'The zone at risk (exactly one of asset_id, zone_id).';
COMMENT ON COLUMN @extschema@.risk_register_entry.threat_id IS 'The threat (threat.id), if recorded.';
COMMENT ON COLUMN @extschema@.risk_register_entry.vulnerability IS 'The weakness the threat exploits, in words.';
COMMENT ON COLUMN @extschema@.risk_register_entry.likelihood IS 'Inherent likelihood, 1..N of the organisation''s risk matrix.';
COMMENT ON COLUMN @extschema@.risk_register_entry.consequence IS 'Inherent consequence, 1..M of the organisation''s risk matrix.';
COMMENT ON COLUMN @extschema@.risk_register_entry.controls IS 'Controls in place or planned that reduce the risk.';
COMMENT ON COLUMN @extschema@.risk_register_entry.residual_likelihood IS
  'Likelihood with the controls, at most the inherent one; NULL until assessed (with residual_consequence).';
COMMENT ON COLUMN @extschema@.risk_register_entry.residual_consequence IS
  'Consequence with the controls, at most the inherent one; NULL until assessed (with residual_likelihood).';
COMMENT ON COLUMN @extschema@.risk_register_entry.owner_id IS 'Person who owns the risk.';
COMMENT ON COLUMN @extschema@.risk_register_entry.treatment IS 'Treatment decided: avoid, reduce, transfer or accept; NULL while undecided.';
COMMENT ON COLUMN @extschema@.risk_register_entry.status IS 'open, in_treatment, monitoring or closed.';
COMMENT ON COLUMN @extschema@.risk_register_entry.accepted_by IS 'Person who approved the acceptance (required when treatment is accept).';
COMMENT ON COLUMN @extschema@.risk_register_entry.accepted_on IS 'Date of the acceptance (required when treatment is accept).';
COMMENT ON COLUMN @extschema@.risk_register_entry.acceptance_expires_on IS
  'Date the acceptance expires (required when treatment is accept; after accepted_on, within max_acceptance_days).';
COMMENT ON COLUMN @extschema@.risk_register_entry.review_due_on IS 'Next planned review of the risk.';
COMMENT ON COLUMN @extschema@.risk_register_entry.created_at IS
  'When the risk was recorded (the change time: iec62443p2.changed_at when set, see risk_register_history).';
COMMENT ON COLUMN @extschema@.risk_register_entry.updated_at IS 'When the risk was last changed (the change time, as created_at).';

CREATE TABLE @extschema@.risk_register_history (
  organization_id       uuid NOT NULL REFERENCES @extschema@.organization (id),
  id                    uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  risk_id               uuid NOT NULL,
  change_no             bigint NOT NULL GENERATED BY DEFAULT AS IDENTITY,
  changed_at            timestamptz NOT NULL,
  changed_by            text NOT NULL,
  operation             text NOT NULL CONSTRAINT risk_register_history_operation CHECK (operation IN ('insert', 'update', 'delete')),
  code                  text NOT NULL,
  title                 text NOT NULL,
  asset_id              uuid,
  zone_id               uuid,
  threat_id             uuid,
  likelihood            smallint NOT NULL,
  consequence           smallint NOT NULL,
  inherent_level        text,
  inherent_score        numeric(8,2),
  residual_likelihood   smallint,
  residual_consequence  smallint,
  residual_level        text,
  residual_score        numeric(8,2),
  owner_id              uuid,
  treatment             text,
  status                text NOT NULL,
  accepted_by           uuid,
  accepted_on           date,
  acceptance_expires_on date,
  PRIMARY KEY (organization_id, id)
);
-- no foreign key to the register: the history outlives a deleted risk
CREATE INDEX risk_register_history_risk_idx ON @extschema@.risk_register_history (organization_id, risk_id, changed_at);
CREATE INDEX risk_register_history_changed_at_idx ON @extschema@.risk_register_history (changed_at);
COMMENT ON TABLE @extschema@.risk_register_history IS
  'Every change of a risk (insert, update of any recorded field, delete): who, when, and the risk''s state after the '
  'change with the scores of that moment; the state before is the previous row of the same risk (risk_register_change '
  'shows both).  Written by a trigger; changed_at and changed_by may be given for imports (settings '
  'iec62443p2.changed_at and iec62443p2.changed_by).';
COMMENT ON COLUMN @extschema@.risk_register_history.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.risk_register_history.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.risk_register_history.risk_id IS 'The risk (risk_register_entry.id; kept after the risk is deleted).';
COMMENT ON COLUMN @extschema@.risk_register_history.change_no IS
  'Order of recording (orders the changes of one risk made at the same time, e.g. in one transaction).';
COMMENT ON COLUMN @extschema@.risk_register_history.changed_at IS 'When the change took effect (now(), or the imported time).';
COMMENT ON COLUMN @extschema@.risk_register_history.changed_by IS 'Who changed it: the database user, or the name given for an import.';
COMMENT ON COLUMN @extschema@.risk_register_history.operation IS 'insert, update or delete.';
COMMENT ON COLUMN @extschema@.risk_register_history.code IS 'Risk code after the change.';
COMMENT ON COLUMN @extschema@.risk_register_history.title IS 'Title after the change.';
COMMENT ON COLUMN @extschema@.risk_register_history.asset_id IS 'Asset at risk after the change.';
COMMENT ON COLUMN @extschema@.risk_register_history.zone_id IS 'Zone at risk after the change.';
COMMENT ON COLUMN @extschema@.risk_register_history.threat_id IS 'Threat after the change.';
COMMENT ON COLUMN @extschema@.risk_register_history.likelihood IS 'Inherent likelihood after the change.';
COMMENT ON COLUMN @extschema@.risk_register_history.consequence IS 'Inherent consequence after the change.';
COMMENT ON COLUMN @extschema@.risk_register_history.inherent_level IS 'Inherent level, from the matrix in use at the change.';
COMMENT ON COLUMN @extschema@.risk_register_history.inherent_score IS 'Inherent score, from the matrix in use at the change.';
COMMENT ON COLUMN @extschema@.risk_register_history.residual_likelihood IS 'Residual likelihood after the change.';
COMMENT ON COLUMN @extschema@.risk_register_history.residual_consequence IS 'Residual consequence after the change.';
COMMENT ON COLUMN @extschema@.risk_register_history.residual_level IS 'Residual level at the change; NULL while not assessed.';
COMMENT ON COLUMN @extschema@.risk_register_history.residual_score IS 'Residual score at the change; NULL while not assessed.';
COMMENT ON COLUMN @extschema@.risk_register_history.owner_id IS 'Owner after the change.';
COMMENT ON COLUMN @extschema@.risk_register_history.treatment IS 'Treatment after the change.';
COMMENT ON COLUMN @extschema@.risk_register_history.status IS 'Status after the change.';
COMMENT ON COLUMN @extschema@.risk_register_history.accepted_by IS 'Approver of the acceptance after the change.';
COMMENT ON COLUMN @extschema@.risk_register_history.accepted_on IS 'Acceptance date after the change.';
COMMENT ON COLUMN @extschema@.risk_register_history.acceptance_expires_on IS 'Acceptance expiry after the change.';

-- The time and author of a change: the settings iec62443p2.changed_at and iec62443p2.changed_by
-- when a session sets them (imports of existing records), else now() and the current user.
CREATE FUNCTION @extschema@.risk_change_time()
RETURNS timestamptz
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  setting text := NULLIF(pg_catalog.current_setting('iec62443p2.changed_at', true), '');
BEGIN
  IF setting IS NULL THEN
    RETURN pg_catalog.now();
  END IF;
  BEGIN
    RETURN setting::timestamptz;
  EXCEPTION WHEN OTHERS THEN
    RAISE EXCEPTION 'invalid iec62443p2.changed_at "%": not a timestamp', setting
      USING ERRCODE = 'invalid_datetime_format';
  END;
END
$$;
COMMENT ON FUNCTION @extschema@.risk_change_time() IS
  'The time a risk change takes effect: the setting iec62443p2.changed_at when set (to import past records), '
  'else now(); an unparsable setting is an error (22007).';

CREATE FUNCTION @extschema@.risk_register_entry_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  m @extschema@.risk_matrix;
  n integer;
  k integer;
  max_days integer;
  ts timestamptz := @extschema@.risk_change_time();
  last_change timestamptz;
BEGIN
  m := @extschema@.organization_risk_matrix(NEW.organization_id);
  IF m IS NULL THEN
    RAISE EXCEPTION 'risk_register_entry %: the organisation has no risk matrix in use', NEW.code
      USING ERRCODE = 'invalid_parameter_value', HINT = 'Set organization_settings.risk_matrix_id.';
  END IF;
  n := @extschema@.risk_matrix_likelihoods(m);
  k := @extschema@.risk_matrix_consequences(m);
  IF NEW.likelihood > n OR NEW.residual_likelihood > n THEN
    RAISE EXCEPTION 'risk_register_entry %: likelihood % is outside 1..% of the organisation''s risk matrix',
      NEW.code, GREATEST(NEW.likelihood, NEW.residual_likelihood), n
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF NEW.consequence > k OR NEW.residual_consequence > k THEN
    RAISE EXCEPTION 'risk_register_entry %: consequence % is outside 1..% of the organisation''s risk matrix',
      NEW.code, GREATEST(NEW.consequence, NEW.residual_consequence), k
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF NEW.treatment = 'accept' THEN
    SELECT t.max_acceptance_days INTO max_days
    FROM @extschema@.risk_tolerance_setting t WHERE t.organization_id = NEW.organization_id;
    IF NEW.acceptance_expires_on - NEW.accepted_on > max_days THEN
      RAISE EXCEPTION 'risk_register_entry %: acceptance of % days exceeds the organisation''s maximum of % days',
        NEW.code, NEW.acceptance_expires_on - NEW.accepted_on, max_days
        USING ERRCODE = 'invalid_parameter_value';
    END IF;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    -- history is written in time order: a back-dated change may not precede the risk's last one
    SELECT pg_catalog.max(h.changed_at) INTO last_change
    FROM @extschema@.risk_register_history h
    WHERE h.organization_id = OLD.organization_id AND h.risk_id = OLD.id;
    IF ts < last_change THEN
      RAISE EXCEPTION 'risk_register_entry %: change time % is before the risk''s last recorded change %', NEW.code, ts, last_change
        USING ERRCODE = 'invalid_parameter_value', HINT = 'Import the changes of a risk in time order.';
    END IF;
    NEW.created_at := OLD.created_at;
  ELSE
    NEW.created_at := ts;
  END IF;
  NEW.updated_at := ts;
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.risk_register_entry_check() IS
  'Trigger function: likelihood and consequence within the organisation''s risk matrix, acceptance within the maximum '
  'period (22023), changes in time order; sets created_at and updated_at to the change time.';

CREATE TRIGGER risk_register_entry_check BEFORE INSERT OR UPDATE ON @extschema@.risk_register_entry
  FOR EACH ROW EXECUTE FUNCTION @extschema@.risk_register_entry_check();

CREATE FUNCTION @extschema@.risk_register_entry_record()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  r @extschema@.risk_register_entry;
  m @extschema@.risk_matrix;
  ts timestamptz := @extschema@.risk_change_time();
  who text := coalesce(NULLIF(pg_catalog.current_setting('iec62443p2.changed_by', true), ''), CURRENT_USER::text);
BEGIN
  IF TG_OP = 'DELETE' THEN
    r := OLD;
  ELSE
    r := NEW;
  END IF;
  IF TG_OP = 'UPDATE'
     AND (OLD.code, OLD.title, OLD.asset_id, OLD.zone_id, OLD.threat_id, OLD.likelihood, OLD.consequence,
          OLD.residual_likelihood, OLD.residual_consequence, OLD.owner_id, OLD.treatment, OLD.status,
          OLD.accepted_by, OLD.accepted_on, OLD.acceptance_expires_on)
         IS NOT DISTINCT FROM
         (NEW.code, NEW.title, NEW.asset_id, NEW.zone_id, NEW.threat_id, NEW.likelihood, NEW.consequence,
          NEW.residual_likelihood, NEW.residual_consequence, NEW.owner_id, NEW.treatment, NEW.status,
          NEW.accepted_by, NEW.accepted_on, NEW.acceptance_expires_on) THEN
    RETURN NULL;   -- only descriptive text changed
  END IF;
  m := @extschema@.organization_risk_matrix(r.organization_id);
  INSERT INTO @extschema@.risk_register_history
    (organization_id, risk_id, changed_at, changed_by, operation, code, title, asset_id, zone_id, threat_id,
     likelihood, consequence, inherent_level, inherent_score, residual_likelihood, residual_consequence,
     residual_level, residual_score, owner_id, treatment, status, accepted_by, accepted_on, acceptance_expires_on)
  VALUES
    (r.organization_id, r.id, ts, who, pg_catalog.lower(TG_OP), r.code, r.title, r.asset_id, r.zone_id, r.threat_id,
     r.likelihood, r.consequence,
     @extschema@.risk_level(r.likelihood, r.consequence, m), @extschema@.risk_score(r.likelihood, r.consequence, m),
     r.residual_likelihood, r.residual_consequence,
     @extschema@.risk_level(r.residual_likelihood, r.residual_consequence, m),
     @extschema@.risk_score(r.residual_likelihood, r.residual_consequence, m),
     r.owner_id, r.treatment, r.status, r.accepted_by, r.accepted_on, r.acceptance_expires_on);
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION @extschema@.risk_register_entry_record() IS
  'Trigger function: records the risk''s state after every insert, delete and update of a recorded field '
  '(scores, treatment, owner, status, acceptance, target, threat, code, title) in risk_register_history.';

-- Ordinary triggers: a restore with session_replication_role = replica restores the history as dumped.
CREATE TRIGGER risk_register_entry_record AFTER INSERT OR UPDATE OR DELETE ON @extschema@.risk_register_entry
  FOR EACH ROW EXECUTE FUNCTION @extschema@.risk_register_entry_record();

CREATE FUNCTION @extschema@.risk_register_as_of(at timestamptz)
RETURNS SETOF @extschema@.risk_register_history
LANGUAGE sql STABLE STRICT PARALLEL SAFE
AS $$
  SELECT h.*
  FROM (SELECT DISTINCT ON (x.organization_id, x.risk_id) x.*
        FROM @extschema@.risk_register_history x
        WHERE x.changed_at OPERATOR(pg_catalog.<=) $1
        ORDER BY x.organization_id, x.risk_id, x.changed_at DESC, x.change_no DESC) h
  WHERE h.operation OPERATOR(pg_catalog.<>) 'delete'::pg_catalog.text
$$;
COMMENT ON FUNCTION @extschema@.risk_register_as_of(timestamptz) IS
  'The register as it stood at the given time: for every risk recorded by then and not deleted, its last recorded '
  'state (history row) at or before that time, with the scores of that moment.';
-- Risk views (the BI contract): the register with levels as text and scores as numeric(8,2),
-- risks above tolerance, acceptance findings, the change log with old and new values, the
-- monthly trend, and zones short of their security-level target per foundational requirement.

CREATE VIEW @extschema@.risk_register WITH (security_invoker = true) AS
SELECT r.id,
       r.organization_id,
       o.code AS organization_code,
       r.code,
       r.title,
       CASE WHEN r.asset_id IS NOT NULL THEN 'asset' ELSE 'zone' END AS target_kind,
       a.tag AS asset_tag,
       a.name AS asset_name,
       z.name AS zone,
       st.code AS site_code,
       t.code AS threat_code,
       t.name AS threat,
       tc.label AS threat_category,
       r.vulnerability,
       CASE WHEN r.asset_id IS NOT NULL THEN @extschema@.asset_effective_criticality(r.organization_id, r.asset_id)
            ELSE (SELECT pg_catalog.max(@extschema@.asset_effective_criticality(x.organization_id, x.id))
                  FROM @extschema@.asset x JOIN @extschema@.lifecycle_state l ON l.code = x.lifecycle_state
                  WHERE x.organization_id = r.organization_id AND x.zone_id = r.zone_id AND l.in_operation)
       END AS effective_criticality,
       r.likelihood,
       r.consequence,
       sc.inherent_level,
       sc.inherent_score,
       r.controls,
       r.residual_likelihood,
       r.residual_consequence,
       sc.residual_level,
       sc.residual_score,
       coalesce(sc.residual_level, sc.inherent_level) AS current_level,
       coalesce(sc.residual_score, sc.inherent_score) AS current_score,
       tol.appetite_score,
       tol.tolerance_score,
       coalesce(sc.residual_score, sc.inherent_score) <= tol.appetite_score AS within_appetite,
       coalesce(sc.residual_score, sc.inherent_score) > tol.tolerance_score AS above_tolerance,
       r.treatment,
       r.status,
       ow.full_name AS owner,
       ap.full_name AS accepted_by,
       r.accepted_on,
       r.acceptance_expires_on,
       coalesce(r.treatment = 'accept' AND r.acceptance_expires_on <= CURRENT_DATE, false) AS acceptance_expired,
       r.review_due_on,
       r.created_at,
       r.updated_at
FROM @extschema@.risk_register_entry r
JOIN @extschema@.organization o ON o.id = r.organization_id
LEFT JOIN @extschema@.asset a ON a.organization_id = r.organization_id AND a.id = r.asset_id
LEFT JOIN @extschema@.zone z ON z.organization_id = r.organization_id AND z.id = coalesce(r.zone_id, a.zone_id)
LEFT JOIN @extschema@.site st ON st.organization_id = z.organization_id AND st.id = z.site_id
LEFT JOIN @extschema@.threat t ON t.organization_id = r.organization_id AND t.id = r.threat_id
LEFT JOIN @extschema@.threat_category tc ON tc.code = t.category
LEFT JOIN @extschema@.person ow ON ow.organization_id = r.organization_id AND ow.id = r.owner_id
LEFT JOIN @extschema@.person ap ON ap.organization_id = r.organization_id AND ap.id = r.accepted_by
LEFT JOIN @extschema@.risk_tolerance_setting tol ON tol.organization_id = r.organization_id
CROSS JOIN LATERAL (
  SELECT @extschema@.organization_risk_matrix(r.organization_id) AS matrix
) mx
CROSS JOIN LATERAL (
  SELECT @extschema@.risk_level(r.likelihood, r.consequence, mx.matrix) AS inherent_level,
         @extschema@.risk_score(r.likelihood, r.consequence, mx.matrix)::numeric(8,2) AS inherent_score,
         @extschema@.risk_level(r.residual_likelihood, r.residual_consequence, mx.matrix) AS residual_level,
         @extschema@.risk_score(r.residual_likelihood, r.residual_consequence, mx.matrix)::numeric(8,2) AS residual_score
) sc;
COMMENT ON VIEW @extschema@.risk_register IS
  'One row per risk: target, threat, inherent and residual risk scored with the organisation''s risk matrix in use, '
  'appetite and tolerance, treatment, owner and acceptance.';
COMMENT ON COLUMN @extschema@.risk_register.id IS 'Risk identifier.';
COMMENT ON COLUMN @extschema@.risk_register.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.risk_register.organization_code IS 'Organisation code.';
COMMENT ON COLUMN @extschema@.risk_register.code IS 'Risk code.';
COMMENT ON COLUMN @extschema@.risk_register.title IS 'Short statement of the risk.';
COMMENT ON COLUMN @extschema@.risk_register.target_kind IS 'asset or zone: what the risk is recorded on.';
COMMENT ON COLUMN @extschema@.risk_register.asset_tag IS 'Tag of the asset at risk; NULL for a zone risk.';
COMMENT ON COLUMN @extschema@.risk_register.asset_name IS 'Name of the asset at risk.';
COMMENT ON COLUMN @extschema@.risk_register.zone IS 'The zone at risk, or the zone of the asset at risk.';
COMMENT ON COLUMN @extschema@.risk_register.site_code IS 'Code of that zone''s site.';
COMMENT ON COLUMN @extschema@.risk_register.threat_code IS 'Threat code.';
COMMENT ON COLUMN @extschema@.risk_register.threat IS 'Threat name.';
COMMENT ON COLUMN @extschema@.risk_register.threat_category IS 'Threat category name.';
COMMENT ON COLUMN @extschema@.risk_register.vulnerability IS 'The weakness exploited, in words.';
COMMENT ON COLUMN @extschema@.risk_register.effective_criticality IS
  'Effective criticality (inherited along asset dependencies) of the asset, or the highest of the zone''s assets in operation.';
COMMENT ON COLUMN @extschema@.risk_register.likelihood IS 'Inherent likelihood.';
COMMENT ON COLUMN @extschema@.risk_register.consequence IS 'Inherent consequence.';
COMMENT ON COLUMN @extschema@.risk_register.inherent_level IS 'Inherent risk level (low, medium, high, critical) from the matrix in use.';
COMMENT ON COLUMN @extschema@.risk_register.inherent_score IS 'Inherent risk score from the matrix in use.';
COMMENT ON COLUMN @extschema@.risk_register.controls IS 'Controls reducing the risk.';
COMMENT ON COLUMN @extschema@.risk_register.residual_likelihood IS 'Likelihood with the controls; NULL while not assessed.';
COMMENT ON COLUMN @extschema@.risk_register.residual_consequence IS 'Consequence with the controls; NULL while not assessed.';
COMMENT ON COLUMN @extschema@.risk_register.residual_level IS 'Residual risk level; NULL while not assessed.';
COMMENT ON COLUMN @extschema@.risk_register.residual_score IS 'Residual risk score; NULL while not assessed.';
COMMENT ON COLUMN @extschema@.risk_register.current_level IS 'Residual level where assessed, else the inherent level.';
COMMENT ON COLUMN @extschema@.risk_register.current_score IS 'Residual score where assessed, else the inherent score.';
COMMENT ON COLUMN @extschema@.risk_register.appetite_score IS 'The organisation''s risk appetite (score).';
COMMENT ON COLUMN @extschema@.risk_register.tolerance_score IS 'The organisation''s risk tolerance (score).';
COMMENT ON COLUMN @extschema@.risk_register.within_appetite IS 'Current score at most the appetite.';
COMMENT ON COLUMN @extschema@.risk_register.above_tolerance IS 'Current score above the tolerance.';
COMMENT ON COLUMN @extschema@.risk_register.treatment IS 'avoid, reduce, transfer or accept; NULL while undecided.';
COMMENT ON COLUMN @extschema@.risk_register.status IS 'open, in_treatment, monitoring or closed.';
COMMENT ON COLUMN @extschema@.risk_register.owner IS 'Name of the risk owner.';
COMMENT ON COLUMN @extschema@.risk_register.accepted_by IS 'Name of the person who approved the acceptance.';
COMMENT ON COLUMN @extschema@.risk_register.accepted_on IS 'Date of the acceptance.';
COMMENT ON COLUMN @extschema@.risk_register.acceptance_expires_on IS 'Date the acceptance expires.';
COMMENT ON COLUMN @extschema@.risk_register.acceptance_expired IS 'An acceptance whose expiry date has come (today or earlier).';
COMMENT ON COLUMN @extschema@.risk_register.review_due_on IS 'Next planned review.';
COMMENT ON COLUMN @extschema@.risk_register.created_at IS 'When the risk was recorded.';
COMMENT ON COLUMN @extschema@.risk_register.updated_at IS 'When the risk was last changed.';

CREATE VIEW @extschema@.risks_above_tolerance WITH (security_invoker = true) AS
SELECT r.id,
       r.organization_id,
       r.organization_code,
       r.code,
       r.title,
       r.asset_tag,
       r.zone,
       r.site_code,
       r.effective_criticality,
       r.current_level,
       r.current_score,
       r.tolerance_score,
       (r.current_score - r.tolerance_score)::numeric(8,2) AS excess_score,
       r.treatment,
       r.status,
       r.owner,
       r.acceptance_expires_on,
       r.acceptance_expired
FROM @extschema@.risk_register r
WHERE r.above_tolerance AND r.status <> 'closed';
COMMENT ON VIEW @extschema@.risks_above_tolerance IS
  'Risks not closed whose current (residual, else inherent) score is above the organisation''s tolerance.';
COMMENT ON COLUMN @extschema@.risks_above_tolerance.id IS 'Risk identifier.';
COMMENT ON COLUMN @extschema@.risks_above_tolerance.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.risks_above_tolerance.organization_code IS 'Organisation code.';
COMMENT ON COLUMN @extschema@.risks_above_tolerance.code IS 'Risk code.';
COMMENT ON COLUMN @extschema@.risks_above_tolerance.title IS 'Short statement of the risk.';
COMMENT ON COLUMN @extschema@.risks_above_tolerance.asset_tag IS 'Tag of the asset at risk; NULL for a zone risk.';
COMMENT ON COLUMN @extschema@.risks_above_tolerance.zone IS 'The zone at risk, or the asset''s zone.';
COMMENT ON COLUMN @extschema@.risks_above_tolerance.site_code IS 'Site code of that zone.';
COMMENT ON COLUMN @extschema@.risks_above_tolerance.effective_criticality IS 'Effective criticality of the asset or zone.';
COMMENT ON COLUMN @extschema@.risks_above_tolerance.current_level IS 'Current risk level.';
COMMENT ON COLUMN @extschema@.risks_above_tolerance.current_score IS 'Current risk score.';
COMMENT ON COLUMN @extschema@.risks_above_tolerance.tolerance_score IS 'The organisation''s tolerance.';
COMMENT ON COLUMN @extschema@.risks_above_tolerance.excess_score IS 'How far the current score exceeds the tolerance.';
COMMENT ON COLUMN @extschema@.risks_above_tolerance.treatment IS 'Treatment decided, if any.';
COMMENT ON COLUMN @extschema@.risks_above_tolerance.status IS 'Status.';
COMMENT ON COLUMN @extschema@.risks_above_tolerance.owner IS 'Risk owner.';
COMMENT ON COLUMN @extschema@.risks_above_tolerance.acceptance_expires_on IS 'Acceptance expiry, for an accepted risk.';
COMMENT ON COLUMN @extschema@.risks_above_tolerance.acceptance_expired IS 'The acceptance has expired.';

CREATE VIEW @extschema@.risk_acceptance_findings WITH (security_invoker = true) AS
SELECT r.id,
       r.organization_id,
       o.code AS organization_code,
       r.code,
       r.title,
       CASE WHEN r.acceptance_expires_on <= CURRENT_DATE THEN 'expired' ELSE 'expiring' END AS finding,
       r.accepted_on,
       r.acceptance_expires_on,
       (CURRENT_DATE - r.acceptance_expires_on) AS days_past_expiry,
       ap.full_name AS accepted_by,
       ow.full_name AS owner
FROM @extschema@.risk_register_entry r
JOIN @extschema@.organization o ON o.id = r.organization_id
LEFT JOIN @extschema@.person ap ON ap.organization_id = r.organization_id AND ap.id = r.accepted_by
LEFT JOIN @extschema@.person ow ON ow.organization_id = r.organization_id AND ow.id = r.owner_id
WHERE r.treatment = 'accept' AND r.status <> 'closed' AND r.acceptance_expires_on <= CURRENT_DATE + 30;
COMMENT ON VIEW @extschema@.risk_acceptance_findings IS
  'Findings on risk acceptances of risks not closed: expired (expiry date today or earlier) or expiring within 30 days.';
COMMENT ON COLUMN @extschema@.risk_acceptance_findings.id IS 'Risk identifier.';
COMMENT ON COLUMN @extschema@.risk_acceptance_findings.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.risk_acceptance_findings.organization_code IS 'Organisation code.';
COMMENT ON COLUMN @extschema@.risk_acceptance_findings.code IS 'Risk code.';
COMMENT ON COLUMN @extschema@.risk_acceptance_findings.title IS 'Short statement of the risk.';
COMMENT ON COLUMN @extschema@.risk_acceptance_findings.finding IS 'expired or expiring (within 30 days).';
COMMENT ON COLUMN @extschema@.risk_acceptance_findings.accepted_on IS 'Date of the acceptance.';
COMMENT ON COLUMN @extschema@.risk_acceptance_findings.acceptance_expires_on IS 'Date the acceptance expires.';
COMMENT ON COLUMN @extschema@.risk_acceptance_findings.days_past_expiry IS 'Days since expiry (negative: days left).';
COMMENT ON COLUMN @extschema@.risk_acceptance_findings.accepted_by IS 'Who approved the acceptance.';
COMMENT ON COLUMN @extschema@.risk_acceptance_findings.owner IS 'Risk owner.';

CREATE VIEW @extschema@.risk_register_change WITH (security_invoker = true) AS
SELECT h.id,
       h.organization_id,
       h.risk_id,
       h.code,
       h.changed_at,
       h.changed_by,
       h.operation,
       p.inherent_score AS old_inherent_score,
       h.inherent_score AS new_inherent_score,
       p.residual_score AS old_residual_score,
       h.residual_score AS new_residual_score,
       p.treatment AS old_treatment,
       h.treatment AS new_treatment,
       po.full_name AS old_owner,
       ho.full_name AS new_owner,
       p.status AS old_status,
       h.status AS new_status,
       p.acceptance_expires_on AS old_acceptance_expires_on,
       h.acceptance_expires_on AS new_acceptance_expires_on
FROM @extschema@.risk_register_history h
LEFT JOIN LATERAL (
  SELECT x.* FROM @extschema@.risk_register_history x
  WHERE x.organization_id = h.organization_id AND x.risk_id = h.risk_id
    AND (x.changed_at, x.change_no) < (h.changed_at, h.change_no)
  ORDER BY x.changed_at DESC, x.change_no DESC
  LIMIT 1
) p ON true
LEFT JOIN @extschema@.person po ON po.organization_id = p.organization_id AND po.id = p.owner_id
LEFT JOIN @extschema@.person ho ON ho.organization_id = h.organization_id AND ho.id = h.owner_id;
COMMENT ON VIEW @extschema@.risk_register_change IS
  'One row per recorded change of a risk: who, when, and the old and new score, treatment, owner, status and acceptance expiry.';
COMMENT ON COLUMN @extschema@.risk_register_change.id IS 'History row identifier.';
COMMENT ON COLUMN @extschema@.risk_register_change.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.risk_register_change.risk_id IS 'The risk.';
COMMENT ON COLUMN @extschema@.risk_register_change.code IS 'Risk code after the change.';
COMMENT ON COLUMN @extschema@.risk_register_change.changed_at IS 'When the change took effect.';
COMMENT ON COLUMN @extschema@.risk_register_change.changed_by IS 'Who made it.';
COMMENT ON COLUMN @extschema@.risk_register_change.operation IS 'insert, update or delete.';
COMMENT ON COLUMN @extschema@.risk_register_change.old_inherent_score IS 'Inherent score before (NULL for an insert).';
COMMENT ON COLUMN @extschema@.risk_register_change.new_inherent_score IS 'Inherent score after.';
COMMENT ON COLUMN @extschema@.risk_register_change.old_residual_score IS 'Residual score before.';
COMMENT ON COLUMN @extschema@.risk_register_change.new_residual_score IS 'Residual score after.';
COMMENT ON COLUMN @extschema@.risk_register_change.old_treatment IS 'Treatment before.';
COMMENT ON COLUMN @extschema@.risk_register_change.new_treatment IS 'Treatment after.';
COMMENT ON COLUMN @extschema@.risk_register_change.old_owner IS 'Owner before.';
COMMENT ON COLUMN @extschema@.risk_register_change.new_owner IS 'Owner after.';
COMMENT ON COLUMN @extschema@.risk_register_change.old_status IS 'Status before.';
COMMENT ON COLUMN @extschema@.risk_register_change.new_status IS 'Status after.';
COMMENT ON COLUMN @extschema@.risk_register_change.old_acceptance_expires_on IS 'Acceptance expiry before.';
COMMENT ON COLUMN @extschema@.risk_register_change.new_acceptance_expires_on IS 'Acceptance expiry after.';

-- Months are UTC calendar months from the organisation's first recorded change to the current one;
-- each month is read at its end (the start of the next) with risk_register_as_of's rule.
CREATE VIEW @extschema@.risk_trend_monthly WITH (security_invoker = true) AS
WITH months AS (
  SELECT f.organization_id,
         ((f.first_month + pg_catalog.make_interval(months => k.k)) AT TIME ZONE 'UTC') AS month_start,
         ((f.first_month + pg_catalog.make_interval(months => k.k + 1)) AT TIME ZONE 'UTC') AS month_end
  FROM (SELECT h.organization_id,
               pg_catalog.date_trunc('month', pg_catalog.min(h.changed_at) AT TIME ZONE 'UTC') AS first_month
        FROM @extschema@.risk_register_history h
        GROUP BY h.organization_id) f
  CROSS JOIN LATERAL pg_catalog.generate_series(0,
      ((pg_catalog.date_part('year', pg_catalog.now() AT TIME ZONE 'UTC') - pg_catalog.date_part('year', f.first_month)) * 12
       + pg_catalog.date_part('month', pg_catalog.now() AT TIME ZONE 'UTC') - pg_catalog.date_part('month', f.first_month))::integer) AS k(k)
)
SELECT m.organization_id::text || '/' || pg_catalog.to_char(m.month_start AT TIME ZONE 'UTC', 'YYYY-MM') AS id,
       m.organization_id,
       o.code AS organization_code,
       m.month_start AS time,
       s.risks,
       s.open_risks,
       s.critical_risks,
       s.high_risks,
       s.medium_risks,
       s.low_risks,
       s.mean_current_score,
       s.above_tolerance,
       s.accepted_risks,
       c.new_risks,
       c.changes
FROM months m
JOIN @extschema@.organization o ON o.id = m.organization_id
LEFT JOIN @extschema@.risk_tolerance_setting tol ON tol.organization_id = m.organization_id
CROSS JOIN LATERAL (
  SELECT pg_catalog.count(*) AS risks,
         pg_catalog.count(*) FILTER (WHERE x.status <> 'closed') AS open_risks,
         pg_catalog.count(*) FILTER (WHERE x.status <> 'closed' AND x.current_level = 'critical') AS critical_risks,
         pg_catalog.count(*) FILTER (WHERE x.status <> 'closed' AND x.current_level = 'high') AS high_risks,
         pg_catalog.count(*) FILTER (WHERE x.status <> 'closed' AND x.current_level = 'medium') AS medium_risks,
         pg_catalog.count(*) FILTER (WHERE x.status <> 'closed' AND x.current_level = 'low') AS low_risks,
         pg_catalog.round(pg_catalog.avg(x.current_score) FILTER (WHERE x.status <> 'closed'), 2)::numeric(8,2) AS mean_current_score,
         pg_catalog.count(*) FILTER (WHERE x.status <> 'closed' AND x.current_score > tol.tolerance_score) AS above_tolerance,
         pg_catalog.count(*) FILTER (WHERE x.status <> 'closed' AND x.treatment = 'accept') AS accepted_risks
  FROM (SELECT DISTINCT ON (h.risk_id) h.status, h.treatment, h.operation,
               coalesce(h.residual_level, h.inherent_level) AS current_level,
               coalesce(h.residual_score, h.inherent_score) AS current_score
        FROM @extschema@.risk_register_history h
        WHERE h.organization_id = m.organization_id AND h.changed_at < m.month_end
        ORDER BY h.risk_id, h.changed_at DESC, h.change_no DESC) x
  WHERE x.operation <> 'delete'
) s
CROSS JOIN LATERAL (
  SELECT pg_catalog.count(*) FILTER (WHERE h.operation = 'insert') AS new_risks,
         pg_catalog.count(*) AS changes
  FROM @extschema@.risk_register_history h
  WHERE h.organization_id = m.organization_id AND h.changed_at >= m.month_start AND h.changed_at < m.month_end
) c;
COMMENT ON VIEW @extschema@.risk_trend_monthly IS
  'Risk trend: per organisation and UTC calendar month, the register as it stood at the month''s end (from the history) '
  'and the changes made during the month; above_tolerance uses today''s tolerance.';
COMMENT ON COLUMN @extschema@.risk_trend_monthly.id IS 'Organisation id / month (YYYY-MM).';
COMMENT ON COLUMN @extschema@.risk_trend_monthly.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.risk_trend_monthly.organization_code IS 'Organisation code.';
COMMENT ON COLUMN @extschema@.risk_trend_monthly.time IS 'Start of the month (UTC).';
COMMENT ON COLUMN @extschema@.risk_trend_monthly.risks IS 'Risks in the register at the month''s end, closed ones included.';
COMMENT ON COLUMN @extschema@.risk_trend_monthly.open_risks IS 'Of those, not closed.';
COMMENT ON COLUMN @extschema@.risk_trend_monthly.critical_risks IS 'Open risks whose current level was critical.';
COMMENT ON COLUMN @extschema@.risk_trend_monthly.high_risks IS 'Open risks whose current level was high.';
COMMENT ON COLUMN @extschema@.risk_trend_monthly.medium_risks IS 'Open risks whose current level was medium.';
COMMENT ON COLUMN @extschema@.risk_trend_monthly.low_risks IS 'Open risks whose current level was low.';
COMMENT ON COLUMN @extschema@.risk_trend_monthly.mean_current_score IS 'Mean current (residual, else inherent) score of the open risks.';
COMMENT ON COLUMN @extschema@.risk_trend_monthly.above_tolerance IS 'Open risks scoring above today''s tolerance.';
COMMENT ON COLUMN @extschema@.risk_trend_monthly.accepted_risks IS 'Open risks treated by acceptance.';
COMMENT ON COLUMN @extschema@.risk_trend_monthly.new_risks IS 'Risks recorded during the month.';
COMMENT ON COLUMN @extschema@.risk_trend_monthly.changes IS 'Recorded changes (inserts, updates, deletes) during the month.';

CREATE VIEW @extschema@.zone_security_level_gap WITH (security_invoker = true) AS
SELECT z.id::text || '/' || f.fr AS id,
       z.id AS zone_id,
       z.organization_id,
       o.code AS organization_code,
       s.code AS site_code,
       z.name AS zone,
       z.exposure,
       f.fr_number,
       f.fr,
       f.fr_code,
       f.fr_name,
       @extschema@.sl_fr(z.sl_target, f.fr) AS sl_target,
       @extschema@.sl_fr(z.sl_achieved, f.fr) AS sl_achieved,
       -- GREATEST ignores NULLs: an SL-A not yet assessed must give NULL, not 0
       CASE WHEN z.sl_achieved IS NOT NULL
            THEN GREATEST(@extschema@.sl_fr(z.sl_target, f.fr) - @extschema@.sl_fr(z.sl_achieved, f.fr), 0) END AS shortfall,
       @extschema@.sl_fr(z.sl_achieved, f.fr) >= @extschema@.sl_fr(z.sl_target, f.fr) AS meets_target
FROM @extschema@.zone z
JOIN @extschema@.organization o ON o.id = z.organization_id
LEFT JOIN @extschema@.site s ON s.organization_id = z.organization_id AND s.id = z.site_id
CROSS JOIN (VALUES
  (1, 'FR1', 'IAC', 'Identification and authentication control'),
  (2, 'FR2', 'UC', 'Use control'),
  (3, 'FR3', 'SI', 'System integrity'),
  (4, 'FR4', 'DC', 'Data confidentiality'),
  (5, 'FR5', 'RDF', 'Restricted data flow'),
  (6, 'FR6', 'TRE', 'Timely response to events'),
  (7, 'FR7', 'RA', 'Resource availability')
) AS f (fr_number, fr, fr_code, fr_name)
WHERE z.sl_target IS NOT NULL;
COMMENT ON VIEW @extschema@.zone_security_level_gap IS
  'One row per zone with a target and foundational requirement: SL-T, SL-A and the shortfall (zones short of target '
  'on an FR have shortfall > 0; SL-A not yet assessed gives NULL).';
COMMENT ON COLUMN @extschema@.zone_security_level_gap.id IS 'Zone id / FR (e.g. ...-.../FR3).';
COMMENT ON COLUMN @extschema@.zone_security_level_gap.zone_id IS 'Zone identifier.';
COMMENT ON COLUMN @extschema@.zone_security_level_gap.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.zone_security_level_gap.organization_code IS 'Organisation code.';
COMMENT ON COLUMN @extschema@.zone_security_level_gap.site_code IS 'Site code; NULL for a zone spanning sites.';
COMMENT ON COLUMN @extschema@.zone_security_level_gap.zone IS 'Zone name.';
COMMENT ON COLUMN @extschema@.zone_security_level_gap.exposure IS 'Exposure class of the zone.';
COMMENT ON COLUMN @extschema@.zone_security_level_gap.fr_number IS 'Foundational requirement number 1..7.';
COMMENT ON COLUMN @extschema@.zone_security_level_gap.fr IS 'FR1..FR7.';
COMMENT ON COLUMN @extschema@.zone_security_level_gap.fr_code IS 'IAC, UC, SI, DC, RDF, TRE or RA.';
COMMENT ON COLUMN @extschema@.zone_security_level_gap.fr_name IS 'Name of the foundational requirement.';
COMMENT ON COLUMN @extschema@.zone_security_level_gap.sl_target IS 'Target level SL-T on this FR (0..4).';
COMMENT ON COLUMN @extschema@.zone_security_level_gap.sl_achieved IS 'Achieved level SL-A on this FR; NULL until assessed.';
COMMENT ON COLUMN @extschema@.zone_security_level_gap.shortfall IS 'Levels SL-A falls short of SL-T (0 where met); NULL until assessed.';
COMMENT ON COLUMN @extschema@.zone_security_level_gap.meets_target IS 'SL-A reaches SL-T on this FR; NULL until assessed.';

INSERT INTO @extschema@.object_access_class (object_name, object_class, reader_hidden_columns) VALUES
  ('threat_category', 'catalog', '{}'),
  ('threat', 'program', '{}'),
  ('risk_tolerance_default', 'catalog', '{}'),
  ('risk_tolerance_setting', 'program', '{}'),
  ('risk_register_entry', 'program', '{}'),
  ('risk_register_history', 'program', '{}'),
  ('risk_register', 'view', '{}'),
  ('risks_above_tolerance', 'view', '{}'),
  ('risk_acceptance_findings', 'view', '{}'),
  ('risk_register_change', 'view', '{}'),
  ('risk_trend_monthly', 'view', '{}'),
  ('zone_security_level_gap', 'view', '{}');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.threat', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.risk_tolerance_setting', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.risk_register_entry', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.risk_register_history', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.risk_register_history_change_no_seq', '');

-- The seed's risk metrics per organisation, computed from the register and its history.
CREATE VIEW @extschema@.risk_kpis WITH (security_invoker = true) AS
SELECT o.id,
       o.code AS organization_code,
       r.risks,
       r.open_risks,
       c.critical_assets,
       c.critical_assets_assessed,
       CASE WHEN c.critical_assets > 0
            THEN pg_catalog.round(100.0 * c.critical_assets_assessed / c.critical_assets, 1) END::numeric(5,1)
         AS assessment_coverage_percent,
       h.risks_reviewed_12_months,
       CASE WHEN r.open_risks > 0
            THEN pg_catalog.round(100.0 * h.open_risks_reviewed_12_months / r.open_risks, 1) END::numeric(5,1)
         AS reviewed_12_months_percent,
       r.treated_risks,
       r.treatment_effectiveness_percent,
       r.mean_inherent_score,
       r.mean_residual_score,
       r.above_tolerance,
       r.within_appetite,
       r.expired_acceptances
FROM @extschema@.organization o
CROSS JOIN LATERAL (
  SELECT pg_catalog.count(*) AS risks,
         pg_catalog.count(*) FILTER (WHERE x.status <> 'closed') AS open_risks,
         pg_catalog.count(*) FILTER (WHERE x.status <> 'closed' AND x.residual_score IS NOT NULL) AS treated_risks,
         pg_catalog.round(100 * pg_catalog.avg((x.inherent_score - x.residual_score) / x.inherent_score)
                          FILTER (WHERE x.residual_score IS NOT NULL AND x.inherent_score > 0), 1)::numeric(5,1)
           AS treatment_effectiveness_percent,
         pg_catalog.round(pg_catalog.avg(x.inherent_score) FILTER (WHERE x.status <> 'closed'), 2)::numeric(8,2) AS mean_inherent_score,
         pg_catalog.round(pg_catalog.avg(x.current_score) FILTER (WHERE x.status <> 'closed'), 2)::numeric(8,2) AS mean_residual_score,
         pg_catalog.count(*) FILTER (WHERE x.status <> 'closed' AND x.above_tolerance) AS above_tolerance,
         pg_catalog.count(*) FILTER (WHERE x.status <> 'closed' AND x.within_appetite) AS within_appetite,
         pg_catalog.count(*) FILTER (WHERE x.status <> 'closed' AND x.acceptance_expired) AS expired_acceptances
  FROM @extschema@.risk_register x
  WHERE x.organization_id = o.id
) r
CROSS JOIN LATERAL (
  SELECT pg_catalog.count(*) FILTER (WHERE e.effective_criticality >= 4) AS critical_assets,
         pg_catalog.count(*) FILTER (WHERE e.effective_criticality >= 4 AND EXISTS (
           SELECT 1 FROM @extschema@.risk_register_entry x
           WHERE x.organization_id = a.organization_id AND x.status <> 'closed'
             AND (x.asset_id = a.id OR x.zone_id = a.zone_id))) AS critical_assets_assessed
  FROM @extschema@.asset_effective_criticality e
  JOIN @extschema@.asset a ON a.organization_id = e.organization_id AND a.id = e.id
  JOIN @extschema@.lifecycle_state l ON l.code = a.lifecycle_state
  WHERE e.organization_id = o.id AND l.in_operation
) c
CROSS JOIN LATERAL (
  SELECT pg_catalog.count(DISTINCT y.risk_id) AS risks_reviewed_12_months,
         pg_catalog.count(DISTINCT y.risk_id) FILTER (WHERE x.status <> 'closed') AS open_risks_reviewed_12_months
  FROM @extschema@.risk_register_history y
  LEFT JOIN @extschema@.risk_register_entry x ON x.organization_id = y.organization_id AND x.id = y.risk_id
  WHERE y.organization_id = o.id AND y.changed_at > pg_catalog.now() - '365 days'::interval
) h
WHERE EXISTS (SELECT 1 FROM @extschema@.organization_role ro WHERE ro.organization_id = o.id AND ro.role = 'asset_owner')
   OR r.risks > 0;
COMMENT ON VIEW @extschema@.risk_kpis IS
  'Risk metrics per organisation (asset owners and any organisation with risks): assessment coverage and frequency, '
  'treatment effectiveness, inherent and residual levels, appetite and tolerance, expired acceptances.';
COMMENT ON COLUMN @extschema@.risk_kpis.id IS 'Organisation identifier.';
COMMENT ON COLUMN @extschema@.risk_kpis.organization_code IS 'Organisation code.';
COMMENT ON COLUMN @extschema@.risk_kpis.risks IS 'Risks in the register, closed ones included.';
COMMENT ON COLUMN @extschema@.risk_kpis.open_risks IS 'Risks not closed.';
COMMENT ON COLUMN @extschema@.risk_kpis.critical_assets IS 'Assets in operation with effective criticality 4 or 5.';
COMMENT ON COLUMN @extschema@.risk_kpis.critical_assets_assessed IS
  'Of those, covered by an open risk on the asset or on its zone.';
COMMENT ON COLUMN @extschema@.risk_kpis.assessment_coverage_percent IS
  'Risk assessment coverage: critical_assets_assessed / critical_assets, in percent; NULL without critical assets.';
COMMENT ON COLUMN @extschema@.risk_kpis.risks_reviewed_12_months IS 'Risks recorded or changed in the last 365 days (assessment frequency).';
COMMENT ON COLUMN @extschema@.risk_kpis.reviewed_12_months_percent IS 'Open risks recorded or changed in the last 365 days, in percent of open risks.';
COMMENT ON COLUMN @extschema@.risk_kpis.treated_risks IS 'Open risks with an assessed residual risk.';
COMMENT ON COLUMN @extschema@.risk_kpis.treatment_effectiveness_percent IS
  'Treatment effectiveness: mean reduction of the score from inherent to residual, in percent, over risks with a residual.';
COMMENT ON COLUMN @extschema@.risk_kpis.mean_inherent_score IS 'Mean inherent score of the open risks.';
COMMENT ON COLUMN @extschema@.risk_kpis.mean_residual_score IS 'Mean current (residual, else inherent) score of the open risks: the residual risk level.';
COMMENT ON COLUMN @extschema@.risk_kpis.above_tolerance IS 'Open risks above tolerance.';
COMMENT ON COLUMN @extschema@.risk_kpis.within_appetite IS 'Open risks within appetite.';
COMMENT ON COLUMN @extschema@.risk_kpis.expired_acceptances IS 'Open risks whose acceptance has expired.';

INSERT INTO @extschema@.object_access_class (object_name, object_class, reader_hidden_columns) VALUES
  ('risk_kpis', 'view', '{}');
-- Supplier audits: the interval between audits by risk level (data), audits, findings with their
-- corrective actions, due dates and verification, and the compliance check: an organisation
-- tolerates a number of open findings per severity (the seed's critical 0, high 5, medium 10);
-- past it, check_supplier_compliance writes one supplier_compliance_alert and sends NOTIFY on
-- channel iec62443p2_supplier_compliance.

CREATE TABLE @extschema@.supplier_audit_interval_default (
  settings_profile text NOT NULL REFERENCES @extschema@.settings_profile (code),
  risk_level       text NOT NULL CONSTRAINT supplier_audit_interval_default_level CHECK (risk_level IN ('low', 'medium', 'high', 'critical')),
  months           smallint NOT NULL CONSTRAINT supplier_audit_interval_default_months CHECK (months BETWEEN 1 AND 120),
  PRIMARY KEY (settings_profile, risk_level)
);
COMMENT ON TABLE @extschema@.supplier_audit_interval_default IS
  'Shipped catalogue: months between supplier audits by risk level (product default: critical 6, high 12, medium 24, '
  'low 36; the seed asks for regular audits and reports critical suppliers audited annually), copied into '
  'supplier_audit_interval_setting.';
COMMENT ON COLUMN @extschema@.supplier_audit_interval_default.settings_profile IS 'The settings profile.';
COMMENT ON COLUMN @extschema@.supplier_audit_interval_default.risk_level IS 'Supplier risk level.';
COMMENT ON COLUMN @extschema@.supplier_audit_interval_default.months IS 'Months from one audit to the next.';
INSERT INTO @extschema@.supplier_audit_interval_default (settings_profile, risk_level, months) VALUES
  ('default', 'critical', 6), ('default', 'high', 12), ('default', 'medium', 24), ('default', 'low', 36);

CREATE TABLE @extschema@.supplier_finding_threshold_default (
  settings_profile text NOT NULL REFERENCES @extschema@.settings_profile (code),
  severity         text NOT NULL CONSTRAINT supplier_finding_threshold_default_severity CHECK (severity IN ('critical', 'high', 'medium')),
  tolerated        integer NOT NULL CONSTRAINT supplier_finding_threshold_default_tolerated CHECK (tolerated >= 0),
  PRIMARY KEY (settings_profile, severity)
);
COMMENT ON TABLE @extschema@.supplier_finding_threshold_default IS
  'Shipped catalogue: open supplier findings tolerated per severity before a compliance alert (the seed''s '
  'compliance monitor: critical 0, high 5, medium 10), copied into supplier_finding_threshold_setting.';
COMMENT ON COLUMN @extschema@.supplier_finding_threshold_default.settings_profile IS 'The settings profile.';
COMMENT ON COLUMN @extschema@.supplier_finding_threshold_default.severity IS 'Finding severity.';
COMMENT ON COLUMN @extschema@.supplier_finding_threshold_default.tolerated IS 'Open findings of this severity tolerated; one more raises an alert.';
INSERT INTO @extschema@.supplier_finding_threshold_default (settings_profile, severity, tolerated) VALUES
  ('default', 'critical', 0), ('default', 'high', 5), ('default', 'medium', 10);

CREATE TABLE @extschema@.supplier_audit_interval_setting (
  organization_id uuid NOT NULL REFERENCES @extschema@.organization (id),
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  risk_level      text NOT NULL CONSTRAINT supplier_audit_interval_setting_level CHECK (risk_level IN ('low', 'medium', 'high', 'critical')),
  months          smallint NOT NULL CONSTRAINT supplier_audit_interval_setting_months CHECK (months BETWEEN 1 AND 120),
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, risk_level)
);
COMMENT ON TABLE @extschema@.supplier_audit_interval_setting IS
  'An organisation''s months between supplier audits by risk level (copied from supplier_audit_interval_default).';
COMMENT ON COLUMN @extschema@.supplier_audit_interval_setting.organization_id IS 'The organisation.';
COMMENT ON COLUMN @extschema@.supplier_audit_interval_setting.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.supplier_audit_interval_setting.risk_level IS 'Supplier risk level.';
COMMENT ON COLUMN @extschema@.supplier_audit_interval_setting.months IS 'Months from one audit to the next.';

CREATE TABLE @extschema@.supplier_finding_threshold_setting (
  organization_id uuid NOT NULL REFERENCES @extschema@.organization (id),
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  severity        text NOT NULL CONSTRAINT supplier_finding_threshold_setting_severity CHECK (severity IN ('critical', 'high', 'medium')),
  tolerated       integer NOT NULL CONSTRAINT supplier_finding_threshold_setting_tolerated CHECK (tolerated >= 0),
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, severity)
);
COMMENT ON TABLE @extschema@.supplier_finding_threshold_setting IS
  'An organisation''s open supplier findings tolerated per severity (copied from supplier_finding_threshold_default).';
COMMENT ON COLUMN @extschema@.supplier_finding_threshold_setting.organization_id IS 'The organisation.';
COMMENT ON COLUMN @extschema@.supplier_finding_threshold_setting.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.supplier_finding_threshold_setting.severity IS 'Finding severity.';
COMMENT ON COLUMN @extschema@.supplier_finding_threshold_setting.tolerated IS 'Open findings of this severity tolerated; one more raises an alert.';

CREATE TABLE @extschema@.supplier_audit (
  organization_id uuid NOT NULL,
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  supplier_id     uuid NOT NULL,
  reference       text NOT NULL CONSTRAINT supplier_audit_reference_not_blank CHECK (pg_catalog.btrim(reference) <> ''),
  planned_on      date NOT NULL,
  performed_on    date,
  lead_auditor_id uuid,
  result          text CONSTRAINT supplier_audit_result CHECK (result IN ('passed', 'passed_with_findings', 'failed')),
  scope           text,
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, reference),
  CONSTRAINT supplier_audit_result_when_performed CHECK (result IS NULL OR performed_on IS NOT NULL),
  FOREIGN KEY (organization_id, supplier_id) REFERENCES @extschema@.supplier (organization_id, id),
  FOREIGN KEY (organization_id, lead_auditor_id) REFERENCES @extschema@.person (organization_id, id)
);
CREATE INDEX supplier_audit_supplier_idx ON @extschema@.supplier_audit (organization_id, supplier_id, performed_on);
CREATE INDEX supplier_audit_lead_auditor_idx ON @extschema@.supplier_audit (organization_id, lead_auditor_id);
COMMENT ON TABLE @extschema@.supplier_audit IS 'Supplier security audits, planned and performed.';
COMMENT ON COLUMN @extschema@.supplier_audit.organization_id IS 'The auditing organisation.';
COMMENT ON COLUMN @extschema@.supplier_audit.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.supplier_audit.supplier_id IS 'The supplier audited.';
COMMENT ON COLUMN @extschema@.supplier_audit.reference IS 'Audit reference, unique within the organisation.';
COMMENT ON COLUMN @extschema@.supplier_audit.planned_on IS 'Date planned.';
COMMENT ON COLUMN @extschema@.supplier_audit.performed_on IS 'Date performed; NULL while only planned.';
COMMENT ON COLUMN @extschema@.supplier_audit.lead_auditor_id IS 'Lead auditor.';
COMMENT ON COLUMN @extschema@.supplier_audit.result IS 'passed, passed_with_findings or failed; NULL until performed.';
COMMENT ON COLUMN @extschema@.supplier_audit.scope IS 'What was audited.';

CREATE TABLE @extschema@.supplier_audit_finding (
  organization_id   uuid NOT NULL,
  id                uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  audit_id          uuid NOT NULL,
  supplier_id       uuid NOT NULL,
  severity          text NOT NULL CONSTRAINT supplier_audit_finding_severity CHECK (severity IN ('critical', 'high', 'medium', 'low')),
  title             text NOT NULL CONSTRAINT supplier_audit_finding_title_not_blank CHECK (pg_catalog.btrim(title) <> ''),
  corrective_action text,
  due_on            date,
  closed_on         date,
  verified_on       date,
  verified_by       uuid,
  PRIMARY KEY (organization_id, id),
  CONSTRAINT supplier_audit_finding_verified_after_closed
    CHECK (verified_on IS NULL OR (closed_on IS NOT NULL AND verified_on >= closed_on)),
  CONSTRAINT supplier_audit_finding_verifier CHECK ((verified_on IS NULL) = (verified_by IS NULL)),
  FOREIGN KEY (organization_id, audit_id) REFERENCES @extschema@.supplier_audit (organization_id, id),
  FOREIGN KEY (organization_id, supplier_id) REFERENCES @extschema@.supplier (organization_id, id),
  FOREIGN KEY (organization_id, verified_by) REFERENCES @extschema@.person (organization_id, id)
);
CREATE INDEX supplier_audit_finding_audit_idx ON @extschema@.supplier_audit_finding (organization_id, audit_id);
CREATE INDEX supplier_audit_finding_supplier_idx ON @extschema@.supplier_audit_finding (organization_id, supplier_id, severity)
  WHERE closed_on IS NULL;
CREATE INDEX supplier_audit_finding_supplier_all_idx ON @extschema@.supplier_audit_finding (organization_id, supplier_id);
CREATE INDEX supplier_audit_finding_verified_by_idx ON @extschema@.supplier_audit_finding (organization_id, verified_by);
COMMENT ON TABLE @extschema@.supplier_audit_finding IS
  'Findings of supplier audits and their corrective actions: due date, closure, verification.  A finding is open '
  'until closed_on is set.';
COMMENT ON COLUMN @extschema@.supplier_audit_finding.organization_id IS 'The auditing organisation.';
COMMENT ON COLUMN @extschema@.supplier_audit_finding.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.supplier_audit_finding.audit_id IS 'The audit that found it.';
COMMENT ON COLUMN @extschema@.supplier_audit_finding.supplier_id IS 'The supplier (the audit''s; checked).';
COMMENT ON COLUMN @extschema@.supplier_audit_finding.severity IS 'critical, high, medium or low.';
COMMENT ON COLUMN @extschema@.supplier_audit_finding.title IS 'What was found.';
COMMENT ON COLUMN @extschema@.supplier_audit_finding.corrective_action IS 'The corrective action agreed.';
COMMENT ON COLUMN @extschema@.supplier_audit_finding.due_on IS 'When the corrective action is due.';
COMMENT ON COLUMN @extschema@.supplier_audit_finding.closed_on IS 'When the supplier reported it done; NULL while open.';
COMMENT ON COLUMN @extschema@.supplier_audit_finding.verified_on IS 'When the closure was verified.';
COMMENT ON COLUMN @extschema@.supplier_audit_finding.verified_by IS 'Person who verified the closure.';

CREATE TABLE @extschema@.supplier_compliance_alert (
  organization_id uuid NOT NULL,
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  supplier_id     uuid NOT NULL,
  severity        text NOT NULL CONSTRAINT supplier_compliance_alert_severity CHECK (severity IN ('critical', 'high', 'medium')),
  open_findings   integer NOT NULL,
  tolerated       integer NOT NULL,
  raised_at       timestamptz NOT NULL DEFAULT pg_catalog.now(),
  acknowledged_by uuid,
  acknowledged_at timestamptz,
  PRIMARY KEY (organization_id, id),
  CONSTRAINT supplier_compliance_alert_over CHECK (open_findings > tolerated),
  CONSTRAINT supplier_compliance_alert_acknowledged CHECK ((acknowledged_by IS NULL) = (acknowledged_at IS NULL)),
  FOREIGN KEY (organization_id, supplier_id) REFERENCES @extschema@.supplier (organization_id, id),
  FOREIGN KEY (organization_id, acknowledged_by) REFERENCES @extschema@.person (organization_id, id)
);
-- one open alert per supplier and severity
CREATE UNIQUE INDEX supplier_compliance_alert_open_idx
  ON @extschema@.supplier_compliance_alert (organization_id, supplier_id, severity) WHERE acknowledged_at IS NULL;
CREATE INDEX supplier_compliance_alert_supplier_idx ON @extschema@.supplier_compliance_alert (organization_id, supplier_id);
CREATE INDEX supplier_compliance_alert_acknowledged_by_idx ON @extschema@.supplier_compliance_alert (organization_id, acknowledged_by);
COMMENT ON TABLE @extschema@.supplier_compliance_alert IS
  'A supplier with more open findings of a severity than the organisation tolerates (supplier_finding_threshold_setting); '
  'at most one unacknowledged alert per supplier and severity.  Listeners of NOTIFY iec62443p2_supplier_compliance read '
  'the unacknowledged rows.';
COMMENT ON COLUMN @extschema@.supplier_compliance_alert.organization_id IS 'The auditing organisation.';
COMMENT ON COLUMN @extschema@.supplier_compliance_alert.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.supplier_compliance_alert.supplier_id IS 'The supplier.';
COMMENT ON COLUMN @extschema@.supplier_compliance_alert.severity IS 'Finding severity over its threshold.';
COMMENT ON COLUMN @extschema@.supplier_compliance_alert.open_findings IS 'Open findings of that severity when raised.';
COMMENT ON COLUMN @extschema@.supplier_compliance_alert.tolerated IS 'Threshold in force when raised.';
COMMENT ON COLUMN @extschema@.supplier_compliance_alert.raised_at IS 'When raised.';
COMMENT ON COLUMN @extschema@.supplier_compliance_alert.acknowledged_by IS 'Person who acknowledged it; NULL while open.';
COMMENT ON COLUMN @extschema@.supplier_compliance_alert.acknowledged_at IS 'When acknowledged; NULL while open.';

CREATE FUNCTION @extschema@.check_supplier_compliance(organization_id uuid, supplier_id uuid DEFAULT NULL)
RETURNS integer
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
  raised record;
  n integer := 0;
BEGIN
  IF organization_id IS NULL THEN
    RAISE EXCEPTION 'check_supplier_compliance: organization_id is required' USING ERRCODE = 'null_value_not_allowed';
  END IF;
  FOR raised IN
    INSERT INTO @extschema@.supplier_compliance_alert (organization_id, supplier_id, severity, open_findings, tolerated)
    SELECT f.organization_id, f.supplier_id, f.severity, pg_catalog.count(*)::integer,
           coalesce(t.tolerated, d.tolerated)
    FROM @extschema@.supplier_audit_finding f
    JOIN @extschema@.supplier_finding_threshold_default d ON d.settings_profile = 'default' AND d.severity = f.severity
    LEFT JOIN @extschema@.supplier_finding_threshold_setting t
      ON t.organization_id = f.organization_id AND t.severity = f.severity
    WHERE f.organization_id = check_supplier_compliance.organization_id
      AND (check_supplier_compliance.supplier_id IS NULL OR f.supplier_id = check_supplier_compliance.supplier_id)
      AND f.closed_on IS NULL
    GROUP BY f.organization_id, f.supplier_id, f.severity, t.tolerated, d.tolerated
    HAVING pg_catalog.count(*) > coalesce(t.tolerated, d.tolerated)
    ORDER BY f.supplier_id, f.severity
    ON CONFLICT (organization_id, supplier_id, severity) WHERE acknowledged_at IS NULL DO NOTHING
    RETURNING supplier_compliance_alert.id, supplier_compliance_alert.supplier_id, supplier_compliance_alert.severity,
              supplier_compliance_alert.open_findings, supplier_compliance_alert.tolerated
  LOOP
    n := n + 1;
    PERFORM pg_catalog.pg_notify('iec62443p2_supplier_compliance', pg_catalog.json_build_object(
      'alert_id', raised.id,
      'organization_id', check_supplier_compliance.organization_id,
      'supplier_id', raised.supplier_id,
      'supplier', (SELECT o.code FROM @extschema@.supplier s JOIN @extschema@.organization o ON o.id = s.supplier_org_id
                   WHERE s.organization_id = check_supplier_compliance.organization_id AND s.id = raised.supplier_id),
      'severity', raised.severity,
      'open_findings', raised.open_findings,
      'tolerated', raised.tolerated)::text);
  END LOOP;
  RETURN n;
END
$$;
COMMENT ON FUNCTION @extschema@.check_supplier_compliance(uuid, uuid) IS
  'Compares each supplier''s open findings per severity with the organisation''s thresholds '
  '(supplier_finding_threshold_setting, else the shipped ones) and, where over and no alert is open for it, writes '
  'a supplier_compliance_alert and sends NOTIFY iec62443p2_supplier_compliance (JSON: supplier, severity, '
  'open_findings, tolerated).  One supplier or (NULL) all; returns the number of alerts raised.  Findings call it.';

CREATE FUNCTION @extschema@.supplier_finding_after()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM @extschema@.supplier_audit a
                 WHERE a.organization_id = NEW.organization_id AND a.id = NEW.audit_id AND a.supplier_id = NEW.supplier_id) THEN
    RAISE EXCEPTION 'supplier_audit_finding: supplier % is not the supplier of audit %', NEW.supplier_id, NEW.audit_id
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  PERFORM @extschema@.check_supplier_compliance(NEW.organization_id, NEW.supplier_id);
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION @extschema@.supplier_finding_after() IS
  'Trigger function: a finding belongs to its audit''s supplier (23503); runs check_supplier_compliance for it.';
CREATE TRIGGER supplier_audit_finding_compliance AFTER INSERT OR UPDATE
  ON @extschema@.supplier_audit_finding FOR EACH ROW EXECUTE FUNCTION @extschema@.supplier_finding_after();

INSERT INTO @extschema@.object_access_class (object_name, object_class, reader_hidden_columns) VALUES
  ('supplier_audit_interval_default', 'catalog', '{}'),
  ('supplier_finding_threshold_default', 'catalog', '{}'),
  ('supplier_audit_interval_setting', 'program', '{}'),
  ('supplier_finding_threshold_setting', 'program', '{}'),
  ('supplier_audit', 'program', '{}'),
  ('supplier_audit_finding', 'program', '{}'),
  ('supplier_compliance_alert', 'program', '{}');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.supplier_audit_interval_setting', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.supplier_finding_threshold_setting', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.supplier_audit', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.supplier_audit_finding', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.supplier_compliance_alert', '');
-- Supplier incidents: security incidents at or caused by a supplier, with the times they
-- occurred, were detected, responded to and resolved (the seed's incident frequency and response
-- time are computed from these, never typed in).

CREATE TABLE @extschema@.supplier_incident (
  organization_id uuid NOT NULL,
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  supplier_id     uuid NOT NULL,
  title           text NOT NULL CONSTRAINT supplier_incident_title_not_blank CHECK (pg_catalog.btrim(title) <> ''),
  severity        text NOT NULL CONSTRAINT supplier_incident_severity CHECK (severity IN ('critical', 'high', 'medium', 'low')),
  occurred_at     timestamptz,
  detected_at     timestamptz NOT NULL,
  responded_at    timestamptz,
  resolved_at     timestamptz,
  notified_by_supplier boolean NOT NULL DEFAULT false,
  description     text,
  PRIMARY KEY (organization_id, id),
  CONSTRAINT supplier_incident_detected_after_occurred CHECK (occurred_at IS NULL OR detected_at >= occurred_at),
  CONSTRAINT supplier_incident_responded_after_detected CHECK (responded_at IS NULL OR responded_at >= detected_at),
  CONSTRAINT supplier_incident_resolved_after_responded
    CHECK (resolved_at IS NULL OR (responded_at IS NOT NULL AND resolved_at >= responded_at)),
  FOREIGN KEY (organization_id, supplier_id) REFERENCES @extschema@.supplier (organization_id, id)
);
CREATE INDEX supplier_incident_supplier_idx ON @extschema@.supplier_incident (organization_id, supplier_id, detected_at);
COMMENT ON TABLE @extschema@.supplier_incident IS
  'Security incidents involving a supplier, with occurred, detected, responded and resolved times.';
COMMENT ON COLUMN @extschema@.supplier_incident.organization_id IS 'The organisation affected.';
COMMENT ON COLUMN @extschema@.supplier_incident.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.supplier_incident.supplier_id IS 'The supplier involved.';
COMMENT ON COLUMN @extschema@.supplier_incident.title IS 'Short description.';
COMMENT ON COLUMN @extschema@.supplier_incident.severity IS 'critical, high, medium or low.';
COMMENT ON COLUMN @extschema@.supplier_incident.occurred_at IS 'When it occurred, if known.';
COMMENT ON COLUMN @extschema@.supplier_incident.detected_at IS 'When it was detected.';
COMMENT ON COLUMN @extschema@.supplier_incident.responded_at IS 'When the response started; NULL until then.';
COMMENT ON COLUMN @extschema@.supplier_incident.resolved_at IS 'When it was resolved; NULL until then (needs responded_at).';
COMMENT ON COLUMN @extschema@.supplier_incident.notified_by_supplier IS 'Whether the supplier notified it (the breach notification clause at work).';
COMMENT ON COLUMN @extschema@.supplier_incident.description IS 'What happened.';

INSERT INTO @extschema@.object_access_class (object_name, object_class, reader_hidden_columns) VALUES
  ('supplier_incident', 'program', '{}');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.supplier_incident', '');
-- Supplier views read by analysts and BI tools: the scorecard (one row per supplier), the risk
-- level changes, and the seed's supplier metrics now and by month.  After the supplier tables
-- (500-530), so the scorecard can show the next audit.

CREATE VIEW @extschema@.supplier_scorecard WITH (security_invoker = true) AS
SELECT s.id,
       s.organization_id,
       ow.code AS organization,
       o.code AS supplier_code,
       o.name AS supplier,
       (SELECT pg_catalog.string_agg(DISTINCT r.relationship, ', ')
          FROM @extschema@.organization_relationship r
         WHERE r.organization_id = s.organization_id AND r.counterpart_id = s.supplier_org_id) AS relationships,
       s.annual_spend::numeric(14,2) AS annual_spend,
       s.currency,
       k.criticality,
       la.assessed_at AS last_assessed_at,
       (SELECT pg_catalog.count(*) FROM @extschema@.supplier_assessment x
         WHERE x.organization_id = s.organization_id AND x.supplier_id = s.id AND x.status = 'completed')::integer AS assessments,
       cs.policy, cs.controls, cs.incidents, cs.compliance, cs.improvement,
       la.security_score::numeric(4,2) AS security_score,
       la.risk_score::numeric(3,1) AS risk_score,
       la.risk_level,
       pa.risk_score::numeric(3,1) AS previous_risk_score,
       pa.risk_level AS previous_risk_level,
       (la.risk_score - pa.risk_score)::numeric(3,1) AS risk_score_change,
       CASE WHEN la.id IS NULL THEN NULL
            WHEN pa.id IS NULL THEN 'new'
            WHEN la.risk_score < pa.risk_score THEN 'improving'
            WHEN la.risk_score > pa.risk_score THEN 'worsening'
            ELSE 'stable' END AS trend,
       (SELECT pg_catalog.count(*) FROM @extschema@.supplier_contract_gaps g
         WHERE g.organization_id = s.organization_id AND g.supplier_id = s.id)::integer AS contract_gaps,
       (SELECT pg_catalog.count(*) FROM @extschema@.supplier_risk_alert a
         WHERE a.organization_id = s.organization_id AND a.supplier_id = s.id AND a.acknowledged_at IS NULL)::integer AS open_alerts,
       au.last_audit_on,
       CASE WHEN la.risk_level IS NOT NULL
            THEN coalesce((au.last_audit_on + pg_catalog.make_interval(months => iv.months))::date,
                          (la.assessed_at AT TIME ZONE 'UTC')::date) END AS next_audit_due,
       au.next_audit_planned_on,
       coalesce(la.risk_level IS NOT NULL
                AND (au.last_audit_on IS NULL
                     OR (au.last_audit_on + pg_catalog.make_interval(months => iv.months))::date < CURRENT_DATE), false) AS audit_due,
       fi.open_findings,
       fi.overdue_findings,
       (SELECT pg_catalog.count(*) FROM @extschema@.supplier_incident i
         WHERE i.organization_id = s.organization_id AND i.supplier_id = s.id
           AND i.detected_at >= pg_catalog.now() - INTERVAL '365 days')::integer AS incidents_last_12_months,
       cs.criterion_scores
FROM @extschema@.supplier s
JOIN @extschema@.organization o ON o.id = s.supplier_org_id
JOIN @extschema@.organization ow ON ow.id = s.organization_id
JOIN @extschema@.supplier_criticality k ON k.organization_id = s.organization_id AND k.id = s.id
LEFT JOIN LATERAL (
  SELECT x.* FROM @extschema@.supplier_assessment x
  WHERE x.organization_id = s.organization_id AND x.supplier_id = s.id AND x.status = 'completed'
  ORDER BY x.assessed_at DESC, x.completed_at DESC, x.id DESC LIMIT 1) la ON true
LEFT JOIN LATERAL (
  SELECT x.* FROM @extschema@.supplier_assessment x
  WHERE x.organization_id = s.organization_id AND x.supplier_id = s.id AND x.status = 'completed' AND x.id <> la.id
    AND (x.assessed_at, x.completed_at, x.id) < (la.assessed_at, la.completed_at, la.id)
  ORDER BY x.assessed_at DESC, x.completed_at DESC, x.id DESC LIMIT 1) pa ON true
LEFT JOIN LATERAL (
  SELECT pg_catalog.max(c.score) FILTER (WHERE c.criterion = 'policy')::numeric(4,2) AS policy,
         pg_catalog.max(c.score) FILTER (WHERE c.criterion = 'controls')::numeric(4,2) AS controls,
         pg_catalog.max(c.score) FILTER (WHERE c.criterion = 'incidents')::numeric(4,2) AS incidents,
         pg_catalog.max(c.score) FILTER (WHERE c.criterion = 'compliance')::numeric(4,2) AS compliance,
         pg_catalog.max(c.score) FILTER (WHERE c.criterion = 'improvement')::numeric(4,2) AS improvement,
         pg_catalog.jsonb_object_agg(c.criterion, c.score::numeric(4,2)) FILTER (WHERE c.criterion IS NOT NULL) AS criterion_scores
  FROM @extschema@.supplier_assessment_criterion_score c
  WHERE c.organization_id = s.organization_id AND c.assessment_id = la.id) cs ON true
LEFT JOIN LATERAL (
  SELECT coalesce(t.months, d.months) AS months
  FROM @extschema@.supplier_audit_interval_default d
  LEFT JOIN @extschema@.supplier_audit_interval_setting t ON t.organization_id = s.organization_id AND t.risk_level = d.risk_level
  WHERE d.settings_profile = 'default' AND d.risk_level = la.risk_level) iv ON true
CROSS JOIN LATERAL (
  SELECT pg_catalog.max(x.performed_on) AS last_audit_on,
         pg_catalog.min(x.planned_on) FILTER (WHERE x.performed_on IS NULL) AS next_audit_planned_on
  FROM @extschema@.supplier_audit x WHERE x.organization_id = s.organization_id AND x.supplier_id = s.id) au
CROSS JOIN LATERAL (
  SELECT pg_catalog.count(*) FILTER (WHERE f.closed_on IS NULL)::integer AS open_findings,
         pg_catalog.count(*) FILTER (WHERE f.closed_on IS NULL AND f.due_on < CURRENT_DATE)::integer AS overdue_findings
  FROM @extschema@.supplier_audit_finding f WHERE f.organization_id = s.organization_id AND f.supplier_id = s.id) fi;
COMMENT ON VIEW @extschema@.supplier_scorecard IS
  'One row per supplier: its latest completed assessment''s score per default criterion, security score, risk '
  'score and level, the change since the previous assessment, contract gaps and open alerts; every criterion, '
  'an organisation''s own included, in criterion_scores.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.id IS 'Supplier identifier (supplier.id).';
COMMENT ON COLUMN @extschema@.supplier_scorecard.organization_id IS 'The organisation served.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.organization IS 'Code of the organisation served.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.supplier_code IS 'Supplier organisation code.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.supplier IS 'Supplier organisation name.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.relationships IS 'service_provider, product_supplier or both.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.annual_spend IS 'Annual spend with the supplier.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.currency IS 'Currency of annual_spend.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.criticality IS 'Criticality 1..5 now (supplier_criticality).';
COMMENT ON COLUMN @extschema@.supplier_scorecard.last_assessed_at IS 'When the latest completed assessment took place; NULL if never assessed.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.assessments IS 'Completed assessments.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.policy IS 'Latest score of criterion policy, 0..10.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.controls IS 'Latest score of criterion controls, 0..10.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.incidents IS 'Latest score of criterion incidents, 0..10.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.compliance IS 'Latest score of criterion compliance, 0..10.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.improvement IS 'Latest score of criterion improvement, 0..10.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.security_score IS 'Latest security score 0..10, higher is better.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.risk_score IS 'Latest risk score 0..10, higher is riskier.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.risk_level IS 'Latest risk level: low, medium, high, critical.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.previous_risk_score IS 'Risk score of the assessment before the latest.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.previous_risk_level IS 'Risk level of the assessment before the latest.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.risk_score_change IS 'Latest minus previous risk score (negative is better).';
COMMENT ON COLUMN @extschema@.supplier_scorecard.trend IS 'new, improving, worsening or stable (by risk score); NULL if never assessed.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.criterion_scores IS
  'Every criterion''s latest score, the organisation''s own criteria included, as a JSON object code -> score 0..10.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.contract_gaps IS 'Security clauses missing from the supplier''s contracts in force.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.open_alerts IS 'Unacknowledged risk level alerts.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.last_audit_on IS 'Date of the latest performed audit; NULL if never audited.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.next_audit_due IS
  'Next audit due: the latest audit plus the interval of the current risk level (supplier_audit_interval_setting); '
  'the latest assessment''s date when never audited; NULL when never assessed.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.next_audit_planned_on IS 'Earliest planned audit not yet performed.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.audit_due IS 'Whether an audit is due now (next_audit_due has passed, or never audited).';
COMMENT ON COLUMN @extschema@.supplier_scorecard.open_findings IS 'Open audit findings.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.overdue_findings IS 'Open audit findings past their due date.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.incidents_last_12_months IS 'Incidents detected in the last 365 days.';

CREATE VIEW @extschema@.supplier_risk_changes WITH (security_invoker = true) AS
SELECT a.id,
       a.organization_id,
       ow.code AS organization,
       a.supplier_id,
       o.code AS supplier_code,
       o.name AS supplier,
       a.assessment_id,
       a.old_level,
       a.new_level,
       a.severity,
       x.risk_score::numeric(3,1) AS risk_score,
       x.security_score::numeric(4,2) AS security_score,
       a.assessed_at,
       a.created_at,
       a.acknowledged_at IS NOT NULL AS acknowledged,
       p.full_name AS acknowledged_by,
       a.acknowledged_at
FROM @extschema@.supplier_risk_alert a
JOIN @extschema@.supplier s ON s.organization_id = a.organization_id AND s.id = a.supplier_id
JOIN @extschema@.organization o ON o.id = s.supplier_org_id
JOIN @extschema@.organization ow ON ow.id = a.organization_id
JOIN @extschema@.supplier_assessment x ON x.organization_id = a.organization_id AND x.id = a.assessment_id
LEFT JOIN @extschema@.person p ON p.organization_id = a.organization_id AND p.id = a.acknowledged_by;
COMMENT ON VIEW @extschema@.supplier_risk_changes IS 'One row per supplier risk level change (supplier_risk_alert), with names.';
COMMENT ON COLUMN @extschema@.supplier_risk_changes.id IS 'Alert identifier.';
COMMENT ON COLUMN @extschema@.supplier_risk_changes.organization_id IS 'The assessing organisation.';
COMMENT ON COLUMN @extschema@.supplier_risk_changes.organization IS 'Code of the assessing organisation.';
COMMENT ON COLUMN @extschema@.supplier_risk_changes.supplier_id IS 'The supplier (supplier.id).';
COMMENT ON COLUMN @extschema@.supplier_risk_changes.supplier_code IS 'Supplier organisation code.';
COMMENT ON COLUMN @extschema@.supplier_risk_changes.supplier IS 'Supplier organisation name.';
COMMENT ON COLUMN @extschema@.supplier_risk_changes.assessment_id IS 'The assessment that changed the level.';
COMMENT ON COLUMN @extschema@.supplier_risk_changes.old_level IS 'Previous level; NULL for a first assessment.';
COMMENT ON COLUMN @extschema@.supplier_risk_changes.new_level IS 'New level.';
COMMENT ON COLUMN @extschema@.supplier_risk_changes.severity IS 'info (risk fell) or the new level (risk rose).';
COMMENT ON COLUMN @extschema@.supplier_risk_changes.risk_score IS 'Risk score of the assessment.';
COMMENT ON COLUMN @extschema@.supplier_risk_changes.security_score IS 'Security score of the assessment.';
COMMENT ON COLUMN @extschema@.supplier_risk_changes.assessed_at IS 'When the assessment took place.';
COMMENT ON COLUMN @extschema@.supplier_risk_changes.created_at IS 'When the alert was raised.';
COMMENT ON COLUMN @extschema@.supplier_risk_changes.acknowledged IS 'Whether someone acknowledged it.';
COMMENT ON COLUMN @extschema@.supplier_risk_changes.acknowledged_by IS 'Name of the person who acknowledged it.';
COMMENT ON COLUMN @extschema@.supplier_risk_changes.acknowledged_at IS 'When it was acknowledged.';


-- Supplier metrics (the seed's supplier KPIs), each computed from recorded rows: assessments and
-- their completion times, contracts and their clauses, spend, risk level alerts.  Months are UTC
-- calendar months; "last 12 months" is the 365 days before now().

CREATE VIEW @extschema@.supplier_kpis WITH (security_invoker = true) AS
SELECT o.id,
       o.id AS organization_id,
       o.code AS organization,
       k.suppliers,
       k.critical_suppliers,
       k.assessed_last_12_months,
       pg_catalog.round(100.0 * k.assessed_last_12_months / NULLIF(k.suppliers, 0), 2)::numeric(5,2) AS assessment_coverage_pct,
       c.contracts_in_force,
       c.contracts_complete,
       pg_catalog.round(100.0 * c.contracts_complete / NULLIF(c.contracts_in_force, 0), 2)::numeric(5,2) AS contract_compliance_pct,
       k.reassessed,
       k.improved,
       pg_catalog.round(100.0 * k.improved / NULLIF(k.reassessed, 0), 2)::numeric(5,2) AS improvement_rate_pct,
       k.avg_security_score,
       k.avg_risk_score,
       k.risk_critical, k.risk_high, k.risk_medium, k.risk_low, k.never_assessed,
       k.annual_spend,
       k.critical_spend,
       pg_catalog.round(100.0 * k.critical_spend_assessed / NULLIF(k.critical_spend, 0), 2)::numeric(5,2) AS critical_spend_coverage_pct,
       k.open_alerts,
       au.audits_planned_last_12_months,
       au.audits_performed_last_12_months,
       pg_catalog.round(100.0 * au.audits_performed_last_12_months / NULLIF(au.audits_planned_last_12_months, 0), 2)::numeric(5,2)
         AS audit_completion_pct,
       k.audit_due,
       fi.findings_open,
       fi.findings_overdue,
       fi.findings_closed_last_12_months,
       fi.findings_verified_last_12_months,
       inc.incidents_last_12_months,
       pg_catalog.round(inc.incidents_last_12_months::numeric / NULLIF(k.suppliers, 0) * 100, 2)::numeric(8,2)
         AS incidents_per_100_suppliers,
       inc.mean_response_hours,
       inc.mean_resolution_hours
FROM @extschema@.organization o
CROSS JOIN LATERAL (
  SELECT pg_catalog.count(*)::integer AS suppliers,
         pg_catalog.count(*) FILTER (WHERE s.criticality >= 4)::integer AS critical_suppliers,
         pg_catalog.count(*) FILTER (WHERE s.last_assessed_at >= pg_catalog.now() - INTERVAL '365 days')::integer AS assessed_last_12_months,
         pg_catalog.count(*) FILTER (WHERE s.previous_risk_score IS NOT NULL)::integer AS reassessed,
         pg_catalog.count(*) FILTER (WHERE s.risk_score < s.previous_risk_score)::integer AS improved,
         pg_catalog.round(pg_catalog.avg(s.security_score), 2)::numeric(4,2) AS avg_security_score,
         pg_catalog.round(pg_catalog.avg(s.risk_score), 1)::numeric(3,1) AS avg_risk_score,
         pg_catalog.count(*) FILTER (WHERE s.risk_level = 'critical')::integer AS risk_critical,
         pg_catalog.count(*) FILTER (WHERE s.risk_level = 'high')::integer AS risk_high,
         pg_catalog.count(*) FILTER (WHERE s.risk_level = 'medium')::integer AS risk_medium,
         pg_catalog.count(*) FILTER (WHERE s.risk_level = 'low')::integer AS risk_low,
         pg_catalog.count(*) FILTER (WHERE s.risk_level IS NULL)::integer AS never_assessed,
         coalesce(pg_catalog.sum(s.annual_spend), 0)::numeric(16,2) AS annual_spend,
         coalesce(pg_catalog.sum(s.annual_spend) FILTER (WHERE s.criticality >= 4), 0)::numeric(16,2) AS critical_spend,
         coalesce(pg_catalog.sum(s.annual_spend) FILTER (
           WHERE s.criticality >= 4 AND s.last_assessed_at >= pg_catalog.now() - INTERVAL '365 days'), 0) AS critical_spend_assessed,
         coalesce(pg_catalog.sum(s.open_alerts), 0)::integer AS open_alerts,
         pg_catalog.count(*) FILTER (WHERE s.audit_due)::integer AS audit_due
  FROM @extschema@.supplier_scorecard s WHERE s.organization_id = o.id) k
CROSS JOIN LATERAL (
  SELECT pg_catalog.count(*)::integer AS contracts_in_force,
         pg_catalog.count(*) FILTER (WHERE NOT EXISTS (
           SELECT 1 FROM @extschema@.supplier_contract_gaps g
           WHERE g.organization_id = x.organization_id AND g.contract_id = x.id))::integer AS contracts_complete
  FROM @extschema@.supplier_contract x
  WHERE x.organization_id = o.id AND (x.ends_on IS NULL OR x.ends_on >= CURRENT_DATE)) c
CROSS JOIN LATERAL (
  -- audits planned for a day in the last 365 days (up to today), and how many of them were performed
  SELECT pg_catalog.count(*)::integer AS audits_planned_last_12_months,
         pg_catalog.count(*) FILTER (WHERE x.performed_on IS NOT NULL)::integer AS audits_performed_last_12_months
  FROM @extschema@.supplier_audit x
  WHERE x.organization_id = o.id AND x.planned_on > CURRENT_DATE - 365 AND x.planned_on <= CURRENT_DATE) au
CROSS JOIN LATERAL (
  SELECT pg_catalog.count(*) FILTER (WHERE f.closed_on IS NULL)::integer AS findings_open,
         pg_catalog.count(*) FILTER (WHERE f.closed_on IS NULL AND f.due_on < CURRENT_DATE)::integer AS findings_overdue,
         pg_catalog.count(*) FILTER (WHERE f.closed_on > CURRENT_DATE - 365)::integer AS findings_closed_last_12_months,
         pg_catalog.count(*) FILTER (WHERE f.verified_on > CURRENT_DATE - 365)::integer AS findings_verified_last_12_months
  FROM @extschema@.supplier_audit_finding f WHERE f.organization_id = o.id) fi
CROSS JOIN LATERAL (
  SELECT pg_catalog.count(*)::integer AS incidents_last_12_months,
         pg_catalog.round(pg_catalog.avg(pg_catalog.date_part('epoch', i.responded_at - i.detected_at)::numeric / 3600), 2)::numeric(10,2)
           AS mean_response_hours,
         pg_catalog.round(pg_catalog.avg(pg_catalog.date_part('epoch', i.resolved_at - i.detected_at)::numeric / 3600), 2)::numeric(10,2)
           AS mean_resolution_hours
  FROM @extschema@.supplier_incident i
  WHERE i.organization_id = o.id AND i.detected_at >= pg_catalog.now() - INTERVAL '365 days') inc
WHERE k.suppliers > 0;
COMMENT ON VIEW @extschema@.supplier_kpis IS
  'One row per organisation with suppliers: the seed''s supplier metrics now, each from recorded rows (assessments, '
  'contracts and clauses, spend, alerts).';
COMMENT ON COLUMN @extschema@.supplier_kpis.id IS 'Row identifier (the organisation''s id).';
COMMENT ON COLUMN @extschema@.supplier_kpis.organization_id IS 'The organisation served.';
COMMENT ON COLUMN @extschema@.supplier_kpis.organization IS 'Code of the organisation served.';
COMMENT ON COLUMN @extschema@.supplier_kpis.suppliers IS 'Suppliers recorded.';
COMMENT ON COLUMN @extschema@.supplier_kpis.critical_suppliers IS 'Suppliers of criticality 4 or 5.';
COMMENT ON COLUMN @extschema@.supplier_kpis.assessed_last_12_months IS 'Suppliers whose latest completed assessment took place in the last 365 days.';
COMMENT ON COLUMN @extschema@.supplier_kpis.assessment_coverage_pct IS 'Assessment coverage: assessed_last_12_months / suppliers, percent.';
COMMENT ON COLUMN @extschema@.supplier_kpis.contracts_in_force IS 'Contracts in force today.';
COMMENT ON COLUMN @extschema@.supplier_kpis.contracts_complete IS 'Contracts in force with all six security clause kinds.';
COMMENT ON COLUMN @extschema@.supplier_kpis.contract_compliance_pct IS 'Contract compliance rate: contracts_complete / contracts_in_force, percent.';
COMMENT ON COLUMN @extschema@.supplier_kpis.reassessed IS 'Suppliers with at least two completed assessments.';
COMMENT ON COLUMN @extschema@.supplier_kpis.improved IS 'Reassessed suppliers whose latest risk score is below the previous one.';
COMMENT ON COLUMN @extschema@.supplier_kpis.improvement_rate_pct IS 'Improvement rate: improved / reassessed, percent.';
COMMENT ON COLUMN @extschema@.supplier_kpis.avg_security_score IS 'Mean latest security score (0..10, higher is better).';
COMMENT ON COLUMN @extschema@.supplier_kpis.avg_risk_score IS 'Mean latest risk score (0..10, higher is riskier).';
COMMENT ON COLUMN @extschema@.supplier_kpis.risk_critical IS 'Risk score distribution: suppliers at critical.';
COMMENT ON COLUMN @extschema@.supplier_kpis.risk_high IS 'Risk score distribution: suppliers at high.';
COMMENT ON COLUMN @extschema@.supplier_kpis.risk_medium IS 'Risk score distribution: suppliers at medium.';
COMMENT ON COLUMN @extschema@.supplier_kpis.risk_low IS 'Risk score distribution: suppliers at low.';
COMMENT ON COLUMN @extschema@.supplier_kpis.never_assessed IS 'Suppliers without a completed assessment.';
COMMENT ON COLUMN @extschema@.supplier_kpis.annual_spend IS 'Total annual spend with suppliers (in the suppliers'' recorded currencies, added as they are).';
COMMENT ON COLUMN @extschema@.supplier_kpis.critical_spend IS 'Annual spend with suppliers of criticality 4 or 5.';
COMMENT ON COLUMN @extschema@.supplier_kpis.critical_spend_coverage_pct IS
  'Critical supplier coverage by spend: share of critical_spend with suppliers assessed in the last 365 days, percent.';
COMMENT ON COLUMN @extschema@.supplier_kpis.open_alerts IS 'Unacknowledged supplier risk level alerts.';
COMMENT ON COLUMN @extschema@.supplier_kpis.audits_planned_last_12_months IS 'Supplier audits planned for a day in the last 365 days.';
COMMENT ON COLUMN @extschema@.supplier_kpis.audits_performed_last_12_months IS 'Of those, the audits performed.';
COMMENT ON COLUMN @extschema@.supplier_kpis.audit_completion_pct IS 'Audit completion rate: performed / planned, percent.';
COMMENT ON COLUMN @extschema@.supplier_kpis.audit_due IS 'Assessed suppliers whose next audit is due (supplier_scorecard.audit_due).';
COMMENT ON COLUMN @extschema@.supplier_kpis.findings_open IS 'Open supplier audit findings.';
COMMENT ON COLUMN @extschema@.supplier_kpis.findings_overdue IS 'Open findings past their due date.';
COMMENT ON COLUMN @extschema@.supplier_kpis.findings_closed_last_12_months IS 'Findings closed in the last 365 days.';
COMMENT ON COLUMN @extschema@.supplier_kpis.findings_verified_last_12_months IS 'Findings whose closure was verified in the last 365 days.';
COMMENT ON COLUMN @extschema@.supplier_kpis.incidents_last_12_months IS 'Supplier incidents detected in the last 365 days.';
COMMENT ON COLUMN @extschema@.supplier_kpis.incidents_per_100_suppliers IS 'Incident frequency: incidents_last_12_months per 100 suppliers.';
COMMENT ON COLUMN @extschema@.supplier_kpis.mean_response_hours IS 'Mean hours from detection to response of those incidents (responded ones).';
COMMENT ON COLUMN @extschema@.supplier_kpis.mean_resolution_hours IS 'Mean hours from detection to resolution of those incidents (resolved ones).';

CREATE VIEW @extschema@.supplier_kpis_monthly WITH (security_invoker = true) AS
WITH assessed AS (
  SELECT a.organization_id, a.supplier_id, a.assessed_at, a.security_score, a.risk_score, a.risk_level,
         pg_catalog.date_trunc('month', a.assessed_at AT TIME ZONE 'UTC') AS month_utc
  FROM @extschema@.supplier_assessment a
  WHERE a.status = 'completed'
), months AS (
  -- month arithmetic on UTC timestamps, so the session's time zone cannot shift a month
  SELECT x.organization_id, m.month_utc,
         m.month_utc AT TIME ZONE 'UTC' AS month_start,
         (m.month_utc + INTERVAL '1 month') AT TIME ZONE 'UTC' AS month_end,
         (m.month_utc + INTERVAL '1 month' - INTERVAL '365 days') AT TIME ZONE 'UTC' AS window_start
  FROM (SELECT y.organization_id, pg_catalog.min(y.month_utc) AS first_month
        FROM (SELECT a.organization_id, a.month_utc FROM assessed a
              UNION ALL
              SELECT u.organization_id, pg_catalog.date_trunc('month', u.performed_on::timestamp)
              FROM @extschema@.supplier_audit u WHERE u.performed_on IS NOT NULL
              UNION ALL
              SELECT i.organization_id, pg_catalog.date_trunc('month', i.detected_at AT TIME ZONE 'UTC')
              FROM @extschema@.supplier_incident i) y
        GROUP BY y.organization_id) x
  CROSS JOIN LATERAL pg_catalog.generate_series(x.first_month,
      pg_catalog.date_trunc('month', pg_catalog.now() AT TIME ZONE 'UTC'), INTERVAL '1 month') AS m(month_utc)
)
SELECT pg_catalog.md5(m.organization_id::text || '/' || m.month_utc::text)::uuid AS id,
       m.organization_id,
       o.code AS organization,
       m.month_start AS time,
       (SELECT pg_catalog.count(*) FROM assessed a
         WHERE a.organization_id = m.organization_id AND a.month_utc = m.month_utc)::integer AS assessments,
       (SELECT pg_catalog.round(pg_catalog.avg(a.security_score), 2) FROM assessed a
         WHERE a.organization_id = m.organization_id AND a.month_utc = m.month_utc)::numeric(4,2) AS avg_security_score,
       (SELECT pg_catalog.round(pg_catalog.avg(a.risk_score), 1) FROM assessed a
         WHERE a.organization_id = m.organization_id AND a.month_utc = m.month_utc)::numeric(3,1) AS avg_risk_score,
       (SELECT pg_catalog.count(*) FROM assessed a
         WHERE a.organization_id = m.organization_id AND a.month_utc = m.month_utc
           AND a.risk_level IN ('high', 'critical'))::integer AS high_or_critical,
       (SELECT pg_catalog.count(*) FROM @extschema@.supplier_risk_alert r
         WHERE r.organization_id = m.organization_id AND r.assessed_at >= m.month_start AND r.assessed_at < m.month_end
           AND r.severity <> 'info')::integer AS risk_increases,
       (SELECT pg_catalog.count(*) FROM @extschema@.supplier_risk_alert r
         WHERE r.organization_id = m.organization_id AND r.assessed_at >= m.month_start AND r.assessed_at < m.month_end
           AND r.severity = 'info')::integer AS risk_decreases,
       pg_catalog.round(100.0 * (SELECT pg_catalog.count(DISTINCT a.supplier_id) FROM assessed a
                                 WHERE a.organization_id = m.organization_id
                                   AND a.assessed_at >= m.window_start AND a.assessed_at < m.month_end)
             / NULLIF((SELECT pg_catalog.count(*) FROM @extschema@.supplier s WHERE s.organization_id = m.organization_id), 0),
             2)::numeric(5,2) AS assessment_coverage_pct,
       (SELECT pg_catalog.count(*) FROM @extschema@.supplier_audit x
         WHERE x.organization_id = m.organization_id AND x.performed_on >= m.month_utc::date
           AND x.performed_on < (m.month_utc + INTERVAL '1 month')::date)::integer AS audits_performed,
       (SELECT pg_catalog.count(*) FROM @extschema@.supplier_audit_finding f
         WHERE f.organization_id = m.organization_id AND f.closed_on >= m.month_utc::date
           AND f.closed_on < (m.month_utc + INTERVAL '1 month')::date)::integer AS findings_closed,
       i.incidents,
       i.mean_response_hours
FROM months m
CROSS JOIN LATERAL (
  SELECT pg_catalog.count(*)::integer AS incidents,
         pg_catalog.round(pg_catalog.avg(pg_catalog.date_part('epoch', x.responded_at - x.detected_at)::numeric / 3600), 2)::numeric(10,2)
           AS mean_response_hours
  FROM @extschema@.supplier_incident x
  WHERE x.organization_id = m.organization_id AND x.detected_at >= m.month_start AND x.detected_at < m.month_end) i
JOIN @extschema@.organization o ON o.id = m.organization_id;
COMMENT ON VIEW @extschema@.supplier_kpis_monthly IS
  'Supplier metrics by UTC calendar month, from the first month with a completed assessment, a performed audit or '
  'an incident to the current one '
  '(the trend of supplier_kpis).';
COMMENT ON COLUMN @extschema@.supplier_kpis_monthly.id IS 'Row identifier (derived from organisation and month).';
COMMENT ON COLUMN @extschema@.supplier_kpis_monthly.organization_id IS 'The organisation served.';
COMMENT ON COLUMN @extschema@.supplier_kpis_monthly.organization IS 'Code of the organisation served.';
COMMENT ON COLUMN @extschema@.supplier_kpis_monthly.time IS 'Month start (UTC).';
COMMENT ON COLUMN @extschema@.supplier_kpis_monthly.assessments IS 'Completed assessments that took place in the month.';
COMMENT ON COLUMN @extschema@.supplier_kpis_monthly.avg_security_score IS 'Mean security score of the month''s assessments.';
COMMENT ON COLUMN @extschema@.supplier_kpis_monthly.avg_risk_score IS 'Mean risk score of the month''s assessments.';
COMMENT ON COLUMN @extschema@.supplier_kpis_monthly.high_or_critical IS 'The month''s assessments at high or critical.';
COMMENT ON COLUMN @extschema@.supplier_kpis_monthly.risk_increases IS 'Risk level alerts of the month where the level rose.';
COMMENT ON COLUMN @extschema@.supplier_kpis_monthly.risk_decreases IS 'Risk level alerts of the month where the level fell.';
COMMENT ON COLUMN @extschema@.supplier_kpis_monthly.assessment_coverage_pct IS
  'Suppliers assessed in the 365 days up to the month''s end, as a percentage of the suppliers recorded now.';
COMMENT ON COLUMN @extschema@.supplier_kpis_monthly.audits_performed IS 'Supplier audits performed in the month.';
COMMENT ON COLUMN @extschema@.supplier_kpis_monthly.findings_closed IS 'Audit findings closed in the month.';
COMMENT ON COLUMN @extschema@.supplier_kpis_monthly.incidents IS 'Supplier incidents detected in the month.';
COMMENT ON COLUMN @extschema@.supplier_kpis_monthly.mean_response_hours IS 'Mean hours from detection to response of the month''s incidents.';

INSERT INTO @extschema@.object_access_class (object_name, object_class, reader_hidden_columns) VALUES
  ('supplier_scorecard', 'view', '{}'),
  ('supplier_risk_changes', 'view', '{}'),
  ('supplier_kpis', 'view', '{}'),
  ('supplier_kpis_monthly', 'view', '{}');
-- Views: the public API read by analysts and BI tools.  Plain views with security_invoker, so
-- row-level security and column privileges of the tables hold through them; a unique id column;
-- no contact details of people.

CREATE VIEW @extschema@.organization_overview WITH (security_invoker = true) AS
SELECT o.id,
       o.code,
       o.name,
       o.country,
       o.sector,
       (SELECT pg_catalog.string_agg(k.label, ', ' ORDER BY k.code)
          FROM @extschema@.organization_role r JOIN @extschema@.organization_role_kind k ON k.code = r.role
         WHERE r.organization_id = o.id) AS roles,
       EXISTS (SELECT 1 FROM @extschema@.organization_role r WHERE r.organization_id = o.id AND r.role = 'asset_owner') AS is_asset_owner,
       EXISTS (SELECT 1 FROM @extschema@.organization_role r WHERE r.organization_id = o.id AND r.role = 'service_provider') AS is_service_provider,
       EXISTS (SELECT 1 FROM @extschema@.organization_role r WHERE r.organization_id = o.id AND r.role = 'product_supplier') AS is_product_supplier,
       (SELECT pg_catalog.count(*) FROM @extschema@.site s WHERE s.organization_id = o.id) AS sites,
       (SELECT pg_catalog.count(*) FROM @extschema@.zone z WHERE z.organization_id = o.id) AS zones,
       (SELECT pg_catalog.count(*) FROM @extschema@.conduit c WHERE c.organization_id = o.id) AS conduits,
       a.assets,
       a.safety_related_assets,
       a.unsupported_assets,
       (SELECT pg_catalog.count(*) FROM @extschema@.person p WHERE p.organization_id = o.id AND p.active) AS people,
       o.created_at
FROM @extschema@.organization o
CROSS JOIN LATERAL (
  SELECT pg_catalog.count(*) AS assets,
         pg_catalog.count(*) FILTER (WHERE x.safety_related) AS safety_related_assets,
         pg_catalog.count(*) FILTER (WHERE NOT l.vendor_supported) AS unsupported_assets
  FROM @extschema@.asset x JOIN @extschema@.lifecycle_state l ON l.code = x.lifecycle_state
  WHERE x.organization_id = o.id AND l.in_operation
) a;
COMMENT ON VIEW @extschema@.organization_overview IS 'One row per organisation: its roles and how much of its program is recorded.';
COMMENT ON COLUMN @extschema@.organization_overview.id IS 'Organisation identifier.';
COMMENT ON COLUMN @extschema@.organization_overview.code IS 'Organisation code.';
COMMENT ON COLUMN @extschema@.organization_overview.name IS 'Organisation name.';
COMMENT ON COLUMN @extschema@.organization_overview.country IS 'ISO 3166-1 alpha-2 country code.';
COMMENT ON COLUMN @extschema@.organization_overview.sector IS 'Industry sector.';
COMMENT ON COLUMN @extschema@.organization_overview.roles IS 'Roles held, comma-separated labels.';
COMMENT ON COLUMN @extschema@.organization_overview.is_asset_owner IS 'Holds the asset owner role.';
COMMENT ON COLUMN @extschema@.organization_overview.is_service_provider IS 'Holds the service provider role.';
COMMENT ON COLUMN @extschema@.organization_overview.is_product_supplier IS 'Holds the product supplier role.';
COMMENT ON COLUMN @extschema@.organization_overview.sites IS 'Number of sites.';
COMMENT ON COLUMN @extschema@.organization_overview.zones IS 'Number of zones.';
COMMENT ON COLUMN @extschema@.organization_overview.conduits IS 'Number of conduits.';
COMMENT ON COLUMN @extschema@.organization_overview.assets IS 'Number of assets in operation (not decommissioned).';
COMMENT ON COLUMN @extschema@.organization_overview.safety_related_assets IS 'Assets in operation that are safety related.';
COMMENT ON COLUMN @extschema@.organization_overview.unsupported_assets IS
  'Assets in operation without vendor support (unsupported or end of life).';
COMMENT ON COLUMN @extschema@.organization_overview.people IS 'Number of active people.';
COMMENT ON COLUMN @extschema@.organization_overview.created_at IS 'When the organisation was recorded.';

CREATE VIEW @extschema@.site_overview WITH (security_invoker = true) AS
SELECT s.id,
       s.organization_id,
       o.name AS organization,
       s.code,
       s.name,
       s.time_zone::text AS time_zone,
       s.country,
       (SELECT pg_catalog.count(*) FROM @extschema@.zone z WHERE z.organization_id = s.organization_id AND z.site_id = s.id) AS zones,
       (SELECT pg_catalog.count(*)
          FROM @extschema@.asset a
          JOIN @extschema@.zone z ON z.organization_id = a.organization_id AND z.id = a.zone_id
          JOIN @extschema@.lifecycle_state l ON l.code = a.lifecycle_state
         WHERE z.organization_id = s.organization_id AND z.site_id = s.id AND l.in_operation) AS assets
FROM @extschema@.site s
JOIN @extschema@.organization o ON o.id = s.organization_id;
COMMENT ON VIEW @extschema@.site_overview IS 'One row per site: its time zone and what it holds.';
COMMENT ON COLUMN @extschema@.site_overview.id IS 'Site identifier.';
COMMENT ON COLUMN @extschema@.site_overview.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.site_overview.organization IS 'Organisation name.';
COMMENT ON COLUMN @extschema@.site_overview.code IS 'Site code.';
COMMENT ON COLUMN @extschema@.site_overview.name IS 'Site name.';
COMMENT ON COLUMN @extschema@.site_overview.time_zone IS 'IANA time zone of the site.';
COMMENT ON COLUMN @extschema@.site_overview.country IS 'ISO 3166-1 alpha-2 country code.';
COMMENT ON COLUMN @extschema@.site_overview.zones IS 'Number of zones at the site.';
COMMENT ON COLUMN @extschema@.site_overview.assets IS 'Assets in operation in the site''s zones.';

CREATE VIEW @extschema@.asset_inventory WITH (security_invoker = true) AS
SELECT a.id,
       a.organization_id,
       o.name AS organization,
       s.code AS site_code,
       s.name AS site,
       s.time_zone::text AS time_zone,
       z.name AS zone,
       z.exposure AS zone_exposure,
       xs.ssvc_system_exposure,
       a.tag,
       a.name,
       a.asset_type,
       t.label AS asset_type_label,
       a.vendor,
       a.product,
       a.version,
       a.serial_number,
       a.criticality,
       c.label AS criticality_label,
       a.confidentiality_requirement,
       a.integrity_requirement,
       a.availability_requirement,
       a.safety_related,
       a.lifecycle_state,
       l.label AS lifecycle_label,
       l.vendor_supported,
       l.in_operation,
       p.full_name AS owner,
       pg_catalog.host(a.ip_address) AS ip_address,
       a.installed_on,
       a.end_of_support_on,
       a.created_at,
       a.updated_at
FROM @extschema@.asset a
JOIN @extschema@.organization o ON o.id = a.organization_id
JOIN @extschema@.asset_type t ON t.code = a.asset_type
JOIN @extschema@.criticality_level c ON c.level = a.criticality
JOIN @extschema@.lifecycle_state l ON l.code = a.lifecycle_state
LEFT JOIN @extschema@.zone z ON z.organization_id = a.organization_id AND z.id = a.zone_id
LEFT JOIN @extschema@.site s ON s.organization_id = z.organization_id AND s.id = z.site_id
LEFT JOIN @extschema@.zone_exposure_setting xs ON xs.organization_id = z.organization_id AND xs.exposure = z.exposure
LEFT JOIN @extschema@.person p ON p.organization_id = a.organization_id AND p.id = a.owner_id;
COMMENT ON VIEW @extschema@.asset_inventory IS 'One row per asset, with its site, zone, owner and lifecycle spelled out.';
COMMENT ON COLUMN @extschema@.asset_inventory.id IS 'Asset identifier.';
COMMENT ON COLUMN @extschema@.asset_inventory.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.asset_inventory.organization IS 'Organisation name.';
COMMENT ON COLUMN @extschema@.asset_inventory.site_code IS 'Code of the site of the asset''s zone.';
COMMENT ON COLUMN @extschema@.asset_inventory.site IS 'Name of the site of the asset''s zone.';
COMMENT ON COLUMN @extschema@.asset_inventory.time_zone IS 'Time zone of that site.';
COMMENT ON COLUMN @extschema@.asset_inventory.zone IS 'Zone name; NULL while not zoned.';
COMMENT ON COLUMN @extschema@.asset_inventory.zone_exposure IS 'Exposure class of the zone.';
COMMENT ON COLUMN @extschema@.asset_inventory.ssvc_system_exposure IS 'SSVC system exposure from the organisation''s mapping.';
COMMENT ON COLUMN @extschema@.asset_inventory.tag IS 'Asset tag.';
COMMENT ON COLUMN @extschema@.asset_inventory.name IS 'Asset name.';
COMMENT ON COLUMN @extschema@.asset_inventory.asset_type IS 'Asset type code.';
COMMENT ON COLUMN @extschema@.asset_inventory.asset_type_label IS 'Asset type name.';
COMMENT ON COLUMN @extschema@.asset_inventory.vendor IS 'Vendor as written in the inventory.';
COMMENT ON COLUMN @extschema@.asset_inventory.product IS 'Product as written in the inventory.';
COMMENT ON COLUMN @extschema@.asset_inventory.version IS 'Firmware or software version as the vendor writes it.';
COMMENT ON COLUMN @extschema@.asset_inventory.serial_number IS 'Serial number.';
COMMENT ON COLUMN @extschema@.asset_inventory.criticality IS 'Criticality 1..5.';
COMMENT ON COLUMN @extschema@.asset_inventory.criticality_label IS 'Criticality name.';
COMMENT ON COLUMN @extschema@.asset_inventory.confidentiality_requirement IS 'Confidentiality requirement (low, medium, high).';
COMMENT ON COLUMN @extschema@.asset_inventory.integrity_requirement IS 'Integrity requirement (low, medium, high).';
COMMENT ON COLUMN @extschema@.asset_inventory.availability_requirement IS 'Availability requirement (low, medium, high).';
COMMENT ON COLUMN @extschema@.asset_inventory.safety_related IS 'Whether a compromise can affect safety functions.';
COMMENT ON COLUMN @extschema@.asset_inventory.lifecycle_state IS 'Lifecycle state code.';
COMMENT ON COLUMN @extschema@.asset_inventory.lifecycle_label IS 'Lifecycle state name.';
COMMENT ON COLUMN @extschema@.asset_inventory.vendor_supported IS 'Whether the vendor still ships fixes in this state.';
COMMENT ON COLUMN @extschema@.asset_inventory.in_operation IS 'Whether the asset is part of the running IACS.';
COMMENT ON COLUMN @extschema@.asset_inventory.owner IS 'Name of the accountable person (no contact details).';
COMMENT ON COLUMN @extschema@.asset_inventory.ip_address IS 'Primary IP address as text.';
COMMENT ON COLUMN @extschema@.asset_inventory.installed_on IS 'Date put into service.';
COMMENT ON COLUMN @extschema@.asset_inventory.end_of_support_on IS 'Date the vendor ends support.';
COMMENT ON COLUMN @extschema@.asset_inventory.created_at IS 'When the asset was recorded.';
COMMENT ON COLUMN @extschema@.asset_inventory.updated_at IS 'When the asset was last updated.';

CREATE VIEW @extschema@.zone_overview WITH (security_invoker = true) AS
SELECT z.id,
       z.organization_id,
       o.name AS organization,
       s.name AS site,
       z.name AS zone,
       z.exposure,
       e.rank AS exposure_rank,
       xs.ssvc_system_exposure,
       z.sl_target::text AS sl_target,
       z.sl_achieved::text AS sl_achieved,
       @extschema@.sl_meets(z.sl_achieved, z.sl_target) AS meets_target,
       @extschema@.sl_gap(z.sl_achieved, z.sl_target)::text AS sl_gap,
       a.assets,
       a.safety_related_assets,
       a.unsupported_assets,
       a.max_criticality,
       (SELECT pg_catalog.count(*) FROM @extschema@.conduit c
         WHERE c.organization_id = z.organization_id AND z.id IN (c.from_zone_id, c.to_zone_id)) AS conduits
FROM @extschema@.zone z
JOIN @extschema@.organization o ON o.id = z.organization_id
JOIN @extschema@.zone_exposure e ON e.code = z.exposure
LEFT JOIN @extschema@.site s ON s.organization_id = z.organization_id AND s.id = z.site_id
LEFT JOIN @extschema@.zone_exposure_setting xs ON xs.organization_id = z.organization_id AND xs.exposure = z.exposure
CROSS JOIN LATERAL (
  SELECT pg_catalog.count(*) AS assets,
         pg_catalog.count(*) FILTER (WHERE x.safety_related) AS safety_related_assets,
         pg_catalog.count(*) FILTER (WHERE NOT l.vendor_supported) AS unsupported_assets,
         pg_catalog.max(x.criticality) AS max_criticality
  FROM @extschema@.asset x JOIN @extschema@.lifecycle_state l ON l.code = x.lifecycle_state
  WHERE x.organization_id = z.organization_id AND x.zone_id = z.id AND l.in_operation
) a;
COMMENT ON VIEW @extschema@.zone_overview IS 'One row per zone: exposure, assets in operation, criticality and conduits.';
COMMENT ON COLUMN @extschema@.zone_overview.id IS 'Zone identifier.';
COMMENT ON COLUMN @extschema@.zone_overview.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.zone_overview.organization IS 'Organisation name.';
COMMENT ON COLUMN @extschema@.zone_overview.site IS 'Site name; NULL for a zone spanning sites.';
COMMENT ON COLUMN @extschema@.zone_overview.zone IS 'Zone name.';
COMMENT ON COLUMN @extschema@.zone_overview.exposure IS 'Exposure class code.';
COMMENT ON COLUMN @extschema@.zone_overview.exposure_rank IS 'Exposure order: higher is more exposed.';
COMMENT ON COLUMN @extschema@.zone_overview.ssvc_system_exposure IS 'SSVC system exposure from the organisation''s mapping.';
COMMENT ON COLUMN @extschema@.zone_overview.sl_target IS 'Target security level vector SL-T, FR1..FR7, as text {IAC,UC,SI,DC,RDF,TRE,RA}.';
COMMENT ON COLUMN @extschema@.zone_overview.sl_achieved IS 'Achieved security level vector SL-A, as text.';
COMMENT ON COLUMN @extschema@.zone_overview.meets_target IS 'SL-A reaches SL-T on every FR; NULL while either is unknown.';
COMMENT ON COLUMN @extschema@.zone_overview.sl_gap IS 'Per-FR shortfall of SL-A below SL-T, as text (0 where met).';
COMMENT ON COLUMN @extschema@.zone_overview.assets IS 'Assets in operation in the zone.';
COMMENT ON COLUMN @extschema@.zone_overview.safety_related_assets IS 'Of those, safety related.';
COMMENT ON COLUMN @extschema@.zone_overview.unsupported_assets IS 'Of those, without vendor support.';
COMMENT ON COLUMN @extschema@.zone_overview.max_criticality IS 'Highest criticality among them; NULL for an empty zone.';
COMMENT ON COLUMN @extschema@.zone_overview.conduits IS 'Conduits with the zone at either end.';

CREATE VIEW @extschema@.conduit_overview WITH (security_invoker = true) AS
SELECT c.id,
       c.organization_id,
       o.name AS organization,
       c.name AS conduit,
       fz.name AS from_zone,
       fz.exposure AS from_exposure,
       tz.name AS to_zone,
       tz.exposure AS to_exposure,
       pg_catalog.abs(fe.rank - te.rank) AS exposure_levels_crossed,
       c.sl_target::text AS sl_target,
       c.sl_achieved::text AS sl_achieved,
       @extschema@.sl_meets(c.sl_achieved, c.sl_target) AS meets_target,
       pg_catalog.array_to_string(c.protocols, ', ') AS protocols,
       c.description
FROM @extschema@.conduit c
JOIN @extschema@.organization o ON o.id = c.organization_id
JOIN @extschema@.zone fz ON fz.organization_id = c.organization_id AND fz.id = c.from_zone_id
JOIN @extschema@.zone tz ON tz.organization_id = c.organization_id AND tz.id = c.to_zone_id
JOIN @extschema@.zone_exposure fe ON fe.code = fz.exposure
JOIN @extschema@.zone_exposure te ON te.code = tz.exposure;
COMMENT ON VIEW @extschema@.conduit_overview IS 'One row per conduit: the zones it joins and how many exposure levels it crosses.';
COMMENT ON COLUMN @extschema@.conduit_overview.id IS 'Conduit identifier.';
COMMENT ON COLUMN @extschema@.conduit_overview.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.conduit_overview.organization IS 'Organisation name.';
COMMENT ON COLUMN @extschema@.conduit_overview.conduit IS 'Conduit name.';
COMMENT ON COLUMN @extschema@.conduit_overview.from_zone IS 'Zone at one end.';
COMMENT ON COLUMN @extschema@.conduit_overview.from_exposure IS 'Exposure class of that zone.';
COMMENT ON COLUMN @extschema@.conduit_overview.to_zone IS 'Zone at the other end.';
COMMENT ON COLUMN @extschema@.conduit_overview.to_exposure IS 'Exposure class of that zone.';
COMMENT ON COLUMN @extschema@.conduit_overview.exposure_levels_crossed IS
  'Difference of the two zones'' exposure ranks: a conduit crossing several levels (control to enterprise) deserves a look.';
COMMENT ON COLUMN @extschema@.conduit_overview.sl_target IS 'Target security level vector SL-T of the conduit, as text.';
COMMENT ON COLUMN @extschema@.conduit_overview.sl_achieved IS 'Achieved security level vector SL-A of the conduit, as text.';
COMMENT ON COLUMN @extschema@.conduit_overview.meets_target IS 'SL-A reaches SL-T on every FR; NULL while either is unknown.';
COMMENT ON COLUMN @extschema@.conduit_overview.protocols IS 'Allowed protocols, comma-separated.';
COMMENT ON COLUMN @extschema@.conduit_overview.description IS 'How the conduit is built and protected.';

CREATE VIEW @extschema@.asset_lifecycle_summary WITH (security_invoker = true) AS
SELECT o.id::text || '/' || l.code AS id,
       o.id AS organization_id,
       o.name AS organization,
       l.code AS lifecycle_state,
       l.label AS lifecycle_label,
       l.vendor_supported,
       pg_catalog.count(a.id) AS assets,
       pg_catalog.count(a.id) FILTER (WHERE a.safety_related) AS safety_related_assets,
       CAST(100.0 * pg_catalog.count(a.id)
            / nullif(pg_catalog.sum(pg_catalog.count(a.id)) OVER (PARTITION BY o.id), 0) AS numeric(5,2)) AS share_percent
FROM @extschema@.organization o
CROSS JOIN @extschema@.lifecycle_state l
LEFT JOIN @extschema@.asset a ON a.organization_id = o.id AND a.lifecycle_state = l.code
WHERE EXISTS (SELECT 1 FROM @extschema@.organization_role r WHERE r.organization_id = o.id AND r.role = 'asset_owner')
GROUP BY o.id, o.name, l.code, l.label, l.vendor_supported, l.rank;
COMMENT ON VIEW @extschema@.asset_lifecycle_summary IS
  'Assets per asset owner and lifecycle state (every state listed, zero included), with each state''s share.';
COMMENT ON COLUMN @extschema@.asset_lifecycle_summary.id IS 'Organisation identifier and state code, joined by a slash.';
COMMENT ON COLUMN @extschema@.asset_lifecycle_summary.organization_id IS 'Organisation identifier.';
COMMENT ON COLUMN @extschema@.asset_lifecycle_summary.organization IS 'Organisation name.';
COMMENT ON COLUMN @extschema@.asset_lifecycle_summary.lifecycle_state IS 'Lifecycle state code.';
COMMENT ON COLUMN @extschema@.asset_lifecycle_summary.lifecycle_label IS 'Lifecycle state name.';
COMMENT ON COLUMN @extschema@.asset_lifecycle_summary.vendor_supported IS 'Whether the vendor still ships fixes in this state.';
COMMENT ON COLUMN @extschema@.asset_lifecycle_summary.assets IS 'Assets in this state.';
COMMENT ON COLUMN @extschema@.asset_lifecycle_summary.safety_related_assets IS 'Of those, safety related.';
COMMENT ON COLUMN @extschema@.asset_lifecycle_summary.share_percent IS 'Share of the organisation''s assets, in percent.';
-- Which class each table and view belongs to (drives grant_access), and which tables hold user
-- data that pg_dump must keep.  A pgTAP test fails when a table or view is missing here.

INSERT INTO @extschema@.object_access_class (object_name, object_class, reader_hidden_columns) VALUES
  ('organization_role_kind', 'catalog', '{}'),
  ('zone_exposure', 'catalog', '{}'),
  ('lifecycle_state', 'catalog', '{}'),
  ('asset_type', 'catalog', '{}'),
  ('criticality_level', 'catalog', '{}'),
  ('settings_profile', 'catalog', '{}'),
  ('object_access_class', 'catalog', '{}'),
  ('access_privilege', 'catalog', '{}'),
  ('organization', 'program', '{}'),
  ('organization_role', 'program', '{}'),
  ('organization_relationship', 'program', '{}'),
  ('site', 'program', '{}'),
  ('zone', 'program', '{}'),
  ('conduit', 'program', '{}'),
  ('person', 'program', '{email,phone}'),
  ('asset', 'program', '{}'),
  ('organization_settings', 'program', '{}'),
  ('zone_exposure_setting', 'program', '{}'),
  ('asset_import', 'staging', '{}'),
  ('access_grant', 'access', '{}'),
  ('organization_overview', 'view', '{}'),
  ('site_overview', 'view', '{}'),
  ('asset_inventory', 'view', '{}'),
  ('zone_overview', 'view', '{}'),
  ('conduit_overview', 'view', '{}'),
  ('asset_lifecycle_summary', 'view', '{}');

SELECT pg_catalog.pg_extension_config_dump('@extschema@.organization', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.organization_role', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.organization_relationship', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.site', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.zone', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.conduit', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.person', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.asset', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.organization_settings', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.zone_exposure_setting', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.asset_import', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.access_grant', '');
-- the staging table's arrival counter, so rows staged after a restore do not collide with kept ones
SELECT pg_catalog.pg_extension_config_dump('@extschema@.asset_import_staged_seq_seq', '');
