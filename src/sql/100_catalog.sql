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
