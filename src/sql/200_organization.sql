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
