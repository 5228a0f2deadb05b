-- iec62443p2 upgrade 0.1.0 -> 0.2.0
\echo Use "ALTER EXTENSION iec62443p2 UPDATE" to load this file. \quit
-- Changes 0.2.0 makes to objects that 0.1.0 created and that the files new in 0.2.0 rely on
-- (prepended to the upgrade script; src/sql/upgrade/0.1.0--0.2.0.sql is appended).

-- History tables are append-only: a class of their own in the access matrix (300_access.sql).
ALTER TABLE @extschema@.object_access_class DROP CONSTRAINT object_access_class_class;
ALTER TABLE @extschema@.object_access_class ADD CONSTRAINT object_access_class_class
  CHECK (object_class IN ('catalog', 'program', 'history', 'staging', 'access', 'view'));
COMMENT ON COLUMN @extschema@.object_access_class.object_class IS
  'catalog (shipped, read-only), program (program data), history (append-only records of changes, written by triggers: '
  'no level may update or delete them), staging (import staging), access (access records) or view.';
ALTER TABLE @extschema@.access_privilege DROP CONSTRAINT access_privilege_class;
ALTER TABLE @extschema@.access_privilege ADD CONSTRAINT access_privilege_class
  CHECK (object_class IN ('catalog', 'program', 'history', 'staging', 'access', 'view'));
INSERT INTO @extschema@.access_privilege (access, object_class, privilege) VALUES
  ('admin', 'history', 'SELECT'), ('admin', 'history', 'INSERT'),
  ('analyst', 'history', 'SELECT'), ('analyst', 'history', 'INSERT'),
  ('auditor', 'history', 'SELECT'), ('reader', 'history', 'SELECT');
UPDATE @extschema@.object_access_class SET object_class = 'history' WHERE object_name = 'risk_register_history';
-- Products (BRIEF 4.E, issue 5 "Patch and vulnerability management"): an organisation's canonical
-- vendor and product names, the other spellings advisories and inventories use (aliases), optional
-- CPE 2.3 and purl identifiers, and the vers scheme the product's versions compare by.  Every asset
-- resolves to a product through the canonical names or an alias (asset.product_id, kept by
-- trigger): the key vulnerability matching joins on.

-- Names are compared without regard to case or whitespace: "Schneider Electric" = "schneider  electric"
-- = "SchneiderElectric".
CREATE FUNCTION @extschema@.product_name_key(name text)
RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT pg_catalog.lower(pg_catalog.regexp_replace($1, '[[:space:]]+', '', 'g')) $$;
COMMENT ON FUNCTION @extschema@.product_name_key(text) IS
  'The matching key of a vendor or product name: lower case, every whitespace removed (names match whatever their '
  'case and spacing).';

-- CPE 2.3 formatted string binding (NIST IR 7695): cpe:2.3:part:vendor:product:version:update:
-- edition:language:sw_edition:target_sw:target_hw:other, 13 colon-separated components; a quoted
-- character (backslash + punctuation) counts as one ordinary character.
CREATE FUNCTION @extschema@.cpe23_problem(cpe text)
RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  flat text;
  parts text[];
  names CONSTANT text[] := ARRAY['cpe', 'version of CPE', 'part', 'vendor', 'product', 'version', 'update', 'edition',
                                 'language', 'sw_edition', 'target_sw', 'target_hw', 'other'];
BEGIN
  IF cpe !~ '^cpe:2\.3:' THEN
    RETURN 'a CPE 2.3 formatted string starts with "cpe:2.3:"';
  END IF;
  flat := pg_catalog.regexp_replace(cpe, '\\[\\*?!"#$%&''()+,/:;<=>@\[\]^`{|}~]', '_', 'g');
  parts := string_to_array(flat, ':');
  IF cardinality(parts) <> 13 THEN
    RETURN pg_catalog.format('a CPE 2.3 formatted string has 13 colon-separated components, this one %s', cardinality(parts));
  END IF;
  IF parts[3] NOT IN ('a', 'o', 'h') THEN
    RETURN pg_catalog.format('part "%s" is not a (application), o (operating system) or h (hardware)', parts[3]);
  END IF;
  FOR i IN 4..13 LOOP
    IF i = 9 THEN
      IF parts[i] !~ '^(\*|-|[A-Za-z]{2,3}(-([A-Za-z]{2}|[0-9]{3}))?)$' THEN
        RETURN pg_catalog.format('component %s (language) "%s" is not a language tag, * or -', i, parts[i]);
      END IF;
    ELSIF parts[i] !~ '^(\*|-|(\?+|\*)?[A-Za-z0-9._-]+(\?+|\*)?)$' THEN
      RETURN pg_catalog.format('component %s (%s) "%s" has a character that must be quoted with a backslash, or a misplaced wildcard',
                    i, names[i], parts[i]);
    END IF;
  END LOOP;
  IF parts[4] IN ('*', '-') OR parts[5] IN ('*', '-') THEN
    RETURN 'a product''s CPE names its vendor and product (not * or -)';
  END IF;
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION @extschema@.cpe23_problem(text) IS
  'What is wrong with a CPE 2.3 formatted string (cpe:2.3:a|o|h: and 10 more components, 13 in all; quoted '
  'punctuation, * and ? wildcards at the ends, a language tag; vendor and product named); NULL when valid.';

CREATE FUNCTION @extschema@.cpe23_is_valid(cpe text)
RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT @extschema@.cpe23_problem($1) IS NULL $$;
COMMENT ON FUNCTION @extschema@.cpe23_is_valid(text) IS 'Whether the text is a valid CPE 2.3 formatted string naming a product (see cpe23_problem).';

-- package-url: pkg:type/namespace/name@version?qualifiers#subpath
CREATE FUNCTION @extschema@.purl_problem(purl text)
RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  rest text;
  qualifiers text;
  q text;
  purl_type text;
  path text;
  name text;
BEGIN
  IF purl !~* '^pkg:' THEN
    RETURN 'a purl starts with "pkg:"';
  END IF;
  IF purl ~ '[[:space:][:cntrl:]]' THEN
    RETURN 'a purl contains no whitespace (percent-encode it, e.g. %20)';
  END IF;
  IF purl ~ '%([^0-9A-Fa-f]|[0-9A-Fa-f][^0-9A-Fa-f]|[0-9A-Fa-f]?$)' THEN
    RETURN 'a % starts a percent-encoded byte: % and two hexadecimal digits';
  END IF;
  rest := ltrim(substr(purl, 5), '/');
  rest := split_part(rest, '#', 1);
  IF position('?' IN rest) > 0 THEN
    qualifiers := substr(rest, position('?' IN rest) + 1);
    rest := substr(rest, 1, position('?' IN rest) - 1);
    FOREACH q IN ARRAY string_to_array(qualifiers, '&') LOOP
      IF q !~ '^[A-Za-z.\-_][A-Za-z0-9.\-_]*=.+$' THEN
        RETURN pg_catalog.format('qualifier "%s" is not key=value (key: letters, digits, ".", "-", "_", not starting with a digit)', q);
      END IF;
    END LOOP;
  END IF;
  IF position('/' IN rest) = 0 THEN
    RETURN 'a purl has a type and a name: pkg:type/name';
  END IF;
  purl_type := split_part(rest, '/', 1);
  IF purl_type !~ '^[A-Za-z.+-][A-Za-z0-9.+-]*$' THEN
    RETURN pg_catalog.format('type "%s" is not letters, digits, ".", "+", "-" (not starting with a digit)', purl_type);
  END IF;
  path := rtrim(substr(rest, pg_catalog.length(purl_type) + 2), '/');
  IF path ~ '@' THEN
    path := substr(path, 1, pg_catalog.length(path) - position('@' IN reverse(path)));
    IF rest ~ '@$' THEN
      RETURN 'the version after @ is empty';
    END IF;
  END IF;
  name := (regexp_match(path, '([^/]*)$'))[1];
  IF name IS NULL OR name = '' THEN
    RETURN 'a purl has a name after the type (and the namespace, if any)';
  END IF;
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION @extschema@.purl_problem(text) IS
  'What is wrong with a package URL (pkg:type/namespace/name@version?qualifiers#subpath: the pkg: scheme, a type, a '
  'name, key=value qualifiers, no whitespace, valid percent-encoding); NULL when valid.';

CREATE FUNCTION @extschema@.purl_is_valid(purl text)
RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT @extschema@.purl_problem($1) IS NULL $$;
COMMENT ON FUNCTION @extschema@.purl_is_valid(text) IS 'Whether the text is a valid package URL (see purl_problem).';

CREATE TABLE @extschema@.product (
  organization_id uuid NOT NULL REFERENCES @extschema@.organization (id),
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  vendor          text NOT NULL CONSTRAINT product_vendor_not_blank CHECK (pg_catalog.btrim(vendor) <> ''),
  name            text NOT NULL CONSTRAINT product_name_not_blank CHECK (pg_catalog.btrim(name) <> ''),
  vendor_key      text NOT NULL GENERATED ALWAYS AS (@extschema@.product_name_key(vendor)) STORED,
  name_key        text NOT NULL GENERATED ALWAYS AS (@extschema@.product_name_key(name)) STORED,
  cpe23           text CONSTRAINT product_cpe23_valid CHECK (@extschema@.cpe23_is_valid(cpe23)),
  purl            text CONSTRAINT product_purl_valid CHECK (@extschema@.purl_is_valid(purl)),
  version_scheme  text NOT NULL DEFAULT 'intdot' CONSTRAINT product_version_scheme CHECK (version_scheme IN ('intdot', 'semver')),
  description     text,
  created_at      timestamptz NOT NULL DEFAULT pg_catalog.now(),
  PRIMARY KEY (organization_id, id),
  CONSTRAINT product_name_unique UNIQUE (organization_id, vendor_key, name_key),
  CONSTRAINT product_cpe23_unique UNIQUE (organization_id, cpe23),
  CONSTRAINT product_purl_unique UNIQUE (organization_id, purl)
);
COMMENT ON TABLE @extschema@.product IS
  'Products an organisation runs or tracks advisories for: canonical vendor and product name (unique whatever their case '
  'and spacing), optional CPE 2.3 and purl identifiers, and the vers scheme its versions compare by.  Assets resolve to '
  'a product by these names or a product_alias.';
COMMENT ON COLUMN @extschema@.product.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.product.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.product.vendor IS 'Canonical vendor name, e.g. Siemens.';
COMMENT ON COLUMN @extschema@.product.name IS 'Canonical product name, e.g. SIMATIC S7-1500 CPU firmware.';
COMMENT ON COLUMN @extschema@.product.vendor_key IS 'Matching key of the vendor (product_name_key: lower case, no whitespace).';
COMMENT ON COLUMN @extschema@.product.name_key IS 'Matching key of the product name (product_name_key).';
COMMENT ON COLUMN @extschema@.product.cpe23 IS
  'CPE 2.3 formatted string, e.g. cpe:2.3:o:siemens:simatic_s7-1500_cpu_firmware:*:*:*:*:*:*:*:*; unique per organisation.';
COMMENT ON COLUMN @extschema@.product.purl IS 'Package URL, e.g. pkg:generic/siemens/s7-1500-firmware; unique per organisation.';
COMMENT ON COLUMN @extschema@.product.version_scheme IS
  'The vers scheme the product''s versions compare by: intdot (digits and dots, a leading V ignored) or semver; '
  'affected ranges must use it (or all / none).';
COMMENT ON COLUMN @extschema@.product.description IS 'Free text.';
COMMENT ON COLUMN @extschema@.product.created_at IS 'When the row was created.';

CREATE TABLE @extschema@.product_alias (
  organization_id uuid NOT NULL REFERENCES @extschema@.organization (id),
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  product_id      uuid NOT NULL,
  vendor          text NOT NULL CONSTRAINT product_alias_vendor_not_blank CHECK (pg_catalog.btrim(vendor) <> ''),
  name            text NOT NULL CONSTRAINT product_alias_name_not_blank CHECK (pg_catalog.btrim(name) <> ''),
  vendor_key      text NOT NULL GENERATED ALWAYS AS (@extschema@.product_name_key(vendor)) STORED,
  name_key        text NOT NULL GENERATED ALWAYS AS (@extschema@.product_name_key(name)) STORED,
  source          text,
  created_at      timestamptz NOT NULL DEFAULT pg_catalog.now(),
  PRIMARY KEY (organization_id, id),
  CONSTRAINT product_alias_name_unique UNIQUE (organization_id, vendor_key, name_key),
  FOREIGN KEY (organization_id, product_id) REFERENCES @extschema@.product (organization_id, id) ON DELETE CASCADE
);
CREATE INDEX product_alias_product_idx ON @extschema@.product_alias (organization_id, product_id);
COMMENT ON TABLE @extschema@.product_alias IS
  'Other spellings of a product''s vendor and name, as advisories and inventories write them (matched whatever their '
  'case and spacing); a spelling names one product, and never another product''s canonical name.';
COMMENT ON COLUMN @extschema@.product_alias.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.product_alias.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.product_alias.product_id IS 'The product this spelling names.';
COMMENT ON COLUMN @extschema@.product_alias.vendor IS 'Vendor as spelled elsewhere, e.g. Siemens AG.';
COMMENT ON COLUMN @extschema@.product_alias.name IS 'Product as spelled elsewhere, e.g. S7-1500 CPU.';
COMMENT ON COLUMN @extschema@.product_alias.vendor_key IS 'Matching key of the vendor (product_name_key).';
COMMENT ON COLUMN @extschema@.product_alias.name_key IS 'Matching key of the name (product_name_key).';
COMMENT ON COLUMN @extschema@.product_alias.source IS 'Where the spelling comes from, e.g. an advisory or an inventory tool.';
COMMENT ON COLUMN @extschema@.product_alias.created_at IS 'When the row was created.';

-- The product an asset's vendor and product name resolve to: the canonical names first, then an alias.
CREATE FUNCTION @extschema@.resolve_product(organization_id uuid, vendor text, product text)
RETURNS uuid
LANGUAGE sql STABLE STRICT PARALLEL SAFE
AS $$
  SELECT x.id FROM (
    SELECT p.id, 1 AS preference
    FROM @extschema@.product p
    WHERE p.organization_id OPERATOR(pg_catalog.=) $1
      AND p.vendor_key OPERATOR(pg_catalog.=) @extschema@.product_name_key($2)
      AND p.name_key OPERATOR(pg_catalog.=) @extschema@.product_name_key($3)
    UNION ALL
    SELECT p.id, 2
    FROM @extschema@.product_alias a
    JOIN @extschema@.product p ON p.organization_id OPERATOR(pg_catalog.=) a.organization_id AND p.id OPERATOR(pg_catalog.=) a.product_id
    WHERE a.organization_id OPERATOR(pg_catalog.=) $1
      AND a.vendor_key OPERATOR(pg_catalog.=) @extschema@.product_name_key($2)
      AND a.name_key OPERATOR(pg_catalog.=) @extschema@.product_name_key($3)
  ) x
  ORDER BY x.preference
  LIMIT 1
$$;
COMMENT ON FUNCTION @extschema@.resolve_product(uuid, text, text) IS
  'The product a vendor and product name resolve to in an organisation: by the canonical names, else by an alias, '
  'whatever the case and spacing; NULL when none matches.';

-- One writer of an organisation's product names at a time: two concurrent transactions could
-- otherwise give one spelling to two products (an alias and a canonical name).
CREATE FUNCTION @extschema@.product_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  problem text;
  other record;
  bad record;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('iec62443p2.product/' || NEW.organization_id::text, 0));
  problem := @extschema@.cpe23_problem(NEW.cpe23);
  IF problem IS NOT NULL THEN
    RAISE EXCEPTION 'product "% %": invalid CPE 2.3 name "%"', NEW.vendor, NEW.name, NEW.cpe23
      USING ERRCODE = 'check_violation', TABLE = 'product', DETAIL = problem;
  END IF;
  problem := @extschema@.purl_problem(NEW.purl);
  IF problem IS NOT NULL THEN
    RAISE EXCEPTION 'product "% %": invalid package URL "%"', NEW.vendor, NEW.name, NEW.purl
      USING ERRCODE = 'check_violation', TABLE = 'product', DETAIL = problem;
  END IF;
  SELECT p.vendor, p.name INTO other
  FROM @extschema@.product_alias a
  JOIN @extschema@.product p ON p.organization_id = a.organization_id AND p.id = a.product_id
  WHERE a.organization_id = NEW.organization_id
    AND a.vendor_key = @extschema@.product_name_key(NEW.vendor) AND a.name_key = @extschema@.product_name_key(NEW.name)
    AND a.product_id <> NEW.id;
  IF FOUND THEN
    RAISE EXCEPTION 'product "% %": the name is an alias of product "% %"', NEW.vendor, NEW.name, other.vendor, other.name
      USING ERRCODE = 'unique_violation', TABLE = 'product',
            HINT = 'A spelling names one product: delete or change the alias first.';
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.version_scheme <> OLD.version_scheme THEN
    SELECT v.cve_id, x.affected_range::text AS affected_range INTO bad
    FROM @extschema@.vulnerability_affected_product x
    JOIN @extschema@.vulnerability v ON v.organization_id = x.organization_id AND v.id = x.vulnerability_id
    WHERE x.organization_id = NEW.organization_id AND x.product_id = NEW.id
      AND @extschema@.vers_scheme(x.affected_range) NOT IN (NEW.version_scheme, 'all', 'none')
    ORDER BY v.cve_id LIMIT 1;
    IF FOUND THEN
      RAISE EXCEPTION 'product "% %": version scheme % does not fit the affected range % of %',
        NEW.vendor, NEW.name, NEW.version_scheme, bad.affected_range, bad.cve_id
        USING ERRCODE = 'invalid_parameter_value', TABLE = 'product';
    END IF;
  END IF;
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.product_check() IS
  'Trigger function: a product''s CPE 2.3 name and purl are valid (23514, the problem in the detail), its name is '
  'no other product''s alias (23505), and its version scheme fits its affected ranges (22023).';

CREATE TRIGGER product_check BEFORE INSERT OR UPDATE ON @extschema@.product
  FOR EACH ROW EXECUTE FUNCTION @extschema@.product_check();

CREATE FUNCTION @extschema@.product_alias_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  other record;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('iec62443p2.product/' || NEW.organization_id::text, 0));
  SELECT p.vendor, p.name INTO other
  FROM @extschema@.product p
  WHERE p.organization_id = NEW.organization_id
    AND p.vendor_key = @extschema@.product_name_key(NEW.vendor) AND p.name_key = @extschema@.product_name_key(NEW.name)
    AND p.id <> NEW.product_id;
  IF FOUND THEN
    RAISE EXCEPTION 'product_alias "% %": the name is product "% %" itself', NEW.vendor, NEW.name, other.vendor, other.name
      USING ERRCODE = 'unique_violation', TABLE = 'product_alias',
            HINT = 'A spelling names one product.';
  END IF;
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.product_alias_check() IS
  'Trigger function: an alias is not another product''s canonical name (23505).';

CREATE TRIGGER product_alias_check BEFORE INSERT OR UPDATE ON @extschema@.product_alias
  FOR EACH ROW EXECUTE FUNCTION @extschema@.product_alias_check();

-- The asset's product, kept by trigger.
ALTER TABLE @extschema@.asset
  ADD COLUMN product_id uuid,
  ADD COLUMN version_changed_at timestamptz,
  ADD CONSTRAINT asset_product_fk FOREIGN KEY (organization_id, product_id)
    REFERENCES @extschema@.product (organization_id, id) ON DELETE SET NULL (product_id);
CREATE INDEX asset_product_idx ON @extschema@.asset (organization_id, product_id);
-- finds the assets a product or alias name change concerns
CREATE INDEX asset_product_name_key_idx ON @extschema@.asset
  (organization_id, @extschema@.product_name_key(vendor), @extschema@.product_name_key(product));
COMMENT ON COLUMN @extschema@.asset.product_id IS
  'The product the asset''s vendor and product resolve to (product names, then product_alias); kept by trigger, '
  'NULL when none matches (the asset is then matched against no vulnerability).';
COMMENT ON COLUMN @extschema@.asset.version_changed_at IS
  'When the asset''s version last changed (the change time, iec62443p2.changed_at when set); kept by trigger.';

CREATE FUNCTION @extschema@.asset_resolve_product()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  NEW.product_id := @extschema@.resolve_product(NEW.organization_id, NEW.vendor, NEW.product);
  IF TG_OP = 'INSERT' OR NEW.version IS DISTINCT FROM OLD.version THEN
    NEW.version_changed_at := @extschema@.risk_change_time();
  ELSE
    NEW.version_changed_at := OLD.version_changed_at;
  END IF;
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.asset_resolve_product() IS
  'Trigger function: sets the asset''s product_id from its vendor and product (resolve_product) and '
  'version_changed_at when its version changes.';

CREATE TRIGGER asset_resolve_product
  BEFORE INSERT OR UPDATE OF organization_id, vendor, product, version, product_id, version_changed_at ON @extschema@.asset
  FOR EACH ROW EXECUTE FUNCTION @extschema@.asset_resolve_product();

-- A product or alias spelling changed: the assets written that way (before or after) resolve again.
CREATE FUNCTION @extschema@.product_names_changed()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  org uuid;
  vendor_keys text[];
  name_keys text[];
BEGIN
  IF TG_OP = 'DELETE' THEN
    org := OLD.organization_id;
    vendor_keys := ARRAY[@extschema@.product_name_key(OLD.vendor)];
    name_keys := ARRAY[@extschema@.product_name_key(OLD.name)];
  ELSIF TG_OP = 'INSERT' THEN
    org := NEW.organization_id;
    vendor_keys := ARRAY[@extschema@.product_name_key(NEW.vendor)];
    name_keys := ARRAY[@extschema@.product_name_key(NEW.name)];
  ELSE
    IF (OLD.vendor_key, OLD.name_key) IS NOT DISTINCT FROM (NEW.vendor_key, NEW.name_key) THEN
      IF TG_TABLE_NAME = 'product' THEN
        RETURN NULL;   -- only identifiers or descriptions changed
      ELSIF OLD.product_id = NEW.product_id THEN
        RETURN NULL;   -- only the alias's source changed
      END IF;
    END IF;
    org := NEW.organization_id;
    vendor_keys := ARRAY[@extschema@.product_name_key(OLD.vendor), @extschema@.product_name_key(NEW.vendor)];
    name_keys := ARRAY[@extschema@.product_name_key(OLD.name), @extschema@.product_name_key(NEW.name)];
  END IF;
  UPDATE @extschema@.asset a
  SET product_id = r.product_id
  FROM (SELECT x.id, @extschema@.resolve_product(x.organization_id, x.vendor, x.product) AS product_id
        FROM @extschema@.asset x
        WHERE x.organization_id = org
          AND (@extschema@.product_name_key(x.vendor), @extschema@.product_name_key(x.product)) IN
              (SELECT k.v, k.n FROM unnest(vendor_keys, name_keys) k(v, n))) r
  WHERE a.organization_id = org AND a.id = r.id AND a.product_id IS DISTINCT FROM r.product_id;
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION @extschema@.product_names_changed() IS
  'Trigger function: after a product or alias is added, renamed or deleted, the assets spelled like it (before or after) '
  'resolve their product again, which re-matches their vulnerabilities.';

CREATE TRIGGER product_names_changed AFTER INSERT OR UPDATE OR DELETE ON @extschema@.product
  FOR EACH ROW EXECUTE FUNCTION @extschema@.product_names_changed();
CREATE TRIGGER product_alias_names_changed AFTER INSERT OR UPDATE OR DELETE ON @extschema@.product_alias
  FOR EACH ROW EXECUTE FUNCTION @extschema@.product_names_changed();

INSERT INTO @extschema@.object_access_class (object_name, object_class) VALUES
  ('product', 'program'),
  ('product_alias', 'program');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.product', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.product_alias', '');
-- Vulnerabilities (BRIEF 4.E, issue 5 "Patch and vulnerability management"): what an organisation
-- knows of each CVE, and which of its assets each one applies to: vulnerability_affected_product
-- (a product and a vers range), matched to assets through asset.product_id (600_product.sql) and
-- kept in asset_vulnerability by ordinary triggers, or recomputed in one pass by
-- refresh_asset_vulnerabilities.

CREATE FUNCTION @extschema@.cve_id_is_valid(cve_id text)
RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT $1 OPERATOR(pg_catalog.~) '^CVE-(1999|2[0-9]{3})-(0[0-9]{3}|[1-9][0-9]{3,18})$' $$;
COMMENT ON FUNCTION @extschema@.cve_id_is_valid(text) IS
  'Whether the text is a CVE identifier: CVE-, a year from 1999, a hyphen, a sequence number of four digits (leading '
  'zeros allowed) or of five to nineteen digits without a leading zero, e.g. CVE-2014-0160, CVE-2024-38063.';

CREATE TABLE @extschema@.vulnerability (
  organization_id  uuid NOT NULL REFERENCES @extschema@.organization (id),
  id               uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  cve_id           text NOT NULL CONSTRAINT vulnerability_cve_id_format CHECK (@extschema@.cve_id_is_valid(cve_id)),
  title            text,
  description      text,
  cvss             @extschema@.cvss,
  published_on     date,
  identified_at    timestamptz NOT NULL DEFAULT @extschema@.risk_change_time(),
  epss             numeric(6,5) CONSTRAINT vulnerability_epss_probability CHECK (epss BETWEEN 0 AND 1),
  epss_percentile  numeric(6,5) CONSTRAINT vulnerability_epss_percentile CHECK (epss_percentile BETWEEN 0 AND 1),
  epss_on          date,
  kev              boolean NOT NULL DEFAULT false,
  kev_added_on     date,
  kev_due_on       date,
  created_at       timestamptz NOT NULL DEFAULT pg_catalog.now(),
  updated_at       timestamptz NOT NULL DEFAULT pg_catalog.now(),
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, cve_id),
  CONSTRAINT vulnerability_epss_dated CHECK ((epss IS NULL AND epss_percentile IS NULL) OR epss_on IS NOT NULL),
  CONSTRAINT vulnerability_epss_pair CHECK ((epss IS NULL) = (epss_percentile IS NULL) AND (epss IS NOT NULL OR epss_on IS NULL)),
  CONSTRAINT vulnerability_kev_dates CHECK (kev OR (kev_added_on IS NULL AND kev_due_on IS NULL)),
  CONSTRAINT vulnerability_kev_listed CHECK (NOT kev OR kev_added_on IS NOT NULL),
  CONSTRAINT vulnerability_kev_due_after_added CHECK (kev_due_on >= kev_added_on)
);
CREATE TRIGGER vulnerability_touch_updated_at BEFORE UPDATE ON @extschema@.vulnerability
  FOR EACH ROW EXECUTE FUNCTION @extschema@.touch_updated_at();
COMMENT ON TABLE @extschema@.vulnerability IS
  'Vulnerabilities (CVEs) an organisation tracks: CVSS vector, disclosure and identification dates, EPSS and CISA KEV status.';
COMMENT ON COLUMN @extschema@.vulnerability.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.vulnerability.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.vulnerability.cve_id IS
  'CVE identifier, e.g. CVE-2024-3596 (cve_id_is_valid; stored upper case without surrounding spaces), unique per organisation.';
COMMENT ON COLUMN @extschema@.vulnerability.title IS 'Short title, e.g. from the advisory.';
COMMENT ON COLUMN @extschema@.vulnerability.description IS 'Description.';
COMMENT ON COLUMN @extschema@.vulnerability.cvss IS 'CVSS vector as published (any version); NULL when none is published.';
COMMENT ON COLUMN @extschema@.vulnerability.published_on IS 'Public disclosure date.';
COMMENT ON COLUMN @extschema@.vulnerability.identified_at IS
  'When the organisation identified the vulnerability (detection time; defaults to the change time, '
  'iec62443p2.changed_at when set, and may be given for imports).';
COMMENT ON COLUMN @extschema@.vulnerability.epss IS 'EPSS probability of exploitation in the next 30 days, 0..1 (with epss_percentile and epss_on).';
COMMENT ON COLUMN @extschema@.vulnerability.epss_percentile IS 'EPSS percentile, 0..1 (with epss and epss_on).';
COMMENT ON COLUMN @extschema@.vulnerability.epss_on IS 'Date of the EPSS scores (required with them, NULL without).';
COMMENT ON COLUMN @extschema@.vulnerability.kev IS 'Listed in the CISA Known Exploited Vulnerabilities catalogue.';
COMMENT ON COLUMN @extschema@.vulnerability.kev_added_on IS 'Date added to the KEV catalogue (required when kev, NULL otherwise).';
COMMENT ON COLUMN @extschema@.vulnerability.kev_due_on IS 'KEV remediation due date (only when kev; not before kev_added_on).';
COMMENT ON COLUMN @extschema@.vulnerability.created_at IS 'When the row was created.';
COMMENT ON COLUMN @extschema@.vulnerability.updated_at IS 'When the row was last updated.';

-- The rules, with messages naming the vulnerability and the offending value (the CHECK constraints
-- above stay as the backstop, e.g. for rows restored with triggers off).
CREATE FUNCTION @extschema@.vulnerability_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  NEW.cve_id := pg_catalog.upper(btrim(NEW.cve_id));
  IF NOT @extschema@.cve_id_is_valid(NEW.cve_id) THEN
    RAISE EXCEPTION 'vulnerability: invalid CVE id "%"', NEW.cve_id
      USING ERRCODE = 'check_violation', TABLE = 'vulnerability', CONSTRAINT = 'vulnerability_cve_id_format',
            DETAIL = 'A CVE id is CVE-, a year from 1999, a hyphen and a sequence number of four digits, or of five '
                     'or more without a leading zero, e.g. CVE-2024-3596.';
  END IF;
  IF NEW.epss NOT BETWEEN 0 AND 1 OR NEW.epss_percentile NOT BETWEEN 0 AND 1 THEN
    RAISE EXCEPTION 'vulnerability %: EPSS % is outside 0..1', NEW.cve_id,
      CASE WHEN NEW.epss NOT BETWEEN 0 AND 1 THEN 'probability ' || NEW.epss ELSE 'percentile ' || NEW.epss_percentile END
      USING ERRCODE = 'check_violation', TABLE = 'vulnerability';
  END IF;
  IF (NEW.epss IS NULL) <> (NEW.epss_percentile IS NULL) THEN
    RAISE EXCEPTION 'vulnerability %: EPSS probability and percentile come together (one of them is missing)', NEW.cve_id
      USING ERRCODE = 'check_violation', TABLE = 'vulnerability', CONSTRAINT = 'vulnerability_epss_pair';
  END IF;
  IF NEW.epss IS NOT NULL AND NEW.epss_on IS NULL THEN
    RAISE EXCEPTION 'vulnerability %: EPSS scores need their date (epss_on)', NEW.cve_id
      USING ERRCODE = 'check_violation', TABLE = 'vulnerability', CONSTRAINT = 'vulnerability_epss_dated';
  END IF;
  IF NEW.epss IS NULL AND NEW.epss_on IS NOT NULL THEN
    RAISE EXCEPTION 'vulnerability %: an EPSS date (%) without EPSS scores', NEW.cve_id, NEW.epss_on
      USING ERRCODE = 'check_violation', TABLE = 'vulnerability', CONSTRAINT = 'vulnerability_epss_pair';
  END IF;
  IF NOT NEW.kev AND (NEW.kev_added_on IS NOT NULL OR NEW.kev_due_on IS NOT NULL) THEN
    RAISE EXCEPTION 'vulnerability %: KEV dates given but kev is false', NEW.cve_id
      USING ERRCODE = 'check_violation', TABLE = 'vulnerability', CONSTRAINT = 'vulnerability_kev_dates';
  END IF;
  IF NEW.kev AND NEW.kev_added_on IS NULL THEN
    RAISE EXCEPTION 'vulnerability %: a KEV listing needs the date it was added (kev_added_on)', NEW.cve_id
      USING ERRCODE = 'check_violation', TABLE = 'vulnerability', CONSTRAINT = 'vulnerability_kev_listed';
  END IF;
  IF NEW.kev_due_on < NEW.kev_added_on THEN
    RAISE EXCEPTION 'vulnerability %: KEV due date % is before the date it was added %', NEW.cve_id, NEW.kev_due_on, NEW.kev_added_on
      USING ERRCODE = 'check_violation', TABLE = 'vulnerability', CONSTRAINT = 'vulnerability_kev_due_after_added';
  END IF;
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.vulnerability_check() IS
  'Trigger function: normalises the CVE id (upper case, trimmed) and checks it, EPSS (both scores in 0..1 with their '
  'date) and KEV (listing date, due date not before it), each with a message naming the CVE and the value (23514).';

CREATE TRIGGER vulnerability_check BEFORE INSERT OR UPDATE ON @extschema@.vulnerability
  FOR EACH ROW EXECUTE FUNCTION @extschema@.vulnerability_check();

-- The applicability of vulnerabilities to assets, maintained (never a nested loop over every pair
-- at read time).  A row stays when the vulnerability stops applying, with when and why, so
-- remediation times can be measured.
CREATE TABLE @extschema@.asset_vulnerability (
  organization_id  uuid NOT NULL REFERENCES @extschema@.organization (id),
  id               uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  asset_id         uuid NOT NULL,
  vulnerability_id uuid NOT NULL,
  applicability    text NOT NULL
                   CONSTRAINT asset_vulnerability_applicability CHECK (applicability IN ('affected', 'undetermined')),
  reason           text,
  asset_version    text,
  detected_at      timestamptz NOT NULL DEFAULT pg_catalog.now(),
  resolved_at      timestamptz,
  resolution       text CONSTRAINT asset_vulnerability_resolution
                   CHECK (resolution IN ('patched', 'version_changed', 'no_longer_affected', 'asset_retired')),
  PRIMARY KEY (organization_id, id),
  CONSTRAINT asset_vulnerability_resolved_pair CHECK ((resolved_at IS NULL) = (resolution IS NULL)),
  CONSTRAINT asset_vulnerability_resolved_after_detected CHECK (resolved_at >= detected_at),
  FOREIGN KEY (organization_id, asset_id) REFERENCES @extschema@.asset (organization_id, id),
  FOREIGN KEY (organization_id, vulnerability_id) REFERENCES @extschema@.vulnerability (organization_id, id)
);
CREATE INDEX asset_vulnerability_vulnerability_idx ON @extschema@.asset_vulnerability (organization_id, vulnerability_id);
-- one open row per pair; a resolved pair that applies again opens a new row (the history stays)
CREATE UNIQUE INDEX asset_vulnerability_open_key ON @extschema@.asset_vulnerability (organization_id, asset_id, vulnerability_id)
  WHERE resolved_at IS NULL;
CREATE INDEX asset_vulnerability_pair_idx ON @extschema@.asset_vulnerability (organization_id, asset_id, vulnerability_id, resolved_at);
COMMENT ON TABLE @extschema@.asset_vulnerability IS
  'Which vulnerabilities apply to which assets, kept up to date as assets, vulnerabilities and affected products change: '
  '''affected'' when the asset''s version is in an affected range, ''undetermined'' when vendor and product match but '
  'the version cannot be compared (listed for a person, never dropped).  Rows stay when resolved; at most one open row '
  'per asset and vulnerability, and a pair that applies again later opens a new row.';
COMMENT ON COLUMN @extschema@.asset_vulnerability.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.asset_vulnerability.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.asset_vulnerability.asset_id IS 'The asset.';
COMMENT ON COLUMN @extschema@.asset_vulnerability.vulnerability_id IS 'The vulnerability.';
COMMENT ON COLUMN @extschema@.asset_vulnerability.applicability IS
  'affected (version in an affected range) or undetermined (version unknown or not comparable: a person decides).';
COMMENT ON COLUMN @extschema@.asset_vulnerability.reason IS
  'Why the applicability is undetermined: the version that could not be compared (or that it is unknown) and the ranges; '
  'NULL when affected.';
COMMENT ON COLUMN @extschema@.asset_vulnerability.asset_version IS
  'The asset''s version the applicability was computed for (the last one while the row was open).';
COMMENT ON COLUMN @extschema@.asset_vulnerability.detected_at IS 'When the vulnerability was found to apply to the asset.';
COMMENT ON COLUMN @extschema@.asset_vulnerability.resolved_at IS 'When it stopped applying; NULL while open.';
COMMENT ON COLUMN @extschema@.asset_vulnerability.resolution IS
  'Why it stopped applying: patched, version_changed, no_longer_affected or asset_retired.';

-- What advisories say is affected: a product and a vers range of its versions.
CREATE TABLE @extschema@.vulnerability_affected_product (
  organization_id  uuid NOT NULL REFERENCES @extschema@.organization (id),
  id               uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  vulnerability_id uuid NOT NULL,
  product_id       uuid NOT NULL,
  affected_range   @extschema@.vers_range NOT NULL,
  fixed_version    text CONSTRAINT vulnerability_affected_product_fixed_not_blank CHECK (pg_catalog.btrim(fixed_version) <> ''),
  source           text,
  created_at       timestamptz NOT NULL DEFAULT pg_catalog.now(),
  PRIMARY KEY (organization_id, id),
  CONSTRAINT vulnerability_affected_product_once UNIQUE (organization_id, vulnerability_id, product_id, affected_range),
  FOREIGN KEY (organization_id, vulnerability_id) REFERENCES @extschema@.vulnerability (organization_id, id),
  FOREIGN KEY (organization_id, product_id) REFERENCES @extschema@.product (organization_id, id)
);
-- matching goes through the product: the assets of a product meet the affected ranges of that product
CREATE INDEX vulnerability_affected_product_product_idx
  ON @extschema@.vulnerability_affected_product (organization_id, product_id, vulnerability_id);
COMMENT ON TABLE @extschema@.vulnerability_affected_product IS
  'The products a vulnerability affects, each with the range of affected versions (vers notation, the product''s '
  'scheme or all / none), the first fixed version and the source; several rows per product for several branches.  '
  'Changes re-match the product''s assets (asset_vulnerability).';
COMMENT ON COLUMN @extschema@.vulnerability_affected_product.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.vulnerability_affected_product.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.vulnerability_affected_product.vulnerability_id IS 'The vulnerability.';
COMMENT ON COLUMN @extschema@.vulnerability_affected_product.product_id IS 'The affected product.';
COMMENT ON COLUMN @extschema@.vulnerability_affected_product.affected_range IS
  'Affected versions, e.g. vers:intdot/<2.9.7 or vers:intdot/>=3.0|<3.0.2; vers:all/* for every version (an asset of '
  'unknown version included).';
COMMENT ON COLUMN @extschema@.vulnerability_affected_product.fixed_version IS
  'First fixed version, comparable under the product''s scheme and outside the affected range; NULL when no fix is known.';
COMMENT ON COLUMN @extschema@.vulnerability_affected_product.source IS 'Where the statement comes from, e.g. an advisory id (SSA-123456, ICSA-24-123-01).';
COMMENT ON COLUMN @extschema@.vulnerability_affected_product.created_at IS 'When the row was created.';

CREATE FUNCTION @extschema@.vulnerability_affected_product_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  prod record;
  cve text;
  scheme text;
BEGIN
  SELECT p.vendor, p.name, p.version_scheme INTO prod
  FROM @extschema@.product p WHERE p.organization_id = NEW.organization_id AND p.id = NEW.product_id;
  IF NOT FOUND THEN
    RETURN NEW;   -- the foreign key reports it
  END IF;
  SELECT v.cve_id INTO cve FROM @extschema@.vulnerability v WHERE v.organization_id = NEW.organization_id AND v.id = NEW.vulnerability_id;
  scheme := @extschema@.vers_scheme(NEW.affected_range);
  IF scheme NOT IN (prod.version_scheme, 'all', 'none') THEN
    RAISE EXCEPTION 'vulnerability_affected_product (%, % %): range % is in scheme %, the product''s versions compare by %',
      cve, prod.vendor, prod.name, NEW.affected_range::text, scheme, prod.version_scheme
      USING ERRCODE = 'invalid_parameter_value', TABLE = 'vulnerability_affected_product';
  END IF;
  IF NEW.fixed_version IS NOT NULL THEN
    IF @extschema@.vers_version_compare(prod.version_scheme, NEW.fixed_version, NEW.fixed_version) IS NULL THEN
      RAISE EXCEPTION 'vulnerability_affected_product (%, % %): fixed version "%" is not a % version',
        cve, prod.vendor, prod.name, NEW.fixed_version, prod.version_scheme
        USING ERRCODE = 'invalid_parameter_value', TABLE = 'vulnerability_affected_product';
    END IF;
    IF @extschema@.vers_contains(NEW.affected_range, NEW.fixed_version) THEN
      RAISE EXCEPTION 'vulnerability_affected_product (%, % %): fixed version "%" lies in the affected range %',
        cve, prod.vendor, prod.name, NEW.fixed_version, NEW.affected_range::text
        USING ERRCODE = 'invalid_parameter_value', TABLE = 'vulnerability_affected_product';
    END IF;
  END IF;
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.vulnerability_affected_product_check() IS
  'Trigger function: the range is in the product''s version scheme (or all / none), the fixed version is a version of '
  'that scheme and outside the range (22023, naming the CVE, product and value).';

CREATE TRIGGER vulnerability_affected_product_check BEFORE INSERT OR UPDATE ON @extschema@.vulnerability_affected_product
  FOR EACH ROW EXECUTE FUNCTION @extschema@.vulnerability_affected_product_check();

-- Containment for matching: vers_contains, except that a range of every version (vers:all/*) holds
-- an asset of unknown version too, and vers:none/* holds none.
CREATE FUNCTION @extschema@.affected_range_contains(affected_range @extschema@.vers_range, version text)
RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT CASE WHEN $2 IS NOT NULL THEN @extschema@.vers_contains($1, $2)
              WHEN @extschema@.vers_scheme($1) OPERATOR(pg_catalog.=) 'all' THEN true
              WHEN @extschema@.vers_scheme($1) OPERATOR(pg_catalog.=) 'none' THEN false
         END
$$;
COMMENT ON FUNCTION @extschema@.affected_range_contains(@extschema@.vers_range, text) IS
  'Whether an asset version lies in an affected range: vers_contains, NULL when the version cannot be compared or is '
  'unknown (NULL), except that vers:all/* holds every asset and vers:none/* none; NULL for a NULL range.';

-- The one place applicability is computed.  For every pair (asset, vulnerability) of the scope
-- (the given assets, or all of the organisation, times the given vulnerabilities, or all): the
-- candidates are the affected-product rows of the asset's product (an index lookup per product,
-- never every asset times every vulnerability); affected when a range contains the version,
-- undetermined when none does but one cannot tell; then the open rows are brought in line.
CREATE FUNCTION @extschema@.asset_vulnerability_sync(organization_id uuid, asset_ids uuid[] DEFAULT NULL,
                                                     vulnerability_ids uuid[] DEFAULT NULL,
                                                     OUT opened bigint, OUT updated bigint, OUT resolved bigint)
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
-- planned for the scope at hand: a generic plan cannot drop "asset_ids IS NULL OR ..." and would
-- read every asset and every row of asset_vulnerability to re-match one asset
SET plan_cache_mode = force_custom_plan
AS $$
DECLARE
  org uuid := asset_vulnerability_sync.organization_id;
  ts timestamptz := @extschema@.risk_change_time();
BEGIN
  IF org IS NULL THEN
    RAISE EXCEPTION 'asset_vulnerability_sync: organization_id is required' USING ERRCODE = 'null_value_not_allowed';
  END IF;
  -- one matcher per organisation at a time (two could open the same pair twice)
  PERFORM pg_advisory_xact_lock(hashtextextended('iec62443p2.asset_vulnerability/' || org::text, 0));
  WITH scope_asset AS MATERIALIZED (
    SELECT a.id, a.product_id, a.version, a.version_changed_at, l.in_operation
    FROM @extschema@.asset a
    JOIN @extschema@.lifecycle_state l ON l.code = a.lifecycle_state
    WHERE a.organization_id = org
      AND (asset_ids IS NULL OR a.id = ANY (asset_ids))
  ), pair AS (
    -- per candidate pair one containment test: 2 contained, 1 cannot tell, 0 not contained;
    -- a pair's state is the highest over the product's ranges for that vulnerability
    SELECT s.id AS asset_id, p.vulnerability_id, s.product_id, s.version,
           pg_catalog.max(coalesce(@extschema@.affected_range_contains(p.affected_range, s.version)::integer * 2, 1)) AS state
    FROM scope_asset s
    JOIN @extschema@.vulnerability_affected_product p ON p.organization_id = org AND p.product_id = s.product_id
    WHERE s.in_operation
      AND (vulnerability_ids IS NULL OR p.vulnerability_id = ANY (vulnerability_ids))
    GROUP BY s.id, p.vulnerability_id, s.product_id, s.version
  ), desired AS MATERIALIZED (
    SELECT x.asset_id, x.vulnerability_id, x.version,
           CASE x.state WHEN 2 THEN 'affected' ELSE 'undetermined' END AS applicability,
           CASE WHEN x.state = 1 THEN
             CASE WHEN x.version IS NULL THEN 'version unknown; affected: '
                  ELSE pg_catalog.format('version "%s" cannot be compared with ', x.version) END
             || (SELECT pg_catalog.string_agg(r.t, ', ' ORDER BY r.t)
                 FROM (SELECT p.affected_range::text AS t
                       FROM @extschema@.vulnerability_affected_product p
                       WHERE p.organization_id = org AND p.product_id = x.product_id AND p.vulnerability_id = x.vulnerability_id
                         AND @extschema@.affected_range_contains(p.affected_range, x.version) IS NULL) r)
           END AS reason
    FROM pair x
    WHERE x.state > 0
  ), open_row AS MATERIALIZED (
    SELECT v.id, v.asset_id, v.vulnerability_id, v.applicability, v.reason, v.asset_version
    FROM @extschema@.asset_vulnerability v
    WHERE v.organization_id = org AND v.resolved_at IS NULL
      AND (asset_ids IS NULL OR v.asset_id = ANY (asset_ids))
      AND (vulnerability_ids IS NULL OR v.vulnerability_id = ANY (vulnerability_ids))
  ), last_patched AS (
    -- pairs whose latest row was resolved as patched: they stay closed until the asset's version changes
    SELECT l.asset_id, l.vulnerability_id, l.resolved_at
    FROM (SELECT DISTINCT ON (v.asset_id, v.vulnerability_id) v.asset_id, v.vulnerability_id, v.resolution, v.resolved_at
          FROM @extschema@.asset_vulnerability v
          WHERE v.organization_id = org AND v.resolved_at IS NOT NULL
            AND (asset_ids IS NULL OR v.asset_id = ANY (asset_ids))
            AND (vulnerability_ids IS NULL OR v.vulnerability_id = ANY (vulnerability_ids))
            AND EXISTS (SELECT 1 FROM @extschema@.asset_vulnerability w
                        WHERE w.organization_id = org AND w.asset_id = v.asset_id AND w.vulnerability_id = v.vulnerability_id
                          AND w.resolution = 'patched')
          ORDER BY v.asset_id, v.vulnerability_id, v.resolved_at DESC, v.detected_at DESC) l
    WHERE l.resolution = 'patched'
  ), do_resolve AS (
    UPDATE @extschema@.asset_vulnerability t
    SET resolved_at = ts,
        resolution = CASE WHEN NOT s.in_operation THEN 'asset_retired'
                          WHEN EXISTS (SELECT 1 FROM @extschema@.vulnerability_affected_product p
                                       WHERE p.organization_id = org AND p.product_id = s.product_id
                                         AND p.vulnerability_id = o.vulnerability_id) THEN 'version_changed'
                          ELSE 'no_longer_affected' END
    FROM open_row o
    JOIN scope_asset s ON s.id = o.asset_id
    WHERE t.organization_id = org AND t.id = o.id
      AND NOT EXISTS (SELECT 1 FROM desired d WHERE d.asset_id = o.asset_id AND d.vulnerability_id = o.vulnerability_id)
    RETURNING 1
  ), do_update AS (
    UPDATE @extschema@.asset_vulnerability t
    SET applicability = d.applicability, reason = d.reason, asset_version = d.version
    FROM open_row o
    JOIN desired d ON d.asset_id = o.asset_id AND d.vulnerability_id = o.vulnerability_id
    WHERE t.organization_id = org AND t.id = o.id
      AND (o.applicability, o.reason, o.asset_version) IS DISTINCT FROM (d.applicability, d.reason, d.version)
    RETURNING 1
  ), do_insert AS (
    INSERT INTO @extschema@.asset_vulnerability
      (organization_id, asset_id, vulnerability_id, applicability, reason, asset_version, detected_at)
    SELECT org, d.asset_id, d.vulnerability_id, d.applicability, d.reason, d.version, ts
    FROM desired d
    JOIN scope_asset s ON s.id = d.asset_id
    WHERE NOT EXISTS (SELECT 1 FROM open_row o WHERE o.asset_id = d.asset_id AND o.vulnerability_id = d.vulnerability_id)
      AND NOT EXISTS (SELECT 1 FROM last_patched l
                      WHERE l.asset_id = d.asset_id AND l.vulnerability_id = d.vulnerability_id
                        AND l.resolved_at >= coalesce(s.version_changed_at, '-infinity'))
    RETURNING 1
  )
  SELECT (SELECT pg_catalog.count(*) FROM do_insert), (SELECT pg_catalog.count(*) FROM do_update), (SELECT pg_catalog.count(*) FROM do_resolve)
  INTO opened, updated, resolved;
END
$$;
COMMENT ON FUNCTION @extschema@.asset_vulnerability_sync(uuid, uuid[], uuid[]) IS
  'Brings asset_vulnerability in line for the given assets (NULL: all of the organisation) and vulnerabilities (NULL: '
  'all): opens rows that apply (detected_at = the change time), updates the applicability, reason and version of open '
  'rows, resolves rows that no longer apply (asset_retired, version_changed or no_longer_affected).  A pair whose '
  'latest row was resolved as patched stays closed until the asset''s version changes.  Returns the counts.  Called '
  'by the matching triggers and refresh_asset_vulnerabilities.';

CREATE FUNCTION @extschema@.refresh_asset_vulnerabilities(organization_id uuid,
                                                          OUT assets_reresolved bigint, OUT opened bigint,
                                                          OUT updated bigint, OUT resolved bigint)
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  org uuid := refresh_asset_vulnerabilities.organization_id;
BEGIN
  IF org IS NULL THEN
    RAISE EXCEPTION 'refresh_asset_vulnerabilities: organization_id is required' USING ERRCODE = 'null_value_not_allowed';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM @extschema@.organization o WHERE o.id = org) THEN
    RAISE EXCEPTION 'refresh_asset_vulnerabilities: no organisation %', org USING ERRCODE = 'invalid_parameter_value';
  END IF;
  -- products first (rows loaded with triggers off may lack them): the assets whose product changes
  -- are re-matched by the asset trigger as usual
  UPDATE @extschema@.asset a
  SET product_id = r.product_id
  FROM (SELECT x.id, @extschema@.resolve_product(x.organization_id, x.vendor, x.product) AS product_id
        FROM @extschema@.asset x WHERE x.organization_id = org) r
  WHERE a.organization_id = org AND a.id = r.id AND a.product_id IS DISTINCT FROM r.product_id;
  GET DIAGNOSTICS assets_reresolved = ROW_COUNT;
  SELECT s.opened, s.updated, s.resolved INTO opened, updated, resolved
  FROM @extschema@.asset_vulnerability_sync(org, NULL, NULL) s;
END
$$;
COMMENT ON FUNCTION @extschema@.refresh_asset_vulnerabilities(uuid) IS
  'Recomputes one organisation''s asset_vulnerability in one set-based pass (after a bulk load with triggers off, or to '
  'check): resolves every asset''s product again, then matches every asset against every affected product of its '
  'product.  Gives exactly what the triggers maintain; returns how many assets got another product and how many rows '
  'the pass opened, updated and resolved (all 0 when the triggers kept up).';

-- The triggers: statement-level, with transition tables, so a bulk load matches in one pass.
CREATE FUNCTION @extschema@.asset_match_vulnerabilities()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  r record;
BEGIN
  IF TG_OP = 'INSERT' THEN
    FOR r IN SELECT n.organization_id, pg_catalog.array_agg(n.id) AS ids FROM new_rows n GROUP BY n.organization_id ORDER BY 1 LOOP
      PERFORM @extschema@.asset_vulnerability_sync(r.organization_id, r.ids, NULL);
    END LOOP;
  ELSE
    FOR r IN
      SELECT n.organization_id, pg_catalog.array_agg(n.id) AS ids
      FROM new_rows n
      LEFT JOIN old_rows o ON o.organization_id = n.organization_id AND o.id = n.id
      WHERE (o.vendor, o.product, o.version, o.lifecycle_state, o.product_id)
            IS DISTINCT FROM (n.vendor, n.product, n.version, n.lifecycle_state, n.product_id)
      GROUP BY n.organization_id ORDER BY 1
    LOOP
      PERFORM @extschema@.asset_vulnerability_sync(r.organization_id, r.ids, NULL);
    END LOOP;
  END IF;
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION @extschema@.asset_match_vulnerabilities() IS
  'Trigger function (statement level): matches inserted assets, and assets whose vendor, product, version, product or '
  'lifecycle state changed, against the affected products (asset_vulnerability_sync); a state not in operation '
  '(lifecycle_state.in_operation) resolves their rows as asset_retired.';

CREATE TRIGGER asset_match_vulnerabilities_insert AFTER INSERT ON @extschema@.asset
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.asset_match_vulnerabilities();
CREATE TRIGGER asset_match_vulnerabilities_update AFTER UPDATE ON @extschema@.asset
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.asset_match_vulnerabilities();

CREATE FUNCTION @extschema@.affected_product_match_assets()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  r record;
  orgs uuid[];
  products uuid[];
  vulnerabilities uuid[];
BEGIN
  -- the (product, vulnerability) pairs whose rows came, went or changed their range (each event
  -- has its own transition tables, so each its own query)
  IF TG_OP = 'INSERT' THEN
    SELECT pg_catalog.array_agg(n.organization_id), pg_catalog.array_agg(n.product_id), pg_catalog.array_agg(n.vulnerability_id)
    INTO orgs, products, vulnerabilities
    FROM new_rows n;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT pg_catalog.array_agg(o.organization_id), pg_catalog.array_agg(o.product_id), pg_catalog.array_agg(o.vulnerability_id)
    INTO orgs, products, vulnerabilities
    FROM old_rows o;
  ELSE
    SELECT pg_catalog.array_agg(c.organization_id), pg_catalog.array_agg(c.product_id), pg_catalog.array_agg(c.vulnerability_id)
    INTO orgs, products, vulnerabilities
    FROM (SELECT n.organization_id, n.product_id, n.vulnerability_id, n.affected_range::text AS r, n.id FROM new_rows n
          UNION ALL
          SELECT o.organization_id, o.product_id, o.vulnerability_id, o.affected_range::text, o.id FROM old_rows o
          EXCEPT ALL
          (SELECT n.organization_id, n.product_id, n.vulnerability_id, n.affected_range::text, n.id FROM new_rows n
           INTERSECT ALL
           SELECT o.organization_id, o.product_id, o.vulnerability_id, o.affected_range::text, o.id FROM old_rows o)) c;
  END IF;
  FOR r IN
    WITH changed AS (SELECT * FROM unnest(orgs, products, vulnerabilities) c(organization_id, product_id, vulnerability_id))
    SELECT c.organization_id,
           (SELECT pg_catalog.array_agg(a.id) FROM @extschema@.asset a
            WHERE a.organization_id = c.organization_id
              AND a.product_id IN (SELECT x.product_id FROM changed x WHERE x.organization_id = c.organization_id)) AS asset_ids,
           pg_catalog.array_agg(DISTINCT c.vulnerability_id) AS vulnerability_ids
    FROM changed c
    GROUP BY c.organization_id ORDER BY 1
  LOOP
    IF r.asset_ids IS NOT NULL THEN
      PERFORM @extschema@.asset_vulnerability_sync(r.organization_id, r.asset_ids, r.vulnerability_ids);
    END IF;
  END LOOP;
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION @extschema@.affected_product_match_assets() IS
  'Trigger function (statement level): after affected products are inserted, changed or deleted, re-matches the assets '
  'of those products against those vulnerabilities (asset_vulnerability_sync); a deleted row resolves the pairs it '
  'alone made apply as no_longer_affected.';

CREATE TRIGGER vulnerability_affected_product_match_insert AFTER INSERT ON @extschema@.vulnerability_affected_product
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.affected_product_match_assets();
CREATE TRIGGER vulnerability_affected_product_match_update AFTER UPDATE ON @extschema@.vulnerability_affected_product
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.affected_product_match_assets();
CREATE TRIGGER vulnerability_affected_product_match_delete AFTER DELETE ON @extschema@.vulnerability_affected_product
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.affected_product_match_assets();

INSERT INTO @extschema@.object_access_class (object_name, object_class) VALUES
  ('vulnerability', 'program'),
  ('vulnerability_affected_product', 'program'),
  ('asset_vulnerability', 'program');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.vulnerability', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.vulnerability_affected_product', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.asset_vulnerability', '');
-- A person's verdict on a finding the versions could not decide (asset_vulnerability 'undetermined'):
-- affected (it enters the patch queue, its SLA and the KPIs like a matched one) or not affected
-- (it leaves the list for a person).  The verdict stays with that finding; a new detection after a
-- resolution is a new finding and is decided again.

CREATE TABLE @extschema@.asset_vulnerability_review (
  organization_id          uuid NOT NULL REFERENCES @extschema@.organization (id),
  id                       uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  asset_vulnerability_id   uuid NOT NULL,
  verdict                  text NOT NULL
                           CONSTRAINT asset_vulnerability_review_verdict CHECK (verdict IN ('affected', 'not_affected')),
  reviewed_by              uuid NOT NULL,
  reviewed_at              timestamptz NOT NULL DEFAULT @extschema@.risk_change_time(),
  rationale                text NOT NULL CONSTRAINT asset_vulnerability_review_rationale CHECK (pg_catalog.btrim(rationale) <> ''),
  PRIMARY KEY (organization_id, id),
  CONSTRAINT asset_vulnerability_review_once UNIQUE (organization_id, asset_vulnerability_id),
  FOREIGN KEY (organization_id, asset_vulnerability_id) REFERENCES @extschema@.asset_vulnerability (organization_id, id),
  FOREIGN KEY (organization_id, reviewed_by) REFERENCES @extschema@.person (organization_id, id)
);
CREATE INDEX asset_vulnerability_review_reviewed_by_idx ON @extschema@.asset_vulnerability_review (organization_id, reviewed_by);
COMMENT ON TABLE @extschema@.asset_vulnerability_review IS
  'A person''s verdict on an undetermined finding (a version the affected ranges cannot compare): affected or not '
  'affected, by whom, when and why.  An affected verdict puts the finding in the patch queue and the KPIs.';
COMMENT ON COLUMN @extschema@.asset_vulnerability_review.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.asset_vulnerability_review.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.asset_vulnerability_review.asset_vulnerability_id IS 'The undetermined finding decided.';
COMMENT ON COLUMN @extschema@.asset_vulnerability_review.verdict IS 'affected or not_affected.';
COMMENT ON COLUMN @extschema@.asset_vulnerability_review.reviewed_by IS 'The person who decided.';
COMMENT ON COLUMN @extschema@.asset_vulnerability_review.reviewed_at IS 'When (the change time: iec62443p2.changed_at when set).';
COMMENT ON COLUMN @extschema@.asset_vulnerability_review.rationale IS 'Why, e.g. the firmware release notes checked.';

CREATE FUNCTION @extschema@.asset_vulnerability_review_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  f record;
BEGIN
  SELECT av.applicability, av.resolved_at, av.detected_at, a.tag, v.cve_id INTO f
  FROM @extschema@.asset_vulnerability av
  JOIN @extschema@.asset a ON a.organization_id = av.organization_id AND a.id = av.asset_id
  JOIN @extschema@.vulnerability v ON v.organization_id = av.organization_id AND v.id = av.vulnerability_id
  WHERE av.organization_id = NEW.organization_id AND av.id = NEW.asset_vulnerability_id;
  IF NOT FOUND THEN
    RETURN NEW;   -- the foreign key reports it
  END IF;
  IF f.applicability <> 'undetermined' OR f.resolved_at IS NOT NULL THEN
    RAISE EXCEPTION 'asset_vulnerability_review: % on asset % is % and %, not an open undetermined finding',
      f.cve_id, f.tag, f.applicability, CASE WHEN f.resolved_at IS NULL THEN 'open' ELSE 'resolved' END
      USING ERRCODE = 'invalid_parameter_value',
            HINT = 'Only findings whose version could not be compared need a person''s verdict.';
  END IF;
  IF NEW.reviewed_at < f.detected_at THEN
    RAISE EXCEPTION 'asset_vulnerability_review: % on asset %: verdict at % is before the detection at %',
      f.cve_id, f.tag, NEW.reviewed_at, f.detected_at
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.asset_vulnerability_review_check() IS
  'Trigger function: a verdict is given on an open undetermined finding, not before its detection (22023).';

-- An ordinary trigger: a restore with session_replication_role = replica keeps the verdicts as dumped.
CREATE TRIGGER asset_vulnerability_review_check BEFORE INSERT OR UPDATE ON @extschema@.asset_vulnerability_review
  FOR EACH ROW EXECUTE FUNCTION @extschema@.asset_vulnerability_review_check();

INSERT INTO @extschema@.object_access_class (object_name, object_class) VALUES ('asset_vulnerability_review', 'program');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.asset_vulnerability_review', '');
-- Vulnerability scans (issue 5): which assets a scan covered and when, so scan coverage (assets in
-- operation scanned within the organisation's window) is computed from the scans' own times.

CREATE TABLE @extschema@.vulnerability_scan_default (
  settings_profile     text PRIMARY KEY REFERENCES @extschema@.settings_profile (code),
  coverage_window_days integer NOT NULL CONSTRAINT vulnerability_scan_default_window CHECK (coverage_window_days BETWEEN 1 AND 3660),
  description          text NOT NULL
);
COMMENT ON TABLE @extschema@.vulnerability_scan_default IS
  'Shipped catalogue: default scan coverage window per settings profile (copied into each organisation''s vulnerability_scan_setting).';
COMMENT ON COLUMN @extschema@.vulnerability_scan_default.settings_profile IS 'Settings profile.';
COMMENT ON COLUMN @extschema@.vulnerability_scan_default.coverage_window_days IS
  'An asset counts as covered when a scan that finished within this many days covered it.';
COMMENT ON COLUMN @extschema@.vulnerability_scan_default.description IS 'Where the default comes from.';

INSERT INTO @extschema@.vulnerability_scan_default (settings_profile, coverage_window_days, description) VALUES
  ('default', 30, 'Product default: every asset in operation scanned at least monthly (a common program target; '
                  'IEC 62443 prescribes no interval).');

CREATE TABLE @extschema@.vulnerability_scan_setting (
  organization_id      uuid NOT NULL UNIQUE REFERENCES @extschema@.organization (id),
  id                   uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  coverage_window_days integer NOT NULL CONSTRAINT vulnerability_scan_setting_window CHECK (coverage_window_days BETWEEN 1 AND 3660),
  copied_from          text REFERENCES @extschema@.vulnerability_scan_default (settings_profile),
  PRIMARY KEY (organization_id, id)
);
CREATE INDEX vulnerability_scan_setting_copied_from_idx ON @extschema@.vulnerability_scan_setting (copied_from);
COMMENT ON TABLE @extschema@.vulnerability_scan_setting IS
  'An organisation''s scan coverage window (copied from vulnerability_scan_default, then its own).';
COMMENT ON COLUMN @extschema@.vulnerability_scan_setting.organization_id IS 'The organisation (one row each).';
COMMENT ON COLUMN @extschema@.vulnerability_scan_setting.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.vulnerability_scan_setting.coverage_window_days IS
  'An asset counts as covered when a scan that finished within this many days covered it (1..3660).';
COMMENT ON COLUMN @extschema@.vulnerability_scan_setting.copied_from IS 'Settings profile the value was copied from.';

CREATE FUNCTION @extschema@.initialize_vulnerability_settings(organization_id uuid)
RETURNS void
LANGUAGE plpgsql VOLATILE STRICT
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  INSERT INTO @extschema@.vulnerability_scan_setting (organization_id, coverage_window_days, copied_from)
  SELECT s.organization_id, d.coverage_window_days, d.settings_profile
  FROM @extschema@.organization_settings s
  JOIN @extschema@.vulnerability_scan_default d ON d.settings_profile = s.settings_profile
  WHERE s.organization_id = initialize_vulnerability_settings.organization_id
  ON CONFLICT DO NOTHING;
END
$$;
COMMENT ON FUNCTION @extschema@.initialize_vulnerability_settings(uuid) IS
  'Copies the default scan coverage window of the organisation''s settings profile, unless it has its own '
  '(called by initialize_organization_settings).';

CREATE TABLE @extschema@.vulnerability_scan (
  organization_id uuid NOT NULL REFERENCES @extschema@.organization (id),
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  site_id         uuid,
  scope           text,
  tool            text NOT NULL CONSTRAINT vulnerability_scan_tool_not_blank CHECK (pg_catalog.btrim(tool) <> ''),
  started_at      timestamptz NOT NULL,
  finished_at     timestamptz,
  notes           text,
  created_at      timestamptz NOT NULL DEFAULT pg_catalog.now(),
  PRIMARY KEY (organization_id, id),
  CONSTRAINT vulnerability_scan_site_or_scope CHECK (site_id IS NOT NULL OR coalesce(pg_catalog.btrim(scope), '') <> ''),
  CONSTRAINT vulnerability_scan_period CHECK (finished_at >= started_at),
  FOREIGN KEY (organization_id, site_id) REFERENCES @extschema@.site (organization_id, id)
);
CREATE INDEX vulnerability_scan_site_idx ON @extschema@.vulnerability_scan (organization_id, site_id);
COMMENT ON TABLE @extschema@.vulnerability_scan IS
  'Vulnerability scans (active or passive): the site or scope scanned, the tool, when it started and finished.';
COMMENT ON COLUMN @extschema@.vulnerability_scan.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.vulnerability_scan.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.vulnerability_scan.site_id IS 'Site scanned; NULL for a scan described by its scope alone.';
COMMENT ON COLUMN @extschema@.vulnerability_scan.scope IS 'What was scanned, e.g. a zone, subnet or asset group (required without a site).';
COMMENT ON COLUMN @extschema@.vulnerability_scan.tool IS 'Scanner or method, e.g. Tenable OT, Nozomi Guardian, manual firmware audit.';
COMMENT ON COLUMN @extschema@.vulnerability_scan.started_at IS 'When the scan started.';
COMMENT ON COLUMN @extschema@.vulnerability_scan.finished_at IS 'When it finished; NULL while running (a running scan covers nothing yet).';
COMMENT ON COLUMN @extschema@.vulnerability_scan.notes IS 'Free text.';
COMMENT ON COLUMN @extschema@.vulnerability_scan.created_at IS 'When the row was created.';

CREATE TABLE @extschema@.vulnerability_scan_asset (
  organization_id uuid NOT NULL REFERENCES @extschema@.organization (id),
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  scan_id         uuid NOT NULL,
  asset_id        uuid NOT NULL,
  PRIMARY KEY (organization_id, id),
  CONSTRAINT vulnerability_scan_asset_once UNIQUE (organization_id, scan_id, asset_id),
  FOREIGN KEY (organization_id, scan_id) REFERENCES @extschema@.vulnerability_scan (organization_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organization_id, asset_id) REFERENCES @extschema@.asset (organization_id, id)
);
CREATE INDEX vulnerability_scan_asset_asset_idx ON @extschema@.vulnerability_scan_asset (organization_id, asset_id);
COMMENT ON TABLE @extschema@.vulnerability_scan_asset IS
  'The assets a scan covered (scan coverage); a scan of a site covers only assets of that site.';
COMMENT ON COLUMN @extschema@.vulnerability_scan_asset.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.vulnerability_scan_asset.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.vulnerability_scan_asset.scan_id IS 'The scan.';
COMMENT ON COLUMN @extschema@.vulnerability_scan_asset.asset_id IS 'An asset it covered.';

CREATE FUNCTION @extschema@.vulnerability_scan_asset_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  bad record;
BEGIN
  SELECT a.tag, st.code AS asset_site, sc.code AS scan_site INTO bad
  FROM new_rows n
  JOIN @extschema@.vulnerability_scan s ON s.organization_id = n.organization_id AND s.id = n.scan_id
  JOIN @extschema@.asset a ON a.organization_id = n.organization_id AND a.id = n.asset_id
  JOIN @extschema@.zone z ON z.organization_id = a.organization_id AND z.id = a.zone_id
  JOIN @extschema@.site st ON st.organization_id = z.organization_id AND st.id = z.site_id
  JOIN @extschema@.site sc ON sc.organization_id = s.organization_id AND sc.id = s.site_id
  WHERE st.id <> sc.id
  ORDER BY a.tag LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'vulnerability_scan_asset: asset % is at site %, the scan covered site %', bad.tag, bad.asset_site, bad.scan_site
      USING ERRCODE = 'check_violation', TABLE = 'vulnerability_scan_asset';
  END IF;
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION @extschema@.vulnerability_scan_asset_check() IS
  'Trigger function (statement level): a scan of a site covers only assets of that site (an asset whose zone is at '
  'another site is refused, 23514, naming the asset and both sites).';

CREATE TRIGGER vulnerability_scan_asset_check_insert AFTER INSERT ON @extschema@.vulnerability_scan_asset
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.vulnerability_scan_asset_check();
CREATE TRIGGER vulnerability_scan_asset_check_update AFTER UPDATE ON @extschema@.vulnerability_scan_asset
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.vulnerability_scan_asset_check();

-- Per organisation and site (assets without a site in a row of their own): assets in operation,
-- those a finished scan covered within the window, and the percentage.
CREATE VIEW @extschema@.scan_coverage WITH (security_invoker = true) AS
WITH asset_site AS (
  SELECT a.organization_id, a.id, z.site_id, l.in_operation
  FROM @extschema@.asset a
  JOIN @extschema@.lifecycle_state l ON l.code = a.lifecycle_state
  LEFT JOIN @extschema@.zone z ON z.organization_id = a.organization_id AND z.id = a.zone_id
), last_scan AS (
  SELECT sa.organization_id, sa.asset_id, pg_catalog.max(s.finished_at) AS finished_at
  FROM @extschema@.vulnerability_scan_asset sa
  JOIN @extschema@.vulnerability_scan s ON s.organization_id = sa.organization_id AND s.id = sa.scan_id
  WHERE s.finished_at IS NOT NULL
  GROUP BY sa.organization_id, sa.asset_id
), per_site AS (
  SELECT x.organization_id, x.site_id,
         pg_catalog.count(*) FILTER (WHERE x.in_operation) AS in_operation,
         pg_catalog.count(*) FILTER (WHERE x.in_operation
                            AND ls.finished_at >= pg_catalog.now() - pg_catalog.make_interval(days => w.coverage_window_days)) AS scanned,
         pg_catalog.count(*) FILTER (WHERE x.in_operation AND ls.finished_at IS NULL) AS never_scanned,
         pg_catalog.max(ls.finished_at) AS last_scan_finished_at,
         w.coverage_window_days
  FROM asset_site x
  LEFT JOIN last_scan ls ON ls.organization_id = x.organization_id AND ls.asset_id = x.id
  LEFT JOIN @extschema@.vulnerability_scan_setting w ON w.organization_id = x.organization_id
  GROUP BY x.organization_id, x.site_id, w.coverage_window_days
)
SELECT coalesce(p.site_id, p.organization_id) AS id,
       p.organization_id,
       o.code AS organization_code,
       p.site_id,
       st.code AS site_code,
       st.name AS site_name,
       p.coverage_window_days,
       p.in_operation AS assets_in_operation,
       p.scanned AS assets_scanned,
       p.in_operation - p.scanned AS assets_not_scanned,
       p.never_scanned AS assets_never_scanned,
       (CASE WHEN p.in_operation > 0 THEN 100.0 * p.scanned / p.in_operation END)::numeric(5,2) AS coverage_percent,
       p.last_scan_finished_at
FROM per_site p
JOIN @extschema@.organization o ON o.id = p.organization_id
LEFT JOIN @extschema@.site st ON st.organization_id = p.organization_id AND st.id = p.site_id;
COMMENT ON VIEW @extschema@.scan_coverage IS
  'Scan coverage per organisation and site (assets without a site, through their zone, in a row with site_id NULL): '
  'assets in operation, those a finished scan covered within the organisation''s window (vulnerability_scan_setting), '
  'and the percentage.';
COMMENT ON COLUMN @extschema@.scan_coverage.id IS 'The site''s id; the organisation''s id for the row of assets without a site.';
COMMENT ON COLUMN @extschema@.scan_coverage.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.scan_coverage.organization_code IS 'Organisation code.';
COMMENT ON COLUMN @extschema@.scan_coverage.site_id IS 'The site; NULL for assets without a zone or whose zone has no site.';
COMMENT ON COLUMN @extschema@.scan_coverage.site_code IS 'Site code; NULL for assets without a site.';
COMMENT ON COLUMN @extschema@.scan_coverage.site_name IS 'Site name.';
COMMENT ON COLUMN @extschema@.scan_coverage.coverage_window_days IS 'The organisation''s coverage window in days.';
COMMENT ON COLUMN @extschema@.scan_coverage.assets_in_operation IS 'Assets in a lifecycle state in operation (lifecycle_state.in_operation).';
COMMENT ON COLUMN @extschema@.scan_coverage.assets_scanned IS 'Of those, assets a scan finished within the window covered.';
COMMENT ON COLUMN @extschema@.scan_coverage.assets_not_scanned IS 'Assets in operation not scanned within the window.';
COMMENT ON COLUMN @extschema@.scan_coverage.assets_never_scanned IS 'Assets in operation no finished scan ever covered.';
COMMENT ON COLUMN @extschema@.scan_coverage.coverage_percent IS
  'assets_scanned / assets_in_operation in percent, two decimals; NULL without assets in operation.';
COMMENT ON COLUMN @extschema@.scan_coverage.last_scan_finished_at IS 'When the latest finished scan of any of these assets finished.';

INSERT INTO @extschema@.object_access_class (object_name, object_class) VALUES
  ('vulnerability_scan_default', 'catalog'),
  ('vulnerability_scan_setting', 'program'),
  ('vulnerability_scan', 'program'),
  ('vulnerability_scan_asset', 'program'),
  ('scan_coverage', 'view');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.vulnerability_scan_setting', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.vulnerability_scan', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.vulnerability_scan_asset', '');
-- Vulnerability views (the BI contract): one row per vulnerability with its scores and how many
-- assets it applies to, and the applicability a person must decide (versions that could not be
-- compared), so no asset is silently dropped from matching.

CREATE VIEW @extschema@.vulnerability_overview WITH (security_invoker = true) AS
SELECT v.id,
       v.organization_id,
       o.code AS organization_code,
       v.cve_id,
       v.title,
       v.cvss::text AS cvss,
       @extschema@.cvss_version(v.cvss) AS cvss_version,
       @extschema@.cvss_score(v.cvss)::numeric(3,1) AS cvss_score,
       @extschema@.cvss_severity(v.cvss) AS cvss_severity,
       v.published_on,
       v.identified_at,
       v.epss::numeric(6,5) AS epss,
       v.epss_percentile::numeric(6,5) AS epss_percentile,
       v.epss_on,
       v.kev,
       v.kev_added_on,
       v.kev_due_on,
       coalesce(v.kev_due_on < CURRENT_DATE AND m.affected + m.undetermined > 0, false) AS kev_overdue,
       coalesce(p.products, 0) AS affected_products,
       coalesce(m.affected, 0) AS assets_affected,
       coalesce(m.undetermined, 0) AS assets_undetermined,
       coalesce(m.resolved, 0) AS assets_resolved,
       m.first_detected_at
FROM @extschema@.vulnerability v
JOIN @extschema@.organization o ON o.id = v.organization_id
LEFT JOIN (SELECT x.organization_id, x.vulnerability_id, pg_catalog.count(DISTINCT x.product_id) AS products
           FROM @extschema@.vulnerability_affected_product x GROUP BY x.organization_id, x.vulnerability_id) p
  ON p.organization_id = v.organization_id AND p.vulnerability_id = v.id
LEFT JOIN (SELECT av.organization_id, av.vulnerability_id,
                  pg_catalog.count(*) FILTER (WHERE av.resolved_at IS NULL AND av.applicability = 'affected') AS affected,
                  pg_catalog.count(*) FILTER (WHERE av.resolved_at IS NULL AND av.applicability = 'undetermined') AS undetermined,
                  pg_catalog.count(DISTINCT av.asset_id) FILTER (WHERE av.resolved_at IS NOT NULL) AS resolved,
                  pg_catalog.min(av.detected_at) AS first_detected_at
           FROM @extschema@.asset_vulnerability av GROUP BY av.organization_id, av.vulnerability_id) m
  ON m.organization_id = v.organization_id AND m.vulnerability_id = v.id;
COMMENT ON VIEW @extschema@.vulnerability_overview IS
  'One row per vulnerability: CVSS vector as text with version, score and severity, EPSS, KEV, and the assets it '
  'applies to (open affected and undetermined rows of asset_vulnerability, and assets with resolved rows).';
COMMENT ON COLUMN @extschema@.vulnerability_overview.id IS 'Vulnerability identifier.';
COMMENT ON COLUMN @extschema@.vulnerability_overview.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.vulnerability_overview.organization_code IS 'Organisation code.';
COMMENT ON COLUMN @extschema@.vulnerability_overview.cve_id IS 'CVE identifier.';
COMMENT ON COLUMN @extschema@.vulnerability_overview.title IS 'Short title.';
COMMENT ON COLUMN @extschema@.vulnerability_overview.cvss IS 'CVSS vector, canonical text; NULL when none is published.';
COMMENT ON COLUMN @extschema@.vulnerability_overview.cvss_version IS 'CVSS version: 2.0, 3.0, 3.1 or 4.0.';
COMMENT ON COLUMN @extschema@.vulnerability_overview.cvss_score IS 'CVSS score of the vector as given (cvss_score), one decimal.';
COMMENT ON COLUMN @extschema@.vulnerability_overview.cvss_severity IS 'Severity rating of the score: none, low, medium, high, critical.';
COMMENT ON COLUMN @extschema@.vulnerability_overview.published_on IS 'Public disclosure date.';
COMMENT ON COLUMN @extschema@.vulnerability_overview.identified_at IS 'When the organisation identified the vulnerability.';
COMMENT ON COLUMN @extschema@.vulnerability_overview.epss IS 'EPSS probability 0..1.';
COMMENT ON COLUMN @extschema@.vulnerability_overview.epss_percentile IS 'EPSS percentile 0..1.';
COMMENT ON COLUMN @extschema@.vulnerability_overview.epss_on IS 'Date of the EPSS scores.';
COMMENT ON COLUMN @extschema@.vulnerability_overview.kev IS 'Listed in the CISA KEV catalogue.';
COMMENT ON COLUMN @extschema@.vulnerability_overview.kev_added_on IS 'Date added to the KEV catalogue.';
COMMENT ON COLUMN @extschema@.vulnerability_overview.kev_due_on IS 'KEV remediation due date.';
COMMENT ON COLUMN @extschema@.vulnerability_overview.kev_overdue IS 'The KEV due date has passed and the vulnerability still applies to an asset (affected or undetermined).';
COMMENT ON COLUMN @extschema@.vulnerability_overview.affected_products IS 'Number of products with an affected range.';
COMMENT ON COLUMN @extschema@.vulnerability_overview.assets_affected IS 'Assets it applies to now (open rows, affected).';
COMMENT ON COLUMN @extschema@.vulnerability_overview.assets_undetermined IS 'Assets whose version could not be compared (open rows, undetermined).';
COMMENT ON COLUMN @extschema@.vulnerability_overview.assets_resolved IS 'Assets with a resolved row (patched, version changed, no longer affected, retired).';
COMMENT ON COLUMN @extschema@.vulnerability_overview.first_detected_at IS 'When it was first found to apply to an asset; NULL if never.';

CREATE VIEW @extschema@.asset_vulnerability_undetermined WITH (security_invoker = true) AS
SELECT av.id,
       av.organization_id,
       o.code AS organization_code,
       a.id AS asset_id,
       a.tag AS asset_tag,
       a.name AS asset_name,
       st.code AS site_code,
       a.vendor,
       a.product,
       a.version,
       p.vendor AS product_vendor,
       p.name AS product_name,
       p.version_scheme,
       v.cve_id,
       v.title AS vulnerability_title,
       (SELECT pg_catalog.string_agg(x.affected_range::text, ', ' ORDER BY x.affected_range::text)
        FROM @extschema@.vulnerability_affected_product x
        WHERE x.organization_id = av.organization_id AND x.vulnerability_id = av.vulnerability_id
          AND x.product_id = a.product_id) AS affected_ranges,
       av.reason,
       av.detected_at
FROM @extschema@.asset_vulnerability av
JOIN @extschema@.organization o ON o.id = av.organization_id
JOIN @extschema@.asset a ON a.organization_id = av.organization_id AND a.id = av.asset_id
JOIN @extschema@.vulnerability v ON v.organization_id = av.organization_id AND v.id = av.vulnerability_id
LEFT JOIN @extschema@.product p ON p.organization_id = a.organization_id AND p.id = a.product_id
LEFT JOIN @extschema@.zone z ON z.organization_id = a.organization_id AND z.id = a.zone_id
LEFT JOIN @extschema@.site st ON st.organization_id = z.organization_id AND st.id = z.site_id
WHERE av.resolved_at IS NULL AND av.applicability = 'undetermined'
  -- a person's verdict decides it (asset_vulnerability_review)
  AND NOT EXISTS (SELECT 1 FROM @extschema@.asset_vulnerability_review r
                  WHERE r.organization_id = av.organization_id AND r.asset_vulnerability_id = av.id);
COMMENT ON VIEW @extschema@.asset_vulnerability_undetermined IS
  'For a person to decide: open applicability rows whose asset version could not be compared with the affected ranges '
  '(or is unknown): asset, version, vulnerability, ranges and reason.  Correct the version (or the range) and the row '
  'becomes affected or is resolved.';
COMMENT ON COLUMN @extschema@.asset_vulnerability_undetermined.id IS 'asset_vulnerability identifier.';
COMMENT ON COLUMN @extschema@.asset_vulnerability_undetermined.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.asset_vulnerability_undetermined.organization_code IS 'Organisation code.';
COMMENT ON COLUMN @extschema@.asset_vulnerability_undetermined.asset_id IS 'The asset.';
COMMENT ON COLUMN @extschema@.asset_vulnerability_undetermined.asset_tag IS 'Asset tag.';
COMMENT ON COLUMN @extschema@.asset_vulnerability_undetermined.asset_name IS 'Asset name.';
COMMENT ON COLUMN @extschema@.asset_vulnerability_undetermined.site_code IS 'Site of the asset''s zone.';
COMMENT ON COLUMN @extschema@.asset_vulnerability_undetermined.vendor IS 'Vendor as the inventory writes it.';
COMMENT ON COLUMN @extschema@.asset_vulnerability_undetermined.product IS 'Product as the inventory writes it.';
COMMENT ON COLUMN @extschema@.asset_vulnerability_undetermined.version IS 'The asset''s version as written (NULL when unknown).';
COMMENT ON COLUMN @extschema@.asset_vulnerability_undetermined.product_vendor IS 'Canonical vendor of the resolved product.';
COMMENT ON COLUMN @extschema@.asset_vulnerability_undetermined.product_name IS 'Canonical name of the resolved product.';
COMMENT ON COLUMN @extschema@.asset_vulnerability_undetermined.version_scheme IS 'The scheme the product''s versions compare by.';
COMMENT ON COLUMN @extschema@.asset_vulnerability_undetermined.cve_id IS 'CVE identifier.';
COMMENT ON COLUMN @extschema@.asset_vulnerability_undetermined.vulnerability_title IS 'Vulnerability title.';
COMMENT ON COLUMN @extschema@.asset_vulnerability_undetermined.affected_ranges IS 'Every affected range of the product for this vulnerability.';
COMMENT ON COLUMN @extschema@.asset_vulnerability_undetermined.reason IS 'Why it is undetermined: the version and the ranges it could not be compared with.';
COMMENT ON COLUMN @extschema@.asset_vulnerability_undetermined.detected_at IS 'Since when.';

INSERT INTO @extschema@.object_access_class (object_name, object_class) VALUES
  ('vulnerability_overview', 'view'),
  ('asset_vulnerability_undetermined', 'view');
-- Patches and the settings of the patch lifecycle (BRIEF 3 and 4.E, issue 5 "Patch and
-- vulnerability management"): the patches that fix vulnerabilities, with the vendor's
-- qualification and a rollback plan; the deployment environments a patch is rolled out through
-- (shipped catalogue, each organisation's own list, every asset in one); the approval route of
-- each priority band and who may approve on it.  The lifecycle itself: 625_patch_deployment.sql.

-- ---- shipped catalogues ----

CREATE TABLE @extschema@.deployment_environment (
  code                   text PRIMARY KEY CONSTRAINT deployment_environment_code_format CHECK (code ~ '^[a-z][a-z0-9_]{0,31}$'),
  rank                   smallint NOT NULL UNIQUE CONSTRAINT deployment_environment_rank CHECK (rank BETWEEN 1 AND 20),
  label                  text NOT NULL UNIQUE,
  requires_rollback_plan boolean NOT NULL,
  description            text NOT NULL
);
COMMENT ON TABLE @extschema@.deployment_environment IS
  'Shipped catalogue: the environments a patch is rolled out through, in order (the seed''s case study: development, '
  'test, staging, production).  Each organisation keeps its own list (organization_deployment_environment).';
COMMENT ON COLUMN @extschema@.deployment_environment.code IS 'Environment code used by asset.environment.';
COMMENT ON COLUMN @extschema@.deployment_environment.rank IS 'Default order of the rollout: a patch reaches an environment after the ones ranked before it.';
COMMENT ON COLUMN @extschema@.deployment_environment.label IS 'Human-readable name.';
COMMENT ON COLUMN @extschema@.deployment_environment.requires_rollback_plan IS
  'Default: a patch is deployed to assets of this environment only with a rollback plan.';
COMMENT ON COLUMN @extschema@.deployment_environment.description IS 'What the environment is for.';

INSERT INTO @extschema@.deployment_environment (code, rank, label, requires_rollback_plan, description) VALUES
  ('development', 1, 'Development', false, 'Engineering lab and development systems: the first place a patch is installed and tried.'),
  ('test', 2, 'Test', false, 'Test systems and the factory or site acceptance test bench: regression and compatibility testing.'),
  ('staging', 3, 'Staging', false, 'Pre-production: systems configured as production (a redundant half, a spare, a simulator).'),
  ('production', 4, 'Production', true, 'The operating IACS.');

CREATE TABLE @extschema@.patch_priority_band (
  code        text PRIMARY KEY,
  rank        smallint NOT NULL UNIQUE,
  label       text NOT NULL UNIQUE,
  description text NOT NULL
);
COMMENT ON TABLE @extschema@.patch_priority_band IS
  'Shipped catalogue: the priority bands of patch_decision (the SSVC deployer outcomes) and the seed''s names for them.';
COMMENT ON COLUMN @extschema@.patch_priority_band.code IS 'patch_decision outcome: immediate, out-of-cycle, scheduled, defer.';
COMMENT ON COLUMN @extschema@.patch_priority_band.rank IS 'Urgency: defer 0 .. immediate 3 (as in patch_priority).';
COMMENT ON COLUMN @extschema@.patch_priority_band.label IS 'The seed''s name of the band: critical, high, medium, low.';
COMMENT ON COLUMN @extschema@.patch_priority_band.description IS 'What the band means.';

INSERT INTO @extschema@.patch_priority_band (code, rank, label, description) VALUES
  ('immediate', 3, 'critical', 'Act now, outside any maintenance cycle (SSVC deployer: immediate).'),
  ('out-of-cycle', 2, 'high', 'Act at the next opportunity, ahead of the regular cycle (SSVC deployer: out-of-cycle).'),
  ('scheduled', 1, 'medium', 'Act in a regular maintenance cycle (SSVC deployer: scheduled).'),
  ('defer', 0, 'low', 'No action needed now; patched when convenient (SSVC deployer: defer).');

CREATE TABLE @extschema@.patch_approval_route (
  code            text PRIMARY KEY,
  label           text NOT NULL UNIQUE,
  approver        text NOT NULL CONSTRAINT patch_approval_route_approver CHECK (approver IN ('system', 'person', 'system_or_person')),
  on_assessment   boolean NOT NULL,
  needs_schedule  boolean NOT NULL,
  description     text NOT NULL,
  CONSTRAINT patch_approval_route_automatic CHECK (on_assessment = (approver = 'system'))
);
COMMENT ON TABLE @extschema@.patch_approval_route IS
  'Shipped catalogue: how a patch deployment is approved.  The approval transition (assessed -> approved) checks the '
  'route of the deployment''s band: who approves, and whether a maintenance cycle must be named.';
COMMENT ON COLUMN @extschema@.patch_approval_route.code IS 'Route code: automatic, manager, committee, scheduled.';
COMMENT ON COLUMN @extschema@.patch_approval_route.label IS 'Human-readable name.';
COMMENT ON COLUMN @extschema@.patch_approval_route.approver IS
  'system (approved without a person), person (a person allowed for the route in patch_approver), or '
  'system_or_person (either the system, without a person, or an allowed person).';
COMMENT ON COLUMN @extschema@.patch_approval_route.on_assessment IS 'Approved by the system at assessment (the automatic route).';
COMMENT ON COLUMN @extschema@.patch_approval_route.needs_schedule IS
  'The approval places the deployment in a maintenance cycle: scheduled_for (the cycle''s start) is required.';
COMMENT ON COLUMN @extschema@.patch_approval_route.description IS 'The route in words.';

INSERT INTO @extschema@.patch_approval_route (code, label, approver, on_assessment, needs_schedule, description) VALUES
  ('automatic', 'Automatic approval', 'system', true, false,
   'Approved by the system the moment the deployment is assessed; no person signs (the transition has no by_person_id).'),
  ('manager', 'Manager approval', 'person', false, false,
   'Approved by a person listed in patch_approver for the manager route.'),
  ('committee', 'Committee approval', 'person', false, false,
   'Approved by the change committee, recorded by one person listed in patch_approver for the committee route '
   '(the chair or secretary who signs the committee''s decision).'),
  ('scheduled', 'Scheduled', 'system_or_person', false, true,
   'Approved when placed in a maintenance cycle: the approval names the cycle (scheduled_for) and is recorded by the '
   'system (no person, e.g. a scheduler) or by a person listed in patch_approver for the scheduled route.');

CREATE TABLE @extschema@.patch_approval_route_default (
  settings_profile text NOT NULL REFERENCES @extschema@.settings_profile (code),
  band             text NOT NULL REFERENCES @extschema@.patch_priority_band (code),
  route            text NOT NULL REFERENCES @extschema@.patch_approval_route (code),
  PRIMARY KEY (settings_profile, band)
);
CREATE INDEX patch_approval_route_default_band_idx ON @extschema@.patch_approval_route_default (band);
CREATE INDEX patch_approval_route_default_route_idx ON @extschema@.patch_approval_route_default (route);
COMMENT ON TABLE @extschema@.patch_approval_route_default IS
  'Shipped catalogue: the approval route of each priority band per settings profile (the seed: critical automatic, '
  'high a manager, medium the committee, low scheduled).';
COMMENT ON COLUMN @extschema@.patch_approval_route_default.settings_profile IS 'Settings profile.';
COMMENT ON COLUMN @extschema@.patch_approval_route_default.band IS 'Priority band (patch_decision outcome).';
COMMENT ON COLUMN @extschema@.patch_approval_route_default.route IS 'Approval route of the band.';

INSERT INTO @extschema@.patch_approval_route_default (settings_profile, band, route) VALUES
  ('default', 'immediate', 'automatic'),
  ('default', 'out-of-cycle', 'manager'),
  ('default', 'scheduled', 'committee'),
  ('default', 'defer', 'scheduled');

-- ---- each organisation's settings ----

CREATE TABLE @extschema@.organization_deployment_environment (
  organization_id        uuid NOT NULL REFERENCES @extschema@.organization (id),
  id                     uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  environment            text NOT NULL REFERENCES @extschema@.deployment_environment (code),
  position               smallint NOT NULL CONSTRAINT organization_deployment_environment_position CHECK (position BETWEEN 1 AND 20),
  requires_rollback_plan boolean NOT NULL,
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, environment),
  UNIQUE (organization_id, position)
);
CREATE INDEX organization_deployment_environment_environment_idx ON @extschema@.organization_deployment_environment (environment);
COMMENT ON TABLE @extschema@.organization_deployment_environment IS
  'The deployment environments an organisation has, in rollout order (copied from deployment_environment, then its '
  'own): delete the row of an environment it does not have and the rollout skips it.';
COMMENT ON COLUMN @extschema@.organization_deployment_environment.organization_id IS 'The organisation.';
COMMENT ON COLUMN @extschema@.organization_deployment_environment.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.organization_deployment_environment.environment IS 'The environment (deployment_environment.code).';
COMMENT ON COLUMN @extschema@.organization_deployment_environment.position IS
  'Order of the rollout in this organisation: a patch reaches an environment only after it passed validation in every '
  'environment of a lower position.';
COMMENT ON COLUMN @extschema@.organization_deployment_environment.requires_rollback_plan IS
  'A patch is deployed to assets of this environment only when it has a rollback plan (copied: production).';

CREATE TABLE @extschema@.patch_approval_route_setting (
  organization_id uuid NOT NULL REFERENCES @extschema@.organization (id),
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  band            text NOT NULL REFERENCES @extschema@.patch_priority_band (code),
  route           text NOT NULL REFERENCES @extschema@.patch_approval_route (code),
  copied_from     text REFERENCES @extschema@.settings_profile (code),
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, band)
);
CREATE INDEX patch_approval_route_setting_band_idx ON @extschema@.patch_approval_route_setting (band);
CREATE INDEX patch_approval_route_setting_route_idx ON @extschema@.patch_approval_route_setting (route);
CREATE INDEX patch_approval_route_setting_copied_from_idx ON @extschema@.patch_approval_route_setting (copied_from);
COMMENT ON TABLE @extschema@.patch_approval_route_setting IS
  'An organisation''s approval route per priority band (copied from patch_approval_route_default, then its own).';
COMMENT ON COLUMN @extschema@.patch_approval_route_setting.organization_id IS 'The organisation.';
COMMENT ON COLUMN @extschema@.patch_approval_route_setting.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.patch_approval_route_setting.band IS 'Priority band.';
COMMENT ON COLUMN @extschema@.patch_approval_route_setting.route IS 'Route a deployment of this band is approved by (fixed at its assessment).';
COMMENT ON COLUMN @extschema@.patch_approval_route_setting.copied_from IS 'Settings profile the row was copied from; NULL when the organisation added it.';

CREATE FUNCTION @extschema@.initialize_patch_lifecycle_settings(organization_id uuid, profile text DEFAULT 'default')
RETURNS void
LANGUAGE plpgsql VOLATILE STRICT
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  -- the environments only when the organisation has none: one it deleted (does not have) stays deleted
  IF NOT EXISTS (SELECT 1 FROM @extschema@.organization_deployment_environment e
                 WHERE e.organization_id = initialize_patch_lifecycle_settings.organization_id) THEN
    INSERT INTO @extschema@.organization_deployment_environment (organization_id, environment, position, requires_rollback_plan)
    SELECT initialize_patch_lifecycle_settings.organization_id, d.code, d.rank, d.requires_rollback_plan
    FROM @extschema@.deployment_environment d;
  END IF;
  INSERT INTO @extschema@.patch_approval_route_setting (organization_id, band, route, copied_from)
  SELECT initialize_patch_lifecycle_settings.organization_id, d.band, d.route, d.settings_profile
  FROM @extschema@.patch_approval_route_default d
  WHERE d.settings_profile = initialize_patch_lifecycle_settings.profile
  ON CONFLICT DO NOTHING;
END
$$;
COMMENT ON FUNCTION @extschema@.initialize_patch_lifecycle_settings(uuid, text) IS
  'Copies the shipped deployment environments (when the organisation has none) and the approval route of every band '
  'it lacks (called by initialize_organization_settings).';

-- Organisations that exist when this release is installed by upgrade: their environments before
-- asset.environment refers to them (initialize_organization_settings fills the rest in later).
SELECT @extschema@.initialize_patch_lifecycle_settings(s.organization_id, s.settings_profile)
FROM @extschema@.organization_settings s;

-- Every asset belongs to one environment of its organisation.
ALTER TABLE @extschema@.asset ADD COLUMN environment text NOT NULL DEFAULT 'production';
ALTER TABLE @extschema@.asset ADD CONSTRAINT asset_environment_fkey FOREIGN KEY (organization_id, environment)
  REFERENCES @extschema@.organization_deployment_environment (organization_id, environment);
CREATE INDEX asset_environment_idx ON @extschema@.asset (organization_id, environment);
COMMENT ON COLUMN @extschema@.asset.environment IS
  'Deployment environment the asset belongs to (one the organisation has, organization_deployment_environment): '
  'development, test, staging or production (the default).';

CREATE TABLE @extschema@.patch_approver (
  organization_id uuid NOT NULL REFERENCES @extschema@.organization (id),
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  person_id       uuid NOT NULL,
  route           text NOT NULL REFERENCES @extschema@.patch_approval_route (code),
  created_at      timestamptz NOT NULL DEFAULT pg_catalog.now(),
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, person_id, route),
  FOREIGN KEY (organization_id, person_id) REFERENCES @extschema@.person (organization_id, id)
);
CREATE INDEX patch_approver_route_idx ON @extschema@.patch_approver (route);
COMMENT ON TABLE @extschema@.patch_approver IS
  'Who may approve patch deployments on which route (manager, committee, scheduled); an active person only.';
COMMENT ON COLUMN @extschema@.patch_approver.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.patch_approver.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.patch_approver.person_id IS 'The person allowed to approve.';
COMMENT ON COLUMN @extschema@.patch_approver.route IS 'The route the person may approve on.';
COMMENT ON COLUMN @extschema@.patch_approver.created_at IS 'When the row was created.';

-- ---- patches ----

CREATE TABLE @extschema@.patch (
  organization_id          uuid NOT NULL REFERENCES @extschema@.organization (id),
  id                       uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  code                     text NOT NULL CONSTRAINT patch_code_format CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$'),
  title                    text NOT NULL CONSTRAINT patch_title_not_blank CHECK (pg_catalog.btrim(title) <> ''),
  vendor                   text,
  advisory_reference       text,
  installs_version         text CONSTRAINT patch_installs_version_not_blank CHECK (pg_catalog.btrim(installs_version) <> ''),
  released_on              date,
  vendor_qualification     text NOT NULL DEFAULT 'not_tested'
                           CONSTRAINT patch_vendor_qualification CHECK (vendor_qualification IN ('qualified', 'not_qualified', 'not_tested')),
  rollback_plan            text,
  estimated_duration_hours numeric(6,2) CONSTRAINT patch_estimated_duration_positive CHECK (estimated_duration_hours > 0),
  created_at               timestamptz NOT NULL DEFAULT pg_catalog.now(),
  updated_at               timestamptz NOT NULL DEFAULT pg_catalog.now(),
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, code)
);
CREATE TRIGGER patch_touch_updated_at BEFORE UPDATE ON @extschema@.patch
  FOR EACH ROW EXECUTE FUNCTION @extschema@.touch_updated_at();
COMMENT ON TABLE @extschema@.patch IS
  'Patches: vendor fixes for vulnerabilities (patch_vulnerability), with the vendor''s qualification status for the IACS '
  'and the rollback plan; rolled out asset by asset (patch_deployment).';
COMMENT ON COLUMN @extschema@.patch.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.patch.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.patch.code IS 'Patch code, unique within the organisation, e.g. the vendor''s KB or update number.';
COMMENT ON COLUMN @extschema@.patch.title IS 'Title.';
COMMENT ON COLUMN @extschema@.patch.vendor IS 'Vendor who issued the patch.';
COMMENT ON COLUMN @extschema@.patch.advisory_reference IS 'The vendor''s security advisory, e.g. SSA-123456 or an advisory URL.';
COMMENT ON COLUMN @extschema@.patch.installs_version IS 'Firmware or software version the patch installs, as the vendor writes it.';
COMMENT ON COLUMN @extschema@.patch.released_on IS 'Vendor release date.';
COMMENT ON COLUMN @extschema@.patch.vendor_qualification IS
  'The IACS vendor''s qualification of the patch for the system: qualified, not_qualified (the vendor advises against it) '
  'or not_tested (the default).';
COMMENT ON COLUMN @extschema@.patch.rollback_plan IS
  'How to return to the previous state if the patch fails; required to deploy in an environment that requires one (production).';
COMMENT ON COLUMN @extschema@.patch.estimated_duration_hours IS 'Estimated work per asset, in hours (for scheduling).';
COMMENT ON COLUMN @extschema@.patch.created_at IS 'When the row was created.';
COMMENT ON COLUMN @extschema@.patch.updated_at IS 'When the row was last updated.';

CREATE TABLE @extschema@.patch_vulnerability (
  organization_id  uuid NOT NULL REFERENCES @extschema@.organization (id),
  id               uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  patch_id         uuid NOT NULL,
  vulnerability_id uuid NOT NULL,
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, patch_id, vulnerability_id),
  FOREIGN KEY (organization_id, patch_id) REFERENCES @extschema@.patch (organization_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organization_id, vulnerability_id) REFERENCES @extschema@.vulnerability (organization_id, id)
);
CREATE INDEX patch_vulnerability_vulnerability_idx ON @extschema@.patch_vulnerability (organization_id, vulnerability_id);
COMMENT ON TABLE @extschema@.patch_vulnerability IS 'Which vulnerabilities each patch fixes.';
COMMENT ON COLUMN @extschema@.patch_vulnerability.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.patch_vulnerability.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.patch_vulnerability.patch_id IS 'The patch.';
COMMENT ON COLUMN @extschema@.patch_vulnerability.vulnerability_id IS 'A vulnerability it fixes.';

INSERT INTO @extschema@.object_access_class (object_name, object_class) VALUES
  ('deployment_environment', 'catalog'),
  ('patch_priority_band', 'catalog'),
  ('patch_approval_route', 'catalog'),
  ('patch_approval_route_default', 'catalog'),
  ('organization_deployment_environment', 'program'),
  ('patch_approval_route_setting', 'program'),
  ('patch_approver', 'program'),
  ('patch', 'program'),
  ('patch_vulnerability', 'program');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.organization_deployment_environment', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.patch_approval_route_setting', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.patch_approver', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.patch', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.patch_vulnerability', '');
-- The patch lifecycle (BRIEF 3 and 4.E, issue 5): each patch on each asset moves
-- identified -> assessed -> approved -> tested -> deployed -> verified, or is rolled back.
--
-- The API is the transition log: INSERT INTO patch_deployment_transition (organization_id,
-- deployment_id, to_state, ...) records a transition; triggers check it against the rules (all
-- data: patch_state_transition, the organisation's environments and approval routes), stamp it
-- with the change time (risk_change_time(): iec62443p2.changed_at back-dates imports) and keep
-- patch_deployment's current state.  Validation runs (patch_test_run) gate the rollout through the
-- organisation's environments; a failed one rolls its environment back.  Ordinary triggers: a
-- restore with session_replication_role = replica restores the rows as dumped.

CREATE TABLE @extschema@.patch_state (
  code        text PRIMARY KEY,
  rank        smallint NOT NULL UNIQUE,
  label       text NOT NULL UNIQUE,
  initial     boolean NOT NULL DEFAULT false,
  installed   boolean NOT NULL DEFAULT false,
  deletable   boolean NOT NULL DEFAULT false,
  description text NOT NULL
);
CREATE UNIQUE INDEX patch_state_one_initial ON @extschema@.patch_state (initial) WHERE initial;
COMMENT ON TABLE @extschema@.patch_state IS 'Shipped catalogue: the states of a patch on an asset (patch_deployment.state).';
COMMENT ON COLUMN @extschema@.patch_state.code IS 'State code.';
COMMENT ON COLUMN @extschema@.patch_state.rank IS 'Order along the lifecycle.';
COMMENT ON COLUMN @extschema@.patch_state.label IS 'Human-readable name.';
COMMENT ON COLUMN @extschema@.patch_state.initial IS 'The state every deployment starts in (exactly one).';
COMMENT ON COLUMN @extschema@.patch_state.installed IS
  'The patch is on the asset in this state: a failed validation of the asset''s environment rolls it back.';
COMMENT ON COLUMN @extschema@.patch_state.deletable IS 'A deployment in this state may be deleted (with its transitions): nothing was done yet.';
COMMENT ON COLUMN @extschema@.patch_state.description IS 'What the state means.';

INSERT INTO @extschema@.patch_state (code, rank, label, initial, installed, deletable, description) VALUES
  ('identified', 1, 'Identified', true, false, true, 'The patch applies to the asset (it fixes a vulnerability the asset has).'),
  ('assessed', 2, 'Assessed', false, false, true,
   'Priority band and approval route set from the worst open vulnerability the patch fixes on the asset.'),
  ('approved', 3, 'Approved', false, false, false, 'Approved on the route of its band.'),
  ('tested', 4, 'Tested', false, false, false,
   'The patch passed validation in every environment before the asset''s (in the asset''s own for the first environment).'),
  ('deployed', 5, 'Deployed', false, true, false, 'Installed on the asset.'),
  ('verified', 6, 'Verified', false, true, false,
   'Checked on the asset after installation: the vulnerabilities it fixes there are resolved (patched).'),
  ('rolled_back', 7, 'Rolled back', false, false, false,
   'Removed again (by hand, or because validation of the asset''s environment failed), with the outcome of the rollback.');

CREATE TABLE @extschema@.patch_state_transition (
  from_state              text NOT NULL REFERENCES @extschema@.patch_state (code),
  to_state                text NOT NULL REFERENCES @extschema@.patch_state (code),
  computes_band           boolean NOT NULL DEFAULT false,
  checks_approval         boolean NOT NULL DEFAULT false,
  checks_validation       boolean NOT NULL DEFAULT false,
  checks_rollback_plan    boolean NOT NULL DEFAULT false,
  requires_outcome        boolean NOT NULL DEFAULT false,
  resolves_vulnerabilities boolean NOT NULL DEFAULT false,
  reopens_vulnerabilities boolean NOT NULL DEFAULT false,
  description             text NOT NULL,
  PRIMARY KEY (from_state, to_state),
  CONSTRAINT patch_state_transition_not_self CHECK (from_state <> to_state)
);
CREATE INDEX patch_state_transition_to_state_idx ON @extschema@.patch_state_transition (to_state);
COMMENT ON TABLE @extschema@.patch_state_transition IS
  'Shipped catalogue: the allowed transitions of a patch deployment and the rules each one checks.  Any other '
  'transition is refused (55000).';
COMMENT ON COLUMN @extschema@.patch_state_transition.from_state IS 'State before.';
COMMENT ON COLUMN @extschema@.patch_state_transition.to_state IS 'State after.';
COMMENT ON COLUMN @extschema@.patch_state_transition.computes_band IS
  'Sets band, priority and route from the worst open vulnerability the patch fixes on the asset (refused when there is none).';
COMMENT ON COLUMN @extschema@.patch_state_transition.checks_approval IS
  'Checks the approval route: an allowed person, or the system; a maintenance cycle where the route needs one.';
COMMENT ON COLUMN @extschema@.patch_state_transition.checks_validation IS
  'The patch''s latest validation passed in every environment before the asset''s (in the asset''s own for the first).';
COMMENT ON COLUMN @extschema@.patch_state_transition.checks_rollback_plan IS
  'The patch has a rollback plan when the asset''s environment requires one.';
COMMENT ON COLUMN @extschema@.patch_state_transition.requires_outcome IS 'The rollback''s outcome (succeeded or failed) is required.';
COMMENT ON COLUMN @extschema@.patch_state_transition.resolves_vulnerabilities IS
  'Resolves the asset''s open asset_vulnerability rows of the vulnerabilities the patch fixes (patched).';
COMMENT ON COLUMN @extschema@.patch_state_transition.reopens_vulnerabilities IS
  'Reopens the asset_vulnerability rows the deployment''s verification resolved.';
COMMENT ON COLUMN @extschema@.patch_state_transition.description IS 'The transition in words.';

INSERT INTO @extschema@.patch_state_transition
  (from_state, to_state, computes_band, checks_approval, checks_validation, checks_rollback_plan, requires_outcome,
   resolves_vulnerabilities, reopens_vulnerabilities, description) VALUES
  ('identified', 'assessed', true, false, false, false, false, false, false,
   'Assess: band, priority and route from the worst open vulnerability the patch fixes on the asset; the automatic '
   'route approves at once.'),
  ('assessed', 'approved', false, true, false, false, false, false, false, 'Approve on the route of the band.'),
  ('approved', 'tested', false, false, true, false, false, false, false,
   'Tested: the rollout has reached the asset''s environment.'),
  ('tested', 'deployed', false, false, true, true, false, false, false,
   'Deploy: the rollout still stands, and a rollback plan exists where the environment requires one.'),
  ('deployed', 'verified', false, false, false, false, false, true, false,
   'Verify: the patched vulnerabilities of the asset are resolved.'),
  ('deployed', 'rolled_back', false, false, false, false, true, false, false, 'Roll back a deployment, with the outcome.'),
  ('verified', 'rolled_back', false, false, false, false, true, false, true,
   'Roll back a verified deployment, with the outcome; its vulnerabilities open again.'),
  ('rolled_back', 'tested', false, false, true, false, false, false, false,
   'Retry after a rollback: tested again once the rollout reaches the asset''s environment.');

CREATE TABLE @extschema@.patch_test_run (
  organization_id            uuid NOT NULL REFERENCES @extschema@.organization (id),
  id                         uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  patch_id                   uuid NOT NULL,
  environment                text NOT NULL,
  started_at                 timestamptz NOT NULL,
  finished_at                timestamptz,
  regression_cases_required  integer NOT NULL CONSTRAINT patch_test_run_required CHECK (regression_cases_required >= 0),
  regression_cases_run       integer NOT NULL DEFAULT 0 CONSTRAINT patch_test_run_run CHECK (regression_cases_run >= 0),
  regression_cases_failed    integer NOT NULL DEFAULT 0 CONSTRAINT patch_test_run_failed CHECK (regression_cases_failed >= 0),
  performance_impact_percent numeric(6,2),
  compatibility_issues       integer NOT NULL DEFAULT 0 CONSTRAINT patch_test_run_compatibility_issues CHECK (compatibility_issues >= 0),
  outcome                    text CONSTRAINT patch_test_run_outcome CHECK (outcome IN ('passed', 'failed')),
  rollback_outcome           text CONSTRAINT patch_test_run_rollback_outcome CHECK (rollback_outcome IN ('succeeded', 'failed')),
  tested_by                  uuid,
  notes                      text,
  created_at                 timestamptz NOT NULL DEFAULT pg_catalog.now(),
  PRIMARY KEY (organization_id, id),
  CONSTRAINT patch_test_run_finished_after_start CHECK (finished_at >= started_at),
  CONSTRAINT patch_test_run_finished_with_outcome CHECK ((finished_at IS NULL) = (outcome IS NULL)),
  CONSTRAINT patch_test_run_failed_not_above_run CHECK (regression_cases_failed <= regression_cases_run),
  CONSTRAINT patch_test_run_passed_complete
    CHECK (outcome IS DISTINCT FROM 'passed' OR (regression_cases_run >= regression_cases_required AND regression_cases_failed = 0)),
  CONSTRAINT patch_test_run_rollback_only_when_failed CHECK (rollback_outcome IS NULL OR outcome = 'failed'),
  FOREIGN KEY (organization_id, patch_id) REFERENCES @extschema@.patch (organization_id, id),
  FOREIGN KEY (organization_id, environment) REFERENCES @extschema@.organization_deployment_environment (organization_id, environment),
  FOREIGN KEY (organization_id, tested_by) REFERENCES @extschema@.person (organization_id, id)
);
CREATE INDEX patch_test_run_patch_idx ON @extschema@.patch_test_run (organization_id, patch_id, environment, finished_at);
CREATE INDEX patch_test_run_environment_idx ON @extschema@.patch_test_run (organization_id, environment);
CREATE INDEX patch_test_run_tested_by_idx ON @extschema@.patch_test_run (organization_id, tested_by);
COMMENT ON TABLE @extschema@.patch_test_run IS
  'Validation runs of a patch in a deployment environment: regression cases, performance impact, compatibility issues, '
  'outcome.  The latest finished run of each environment decides whether the rollout passes it; a failed run rolls '
  'back the patch''s installed deployments of that environment.  A finished run is a record: it cannot be changed '
  'or deleted (record a new run).';
COMMENT ON COLUMN @extschema@.patch_test_run.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.patch_test_run.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.patch_test_run.patch_id IS 'The patch validated.';
COMMENT ON COLUMN @extschema@.patch_test_run.environment IS 'Environment validated (one the organisation has).';
COMMENT ON COLUMN @extschema@.patch_test_run.started_at IS 'When the run started.';
COMMENT ON COLUMN @extschema@.patch_test_run.finished_at IS 'When it finished (with the outcome); NULL while running.';
COMMENT ON COLUMN @extschema@.patch_test_run.regression_cases_required IS 'Regression test cases the test plan requires.';
COMMENT ON COLUMN @extschema@.patch_test_run.regression_cases_run IS 'Regression test cases run.';
COMMENT ON COLUMN @extschema@.patch_test_run.regression_cases_failed IS 'Regression test cases that failed (at most those run).';
COMMENT ON COLUMN @extschema@.patch_test_run.performance_impact_percent IS
  'Measured change of the performance indicator, in percent (positive: slower or heavier); NULL when not measured.';
COMMENT ON COLUMN @extschema@.patch_test_run.compatibility_issues IS 'Compatibility issues found.';
COMMENT ON COLUMN @extschema@.patch_test_run.outcome IS
  'passed or failed; NULL while running.  passed needs every required case run and none failed.';
COMMENT ON COLUMN @extschema@.patch_test_run.rollback_outcome IS
  'For a failed run: the outcome of rolling back the environment (succeeded or failed); required when the failed run '
  'has deployments to roll back, recorded on each of their rollback transitions.';
COMMENT ON COLUMN @extschema@.patch_test_run.tested_by IS 'Person responsible for the run.';
COMMENT ON COLUMN @extschema@.patch_test_run.notes IS 'Free text: what was tested, issues found.';
COMMENT ON COLUMN @extschema@.patch_test_run.created_at IS 'When the row was created.';

CREATE TABLE @extschema@.patch_deployment (
  organization_id        uuid NOT NULL REFERENCES @extschema@.organization (id),
  id                     uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  patch_id               uuid NOT NULL,
  asset_id               uuid NOT NULL,
  state                  text NOT NULL DEFAULT 'identified' REFERENCES @extschema@.patch_state (code),
  state_changed_at       timestamptz,
  band                   text REFERENCES @extschema@.patch_priority_band (code),
  priority               numeric(4,1),
  worst_vulnerability_id uuid,
  route                  text REFERENCES @extschema@.patch_approval_route (code),
  approved_by            uuid,
  approved_at            timestamptz,
  scheduled_for          timestamptz,
  notes                  text,
  created_at             timestamptz NOT NULL DEFAULT pg_catalog.now(),
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, patch_id, asset_id),
  FOREIGN KEY (organization_id, patch_id) REFERENCES @extschema@.patch (organization_id, id),
  FOREIGN KEY (organization_id, asset_id) REFERENCES @extschema@.asset (organization_id, id),
  FOREIGN KEY (organization_id, worst_vulnerability_id) REFERENCES @extschema@.vulnerability (organization_id, id),
  FOREIGN KEY (organization_id, approved_by) REFERENCES @extschema@.person (organization_id, id)
);
CREATE INDEX patch_deployment_asset_idx ON @extschema@.patch_deployment (organization_id, asset_id);
CREATE INDEX patch_deployment_worst_vulnerability_idx ON @extschema@.patch_deployment (organization_id, worst_vulnerability_id);
CREATE INDEX patch_deployment_approved_by_idx ON @extschema@.patch_deployment (organization_id, approved_by);
CREATE INDEX patch_deployment_state_idx ON @extschema@.patch_deployment (state);
CREATE INDEX patch_deployment_band_idx ON @extschema@.patch_deployment (band);
CREATE INDEX patch_deployment_route_idx ON @extschema@.patch_deployment (route);
COMMENT ON TABLE @extschema@.patch_deployment IS
  'One patch on one asset: its current state in the lifecycle and what its assessment and approval decided.  Insert '
  'the (patch, asset) pair (or call patch_identify_deployments); move it with patch_deployment_transition.  State, band, '
  'priority, route and approval are kept by the triggers and cannot be updated directly.';
COMMENT ON COLUMN @extschema@.patch_deployment.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.patch_deployment.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.patch_deployment.patch_id IS 'The patch.';
COMMENT ON COLUMN @extschema@.patch_deployment.asset_id IS 'The asset.';
COMMENT ON COLUMN @extschema@.patch_deployment.state IS
  'Current state (patch_state): identified, assessed, approved, tested, deployed, verified or rolled_back.';
COMMENT ON COLUMN @extschema@.patch_deployment.state_changed_at IS 'Time of the last transition.';
COMMENT ON COLUMN @extschema@.patch_deployment.band IS
  'Priority band set at assessment: patch_decision of the worst open vulnerability the patch fixes on the asset, with '
  'the asset''s effective criticality, requirements and zone exposure and the organisation''s parameters.';
COMMENT ON COLUMN @extschema@.patch_deployment.priority IS 'patch_priority (0..100) of that vulnerability at assessment.';
COMMENT ON COLUMN @extschema@.patch_deployment.worst_vulnerability_id IS 'The vulnerability that set band and priority.';
COMMENT ON COLUMN @extschema@.patch_deployment.route IS 'Approval route of the band at assessment (patch_approval_route_setting).';
COMMENT ON COLUMN @extschema@.patch_deployment.approved_by IS 'Person who approved; NULL when the system approved (automatic or scheduled route).';
COMMENT ON COLUMN @extschema@.patch_deployment.approved_at IS 'When it was approved.';
COMMENT ON COLUMN @extschema@.patch_deployment.scheduled_for IS 'Start of the maintenance cycle the approval placed it in (scheduled route).';
COMMENT ON COLUMN @extschema@.patch_deployment.notes IS 'Free text.';
COMMENT ON COLUMN @extschema@.patch_deployment.created_at IS 'When the row was created.';

CREATE TABLE @extschema@.patch_deployment_transition (
  organization_id  uuid NOT NULL REFERENCES @extschema@.organization (id),
  id               uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  deployment_id    uuid NOT NULL,
  transition_no    bigint NOT NULL GENERATED BY DEFAULT AS IDENTITY,
  from_state       text,
  to_state         text NOT NULL REFERENCES @extschema@.patch_state (code),
  environment      text REFERENCES @extschema@.deployment_environment (code),
  at               timestamptz NOT NULL,
  by_person_id     uuid,
  recorded_by      text NOT NULL,
  note             text,
  rollback_outcome text CONSTRAINT patch_deployment_transition_rollback_outcome CHECK (rollback_outcome IN ('succeeded', 'failed')),
  scheduled_for    timestamptz,
  test_run_id      uuid,
  PRIMARY KEY (organization_id, id),
  CONSTRAINT patch_deployment_transition_outcome_on_rollback CHECK ((rollback_outcome IS NULL) = (to_state <> 'rolled_back')),
  -- the allowed transitions are the catalogue's (the first, to the initial state, has no from_state)
  FOREIGN KEY (from_state, to_state) REFERENCES @extschema@.patch_state_transition (from_state, to_state),
  FOREIGN KEY (organization_id, deployment_id) REFERENCES @extschema@.patch_deployment (organization_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organization_id, by_person_id) REFERENCES @extschema@.person (organization_id, id),
  FOREIGN KEY (organization_id, test_run_id) REFERENCES @extschema@.patch_test_run (organization_id, id)
);
CREATE INDEX patch_deployment_transition_deployment_idx
  ON @extschema@.patch_deployment_transition (organization_id, deployment_id, at, transition_no);
CREATE INDEX patch_deployment_transition_states_idx ON @extschema@.patch_deployment_transition (from_state, to_state);
CREATE INDEX patch_deployment_transition_to_state_idx ON @extschema@.patch_deployment_transition (to_state, at);
CREATE INDEX patch_deployment_transition_environment_idx ON @extschema@.patch_deployment_transition (environment);
CREATE INDEX patch_deployment_transition_by_person_idx ON @extschema@.patch_deployment_transition (organization_id, by_person_id);
CREATE INDEX patch_deployment_transition_test_run_idx ON @extschema@.patch_deployment_transition (organization_id, test_run_id);
COMMENT ON TABLE @extschema@.patch_deployment_transition IS
  'Every transition of every patch deployment, in order: the lifecycle''s events (identified, assessed, approved, '
  'tested, deployed, verified, rolled_back) with their times.  Insert organization_id, deployment_id, to_state and '
  'what the transition needs (by_person_id, note, rollback_outcome, scheduled_for); the trigger checks the rules, '
  'fills the rest and stamps the time (risk_change_time(): set iec62443p2.changed_at to back-date an import).  '
  'Transitions cannot be changed or deleted.';
COMMENT ON COLUMN @extschema@.patch_deployment_transition.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.patch_deployment_transition.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.patch_deployment_transition.deployment_id IS 'The deployment (patch on asset).';
COMMENT ON COLUMN @extschema@.patch_deployment_transition.transition_no IS 'Order of recording (orders transitions at the same time).';
COMMENT ON COLUMN @extschema@.patch_deployment_transition.from_state IS 'State before (set by the trigger); NULL for the first, to identified.';
COMMENT ON COLUMN @extschema@.patch_deployment_transition.to_state IS 'State after.';
COMMENT ON COLUMN @extschema@.patch_deployment_transition.environment IS 'The asset''s environment at the transition (set by the trigger).';
COMMENT ON COLUMN @extschema@.patch_deployment_transition.at IS
  'When the transition took effect (set by the trigger: now(), or iec62443p2.changed_at); never before the previous one.';
COMMENT ON COLUMN @extschema@.patch_deployment_transition.by_person_id IS
  'Person who made or approved the transition; NULL for the system (automatic approval, rollback by failed validation).';
COMMENT ON COLUMN @extschema@.patch_deployment_transition.recorded_by IS 'Database user, or iec62443p2.changed_by for imports.';
COMMENT ON COLUMN @extschema@.patch_deployment_transition.note IS 'Free text.';
COMMENT ON COLUMN @extschema@.patch_deployment_transition.rollback_outcome IS
  'For rolled_back (required there, only there): succeeded or failed.';
COMMENT ON COLUMN @extschema@.patch_deployment_transition.scheduled_for IS
  'For an approval on a route that needs a schedule: start of the maintenance cycle the deployment is placed in.';
COMMENT ON COLUMN @extschema@.patch_deployment_transition.test_run_id IS
  'The validation run the transition relied on (tested, deployed) or that caused it (rollback by failed validation).';

-- ---- the rollout gate ----

CREATE FUNCTION @extschema@.patch_rollout_gate(organization_id uuid, patch_id uuid, environment text,
                                               at timestamptz DEFAULT pg_catalog.now())
RETURNS TABLE (open boolean, blocked_in text, reason text, test_run_id uuid)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  pos smallint;
  first_pos smallint;
  e record;
  r record;
  last_run uuid;
BEGIN
  SELECT x.position INTO pos FROM @extschema@.organization_deployment_environment x
  WHERE x.organization_id = patch_rollout_gate.organization_id AND x.environment = patch_rollout_gate.environment;
  IF pos IS NULL THEN
    RETURN QUERY SELECT false, patch_rollout_gate.environment, 'the organisation has no environment ' || patch_rollout_gate.environment, NULL::uuid;
    RETURN;
  END IF;
  SELECT pg_catalog.min(x.position) INTO first_pos FROM @extschema@.organization_deployment_environment x
  WHERE x.organization_id = patch_rollout_gate.organization_id;
  -- the environments whose latest validation must have passed: every one before, or the first itself
  FOR e IN
    SELECT x.environment FROM @extschema@.organization_deployment_environment x
    WHERE x.organization_id = patch_rollout_gate.organization_id
      AND (x.position < pos OR (pos = first_pos AND x.position = pos))
    ORDER BY x.position
  LOOP
    SELECT t.id, t.outcome, t.finished_at INTO r
    FROM @extschema@.patch_test_run t
    WHERE t.organization_id = patch_rollout_gate.organization_id AND t.patch_id = patch_rollout_gate.patch_id
      AND t.environment = e.environment AND t.finished_at <= patch_rollout_gate.at
    ORDER BY t.finished_at DESC, (t.outcome = 'failed') DESC, t.id
    LIMIT 1;
    IF NOT FOUND THEN
      RETURN QUERY SELECT false, e.environment::text, 'no finished validation in ' || e.environment, NULL::uuid;
      RETURN;
    ELSIF r.outcome <> 'passed' THEN
      RETURN QUERY SELECT false, e.environment::text,
        'the latest validation in ' || e.environment || ' (finished ' || r.finished_at::text || ') failed', r.id;
      RETURN;
    END IF;
    last_run := r.id;
  END LOOP;
  RETURN QUERY SELECT true, NULL::text, NULL::text, last_run;
END
$$;
COMMENT ON FUNCTION @extschema@.patch_rollout_gate(uuid, uuid, text, timestamptz) IS
  'Whether the rollout of a patch has reached an environment at a time: the latest validation (patch_test_run finished '
  'by then) passed in every environment the organisation has before it (skipping those it lacks), or, for its first '
  'environment, in that environment itself.  Returns open, the first environment that blocks and why, and the run '
  'relied on (the latest passed run of the environment just before).';

-- ---- triggers ----

CREATE FUNCTION @extschema@.patch_deployment_guard()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  d_state text;
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.state IS DISTINCT FROM (SELECT s.code FROM @extschema@.patch_state s WHERE s.initial) THEN
      RAISE EXCEPTION 'patch_deployment: a deployment starts in state identified, not %', NEW.state
        USING ERRCODE = 'object_not_in_prerequisite_state',
              HINT = 'Insert the deployment, then record its transitions in patch_deployment_transition.';
    END IF;
    NEW.band := NULL; NEW.priority := NULL; NEW.worst_vulnerability_id := NULL; NEW.route := NULL;
    NEW.approved_by := NULL; NEW.approved_at := NULL; NEW.scheduled_for := NULL;
    NEW.state_changed_at := @extschema@.risk_change_time();
    NEW.created_at := NEW.state_changed_at;
    RETURN NEW;
  ELSIF TG_OP = 'UPDATE' THEN
    -- the transition trigger keeps these columns (it runs nested); a statement of the user may not
    IF pg_catalog.pg_trigger_depth() < 2
       AND (NEW.organization_id, NEW.patch_id, NEW.asset_id, NEW.state, NEW.state_changed_at, NEW.band, NEW.priority,
            NEW.worst_vulnerability_id, NEW.route, NEW.approved_by, NEW.approved_at, NEW.scheduled_for, NEW.created_at)
           IS DISTINCT FROM
           (OLD.organization_id, OLD.patch_id, OLD.asset_id, OLD.state, OLD.state_changed_at, OLD.band, OLD.priority,
            OLD.worst_vulnerability_id, OLD.route, OLD.approved_by, OLD.approved_at, OLD.scheduled_for, OLD.created_at) THEN
      RAISE EXCEPTION 'patch_deployment: only notes can be updated; state, band, route and approval follow the transitions'
        USING ERRCODE = 'object_not_in_prerequisite_state',
              HINT = 'Insert a row into patch_deployment_transition to move a deployment.';
    END IF;
    RETURN NEW;
  ELSE
    SELECT s.code INTO d_state FROM @extschema@.patch_state s WHERE s.code = OLD.state AND s.deletable;
    IF d_state IS NULL THEN
      RAISE EXCEPTION 'patch_deployment: a deployment in state % cannot be deleted', OLD.state
        USING ERRCODE = 'object_not_in_prerequisite_state',
              HINT = 'Only deployments not yet approved can be deleted; its transitions are the record.';
    END IF;
    RETURN OLD;
  END IF;
END
$$;
COMMENT ON FUNCTION @extschema@.patch_deployment_guard() IS
  'Trigger function: a deployment starts identified (its maintained columns empty); only notes may be updated by a '
  'statement; only a deployment in a deletable state (identified, assessed) may be deleted (55000).';

CREATE TRIGGER patch_deployment_guard BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.patch_deployment
  FOR EACH ROW EXECUTE FUNCTION @extschema@.patch_deployment_guard();

CREATE FUNCTION @extschema@.patch_deployment_after_insert()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  INSERT INTO @extschema@.patch_deployment_transition (organization_id, deployment_id, to_state, at)
  VALUES (NEW.organization_id, NEW.id, NEW.state, NEW.state_changed_at);
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION @extschema@.patch_deployment_after_insert() IS
  'Trigger function: records the first transition of a new deployment (to identified, at its creation time).';

CREATE TRIGGER patch_deployment_after_insert AFTER INSERT ON @extschema@.patch_deployment
  FOR EACH ROW EXECUTE FUNCTION @extschema@.patch_deployment_after_insert();

CREATE FUNCTION @extschema@.patch_deployment_transition_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  d @extschema@.patch_deployment;
  p @extschema@.patch;
  a @extschema@.asset;
  rule @extschema@.patch_state_transition;
  rt @extschema@.patch_approval_route;
  env @extschema@.organization_deployment_environment;
  g record;
  w record;
  last_at timestamptz;
  verified_at timestamptz;
  allowed text;
  internal boolean := pg_catalog.pg_trigger_depth() > 1;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    IF internal AND TG_OP = 'DELETE' THEN
      RETURN OLD;   -- the deployment is deleted (allowed only before approval), its transitions with it
    END IF;
    RAISE EXCEPTION 'patch_deployment_transition: transitions are a record and cannot be %',
      CASE TG_OP WHEN 'UPDATE' THEN 'changed' ELSE 'deleted' END
      USING ERRCODE = 'object_not_in_prerequisite_state', HINT = 'Record a new transition instead.';
  END IF;

  SELECT * INTO d FROM @extschema@.patch_deployment x
  WHERE x.organization_id = NEW.organization_id AND x.id = NEW.deployment_id FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'patch_deployment_transition: deployment % does not exist in the organisation', NEW.deployment_id
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  SELECT * INTO p FROM @extschema@.patch x WHERE x.organization_id = d.organization_id AND x.id = d.patch_id;
  SELECT * INTO a FROM @extschema@.asset x WHERE x.organization_id = d.organization_id AND x.id = d.asset_id;
  SELECT * INTO env FROM @extschema@.organization_deployment_environment x
  WHERE x.organization_id = a.organization_id AND x.environment = a.environment;

  -- who and when: the system's own transitions (automatic approval, rollbacks) bring their time
  IF NOT internal OR NEW.at IS NULL THEN
    NEW.at := @extschema@.risk_change_time();
  END IF;
  NEW.recorded_by := coalesce(NULLIF(pg_catalog.current_setting('iec62443p2.changed_by', true), ''), CURRENT_USER::text);
  NEW.environment := a.environment;
  IF NOT internal THEN
    NEW.test_run_id := NULL;
  END IF;

  SELECT pg_catalog.max(t.at) INTO last_at FROM @extschema@.patch_deployment_transition t
  WHERE t.organization_id = d.organization_id AND t.deployment_id = d.id;
  IF last_at IS NULL THEN
    -- the first transition, written when the deployment is inserted
    IF NOT internal OR NEW.to_state <> d.state THEN
      RAISE EXCEPTION 'patch_deployment_transition: patch % on asset %: the first transition is recorded with the deployment', p.code, a.tag
        USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    NEW.from_state := NULL;
    RETURN NEW;
  END IF;

  NEW.from_state := d.state;
  SELECT * INTO rule FROM @extschema@.patch_state_transition x WHERE x.from_state = d.state AND x.to_state = NEW.to_state;
  IF NOT FOUND THEN
    SELECT pg_catalog.string_agg(x.to_state, ', ' ORDER BY s.rank) INTO allowed
    FROM @extschema@.patch_state_transition x JOIN @extschema@.patch_state s ON s.code = x.to_state
    WHERE x.from_state = d.state;
    IF NOT EXISTS (SELECT 1 FROM @extschema@.patch_state s WHERE s.code = NEW.to_state) THEN
      RAISE EXCEPTION 'patch_deployment_transition: patch % on asset %: unknown state "%"', p.code, a.tag, NEW.to_state
        USING ERRCODE = 'invalid_parameter_value',
              HINT = 'States: identified, assessed, approved, tested, deployed, verified, rolled_back (patch_state).';
    END IF;
    RAISE EXCEPTION 'patch_deployment_transition: patch % on asset %: % -> % is not allowed', p.code, a.tag, d.state, NEW.to_state
      USING ERRCODE = 'object_not_in_prerequisite_state',
            HINT = CASE WHEN allowed IS NULL THEN pg_catalog.format('No transition leaves %s.', d.state)
                        ELSE pg_catalog.format('From %s the deployment may move to: %s.', d.state, allowed) END;
  END IF;

  IF NEW.at < last_at THEN
    RAISE EXCEPTION 'patch_deployment_transition: patch % on asset %: % -> % at % is before the previous transition at %',
      p.code, a.tag, d.state, NEW.to_state, NEW.at, last_at
      USING ERRCODE = 'invalid_parameter_value', HINT = 'Record (import) the transitions of a deployment in time order.';
  END IF;
  IF NEW.rollback_outcome IS NOT NULL AND NOT rule.requires_outcome THEN
    RAISE EXCEPTION 'patch_deployment_transition: patch % on asset %: a rollback outcome belongs to a rollback, not to % -> %',
      p.code, a.tag, d.state, NEW.to_state
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF rule.requires_outcome AND NEW.rollback_outcome IS NULL THEN
    RAISE EXCEPTION 'patch_deployment_transition: patch % on asset %: % -> % needs the rollback''s outcome',
      p.code, a.tag, d.state, NEW.to_state
      USING ERRCODE = 'invalid_parameter_value', HINT = 'Set rollback_outcome to succeeded or failed.';
  END IF;
  IF NEW.scheduled_for IS NOT NULL AND NOT rule.checks_approval THEN
    RAISE EXCEPTION 'patch_deployment_transition: patch % on asset %: scheduled_for belongs to an approval, not to % -> %',
      p.code, a.tag, d.state, NEW.to_state
      USING ERRCODE = 'invalid_parameter_value';
  END IF;

  IF rule.computes_band THEN
    -- the worst open vulnerability (highest priority) the patch fixes on the asset, open at the transition time
    SELECT v.id,
           @extschema@.patch_priority(x.vector, v.epss, v.kev, x.criticality, a.safety_related, x.exposure, x.compensated, x.parameters) AS priority,
           @extschema@.patch_decision(x.vector, v.epss, v.kev, x.criticality, a.safety_related, x.exposure, x.compensated, x.parameters) AS band
    INTO w
    FROM @extschema@.patch_vulnerability pv
    JOIN @extschema@.asset_vulnerability av
      ON av.organization_id = pv.organization_id AND av.vulnerability_id = pv.vulnerability_id AND av.asset_id = a.id
    JOIN @extschema@.vulnerability v ON v.organization_id = pv.organization_id AND v.id = pv.vulnerability_id
    CROSS JOIN LATERAL (
      SELECT @extschema@.cvss_with_requirements(v.cvss, a.confidentiality_requirement, a.integrity_requirement,
                                                a.availability_requirement) AS vector,
             @extschema@.asset_effective_criticality(a.organization_id, a.id)::integer AS criticality,
             (SELECT xs.ssvc_system_exposure FROM @extschema@.zone z
              JOIN @extschema@.zone_exposure_setting xs ON xs.organization_id = z.organization_id AND xs.exposure = z.exposure
              WHERE z.organization_id = a.organization_id AND z.id = a.zone_id) AS exposure,
             @extschema@.patch_priority_parameters(a.organization_id) AS parameters,
             -- an approved exception's compensating controls count, as in patch_queue
             @extschema@.exception_covers(a.organization_id, a.id, v.id, NEW.at) AS compensated) x
    WHERE pv.organization_id = d.organization_id AND pv.patch_id = d.patch_id
      AND av.detected_at <= NEW.at AND (av.resolved_at IS NULL OR av.resolved_at > NEW.at)
    -- an affected finding decides; an undetermined one only when a person created the deployment
    -- for it (patch_identify_deployments identifies affected findings only)
    ORDER BY av.applicability = 'affected' DESC, 2 DESC, v.cve_id
    LIMIT 1;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'patch_deployment_transition: patch % on asset %: % -> %: the patch fixes no open vulnerability of the asset',
        p.code, a.tag, d.state, NEW.to_state
        USING ERRCODE = 'object_not_in_prerequisite_state',
              HINT = 'List what the patch fixes in patch_vulnerability; the asset''s open ones are in asset_vulnerability.';
    END IF;
    UPDATE @extschema@.patch_deployment x
    SET band = w.band, priority = w.priority, worst_vulnerability_id = w.id,
        route = (SELECT s.route FROM @extschema@.patch_approval_route_setting s
                 WHERE s.organization_id = d.organization_id AND s.band = w.band)
    WHERE x.organization_id = d.organization_id AND x.id = d.id
    RETURNING * INTO d;
    IF d.route IS NULL THEN
      RAISE EXCEPTION 'patch_deployment_transition: patch % on asset %: the organisation has no approval route for band %',
        p.code, a.tag, w.band
        USING ERRCODE = 'object_not_in_prerequisite_state', HINT = 'Add the band to patch_approval_route_setting.';
    END IF;
  END IF;

  IF rule.checks_approval THEN
    SELECT * INTO rt FROM @extschema@.patch_approval_route x WHERE x.code = d.route;
    IF rt.approver = 'system' AND NOT internal THEN
      RAISE EXCEPTION 'patch_deployment_transition: patch % on asset %: route % is approved by the system at assessment',
        p.code, a.tag, d.route
        USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    IF rt.approver = 'person' AND NEW.by_person_id IS NULL THEN
      RAISE EXCEPTION 'patch_deployment_transition: patch % on asset %: band % needs % approval: by_person_id is required',
        p.code, a.tag, d.band, d.route
        USING ERRCODE = 'invalid_parameter_value', HINT = 'Name an approver listed in patch_approver for the route.';
    END IF;
    IF NEW.by_person_id IS NOT NULL AND NOT EXISTS (
         SELECT 1 FROM @extschema@.patch_approver x
         JOIN @extschema@.person pe ON pe.organization_id = x.organization_id AND pe.id = x.person_id
         WHERE x.organization_id = d.organization_id AND x.person_id = NEW.by_person_id AND x.route = d.route AND pe.active) THEN
      RAISE EXCEPTION 'patch_deployment_transition: patch % on asset %: % may not approve on route %',
        p.code, a.tag,
        coalesce((SELECT pe.full_name FROM @extschema@.person pe
                  WHERE pe.organization_id = d.organization_id AND pe.id = NEW.by_person_id), NEW.by_person_id::text),
        d.route
        USING ERRCODE = 'invalid_parameter_value', HINT = 'Approvers are listed per route in patch_approver (active people only).';
    END IF;
    IF rt.needs_schedule AND NEW.scheduled_for IS NULL THEN
      RAISE EXCEPTION 'patch_deployment_transition: patch % on asset %: route % approves by placing it in a maintenance cycle: scheduled_for is required',
        p.code, a.tag, d.route
        USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF NEW.scheduled_for < NEW.at THEN
      RAISE EXCEPTION 'patch_deployment_transition: patch % on asset %: scheduled_for % is before the approval at %',
        p.code, a.tag, NEW.scheduled_for, NEW.at
        USING ERRCODE = 'invalid_parameter_value';
    END IF;
  END IF;

  IF rule.checks_validation THEN
    -- one writer of a patch's rollout at a time: a validation failing concurrently is seen, or sees this deployment
    PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended(
      'iec62443p2.patch_rollout/' || d.organization_id::text || '/' || d.patch_id::text, 0));
    SELECT * INTO g FROM @extschema@.patch_rollout_gate(d.organization_id, d.patch_id, a.environment, NEW.at);
    IF NOT g.open THEN
      RAISE EXCEPTION 'patch_deployment_transition: patch % on asset %: % -> % in %: the rollout has not reached %: %',
        p.code, a.tag, d.state, NEW.to_state, a.environment, a.environment, g.reason
        USING ERRCODE = 'object_not_in_prerequisite_state',
              HINT = pg_catalog.format('Record a passed validation of the patch in %s (patch_test_run).', g.blocked_in);
    END IF;
    NEW.test_run_id := g.test_run_id;
  END IF;

  IF rule.checks_rollback_plan AND env.requires_rollback_plan AND pg_catalog.btrim(coalesce(p.rollback_plan, '')) = '' THEN
    RAISE EXCEPTION 'patch_deployment_transition: patch % on asset %: % -> % in %: the patch has no rollback plan',
      p.code, a.tag, d.state, NEW.to_state, a.environment
      USING ERRCODE = 'object_not_in_prerequisite_state',
            HINT = pg_catalog.format('Environment %s requires one: write patch.rollback_plan first.', a.environment);
  END IF;

  IF rule.resolves_vulnerabilities THEN
    UPDATE @extschema@.asset_vulnerability av SET resolved_at = NEW.at, resolution = 'patched'
    FROM @extschema@.patch_vulnerability pv
    WHERE pv.organization_id = d.organization_id AND pv.patch_id = d.patch_id
      AND av.organization_id = d.organization_id AND av.asset_id = d.asset_id AND av.vulnerability_id = pv.vulnerability_id
      AND av.resolved_at IS NULL AND av.detected_at <= NEW.at;
  END IF;
  IF rule.reopens_vulnerabilities THEN
    SELECT pg_catalog.max(t.at) INTO verified_at FROM @extschema@.patch_deployment_transition t
    WHERE t.organization_id = d.organization_id AND t.deployment_id = d.id AND t.to_state = d.state;
    UPDATE @extschema@.asset_vulnerability av SET resolved_at = NULL, resolution = NULL
    FROM @extschema@.patch_vulnerability pv
    WHERE pv.organization_id = d.organization_id AND pv.patch_id = d.patch_id
      AND av.organization_id = d.organization_id AND av.asset_id = d.asset_id AND av.vulnerability_id = pv.vulnerability_id
      AND av.resolution = 'patched' AND av.resolved_at = verified_at;
  END IF;

  UPDATE @extschema@.patch_deployment x
  SET state = NEW.to_state, state_changed_at = NEW.at,
      approved_by = CASE WHEN rule.checks_approval THEN NEW.by_person_id ELSE x.approved_by END,
      approved_at = CASE WHEN rule.checks_approval THEN NEW.at ELSE x.approved_at END,
      scheduled_for = CASE WHEN rule.checks_approval THEN NEW.scheduled_for ELSE x.scheduled_for END
  WHERE x.organization_id = d.organization_id AND x.id = d.id;
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.patch_deployment_transition_check() IS
  'Trigger function: checks a new transition against patch_state_transition and the rules it names (band from the '
  'worst open vulnerability, approval route, rollout gate, rollback plan), refusing with 55000 (not allowed in the '
  'current state) or 22023 (a bad value: approver, outcome, schedule, time before the previous transition); stamps '
  'the time; keeps patch_deployment and resolves or reopens the asset''s vulnerabilities.  Transitions cannot be '
  'updated or deleted.';

CREATE TRIGGER patch_deployment_transition_check BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.patch_deployment_transition
  FOR EACH ROW EXECUTE FUNCTION @extschema@.patch_deployment_transition_check();

CREATE FUNCTION @extschema@.patch_deployment_transition_after()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  -- the automatic route: approved by the system the moment the deployment is assessed
  IF EXISTS (SELECT 1 FROM @extschema@.patch_state_transition x
             WHERE x.from_state = NEW.from_state AND x.to_state = NEW.to_state AND x.computes_band)
     AND EXISTS (SELECT 1 FROM @extschema@.patch_deployment d
                 JOIN @extschema@.patch_approval_route r ON r.code = d.route
                 WHERE d.organization_id = NEW.organization_id AND d.id = NEW.deployment_id AND r.on_assessment) THEN
    INSERT INTO @extschema@.patch_deployment_transition (organization_id, deployment_id, to_state, at, note)
    SELECT NEW.organization_id, NEW.deployment_id, x.to_state, NEW.at, 'automatic approval on assessment'
    FROM @extschema@.patch_state_transition x
    WHERE x.from_state = NEW.to_state AND x.checks_approval;
  END IF;
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION @extschema@.patch_deployment_transition_after() IS
  'Trigger function: a deployment assessed into a band whose route approves on assessment (automatic) is approved by '
  'the system at the same time (a transition without a person).';

CREATE TRIGGER patch_deployment_transition_after AFTER INSERT ON @extschema@.patch_deployment_transition
  FOR EACH ROW EXECUTE FUNCTION @extschema@.patch_deployment_transition_after();

CREATE FUNCTION @extschema@.patch_test_run_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  patch_code text;
  to_roll integer;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.outcome IS NOT NULL THEN
    IF TG_OP = 'DELETE'
       OR (NEW.organization_id, NEW.patch_id, NEW.environment, NEW.started_at, NEW.finished_at, NEW.outcome,
           NEW.rollback_outcome, NEW.regression_cases_required, NEW.regression_cases_run, NEW.regression_cases_failed,
           NEW.performance_impact_percent, NEW.compatibility_issues)
          IS DISTINCT FROM
          (OLD.organization_id, OLD.patch_id, OLD.environment, OLD.started_at, OLD.finished_at, OLD.outcome,
           OLD.rollback_outcome, OLD.regression_cases_required, OLD.regression_cases_run, OLD.regression_cases_failed,
           OLD.performance_impact_percent, OLD.compatibility_issues) THEN
      SELECT p.code INTO patch_code FROM @extschema@.patch p WHERE p.organization_id = OLD.organization_id AND p.id = OLD.patch_id;
      RAISE EXCEPTION 'patch_test_run: the finished % validation of patch % in % cannot be %',
        OLD.outcome, patch_code, OLD.environment, CASE TG_OP WHEN 'DELETE' THEN 'deleted' ELSE 'changed' END
        USING ERRCODE = 'object_not_in_prerequisite_state', HINT = 'Record a new run; only notes and tested_by may change.';
    END IF;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  IF NEW.outcome IS NOT NULL AND (TG_OP = 'INSERT' OR OLD.outcome IS NULL) THEN
    -- serialised with the deployments it gates or rolls back (see patch_deployment_transition_check)
    PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended(
      'iec62443p2.patch_rollout/' || NEW.organization_id::text || '/' || NEW.patch_id::text, 0));
  END IF;
  IF NEW.outcome = 'failed' AND (TG_OP = 'INSERT' OR OLD.outcome IS NULL) THEN
    SELECT pg_catalog.count(*) INTO to_roll
    FROM @extschema@.patch_deployment d
    JOIN @extschema@.asset a ON a.organization_id = d.organization_id AND a.id = d.asset_id
    JOIN @extschema@.patch_state s ON s.code = d.state
    WHERE d.organization_id = NEW.organization_id AND d.patch_id = NEW.patch_id AND a.environment = NEW.environment
      AND s.installed AND d.state_changed_at <= NEW.finished_at;
    IF to_roll > 0 AND NEW.rollback_outcome IS NULL THEN
      SELECT p.code INTO patch_code FROM @extschema@.patch p WHERE p.organization_id = NEW.organization_id AND p.id = NEW.patch_id;
      RAISE EXCEPTION 'patch_test_run: the failed validation of patch % in % rolls back % deployment(s): rollback_outcome is required',
        patch_code, NEW.environment, to_roll
        USING ERRCODE = 'invalid_parameter_value', HINT = 'Set rollback_outcome to succeeded or failed.';
    END IF;
  END IF;
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.patch_test_run_check() IS
  'Trigger function: a finished run cannot be changed (but for notes and tested_by) or deleted (55000); a failed run '
  'that has deployments to roll back needs rollback_outcome (22023).';

CREATE TRIGGER patch_test_run_check BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.patch_test_run
  FOR EACH ROW EXECUTE FUNCTION @extschema@.patch_test_run_check();

CREATE FUNCTION @extschema@.patch_test_run_rollback()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF NEW.outcome = 'failed' AND (TG_OP = 'INSERT' OR OLD.outcome IS NULL) THEN
    -- the environment's installed deployments of the patch (installed by the time the run finished) roll back
    INSERT INTO @extschema@.patch_deployment_transition
      (organization_id, deployment_id, to_state, at, rollback_outcome, test_run_id, note)
    SELECT d.organization_id, d.id, x.to_state, NEW.finished_at, NEW.rollback_outcome, NEW.id,
           'validation in ' || NEW.environment || ' failed'
    FROM @extschema@.patch_deployment d
    JOIN @extschema@.asset a ON a.organization_id = d.organization_id AND a.id = d.asset_id
    JOIN @extschema@.patch_state s ON s.code = d.state
    JOIN @extschema@.patch_state_transition x ON x.from_state = d.state AND x.requires_outcome
    WHERE d.organization_id = NEW.organization_id AND d.patch_id = NEW.patch_id AND a.environment = NEW.environment
      AND s.installed AND d.state_changed_at <= NEW.finished_at
    ORDER BY a.tag;
  END IF;
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION @extschema@.patch_test_run_rollback() IS
  'Trigger function: a failed validation rolls back the patch''s installed (deployed, verified) deployments in the '
  'run''s environment, at the run''s finish time, with the run''s rollback outcome; later environments stay closed '
  'until a new run passes (patch_rollout_gate).';

CREATE TRIGGER patch_test_run_rollback AFTER INSERT OR UPDATE OF outcome ON @extschema@.patch_test_run
  FOR EACH ROW EXECUTE FUNCTION @extschema@.patch_test_run_rollback();

CREATE FUNCTION @extschema@.patch_identify_deployments(organization_id uuid, patch_id uuid)
RETURNS integer
LANGUAGE plpgsql VOLATILE STRICT
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  n integer;
BEGIN
  INSERT INTO @extschema@.patch_deployment (organization_id, patch_id, asset_id)
  SELECT DISTINCT av.organization_id, pv.patch_id, av.asset_id
  FROM @extschema@.patch_vulnerability pv
  JOIN @extschema@.asset_vulnerability av ON av.organization_id = pv.organization_id AND av.vulnerability_id = pv.vulnerability_id
  WHERE pv.organization_id = patch_identify_deployments.organization_id AND pv.patch_id = patch_identify_deployments.patch_id
    AND av.resolved_at IS NULL
    AND (av.applicability = 'affected'
         OR EXISTS (SELECT 1 FROM @extschema@.asset_vulnerability_review r
                    WHERE r.organization_id = av.organization_id AND r.asset_vulnerability_id = av.id AND r.verdict = 'affected'))
  ON CONFLICT DO NOTHING;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END
$$;
COMMENT ON FUNCTION @extschema@.patch_identify_deployments(uuid, uuid) IS
  'Creates the deployments (identified) of a patch on every asset with an open affected vulnerability it fixes '
  '(matched by version, or decided by a person: asset_vulnerability_review), skipping those that exist; returns how '
  'many it created.';

INSERT INTO @extschema@.object_access_class (object_name, object_class) VALUES
  ('patch_state', 'catalog'),
  ('patch_state_transition', 'catalog'),
  ('patch_test_run', 'program'),
  ('patch_deployment', 'program'),
  ('patch_deployment_transition', 'history');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.patch_test_run', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.patch_deployment', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.patch_deployment_transition', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.patch_deployment_transition_transition_no_seq', '');
-- Views of the patch lifecycle (BI contract): each deployment's status, and the rollout of each
-- patch through each environment of its organisation.

CREATE VIEW @extschema@.patch_deployment_status WITH (security_invoker = true) AS
SELECT d.id,
       d.organization_id,
       o.code AS organization_code,
       d.patch_id,
       p.code AS patch_code,
       p.title AS patch_title,
       p.vendor_qualification,
       (pg_catalog.btrim(coalesce(p.rollback_plan, '')) <> '') AS has_rollback_plan,
       d.asset_id,
       a.tag AS asset_tag,
       a.name AS asset_name,
       a.environment,
       e.position AS environment_position,
       d.state,
       s.label AS state_label,
       d.band,
       b.label AS band_label,
       d.priority::numeric(4,1) AS priority,
       v.cve_id AS worst_cve_id,
       d.route,
       ap.full_name AS approved_by,
       d.approved_at,
       d.scheduled_for,
       d.state_changed_at,
       t.identified_at,
       t.assessed_at,
       t.tested_at,
       t.deployed_at,
       t.verified_at,
       t.rolled_back_at,
       t.last_rollback_outcome,
       t.transitions
FROM @extschema@.patch_deployment d
JOIN @extschema@.organization o ON o.id = d.organization_id
JOIN @extschema@.patch p ON p.organization_id = d.organization_id AND p.id = d.patch_id
JOIN @extschema@.asset a ON a.organization_id = d.organization_id AND a.id = d.asset_id
JOIN @extschema@.patch_state s ON s.code = d.state
LEFT JOIN @extschema@.organization_deployment_environment e
  ON e.organization_id = a.organization_id AND e.environment = a.environment
LEFT JOIN @extschema@.patch_priority_band b ON b.code = d.band
LEFT JOIN @extschema@.vulnerability v ON v.organization_id = d.organization_id AND v.id = d.worst_vulnerability_id
LEFT JOIN @extschema@.person ap ON ap.organization_id = d.organization_id AND ap.id = d.approved_by
CROSS JOIN LATERAL (
  SELECT pg_catalog.min(x.at) FILTER (WHERE x.to_state = 'identified') AS identified_at,
         pg_catalog.max(x.at) FILTER (WHERE x.to_state = 'assessed') AS assessed_at,
         pg_catalog.max(x.at) FILTER (WHERE x.to_state = 'tested') AS tested_at,
         pg_catalog.max(x.at) FILTER (WHERE x.to_state = 'deployed') AS deployed_at,
         pg_catalog.max(x.at) FILTER (WHERE x.to_state = 'verified') AS verified_at,
         pg_catalog.max(x.at) FILTER (WHERE x.to_state = 'rolled_back') AS rolled_back_at,
         (pg_catalog.array_agg(x.rollback_outcome ORDER BY x.at DESC, x.transition_no DESC)
            FILTER (WHERE x.to_state = 'rolled_back'))[1] AS last_rollback_outcome,
         pg_catalog.count(*) AS transitions
  FROM @extschema@.patch_deployment_transition x
  WHERE x.organization_id = d.organization_id AND x.deployment_id = d.id) t;
COMMENT ON VIEW @extschema@.patch_deployment_status IS
  'One row per patch deployment (patch on asset): environment, current state, priority band and approval route, and the '
  'time of each lifecycle event (from patch_deployment_transition).';
COMMENT ON COLUMN @extschema@.patch_deployment_status.id IS 'Deployment identifier (patch_deployment.id).';
COMMENT ON COLUMN @extschema@.patch_deployment_status.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.organization_code IS 'Organisation code.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.patch_id IS 'The patch.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.patch_code IS 'Patch code.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.patch_title IS 'Patch title.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.vendor_qualification IS 'Vendor qualification: qualified, not_qualified, not_tested.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.has_rollback_plan IS 'The patch has a rollback plan.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.asset_id IS 'The asset.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.asset_tag IS 'Asset tag.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.asset_name IS 'Asset name.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.environment IS 'The asset''s deployment environment now.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.environment_position IS 'Position of that environment in the organisation''s rollout order.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.state IS 'Current state.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.state_label IS 'Name of the current state.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.band IS 'Priority band set at assessment (immediate, out-of-cycle, scheduled, defer); NULL before.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.band_label IS 'The seed''s name of the band: critical, high, medium, low.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.priority IS 'patch_priority 0..100 at assessment.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.worst_cve_id IS 'CVE that set the band and priority.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.route IS 'Approval route: automatic, manager, committee, scheduled.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.approved_by IS 'Name of the approver; NULL when approved by the system or not yet approved.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.approved_at IS 'When it was approved.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.scheduled_for IS 'Maintenance cycle the approval placed it in.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.state_changed_at IS 'Time of the last transition.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.identified_at IS 'When the deployment was identified.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.assessed_at IS 'When it was assessed.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.tested_at IS 'Last time it became tested.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.deployed_at IS 'Last time it was deployed.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.verified_at IS 'Last time it was verified.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.rolled_back_at IS 'Last time it was rolled back.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.last_rollback_outcome IS 'Outcome of the last rollback: succeeded or failed.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.transitions IS 'Number of transitions recorded.';

CREATE VIEW @extschema@.patch_rollout WITH (security_invoker = true) AS
SELECT pg_catalog.md5(p.id::text || '/' || e.environment)::uuid AS id,
       p.organization_id,
       p.id AS patch_id,
       p.code AS patch_code,
       e.environment,
       e.position AS environment_position,
       e.requires_rollback_plan,
       g.open AS rollout_open,
       g.reason AS blocked_because,
       coalesce(c.deployments, 0) AS deployments,
       coalesce(c.identified, 0) AS identified,
       coalesce(c.assessed, 0) AS assessed,
       coalesce(c.approved, 0) AS approved,
       coalesce(c.tested, 0) AS tested,
       coalesce(c.deployed, 0) AS deployed,
       coalesce(c.verified, 0) AS verified,
       coalesce(c.rolled_back, 0) AS rolled_back,
       coalesce(r.runs, 0) AS validation_runs,
       coalesce(r.failed_runs, 0) AS failed_validation_runs,
       l.outcome AS latest_validation_outcome,
       l.finished_at AS latest_validation_finished_at,
       l.regression_cases_required,
       l.regression_cases_run,
       l.regression_cases_failed,
       CASE WHEN l.regression_cases_required > 0
            THEN pg_catalog.round(100.0 * l.regression_cases_run / l.regression_cases_required, 2)
            WHEN l.id IS NOT NULL THEN 100.00 END::numeric(7,2) AS regression_coverage_percent,
       CASE WHEN l.regression_cases_run > 0
            THEN pg_catalog.round(100.0 * (l.regression_cases_run - l.regression_cases_failed) / l.regression_cases_run, 2)
       END::numeric(5,2) AS regression_pass_percent,
       l.performance_impact_percent::numeric(6,2) AS performance_impact_percent,
       l.compatibility_issues
FROM @extschema@.patch p
JOIN @extschema@.organization_deployment_environment e ON e.organization_id = p.organization_id
CROSS JOIN LATERAL @extschema@.patch_rollout_gate(p.organization_id, p.id, e.environment, pg_catalog.now()) g
LEFT JOIN LATERAL (
  SELECT pg_catalog.count(*) AS deployments,
         pg_catalog.count(*) FILTER (WHERE d.state = 'identified') AS identified,
         pg_catalog.count(*) FILTER (WHERE d.state = 'assessed') AS assessed,
         pg_catalog.count(*) FILTER (WHERE d.state = 'approved') AS approved,
         pg_catalog.count(*) FILTER (WHERE d.state = 'tested') AS tested,
         pg_catalog.count(*) FILTER (WHERE d.state = 'deployed') AS deployed,
         pg_catalog.count(*) FILTER (WHERE d.state = 'verified') AS verified,
         pg_catalog.count(*) FILTER (WHERE d.state = 'rolled_back') AS rolled_back
  FROM @extschema@.patch_deployment d
  JOIN @extschema@.asset a ON a.organization_id = d.organization_id AND a.id = d.asset_id
  WHERE d.organization_id = p.organization_id AND d.patch_id = p.id AND a.environment = e.environment) c ON true
LEFT JOIN LATERAL (
  SELECT pg_catalog.count(*) AS runs, pg_catalog.count(*) FILTER (WHERE t.outcome = 'failed') AS failed_runs
  FROM @extschema@.patch_test_run t
  WHERE t.organization_id = p.organization_id AND t.patch_id = p.id AND t.environment = e.environment
    AND t.finished_at IS NOT NULL) r ON true
LEFT JOIN LATERAL (
  SELECT t.*
  FROM @extschema@.patch_test_run t
  WHERE t.organization_id = p.organization_id AND t.patch_id = p.id AND t.environment = e.environment
    AND t.finished_at <= pg_catalog.now()
  ORDER BY t.finished_at DESC, (t.outcome = 'failed') DESC, t.id
  LIMIT 1) l ON true;
COMMENT ON VIEW @extschema@.patch_rollout IS
  'One row per patch and environment of its organisation (in rollout order): whether the rollout has reached the '
  'environment, its deployments by state, and its latest validation with regression coverage and pass rate computed '
  'from the recorded cases.';
COMMENT ON COLUMN @extschema@.patch_rollout.id IS 'Identifier of the (patch, environment) pair (derived from both).';
COMMENT ON COLUMN @extschema@.patch_rollout.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.patch_rollout.patch_id IS 'The patch.';
COMMENT ON COLUMN @extschema@.patch_rollout.patch_code IS 'Patch code.';
COMMENT ON COLUMN @extschema@.patch_rollout.environment IS 'Environment.';
COMMENT ON COLUMN @extschema@.patch_rollout.environment_position IS 'Its position in the organisation''s rollout order.';
COMMENT ON COLUMN @extschema@.patch_rollout.requires_rollback_plan IS 'Deploying here needs a rollback plan.';
COMMENT ON COLUMN @extschema@.patch_rollout.rollout_open IS
  'The rollout has reached the environment now: its deployments may become tested and deployed (patch_rollout_gate).';
COMMENT ON COLUMN @extschema@.patch_rollout.blocked_because IS 'Why not, when not: the environment before without a passed latest validation.';
COMMENT ON COLUMN @extschema@.patch_rollout.deployments IS 'Deployments of the patch on assets of the environment.';
COMMENT ON COLUMN @extschema@.patch_rollout.identified IS 'Of them, in state identified.';
COMMENT ON COLUMN @extschema@.patch_rollout.assessed IS 'Of them, in state assessed.';
COMMENT ON COLUMN @extschema@.patch_rollout.approved IS 'Of them, in state approved.';
COMMENT ON COLUMN @extschema@.patch_rollout.tested IS 'Of them, in state tested.';
COMMENT ON COLUMN @extschema@.patch_rollout.deployed IS 'Of them, in state deployed.';
COMMENT ON COLUMN @extschema@.patch_rollout.verified IS 'Of them, in state verified.';
COMMENT ON COLUMN @extschema@.patch_rollout.rolled_back IS 'Of them, in state rolled_back.';
COMMENT ON COLUMN @extschema@.patch_rollout.validation_runs IS 'Finished validation runs of the patch in the environment.';
COMMENT ON COLUMN @extschema@.patch_rollout.failed_validation_runs IS 'Of them, failed.';
COMMENT ON COLUMN @extschema@.patch_rollout.latest_validation_outcome IS 'Outcome of the latest finished run: passed or failed; NULL when none.';
COMMENT ON COLUMN @extschema@.patch_rollout.latest_validation_finished_at IS 'When the latest run finished.';
COMMENT ON COLUMN @extschema@.patch_rollout.regression_cases_required IS 'Latest run: regression cases required.';
COMMENT ON COLUMN @extschema@.patch_rollout.regression_cases_run IS 'Latest run: regression cases run.';
COMMENT ON COLUMN @extschema@.patch_rollout.regression_cases_failed IS 'Latest run: regression cases failed.';
COMMENT ON COLUMN @extschema@.patch_rollout.regression_coverage_percent IS
  'Latest run: cases run / cases required x 100 (100 when none were required).';
COMMENT ON COLUMN @extschema@.patch_rollout.regression_pass_percent IS 'Latest run: cases run without failure / cases run x 100; NULL when none ran.';
COMMENT ON COLUMN @extschema@.patch_rollout.performance_impact_percent IS 'Latest run: measured performance impact, percent.';
COMMENT ON COLUMN @extschema@.patch_rollout.compatibility_issues IS 'Latest run: compatibility issues found.';

INSERT INTO @extschema@.object_access_class (object_name, object_class) VALUES
  ('patch_deployment_status', 'view'),
  ('patch_rollout', 'view');
-- Maintenance windows (BRIEF 4.E, issue 5 "Maintenance windows"): recurring windows per site in
-- the site's time zone, their occurrences, cancelled occurrences, and the placement of work
-- items (e.g. approved patch deployments) into the next occurrences without overfilling them.
--
-- Time rules (see local_time_at):
--   * a window starts at a local wall-clock time in its site's zone, so a 02:00 window keeps 02:00
--     local across daylight-saving changes;
--   * a local start that does not exist (spring-forward gap) is read with the offset in force
--     before the change, PostgreSQL's rule: 02:30 on the day Europe/Berlin springs forward is
--     03:30 CEST (01:30 UTC);
--   * a local start that occurs twice (fall-back overlap) is the first of the two instants
--     (daylight time): 02:30 on the day Europe/Berlin falls back is 02:30 CEST (00:30 UTC);
--   * duration_hours is elapsed time: a 4-hour window starting at 01:00 local in Europe/Berlin ends
--     4 real hours later, at 04:00 local on a fall-back night (the repeated hour is lived twice)
--     and at 06:00 local on a spring-forward night (the skipped hour is not lived).
-- Occurrences are dated by the local date they start on.

CREATE TABLE @extschema@.maintenance_window (
  organization_id uuid NOT NULL REFERENCES @extschema@.organization (id),
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  site_id         uuid NOT NULL,
  name            text NOT NULL CONSTRAINT maintenance_window_name_not_blank CHECK (pg_catalog.btrim(name) <> ''),
  recurrence      text NOT NULL CONSTRAINT maintenance_window_recurrence CHECK (recurrence IN ('weekly', 'monthly')),
  iso_weekday     smallint NOT NULL CONSTRAINT maintenance_window_iso_weekday CHECK (iso_weekday BETWEEN 1 AND 7),
  month_week      smallint CONSTRAINT maintenance_window_month_week CHECK (month_week IN (1, 2, 3, 4, -1)),
  start_time      time NOT NULL,
  duration_hours  numeric(5,2) NOT NULL CONSTRAINT maintenance_window_duration CHECK (duration_hours > 0 AND duration_hours <= 168),
  capacity_hours  numeric(5,2) NOT NULL CONSTRAINT maintenance_window_capacity CHECK (capacity_hours > 0),
  effective_from  date NOT NULL,
  effective_until date,
  active          boolean NOT NULL DEFAULT true,
  description     text,
  created_at      timestamptz NOT NULL DEFAULT pg_catalog.now(),
  updated_at      timestamptz NOT NULL DEFAULT pg_catalog.now(),
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, site_id, name),
  CONSTRAINT maintenance_window_capacity_within_duration CHECK (capacity_hours <= duration_hours),
  CONSTRAINT maintenance_window_month_week_when_monthly CHECK ((recurrence = 'monthly') = (month_week IS NOT NULL)),
  CONSTRAINT maintenance_window_effective_period CHECK (effective_until >= effective_from),
  FOREIGN KEY (organization_id, site_id) REFERENCES @extschema@.site (organization_id, id)
);
CREATE TRIGGER maintenance_window_touch_updated_at BEFORE UPDATE ON @extschema@.maintenance_window
  FOR EACH ROW EXECUTE FUNCTION @extschema@.touch_updated_at();
COMMENT ON TABLE @extschema@.maintenance_window IS
  'Recurring maintenance windows of a site, in the site''s local time: weekly on an ISO weekday, or monthly on the n-th '
  '(1-4) or last weekday of the month, at a local start time, for an elapsed duration, with a capacity of work hours.';
COMMENT ON COLUMN @extschema@.maintenance_window.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.maintenance_window.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.maintenance_window.site_id IS 'The site; its time_zone gives the window''s local time.';
COMMENT ON COLUMN @extschema@.maintenance_window.name IS 'Window name, unique per site, e.g. Weekly Sunday shutdown.';
COMMENT ON COLUMN @extschema@.maintenance_window.recurrence IS 'weekly (every iso_weekday) or monthly (the month_week-th iso_weekday of each month).';
COMMENT ON COLUMN @extschema@.maintenance_window.iso_weekday IS 'ISO weekday the window starts on: 1 Monday .. 7 Sunday.';
COMMENT ON COLUMN @extschema@.maintenance_window.month_week IS
  'For monthly windows (required then, NULL for weekly): 1..4 for the first to fourth such weekday of the month, -1 for the last.';
COMMENT ON COLUMN @extschema@.maintenance_window.start_time IS
  'Local start time in the site''s zone (a time in a spring-forward gap starts one hour later; in a fall-back overlap, at its first instant).';
COMMENT ON COLUMN @extschema@.maintenance_window.duration_hours IS 'Length of the window in elapsed hours (0 < h <= 168), also across a DST change.';
COMMENT ON COLUMN @extschema@.maintenance_window.capacity_hours IS 'Work hours one occurrence can take (at most duration_hours).';
COMMENT ON COLUMN @extschema@.maintenance_window.effective_from IS 'First local date an occurrence may start on.';
COMMENT ON COLUMN @extschema@.maintenance_window.effective_until IS 'Last local date an occurrence may start on; NULL: open-ended.';
COMMENT ON COLUMN @extschema@.maintenance_window.active IS 'False: the window has no occurrences (suspended).';
COMMENT ON COLUMN @extschema@.maintenance_window.description IS 'What the window is for, who must be present.';
COMMENT ON COLUMN @extschema@.maintenance_window.created_at IS 'When the row was created.';
COMMENT ON COLUMN @extschema@.maintenance_window.updated_at IS 'When the row was last updated.';

CREATE TABLE @extschema@.maintenance_window_cancellation (
  organization_id uuid NOT NULL REFERENCES @extschema@.organization (id),
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  window_id       uuid NOT NULL,
  local_date      date NOT NULL,
  reason          text NOT NULL CONSTRAINT maintenance_window_cancellation_reason_not_blank CHECK (pg_catalog.btrim(reason) <> ''),
  created_at      timestamptz NOT NULL DEFAULT pg_catalog.now(),
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, window_id, local_date),
  FOREIGN KEY (organization_id, window_id) REFERENCES @extschema@.maintenance_window (organization_id, id) ON DELETE CASCADE
);
COMMENT ON TABLE @extschema@.maintenance_window_cancellation IS
  'One cancelled occurrence of a maintenance window (e.g. a production campaign): the window has no occurrence on that local date.';
COMMENT ON COLUMN @extschema@.maintenance_window_cancellation.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.maintenance_window_cancellation.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.maintenance_window_cancellation.window_id IS 'The window.';
COMMENT ON COLUMN @extschema@.maintenance_window_cancellation.local_date IS 'Local start date of the cancelled occurrence (must be one of the window''s dates).';
COMMENT ON COLUMN @extschema@.maintenance_window_cancellation.reason IS 'Why it is cancelled.';
COMMENT ON COLUMN @extschema@.maintenance_window_cancellation.created_at IS 'When the row was created.';

-- The instant of a local wall-clock time in a zone, by the rules at the top of this file.  The
-- offset "before" is the one in force 24 hours before PostgreSQL's reading; intervals are in hours
-- only, so the result does not depend on the session's TimeZone.
CREATE FUNCTION @extschema@.local_time_at(local_time timestamp, time_zone text)
RETURNS timestamptz
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN (
  SELECT CASE WHEN e.early < e.late AND (e.early AT TIME ZONE local_time_at.time_zone) = local_time_at.local_time
              THEN e.early ELSE e.late END
  FROM (SELECT l.late,
               (local_time_at.local_time AT TIME ZONE 'UTC')
               - (((l.late - interval '24 hours') AT TIME ZONE local_time_at.time_zone)
                  - ((l.late - interval '24 hours') AT TIME ZONE 'UTC')) AS early
        FROM (SELECT local_time_at.local_time AT TIME ZONE local_time_at.time_zone AS late) l) e);
COMMENT ON FUNCTION @extschema@.local_time_at(timestamp, text) IS
  'The instant a local wall-clock time names in a time zone: a time in a spring-forward gap is read with the offset '
  'before the change (02:30 -> 03:30 new time, PostgreSQL''s rule); a time that occurs twice (fall back) is its first '
  'instant, in daylight time (PostgreSQL alone would take the second).';

-- The local dates a recurrence falls on within [first_date, last_date].
CREATE FUNCTION @extschema@.maintenance_window_dates(recurrence text, iso_weekday integer, month_week integer,
                                                     first_date date, last_date date)
RETURNS SETOF date
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT x.d
  FROM (SELECT (s.f + 7 * k.k) AS d
        FROM (SELECT maintenance_window_dates.first_date
                     + (maintenance_window_dates.iso_weekday - pg_catalog.date_part('isodow', maintenance_window_dates.first_date)::integer + 7) % 7 AS f) s
        CROSS JOIN pg_catalog.generate_series(0, (maintenance_window_dates.last_date - maintenance_window_dates.first_date) / 7) k(k)
        WHERE maintenance_window_dates.recurrence = 'weekly'
        UNION ALL
        SELECT CASE WHEN maintenance_window_dates.month_week > 0
                    THEN m.m + (maintenance_window_dates.iso_weekday - pg_catalog.date_part('isodow', m.m)::integer + 7) % 7
                             + 7 * (maintenance_window_dates.month_week - 1)
                    ELSE m.l - (pg_catalog.date_part('isodow', m.l)::integer - maintenance_window_dates.iso_weekday + 7) % 7
               END
        FROM (SELECT g.m::date AS m, (g.m + interval '1 month' - interval '1 day')::date AS l
              FROM pg_catalog.generate_series(pg_catalog.date_trunc('month', maintenance_window_dates.first_date::timestamp),
                                              pg_catalog.date_trunc('month', maintenance_window_dates.last_date::timestamp),
                                              interval '1 month') g(m)) m
        WHERE maintenance_window_dates.recurrence = 'monthly' AND maintenance_window_dates.month_week IN (1, 2, 3, 4, -1)) x
  WHERE x.d BETWEEN maintenance_window_dates.first_date AND maintenance_window_dates.last_date
  ORDER BY x.d;
END;
COMMENT ON FUNCTION @extschema@.maintenance_window_dates(text, integer, integer, date, date) IS
  'The local dates between first_date and last_date (inclusive) that a recurrence falls on: weekly on an ISO weekday '
  '(1 Monday .. 7 Sunday), or monthly on the month_week-th (1..4) or last (-1) such weekday; none for anything else.';

CREATE FUNCTION @extschema@.maintenance_window_occurrences(organization_id uuid, from_time timestamptz, to_time timestamptz)
RETURNS TABLE (window_id uuid, site_id uuid, local_date date, starts_at timestamptz, ends_at timestamptz, capacity_hours numeric)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
  SELECT w.id, w.site_id, d.d, o.starts_at, o.starts_at + w.duration_hours * interval '1 hour', w.capacity_hours
  FROM @extschema@.maintenance_window w
  JOIN @extschema@.site s ON s.organization_id = w.organization_id AND s.id = w.site_id
  CROSS JOIN LATERAL @extschema@.maintenance_window_dates(
      w.recurrence, w.iso_weekday, w.month_week,
      GREATEST((maintenance_window_occurrences.from_time AT TIME ZONE s.time_zone)::date - 1, w.effective_from),
      LEAST((maintenance_window_occurrences.to_time AT TIME ZONE s.time_zone)::date + 1, w.effective_until)) d(d)
  CROSS JOIN LATERAL (SELECT @extschema@.local_time_at(d.d + w.start_time, s.time_zone) AS starts_at) o
  WHERE w.organization_id = maintenance_window_occurrences.organization_id
    AND w.active
    AND o.starts_at >= maintenance_window_occurrences.from_time
    AND o.starts_at < maintenance_window_occurrences.to_time
    AND NOT EXISTS (SELECT 1 FROM @extschema@.maintenance_window_cancellation c
                    WHERE c.organization_id = w.organization_id AND c.window_id = w.id AND c.local_date = d.d)
  ORDER BY o.starts_at, w.id;
END;
COMMENT ON FUNCTION @extschema@.maintenance_window_occurrences(uuid, timestamptz, timestamptz) IS
  'The occurrences of an organisation''s active maintenance windows starting in [from_time, to_time): window, site, '
  'local start date, start and end instants (local start time in the site''s zone, see local_time_at; end = start + '
  'duration in elapsed hours) and capacity hours; cancelled occurrences and dates outside effective_from..until are left out.';

CREATE FUNCTION @extschema@.maintenance_window_cancellation_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  w @extschema@.maintenance_window;
BEGIN
  SELECT * INTO w FROM @extschema@.maintenance_window x
  WHERE x.organization_id = NEW.organization_id AND x.id = NEW.window_id;
  IF FOUND AND NOT EXISTS (
       SELECT 1 FROM @extschema@.maintenance_window_dates(w.recurrence, w.iso_weekday, w.month_week, NEW.local_date, NEW.local_date)) THEN
    RAISE EXCEPTION 'maintenance_window_cancellation: window "%" has no occurrence on %', w.name, NEW.local_date
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.maintenance_window_cancellation_check() IS
  'Trigger function: a cancellation names a local date the window''s recurrence falls on (22023 otherwise).';
CREATE TRIGGER maintenance_window_cancellation_check BEFORE INSERT OR UPDATE ON @extschema@.maintenance_window_cancellation
  FOR EACH ROW EXECUTE FUNCTION @extschema@.maintenance_window_cancellation_check();

CREATE FUNCTION @extschema@.maintenance_plan_assign(item_site integer[], item_duration bigint[], item_not_before timestamptz[],
                                                    occurrence_site integer[], occurrence_start timestamptz[],
                                                    occurrence_capacity bigint[])
RETURNS TABLE (item_no integer, occurrence_no integer, planned_start timestamptz, unplaced_reason text)
AS 'MODULE_PATHNAME', 'maintenance_plan_assign'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.maintenance_plan_assign(integer[], bigint[], timestamptz[], integer[], timestamptz[], bigint[]) IS
  'The placement core of plan_maintenance (C): items (site key, duration and not-before, in microseconds and instants) in '
  'the order given, placed first-fit into occurrences (site key, start, capacity in microseconds), back to back, never '
  'overfilled; one row per item (1-based), with its occurrence (1-based) and planned start, or the reason it is '
  'unplaced: no_window, too_long, no_window_after_not_before, no_capacity.';

CREATE FUNCTION @extschema@.plan_maintenance(organization_id uuid, items jsonb, from_time timestamptz, horizon_days integer)
RETURNS TABLE (item_id uuid, site_id uuid, duration_hours numeric, priority numeric, not_before timestamptz,
               placement_order integer, window_id uuid, local_date date, occurrence_starts_at timestamptz,
               occurrence_ends_at timestamptz, planned_start timestamptz, planned_end timestamptz, unplaced_reason text)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
  bad record;
BEGIN
  IF plan_maintenance.organization_id IS NULL OR plan_maintenance.items IS NULL
     OR plan_maintenance.from_time IS NULL OR plan_maintenance.horizon_days IS NULL THEN
    RAISE EXCEPTION 'plan_maintenance: organization_id, items, from_time and horizon_days are required'
      USING ERRCODE = 'null_value_not_allowed';
  END IF;
  IF NOT pg_catalog.isfinite(plan_maintenance.from_time) THEN
    RAISE EXCEPTION 'plan_maintenance: from_time % is not finite', plan_maintenance.from_time
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF plan_maintenance.horizon_days NOT BETWEEN 1 AND 3660 THEN
    RAISE EXCEPTION 'plan_maintenance: horizon_days % is outside 1..3660', plan_maintenance.horizon_days
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF pg_catalog.jsonb_typeof(plan_maintenance.items) <> 'array' THEN
    RAISE EXCEPTION 'plan_maintenance: items must be a JSON array of objects, not %', pg_catalog.jsonb_typeof(plan_maintenance.items)
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  -- every element an object with exactly the known keys, the required ones present and of the right JSON type
  SELECT e.ord, e.v INTO bad
  FROM pg_catalog.jsonb_array_elements(plan_maintenance.items) WITH ORDINALITY e(v, ord)
  WHERE pg_catalog.jsonb_typeof(e.v) <> 'object'
     OR NOT (e.v ?& ARRAY['id', 'site_id', 'duration_hours', 'priority'])
     OR EXISTS (SELECT 1 FROM pg_catalog.jsonb_object_keys(e.v) k
                WHERE k NOT IN ('id', 'site_id', 'duration_hours', 'priority', 'not_before'))
     OR pg_catalog.jsonb_typeof(e.v -> 'duration_hours') <> 'number'
     OR pg_catalog.jsonb_typeof(e.v -> 'priority') <> 'number'
     OR pg_catalog.jsonb_typeof(e.v -> 'not_before') NOT IN ('string', 'null')
  ORDER BY e.ord LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'plan_maintenance: item % (%) is not an object of id, site_id, duration_hours (number), priority (number) and optional not_before (timestamp)',
      bad.ord, pg_catalog.left(bad.v::text, 200)
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  SELECT x.id, x.site_id, x.duration_hours INTO bad
  FROM pg_catalog.jsonb_to_recordset(plan_maintenance.items) AS x(id uuid, site_id uuid, duration_hours numeric, priority numeric, not_before timestamptz)
  WHERE x.duration_hours <= 0 OR x.duration_hours > 8760 OR x.id IS NULL OR x.site_id IS NULL
     OR NOT EXISTS (SELECT 1 FROM @extschema@.site s WHERE s.organization_id = plan_maintenance.organization_id AND s.id = x.site_id)
  LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'plan_maintenance: item %: duration_hours % must be in (0, 8760] and site % a site of the organisation',
      bad.id, bad.duration_hours, bad.site_id
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  SELECT x.id INTO bad
  FROM pg_catalog.jsonb_to_recordset(plan_maintenance.items) AS x(id uuid)
  GROUP BY x.id HAVING pg_catalog.count(*) > 1 LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'plan_maintenance: item % appears more than once', bad.id
      USING ERRCODE = 'invalid_parameter_value';
  END IF;

  RETURN QUERY
  WITH it AS MATERIALIZED (
    SELECT x.id, x.site_id, x.duration_hours, x.priority,
           coalesce(x.not_before, plan_maintenance.from_time) AS not_before,
           pg_catalog.round(x.duration_hours * 3600000000)::bigint AS duration_us,
           pg_catalog.row_number() OVER (ORDER BY x.priority DESC, coalesce(x.not_before, plan_maintenance.from_time), x.id)::integer AS ord,
           pg_catalog.dense_rank() OVER (ORDER BY x.site_id)::integer AS site_key
    FROM pg_catalog.jsonb_to_recordset(plan_maintenance.items)
         AS x(id uuid, site_id uuid, duration_hours numeric, priority numeric, not_before timestamptz)
  ), sites AS (
    SELECT DISTINCT it.site_id, it.site_key FROM it
  ), occ AS MATERIALIZED (
    SELECT o.window_id, o.local_date, o.starts_at, o.ends_at, s.site_key,
           pg_catalog.round(o.capacity_hours * 3600000000)::bigint AS capacity_us,
           pg_catalog.row_number() OVER (ORDER BY o.starts_at, o.window_id)::integer AS occ_no
    FROM @extschema@.maintenance_window_occurrences(plan_maintenance.organization_id, plan_maintenance.from_time,
                                                    plan_maintenance.from_time + plan_maintenance.horizon_days * interval '24 hours') o
    JOIN sites s ON s.site_id = o.site_id
  ), placed AS (
    SELECT r.item_no, r.occurrence_no, r.planned_start, r.unplaced_reason
    FROM @extschema@.maintenance_plan_assign(
      coalesce((SELECT pg_catalog.array_agg(it.site_key ORDER BY it.ord) FROM it), '{}'),
      coalesce((SELECT pg_catalog.array_agg(it.duration_us ORDER BY it.ord) FROM it), '{}'),
      coalesce((SELECT pg_catalog.array_agg(it.not_before ORDER BY it.ord) FROM it), '{}'),
      coalesce((SELECT pg_catalog.array_agg(occ.site_key ORDER BY occ.occ_no) FROM occ), '{}'),
      coalesce((SELECT pg_catalog.array_agg(occ.starts_at ORDER BY occ.occ_no) FROM occ), '{}'),
      coalesce((SELECT pg_catalog.array_agg(occ.capacity_us ORDER BY occ.occ_no) FROM occ), '{}')) r
  )
  SELECT it.id, it.site_id, it.duration_hours, it.priority, it.not_before, it.ord,
         occ.window_id, occ.local_date, occ.starts_at, occ.ends_at, p.planned_start,
         p.planned_start + it.duration_us::double precision * interval '1 microsecond',
         p.unplaced_reason
  FROM it
  JOIN placed p ON p.item_no = it.ord
  LEFT JOIN occ ON occ.occ_no = p.occurrence_no
  ORDER BY it.ord;
END
$$;
COMMENT ON FUNCTION @extschema@.plan_maintenance(uuid, jsonb, timestamptz, integer) IS
  'Places work items, a JSON array of {id, site_id, duration_hours, priority, not_before (optional, default from_time)}, '
  'into the occurrences of the organisation''s maintenance windows starting in [from_time, from_time + horizon_days x 24 h): '
  'highest priority first (ties: earlier not_before, then id), each into the earliest occurrence at its site whose next '
  'free time is at or after its not_before and whose remaining capacity takes it, back to back from the occurrence''s '
  'start, never overfilled.  Every item is returned once, in placing order, with its window occurrence and planned '
  'start and end, or unplaced with a reason: no_window (none at the site in the horizon), too_long (longer than every '
  'occurrence''s capacity), no_window_after_not_before, no_capacity.  Bad input: 22023 (22004 for NULL arguments, '
  '22P02 for an unparsable id).';

CREATE VIEW @extschema@.maintenance_window_calendar WITH (security_invoker = true) AS
SELECT pg_catalog.md5(o.window_id::text || '/' || o.local_date::text)::uuid AS id,
       w.organization_id,
       o.window_id,
       w.name AS window_name,
       s.id AS site_id,
       s.code AS site_code,
       s.time_zone::text AS time_zone,
       w.recurrence,
       o.local_date,
       w.start_time AS local_start_time,
       o.starts_at,
       o.ends_at,
       (pg_catalog.date_part('epoch', (o.starts_at AT TIME ZONE s.time_zone) - (o.starts_at AT TIME ZONE 'UTC')) / 3600)::numeric(4,2)
         AS utc_offset_hours,
       w.duration_hours::numeric(5,2) AS duration_hours,
       o.capacity_hours::numeric(5,2) AS capacity_hours
FROM @extschema@.organization org
CROSS JOIN LATERAL @extschema@.maintenance_window_occurrences(org.id, pg_catalog.now(), pg_catalog.now() + interval '56 days') o
JOIN @extschema@.maintenance_window w ON w.organization_id = org.id AND w.id = o.window_id
JOIN @extschema@.site s ON s.organization_id = w.organization_id AND s.id = w.site_id;
COMMENT ON VIEW @extschema@.maintenance_window_calendar IS
  'The occurrences of every active maintenance window starting in the next 8 weeks (from now), cancelled ones left out.';
COMMENT ON COLUMN @extschema@.maintenance_window_calendar.id IS 'Identifier of the occurrence (derived from window and local date).';
COMMENT ON COLUMN @extschema@.maintenance_window_calendar.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.maintenance_window_calendar.window_id IS 'The window (maintenance_window.id).';
COMMENT ON COLUMN @extschema@.maintenance_window_calendar.window_name IS 'Window name.';
COMMENT ON COLUMN @extschema@.maintenance_window_calendar.site_id IS 'The site.';
COMMENT ON COLUMN @extschema@.maintenance_window_calendar.site_code IS 'Site code.';
COMMENT ON COLUMN @extschema@.maintenance_window_calendar.time_zone IS 'The site''s time zone.';
COMMENT ON COLUMN @extschema@.maintenance_window_calendar.recurrence IS 'weekly or monthly.';
COMMENT ON COLUMN @extschema@.maintenance_window_calendar.local_date IS 'Local date the occurrence starts on.';
COMMENT ON COLUMN @extschema@.maintenance_window_calendar.local_start_time IS 'Local start time as defined (the actual start differs only in a DST gap).';
COMMENT ON COLUMN @extschema@.maintenance_window_calendar.starts_at IS 'Start instant.';
COMMENT ON COLUMN @extschema@.maintenance_window_calendar.ends_at IS 'End instant (start + duration in elapsed hours).';
COMMENT ON COLUMN @extschema@.maintenance_window_calendar.utc_offset_hours IS 'The site''s UTC offset at the start, in hours (shows daylight-saving time).';
COMMENT ON COLUMN @extschema@.maintenance_window_calendar.duration_hours IS 'Length in elapsed hours.';
COMMENT ON COLUMN @extschema@.maintenance_window_calendar.capacity_hours IS 'Work hours the occurrence can take.';

INSERT INTO @extschema@.object_access_class (object_name, object_class) VALUES
  ('maintenance_window', 'program'),
  ('maintenance_window_cancellation', 'program'),
  ('maintenance_window_calendar', 'view');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.maintenance_window', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.maintenance_window_cancellation', '');
-- Remediation SLAs (BRIEF 4.E, issue 5): days to remediate per priority band (the outcomes of
-- patch_decision: immediate, out-of-cycle, scheduled, defer) as data, due dates, and the SLA state
-- of a finding.  Also the organisation's remediation policy used by the exceptions of
-- 645_vulnerability_exception.sql.
--
-- Dates: a detection or resolution instant counts on its UTC date, so a due date does not depend
-- on the session's TimeZone (sites of one organisation can be in several zones).

CREATE TABLE @extschema@.remediation_sla_default (
  settings_profile text NOT NULL REFERENCES @extschema@.settings_profile (code),
  band             text NOT NULL REFERENCES @extschema@.patch_priority_band (code),
  days             integer NOT NULL CONSTRAINT remediation_sla_default_days CHECK (days BETWEEN 0 AND 3650),
  PRIMARY KEY (settings_profile, band)
);
COMMENT ON TABLE @extschema@.remediation_sla_default IS
  'Shipped catalogue: days to remediate a vulnerability per priority band (patch_decision outcome) and settings profile.  '
  'Product defaults (not from a standard): immediate 7, out-of-cycle 30, scheduled 90, defer 180 days.';
COMMENT ON COLUMN @extschema@.remediation_sla_default.settings_profile IS 'Settings profile.';
COMMENT ON COLUMN @extschema@.remediation_sla_default.band IS 'Priority band: immediate, out-of-cycle, scheduled or defer.';
COMMENT ON COLUMN @extschema@.remediation_sla_default.days IS 'Days from detection to the due date.';

INSERT INTO @extschema@.remediation_sla_default (settings_profile, band, days) VALUES
  ('default', 'immediate', 7), ('default', 'out-of-cycle', 30), ('default', 'scheduled', 90), ('default', 'defer', 180);

CREATE INDEX remediation_sla_default_band_idx ON @extschema@.remediation_sla_default (band);

CREATE TABLE @extschema@.remediation_policy_default (
  settings_profile        text PRIMARY KEY REFERENCES @extschema@.settings_profile (code),
  due_soon_days           integer NOT NULL CONSTRAINT remediation_policy_default_due_soon CHECK (due_soon_days BETWEEN 0 AND 365),
  exception_max_days      integer NOT NULL CONSTRAINT remediation_policy_default_max CHECK (exception_max_days BETWEEN 1 AND 3650),
  exception_expiring_days integer NOT NULL CONSTRAINT remediation_policy_default_expiring CHECK (exception_expiring_days BETWEEN 0 AND 365),
  exception_any_lifecycle boolean NOT NULL,
  description             text NOT NULL
);
COMMENT ON TABLE @extschema@.remediation_policy_default IS
  'Shipped catalogue: the remediation policy per settings profile (when a finding is due soon, how long an exception may run, '
  'which assets may have one).';
COMMENT ON COLUMN @extschema@.remediation_policy_default.settings_profile IS 'Settings profile.';
COMMENT ON COLUMN @extschema@.remediation_policy_default.due_soon_days IS 'An open finding is due_soon this many days before its due date.';
COMMENT ON COLUMN @extschema@.remediation_policy_default.exception_max_days IS 'Longest an approved exception may run (expires_on - decision date), in days.';
COMMENT ON COLUMN @extschema@.remediation_policy_default.exception_expiring_days IS 'An approved exception is listed as expiring this many days before it expires.';
COMMENT ON COLUMN @extschema@.remediation_policy_default.exception_any_lifecycle IS
  'True: exceptions may be approved for any asset; false: only for legacy, unsupported and end-of-life assets.';
COMMENT ON COLUMN @extschema@.remediation_policy_default.description IS 'Where the defaults come from.';

INSERT INTO @extschema@.remediation_policy_default VALUES
  ('default', 14, 365, 30, false,
   'Product defaults: due soon 14 days before the due date; exceptions (with compensating controls) only for legacy, '
   'unsupported and end-of-life assets, for at most one year, listed 30 days before they expire.');

CREATE TABLE @extschema@.remediation_sla_setting (
  organization_id uuid NOT NULL REFERENCES @extschema@.organization (id),
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  band            text NOT NULL REFERENCES @extschema@.patch_priority_band (code),
  days            integer NOT NULL CONSTRAINT remediation_sla_setting_days CHECK (days BETWEEN 0 AND 3650),
  copied_from     text REFERENCES @extschema@.settings_profile (code),
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, band)
);
CREATE INDEX remediation_sla_setting_copied_from_idx ON @extschema@.remediation_sla_setting (copied_from);
CREATE INDEX remediation_sla_setting_band_idx ON @extschema@.remediation_sla_setting (band);
COMMENT ON TABLE @extschema@.remediation_sla_setting IS
  'An organisation''s remediation SLAs: days to remediate per priority band (copied from remediation_sla_default, then its own).';
COMMENT ON COLUMN @extschema@.remediation_sla_setting.organization_id IS 'The organisation.';
COMMENT ON COLUMN @extschema@.remediation_sla_setting.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.remediation_sla_setting.band IS 'Priority band: immediate, out-of-cycle, scheduled or defer.';
COMMENT ON COLUMN @extschema@.remediation_sla_setting.days IS 'Days from detection to the due date.';
COMMENT ON COLUMN @extschema@.remediation_sla_setting.copied_from IS 'Settings profile the value was copied from.';

CREATE TABLE @extschema@.remediation_policy_setting (
  organization_id         uuid NOT NULL UNIQUE REFERENCES @extschema@.organization (id),
  id                      uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  due_soon_days           integer NOT NULL CONSTRAINT remediation_policy_setting_due_soon CHECK (due_soon_days BETWEEN 0 AND 365),
  exception_max_days      integer NOT NULL CONSTRAINT remediation_policy_setting_max CHECK (exception_max_days BETWEEN 1 AND 3650),
  exception_expiring_days integer NOT NULL CONSTRAINT remediation_policy_setting_expiring CHECK (exception_expiring_days BETWEEN 0 AND 365),
  exception_any_lifecycle boolean NOT NULL,
  copied_from             text REFERENCES @extschema@.settings_profile (code),
  PRIMARY KEY (organization_id, id)
);
CREATE INDEX remediation_policy_setting_copied_from_idx ON @extschema@.remediation_policy_setting (copied_from);
COMMENT ON TABLE @extschema@.remediation_policy_setting IS
  'An organisation''s remediation policy (copied from remediation_policy_default, then its own).';
COMMENT ON COLUMN @extschema@.remediation_policy_setting.organization_id IS 'The organisation (one row each).';
COMMENT ON COLUMN @extschema@.remediation_policy_setting.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.remediation_policy_setting.due_soon_days IS 'An open finding is due_soon this many days before its due date.';
COMMENT ON COLUMN @extschema@.remediation_policy_setting.exception_max_days IS 'Longest an approved exception may run, in days from its decision.';
COMMENT ON COLUMN @extschema@.remediation_policy_setting.exception_expiring_days IS 'Approved exceptions expiring within this many days are findings.';
COMMENT ON COLUMN @extschema@.remediation_policy_setting.exception_any_lifecycle IS
  'True: exceptions may be approved for any asset; false: only legacy, unsupported and end-of-life ones.';
COMMENT ON COLUMN @extschema@.remediation_policy_setting.copied_from IS 'Settings profile the values were copied from.';

CREATE FUNCTION @extschema@.initialize_remediation_settings(organization_id uuid, profile text DEFAULT 'default')
RETURNS void
LANGUAGE plpgsql VOLATILE STRICT
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  INSERT INTO @extschema@.remediation_sla_setting (organization_id, band, days, copied_from)
  SELECT initialize_remediation_settings.organization_id, d.band, d.days, d.settings_profile
  FROM @extschema@.remediation_sla_default d
  WHERE d.settings_profile = initialize_remediation_settings.profile
  ON CONFLICT DO NOTHING;
  INSERT INTO @extschema@.remediation_policy_setting
    (organization_id, due_soon_days, exception_max_days, exception_expiring_days, exception_any_lifecycle, copied_from)
  SELECT initialize_remediation_settings.organization_id, d.due_soon_days, d.exception_max_days,
         d.exception_expiring_days, d.exception_any_lifecycle, d.settings_profile
  FROM @extschema@.remediation_policy_default d
  WHERE d.settings_profile = initialize_remediation_settings.profile
  ON CONFLICT DO NOTHING;
END
$$;
COMMENT ON FUNCTION @extschema@.initialize_remediation_settings(uuid, text) IS
  'Copies the shipped remediation SLAs and policy of a profile to an organisation, adding only what is missing '
  '(called by initialize_organization_settings).';

CREATE FUNCTION @extschema@.remediation_due_on(organization_id uuid, band text, detected_at timestamptz, kev_due_on date)
RETURNS date
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  sla_days integer;
BEGIN
  IF band IS NULL OR detected_at IS NULL THEN
    RETURN NULL;
  END IF;
  IF band NOT IN ('immediate', 'out-of-cycle', 'scheduled', 'defer') THEN
    RAISE EXCEPTION 'remediation_due_on: "%" is not a priority band (immediate, out-of-cycle, scheduled, defer)', band
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF NOT pg_catalog.isfinite(detected_at) THEN
    RAISE EXCEPTION 'remediation_due_on: detected_at % is not finite', detected_at
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  SELECT s.days INTO sla_days FROM @extschema@.remediation_sla_setting s
  WHERE s.organization_id = remediation_due_on.organization_id AND s.band = remediation_due_on.band;
  IF NOT FOUND THEN
    SELECT d.days INTO sla_days FROM @extschema@.remediation_sla_default d
    WHERE d.settings_profile = 'default' AND d.band = remediation_due_on.band;
  END IF;
  -- LEAST ignores a NULL KEV due date
  RETURN LEAST((detected_at AT TIME ZONE 'UTC')::date + sla_days, kev_due_on);
END
$$;
COMMENT ON FUNCTION @extschema@.remediation_due_on(uuid, text, timestamptz, date) IS
  'Remediation due date of a finding: the UTC date of detection plus the organisation''s SLA days for the band '
  '(remediation_sla_setting; the shipped defaults when the organisation has none or is NULL), or the CISA KEV due date '
  'when that is earlier.  NULL when band or detected_at is NULL; 22023 for an unknown band.';

CREATE FUNCTION @extschema@.remediation_sla_state(organization_id uuid, due_on date, resolved_at timestamptz, as_of timestamptz)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
RETURN CASE
  WHEN due_on IS NULL OR as_of IS NULL THEN NULL
  WHEN resolved_at IS NOT NULL AND resolved_at <= as_of
    THEN CASE WHEN (resolved_at AT TIME ZONE 'UTC')::date <= due_on THEN 'met' ELSE 'missed' END
  WHEN (as_of AT TIME ZONE 'UTC')::date > due_on THEN 'overdue'
  WHEN (as_of AT TIME ZONE 'UTC')::date >= due_on - coalesce(
         (SELECT p.due_soon_days FROM @extschema@.remediation_policy_setting p WHERE p.organization_id = remediation_sla_state.organization_id),
         (SELECT d.due_soon_days FROM @extschema@.remediation_policy_default d WHERE d.settings_profile = 'default'))
    THEN 'due_soon'
  ELSE 'open'
END;
COMMENT ON FUNCTION @extschema@.remediation_sla_state(uuid, date, timestamptz, timestamptz) IS
  'SLA state of a finding at as_of: met or missed once resolved (resolved on or before the due date, by UTC date); '
  'while open at as_of: overdue after the due date, due_soon within the organisation''s due_soon_days before it '
  '(remediation_policy_setting), else open.  A resolution after as_of counts as open at as_of.  NULL without a due date.';

CREATE FUNCTION @extschema@.remediation_sla_state(due_on date, resolved_at timestamptz, as_of timestamptz)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
RETURN @extschema@.remediation_sla_state(NULL::uuid, due_on, resolved_at, as_of);
COMMENT ON FUNCTION @extschema@.remediation_sla_state(date, timestamptz, timestamptz) IS
  'remediation_sla_state with the shipped default policy (for an organisation''s due_soon_days, pass its id first).';

INSERT INTO @extschema@.object_access_class (object_name, object_class) VALUES
  ('remediation_sla_default', 'catalog'),
  ('remediation_policy_default', 'catalog'),
  ('remediation_sla_setting', 'program'),
  ('remediation_policy_setting', 'program');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.remediation_sla_setting', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.remediation_policy_setting', '');
-- Vulnerability exceptions (BRIEF 4.E, issue 5): a vulnerability (or every vulnerability) on an
-- asset that will not be remediated in time, with compensating controls, requested by one person
-- and approved or rejected by another, until an expiry date.  Rules read from the organisation's
-- remediation_policy_setting (640): the longest an exception may run and whether assets other than
-- legacy, unsupported and end-of-life ones may have one.  Every status change is kept in
-- vulnerability_exception_history, at the change time risk_change_time() (back-datable imports).

CREATE TABLE @extschema@.vulnerability_exception (
  organization_id       uuid NOT NULL REFERENCES @extschema@.organization (id),
  id                    uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  code                  text NOT NULL CONSTRAINT vulnerability_exception_code_format CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$'),
  asset_id              uuid NOT NULL,
  vulnerability_id      uuid,
  reason                text NOT NULL CONSTRAINT vulnerability_exception_reason_not_blank CHECK (pg_catalog.btrim(reason) <> ''),
  compensating_controls text NOT NULL
                        CONSTRAINT vulnerability_exception_controls_not_blank CHECK (pg_catalog.btrim(compensating_controls) <> ''),
  status                text NOT NULL DEFAULT 'requested'
                        CONSTRAINT vulnerability_exception_status CHECK (status IN ('requested', 'approved', 'rejected')),
  requested_by          uuid NOT NULL,
  requested_at          timestamptz NOT NULL DEFAULT pg_catalog.now(),
  decided_by            uuid,
  decided_at            timestamptz,
  decision_note         text,
  expires_on            date,
  created_at            timestamptz NOT NULL DEFAULT pg_catalog.now(),
  updated_at            timestamptz NOT NULL DEFAULT pg_catalog.now(),
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, code),
  CONSTRAINT vulnerability_exception_decision_complete
    CHECK (CASE WHEN status = 'requested' THEN decided_by IS NULL AND decided_at IS NULL
                ELSE decided_by IS NOT NULL AND decided_at IS NOT NULL END),
  CONSTRAINT vulnerability_exception_approved_expires CHECK (status <> 'approved' OR expires_on IS NOT NULL),
  CONSTRAINT vulnerability_exception_decider_not_requester CHECK (decided_by <> requested_by),
  CONSTRAINT vulnerability_exception_decided_after_requested CHECK (decided_at >= requested_at),
  CONSTRAINT vulnerability_exception_expires_after_decision CHECK (expires_on > (decided_at AT TIME ZONE 'UTC')::date),
  FOREIGN KEY (organization_id, asset_id) REFERENCES @extschema@.asset (organization_id, id),
  FOREIGN KEY (organization_id, vulnerability_id) REFERENCES @extschema@.vulnerability (organization_id, id),
  FOREIGN KEY (organization_id, requested_by) REFERENCES @extschema@.person (organization_id, id),
  FOREIGN KEY (organization_id, decided_by) REFERENCES @extschema@.person (organization_id, id)
);
CREATE INDEX vulnerability_exception_asset_idx ON @extschema@.vulnerability_exception (organization_id, asset_id, vulnerability_id);
CREATE INDEX vulnerability_exception_vulnerability_idx ON @extschema@.vulnerability_exception (organization_id, vulnerability_id);
CREATE INDEX vulnerability_exception_requested_by_idx ON @extschema@.vulnerability_exception (organization_id, requested_by);
CREATE INDEX vulnerability_exception_decided_by_idx ON @extschema@.vulnerability_exception (organization_id, decided_by);
COMMENT ON TABLE @extschema@.vulnerability_exception IS
  'Exceptions to remediation: a vulnerability (or, with vulnerability_id NULL, every vulnerability) on an asset left '
  'unremediated under compensating controls.  Requested, then approved or rejected once by a person other than the '
  'requester; an approved exception covers until the end of expires_on (UTC date), within the organisation''s maximum, '
  'and only for legacy, unsupported or end-of-life assets unless the organisation allows any.  A decided exception is '
  'not changed: a renewal is a new request.';
COMMENT ON COLUMN @extschema@.vulnerability_exception.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.vulnerability_exception.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.vulnerability_exception.code IS 'Exception code, unique within the organisation, e.g. EX-2025-007.';
COMMENT ON COLUMN @extschema@.vulnerability_exception.asset_id IS 'The asset.';
COMMENT ON COLUMN @extschema@.vulnerability_exception.vulnerability_id IS 'The vulnerability; NULL: every vulnerability on the asset.';
COMMENT ON COLUMN @extschema@.vulnerability_exception.reason IS 'Why the vulnerability is not remediated (e.g. no patch for the legacy product).';
COMMENT ON COLUMN @extschema@.vulnerability_exception.compensating_controls IS 'The compensating controls in place (required).';
COMMENT ON COLUMN @extschema@.vulnerability_exception.status IS 'requested, approved or rejected (decided once, from requested).';
COMMENT ON COLUMN @extschema@.vulnerability_exception.requested_by IS 'Person who requested the exception.';
COMMENT ON COLUMN @extschema@.vulnerability_exception.requested_at IS 'When it was requested (the change time: iec62443p2.changed_at when set).';
COMMENT ON COLUMN @extschema@.vulnerability_exception.decided_by IS 'Person who approved or rejected it (not the requester).';
COMMENT ON COLUMN @extschema@.vulnerability_exception.decided_at IS 'When it was decided (the change time of the decision).';
COMMENT ON COLUMN @extschema@.vulnerability_exception.decision_note IS 'The decider''s note.';
COMMENT ON COLUMN @extschema@.vulnerability_exception.expires_on IS
  'Last date (UTC) the exception covers; required to approve, after the decision date and within exception_max_days of it.';
COMMENT ON COLUMN @extschema@.vulnerability_exception.created_at IS 'When the row was created.';
COMMENT ON COLUMN @extschema@.vulnerability_exception.updated_at IS 'When the row was last updated.';

CREATE TABLE @extschema@.vulnerability_exception_history (
  organization_id uuid NOT NULL REFERENCES @extschema@.organization (id),
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  exception_id    uuid NOT NULL,
  change_no       bigint NOT NULL GENERATED BY DEFAULT AS IDENTITY,
  changed_at      timestamptz NOT NULL,
  changed_by      text NOT NULL,
  person_id       uuid,
  old_status      text,
  new_status      text,
  PRIMARY KEY (organization_id, id)
);
-- no foreign key to the exception: the history outlives a deleted one
CREATE INDEX vulnerability_exception_history_exception_idx
  ON @extschema@.vulnerability_exception_history (organization_id, exception_id, changed_at);
COMMENT ON TABLE @extschema@.vulnerability_exception_history IS
  'Every status change of a vulnerability exception (request, approval, rejection, deletion): who, when, old and new '
  'status.  Written by a trigger at risk_change_time() (settings iec62443p2.changed_at / changed_by for imports).';
COMMENT ON COLUMN @extschema@.vulnerability_exception_history.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.vulnerability_exception_history.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.vulnerability_exception_history.exception_id IS 'The exception (kept after it is deleted).';
COMMENT ON COLUMN @extschema@.vulnerability_exception_history.change_no IS 'Order of recording.';
COMMENT ON COLUMN @extschema@.vulnerability_exception_history.changed_at IS 'When the change took effect.';
COMMENT ON COLUMN @extschema@.vulnerability_exception_history.changed_by IS 'Database user, or the name given for an import.';
COMMENT ON COLUMN @extschema@.vulnerability_exception_history.person_id IS 'The requester (request) or the decider (decision).';
COMMENT ON COLUMN @extschema@.vulnerability_exception_history.old_status IS 'Status before; NULL for the request.';
COMMENT ON COLUMN @extschema@.vulnerability_exception_history.new_status IS 'Status after; NULL for a deletion.';

CREATE FUNCTION @extschema@.vulnerability_exception_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  ts timestamptz := @extschema@.risk_change_time();
  policy @extschema@.remediation_policy_setting;
  lifecycle text;
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.status <> 'requested' THEN
      RAISE EXCEPTION 'vulnerability_exception %: a new exception is requested (status %), then approved or rejected', NEW.code, NEW.status
        USING ERRCODE = 'invalid_parameter_value';
    END IF;
    NEW.requested_at := ts;
    NEW.created_at := pg_catalog.now();
  ELSE
    IF NEW.requested_by IS DISTINCT FROM OLD.requested_by OR NEW.organization_id <> OLD.organization_id THEN
      RAISE EXCEPTION 'vulnerability_exception %: the requester and the organisation of a request do not change', OLD.code
        USING ERRCODE = 'invalid_parameter_value';
    END IF;
    NEW.requested_at := OLD.requested_at;
    NEW.created_at := OLD.created_at;
    IF OLD.status <> 'requested' THEN
      IF (NEW.status, NEW.asset_id, NEW.vulnerability_id, NEW.reason, NEW.compensating_controls, NEW.decided_by,
          NEW.decided_at, NEW.expires_on)
         IS DISTINCT FROM
         (OLD.status, OLD.asset_id, OLD.vulnerability_id, OLD.reason, OLD.compensating_controls, OLD.decided_by,
          OLD.decided_at, OLD.expires_on) THEN
        RAISE EXCEPTION 'vulnerability_exception %: already %; a decision is made once (request a new exception instead)', OLD.code, OLD.status
          USING ERRCODE = 'invalid_parameter_value';
      END IF;
    ELSIF NEW.status <> 'requested' THEN
      -- the decision
      NEW.decided_at := ts;
    END IF;
  END IF;
  IF NEW.status = 'approved' AND (TG_OP = 'INSERT' OR OLD.status = 'requested') THEN
    SELECT * INTO policy FROM @extschema@.remediation_policy_setting p WHERE p.organization_id = NEW.organization_id;
    IF NOT FOUND THEN
      SELECT NULL::uuid, NULL::uuid, d.due_soon_days, d.exception_max_days, d.exception_expiring_days,
             d.exception_any_lifecycle, d.settings_profile
      INTO policy FROM @extschema@.remediation_policy_default d WHERE d.settings_profile = 'default';
    END IF;
    SELECT a.lifecycle_state INTO lifecycle FROM @extschema@.asset a
    WHERE a.organization_id = NEW.organization_id AND a.id = NEW.asset_id;
    IF NOT policy.exception_any_lifecycle AND lifecycle NOT IN ('legacy', 'unsupported', 'end_of_life') THEN
      RAISE EXCEPTION 'vulnerability_exception %: the asset is %, and the organisation allows exceptions only for legacy, unsupported and end-of-life assets',
        NEW.code, lifecycle
        USING ERRCODE = 'invalid_parameter_value',
              HINT = 'Remediate the vulnerability, or set remediation_policy_setting.exception_any_lifecycle.';
    END IF;
    IF NEW.expires_on - (NEW.decided_at AT TIME ZONE 'UTC')::date > policy.exception_max_days THEN
      RAISE EXCEPTION 'vulnerability_exception %: expiry % is % days after the decision, more than the organisation''s maximum of % days',
        NEW.code, NEW.expires_on, NEW.expires_on - (NEW.decided_at AT TIME ZONE 'UTC')::date, policy.exception_max_days
        USING ERRCODE = 'invalid_parameter_value';
    END IF;
  END IF;
  NEW.updated_at := pg_catalog.now();
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.vulnerability_exception_check() IS
  'Trigger function: an exception starts as requested; it is decided once, from requested (22023 otherwise); the '
  'decision time is the change time; an approval needs an eligible asset (legacy, unsupported, end of life, unless the '
  'policy allows any) and an expiry within the policy''s maximum (22023).  Sets requested_at and decided_at.';
CREATE TRIGGER vulnerability_exception_check BEFORE INSERT OR UPDATE ON @extschema@.vulnerability_exception
  FOR EACH ROW EXECUTE FUNCTION @extschema@.vulnerability_exception_check();

CREATE FUNCTION @extschema@.vulnerability_exception_record()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  who text := coalesce(NULLIF(pg_catalog.current_setting('iec62443p2.changed_by', true), ''), CURRENT_USER::text);
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO @extschema@.vulnerability_exception_history
      (organization_id, exception_id, changed_at, changed_by, person_id, old_status, new_status)
    VALUES (NEW.organization_id, NEW.id, NEW.requested_at, who, NEW.requested_by, NULL, NEW.status);
  ELSIF TG_OP = 'UPDATE' THEN
    IF NEW.status IS DISTINCT FROM OLD.status THEN
      INSERT INTO @extschema@.vulnerability_exception_history
        (organization_id, exception_id, changed_at, changed_by, person_id, old_status, new_status)
      VALUES (NEW.organization_id, NEW.id, NEW.decided_at, who, NEW.decided_by, OLD.status, NEW.status);
    END IF;
  ELSE
    INSERT INTO @extschema@.vulnerability_exception_history
      (organization_id, exception_id, changed_at, changed_by, person_id, old_status, new_status)
    VALUES (OLD.organization_id, OLD.id, @extschema@.risk_change_time(), who, NULL, OLD.status, NULL);
  END IF;
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION @extschema@.vulnerability_exception_record() IS
  'Trigger function: records each request, decision and deletion of an exception in vulnerability_exception_history.';
-- Ordinary triggers: a restore with session_replication_role = replica restores the history as dumped.
CREATE TRIGGER vulnerability_exception_record AFTER INSERT OR UPDATE OR DELETE ON @extschema@.vulnerability_exception
  FOR EACH ROW EXECUTE FUNCTION @extschema@.vulnerability_exception_record();

CREATE FUNCTION @extschema@.exception_covers(organization_id uuid, asset_id uuid, vulnerability_id uuid, at timestamptz)
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
RETURN EXISTS (
  SELECT 1 FROM @extschema@.vulnerability_exception e
  WHERE e.organization_id = exception_covers.organization_id
    AND e.asset_id = exception_covers.asset_id
    AND (e.vulnerability_id IS NULL OR e.vulnerability_id = exception_covers.vulnerability_id)
    AND e.status = 'approved'
    AND e.decided_at <= exception_covers.at
    AND (exception_covers.at AT TIME ZONE 'UTC')::date <= e.expires_on);
COMMENT ON FUNCTION @extschema@.exception_covers(uuid, uuid, uuid, timestamptz) IS
  'True when an approved exception covers the vulnerability on the asset at the given time: one for that vulnerability '
  'or for every vulnerability on the asset, decided by then and not expired (the time''s UTC date at most expires_on).  '
  'With vulnerability_id NULL, only exceptions for every vulnerability count.';

CREATE VIEW @extschema@.vulnerability_exceptions WITH (security_invoker = true) AS
SELECT e.id,
       e.organization_id,
       e.code,
       e.asset_id,
       a.tag AS asset_tag,
       a.name AS asset_name,
       a.lifecycle_state,
       e.vulnerability_id,
       v.cve_id,
       CASE WHEN e.vulnerability_id IS NULL THEN 'asset' ELSE 'vulnerability' END AS scope,
       e.reason,
       e.compensating_controls,
       e.status,
       CASE WHEN e.status = 'approved' AND e.expires_on < (pg_catalog.now() AT TIME ZONE 'UTC')::date THEN 'expired'
            ELSE e.status END AS effective_status,
       rq.full_name AS requested_by,
       e.requested_at,
       dc.full_name AS decided_by,
       e.decided_at,
       e.decision_note,
       e.expires_on,
       e.expires_on - (pg_catalog.now() AT TIME ZONE 'UTC')::date AS days_to_expiry,
       coalesce(e.status = 'approved' AND e.decided_at <= pg_catalog.now()
                AND e.expires_on >= (pg_catalog.now() AT TIME ZONE 'UTC')::date, false) AS covers_now,
       (SELECT pg_catalog.count(*) FROM @extschema@.asset_vulnerability av
        WHERE av.organization_id = e.organization_id AND av.asset_id = e.asset_id AND av.resolved_at IS NULL
          AND (e.vulnerability_id IS NULL OR av.vulnerability_id = e.vulnerability_id))::integer AS open_vulnerabilities
FROM @extschema@.vulnerability_exception e
JOIN @extschema@.asset a ON a.organization_id = e.organization_id AND a.id = e.asset_id
LEFT JOIN @extschema@.vulnerability v ON v.organization_id = e.organization_id AND v.id = e.vulnerability_id
JOIN @extschema@.person rq ON rq.organization_id = e.organization_id AND rq.id = e.requested_by
LEFT JOIN @extschema@.person dc ON dc.organization_id = e.organization_id AND dc.id = e.decided_by;
COMMENT ON VIEW @extschema@.vulnerability_exceptions IS
  'Every vulnerability exception with its asset, vulnerability, people, dates and whether it covers today.';
COMMENT ON COLUMN @extschema@.vulnerability_exceptions.id IS 'Identifier of the exception.';
COMMENT ON COLUMN @extschema@.vulnerability_exceptions.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.vulnerability_exceptions.code IS 'Exception code.';
COMMENT ON COLUMN @extschema@.vulnerability_exceptions.asset_id IS 'The asset.';
COMMENT ON COLUMN @extschema@.vulnerability_exceptions.asset_tag IS 'Asset tag.';
COMMENT ON COLUMN @extschema@.vulnerability_exceptions.asset_name IS 'Asset name.';
COMMENT ON COLUMN @extschema@.vulnerability_exceptions.lifecycle_state IS 'The asset''s lifecycle state now.';
COMMENT ON COLUMN @extschema@.vulnerability_exceptions.vulnerability_id IS 'The vulnerability; NULL for every vulnerability on the asset.';
COMMENT ON COLUMN @extschema@.vulnerability_exceptions.cve_id IS 'CVE of the vulnerability; NULL for every vulnerability.';
COMMENT ON COLUMN @extschema@.vulnerability_exceptions.scope IS 'vulnerability (one) or asset (every vulnerability on the asset).';
COMMENT ON COLUMN @extschema@.vulnerability_exceptions.reason IS 'Why the vulnerability is not remediated.';
COMMENT ON COLUMN @extschema@.vulnerability_exceptions.compensating_controls IS 'Compensating controls in place.';
COMMENT ON COLUMN @extschema@.vulnerability_exceptions.status IS 'requested, approved or rejected.';
COMMENT ON COLUMN @extschema@.vulnerability_exceptions.effective_status IS 'status, with expired for an approved exception past its expiry date (UTC).';
COMMENT ON COLUMN @extschema@.vulnerability_exceptions.requested_by IS 'Name of the requester.';
COMMENT ON COLUMN @extschema@.vulnerability_exceptions.requested_at IS 'When it was requested.';
COMMENT ON COLUMN @extschema@.vulnerability_exceptions.decided_by IS 'Name of the decider.';
COMMENT ON COLUMN @extschema@.vulnerability_exceptions.decided_at IS 'When it was decided.';
COMMENT ON COLUMN @extschema@.vulnerability_exceptions.decision_note IS 'The decider''s note.';
COMMENT ON COLUMN @extschema@.vulnerability_exceptions.expires_on IS 'Last date (UTC) it covers.';
COMMENT ON COLUMN @extschema@.vulnerability_exceptions.days_to_expiry IS 'Days from today (UTC) to expires_on; negative once expired.';
COMMENT ON COLUMN @extschema@.vulnerability_exceptions.covers_now IS 'True when approved, decided by now and not expired (UTC date).';
COMMENT ON COLUMN @extschema@.vulnerability_exceptions.open_vulnerabilities IS 'Open vulnerabilities on the asset within the exception''s scope.';

CREATE VIEW @extschema@.vulnerability_exception_findings WITH (security_invoker = true) AS
SELECT e.id,
       e.organization_id,
       e.code,
       CASE WHEN e.expires_on < t.today THEN 'expired' ELSE 'expiring' END AS finding,
       e.asset_id,
       a.tag AS asset_tag,
       a.lifecycle_state,
       v.cve_id,
       e.expires_on,
       e.expires_on - t.today AS days_to_expiry,
       ov.n AS open_vulnerabilities
FROM @extschema@.vulnerability_exception e
CROSS JOIN LATERAL (SELECT (pg_catalog.now() AT TIME ZONE 'UTC')::date AS today) t
JOIN @extschema@.asset a ON a.organization_id = e.organization_id AND a.id = e.asset_id
LEFT JOIN @extschema@.vulnerability v ON v.organization_id = e.organization_id AND v.id = e.vulnerability_id
LEFT JOIN @extschema@.remediation_policy_setting p ON p.organization_id = e.organization_id
CROSS JOIN LATERAL (
  SELECT pg_catalog.count(*)::integer AS n FROM @extschema@.asset_vulnerability av
  WHERE av.organization_id = e.organization_id AND av.asset_id = e.asset_id AND av.resolved_at IS NULL
    AND (e.vulnerability_id IS NULL OR av.vulnerability_id = e.vulnerability_id)
    -- an open vulnerability another exception covers today is not a finding of this one
    AND NOT EXISTS (SELECT 1 FROM @extschema@.vulnerability_exception o
                    WHERE o.organization_id = av.organization_id AND o.asset_id = av.asset_id AND o.id <> e.id
                      AND (o.vulnerability_id IS NULL OR o.vulnerability_id = av.vulnerability_id)
                      AND o.status = 'approved' AND o.decided_at <= pg_catalog.now() AND o.expires_on >= t.today)
) ov
WHERE e.status = 'approved'
  AND ((e.expires_on < t.today AND ov.n > 0)
       OR (e.expires_on >= t.today
           AND e.expires_on - t.today <= coalesce(p.exception_expiring_days,
                 (SELECT d.exception_expiring_days FROM @extschema@.remediation_policy_default d WHERE d.settings_profile = 'default'))));
COMMENT ON VIEW @extschema@.vulnerability_exception_findings IS
  'Exceptions that need attention: expired (past expires_on, UTC) while vulnerabilities in their scope are still open '
  'and not covered by another exception, and expiring (within the organisation''s exception_expiring_days).';
COMMENT ON COLUMN @extschema@.vulnerability_exception_findings.id IS 'Identifier of the exception.';
COMMENT ON COLUMN @extschema@.vulnerability_exception_findings.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.vulnerability_exception_findings.code IS 'Exception code.';
COMMENT ON COLUMN @extschema@.vulnerability_exception_findings.finding IS 'expired or expiring.';
COMMENT ON COLUMN @extschema@.vulnerability_exception_findings.asset_id IS 'The asset.';
COMMENT ON COLUMN @extschema@.vulnerability_exception_findings.asset_tag IS 'Asset tag.';
COMMENT ON COLUMN @extschema@.vulnerability_exception_findings.lifecycle_state IS 'The asset''s lifecycle state now.';
COMMENT ON COLUMN @extschema@.vulnerability_exception_findings.cve_id IS 'CVE of the vulnerability; NULL for every vulnerability on the asset.';
COMMENT ON COLUMN @extschema@.vulnerability_exception_findings.expires_on IS 'Last date (UTC) the exception covers.';
COMMENT ON COLUMN @extschema@.vulnerability_exception_findings.days_to_expiry IS 'Days from today (UTC) to expires_on; negative once expired.';
COMMENT ON COLUMN @extschema@.vulnerability_exception_findings.open_vulnerabilities IS
  'Open vulnerabilities in the exception''s scope not covered today by another exception.';

INSERT INTO @extschema@.object_access_class (object_name, object_class) VALUES
  ('vulnerability_exception', 'program'),
  ('vulnerability_exception_history', 'history'),
  ('vulnerability_exceptions', 'view'),
  ('vulnerability_exception_findings', 'view');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.vulnerability_exception', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.vulnerability_exception_history', '');
-- the history's recording counter, so changes recorded after a restore order after the kept ones
SELECT pg_catalog.pg_extension_config_dump('@extschema@.vulnerability_exception_history_change_no_seq', '');
-- Calendar months for the trend views (risk_kpis_monthly, patch_kpis_by_period): one row per UTC
-- month from the month holding `first` to the month holding `last`.

CREATE FUNCTION @extschema@.utc_months(first timestamptz, last timestamptz DEFAULT pg_catalog.now())
RETURNS TABLE (month_start timestamptz, month_end timestamptz)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
ROWS 36   -- a few years of months: the planner's default of 1000 would cost every trend view a JIT compilation
AS $$
  SELECT (m.m AT TIME ZONE 'UTC'), ((m.m OPERATOR(pg_catalog.+) '1 month'::interval) AT TIME ZONE 'UTC')
  FROM pg_catalog.generate_series(pg_catalog.date_trunc('month', $1 AT TIME ZONE 'UTC'),
                                  pg_catalog.date_trunc('month', $2 AT TIME ZONE 'UTC'),
                                  '1 month'::interval) AS m(m)
$$;
COMMENT ON FUNCTION @extschema@.utc_months(timestamptz, timestamptz) IS
  'The UTC calendar months from the one holding first to the one holding last (default now()): their first instant '
  'and the first instant of the next; none when first is after last.';
-- Zones and their security levels (issue 5, "Views"): one row per zone, SL-T and SL-A side by side
-- with whether the zone meets its target, on which FRs it falls short and by how much.
-- zone_security_level_gap gives the same per FR.

CREATE VIEW @extschema@.zone_security_levels WITH (security_invoker = true) AS
SELECT z.id,
       z.organization_id,
       o.code AS organization_code,
       s.code AS site_code,
       z.name AS zone,
       z.exposure,
       z.sl_target::text AS sl_target,
       z.sl_achieved::text AS sl_achieved,
       @extschema@.sl_gap(z.sl_achieved, z.sl_target)::text AS sl_gap,
       @extschema@.sl_meets(z.sl_achieved, z.sl_target) AS meets_target,
       g.frs_short,
       g.short_on,
       g.max_shortfall,
       g.total_shortfall,
       (SELECT pg_catalog.count(*) FROM @extschema@.asset a
        WHERE a.organization_id = z.organization_id AND a.zone_id = z.id) AS assets
FROM @extschema@.zone z
JOIN @extschema@.organization o ON o.id = z.organization_id
LEFT JOIN @extschema@.site s ON s.organization_id = z.organization_id AND s.id = z.site_id
LEFT JOIN LATERAL (
  SELECT pg_catalog.count(*) FILTER (WHERE x.shortfall > 0) AS frs_short,
         pg_catalog.string_agg(x.fr || ':' || x.shortfall, ', ' ORDER BY x.n) FILTER (WHERE x.shortfall > 0) AS short_on,
         pg_catalog.max(x.shortfall) AS max_shortfall,
         pg_catalog.sum(x.shortfall) AS total_shortfall
  FROM ROWS FROM (pg_catalog.unnest(@extschema@.sl_levels(@extschema@.sl_gap(z.sl_achieved, z.sl_target))),
                  pg_catalog.unnest(ARRAY['IAC', 'UC', 'SI', 'DC', 'RDF', 'TRE', 'RA'])) WITH ORDINALITY AS x(shortfall, fr, n)
) g ON z.sl_target IS NOT NULL AND z.sl_achieved IS NOT NULL;
COMMENT ON VIEW @extschema@.zone_security_levels IS
  'One row per zone: SL-T and SL-A (IEC 62443-3-3 FR1..FR7) as text, the per-FR shortfall, whether the zone meets its '
  'target and on which FRs it falls short by how much (zone_security_level_gap gives one row per FR).';
COMMENT ON COLUMN @extschema@.zone_security_levels.id IS 'Zone identifier.';
COMMENT ON COLUMN @extschema@.zone_security_levels.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.zone_security_levels.organization_code IS 'Organisation code.';
COMMENT ON COLUMN @extschema@.zone_security_levels.site_code IS 'Site of the zone; NULL for a zone spanning sites.';
COMMENT ON COLUMN @extschema@.zone_security_levels.zone IS 'Zone name.';
COMMENT ON COLUMN @extschema@.zone_security_levels.exposure IS 'Zone exposure class.';
COMMENT ON COLUMN @extschema@.zone_security_levels.sl_target IS 'SL-T as text, {FR1,..,FR7}; NULL until set.';
COMMENT ON COLUMN @extschema@.zone_security_levels.sl_achieved IS 'SL-A as text; NULL until assessed.';
COMMENT ON COLUMN @extschema@.zone_security_levels.sl_gap IS 'Per-FR shortfall of SL-A against SL-T (sl_gap), 0 where met; NULL when either is missing.';
COMMENT ON COLUMN @extschema@.zone_security_levels.meets_target IS 'SL-A >= SL-T on every FR (sl_meets); NULL when either is missing.';
COMMENT ON COLUMN @extschema@.zone_security_levels.frs_short IS 'Number of FRs on which the zone falls short.';
COMMENT ON COLUMN @extschema@.zone_security_levels.short_on IS 'The FRs short and by how much, e.g. SI:1, TRE:2.';
COMMENT ON COLUMN @extschema@.zone_security_levels.max_shortfall IS 'The largest shortfall on one FR.';
COMMENT ON COLUMN @extschema@.zone_security_levels.total_shortfall IS 'The shortfalls of every FR added up.';
COMMENT ON COLUMN @extschema@.zone_security_levels.assets IS 'Assets in the zone.';

INSERT INTO @extschema@.object_access_class (object_name, object_class) VALUES ('zone_security_levels', 'view');
-- Risk KPIs per site and by month (issue 5, "Views"): the seed's risk metrics (assessment frequency
-- and coverage, treatment effectiveness, residual risk levels, risk trend) computed from the
-- recorded history, for the whole organisation and for each of its sites.
--
-- A risk belongs to the site of its zone (a zone risk) or of its asset's zone (an asset risk), as
-- the zones are placed today; risks on zones without a site count for the organisation only.

-- Each recorded state of a risk, with its site and whether it was an assessment: the risk's
-- recording, or a change of its inherent or residual likelihood or consequence.
CREATE VIEW @extschema@.risk_assessment_event WITH (security_invoker = true) AS
SELECT h.id,
       h.organization_id,
       z.site_id,
       h.risk_id,
       h.change_no,
       h.changed_at,
       h.operation,
       h.status,
       h.treatment,
       h.inherent_score,
       h.residual_score,
       coalesce(h.residual_level, h.inherent_level) AS current_level,
       coalesce(h.residual_score, h.inherent_score) AS current_score,
       h.operation = 'insert'
         OR (h.operation = 'update'
             AND (h.likelihood, h.consequence, h.residual_likelihood, h.residual_consequence) IS DISTINCT FROM
                 (pg_catalog.lag(h.likelihood) OVER w, pg_catalog.lag(h.consequence) OVER w,
                  pg_catalog.lag(h.residual_likelihood) OVER w, pg_catalog.lag(h.residual_consequence) OVER w))
         AS is_assessment
FROM @extschema@.risk_register_history h
LEFT JOIN @extschema@.asset a ON a.organization_id = h.organization_id AND a.id = h.asset_id
LEFT JOIN @extschema@.zone z ON z.organization_id = h.organization_id AND z.id = coalesce(h.zone_id, a.zone_id)
WINDOW w AS (PARTITION BY h.organization_id, h.risk_id ORDER BY h.changed_at, h.change_no);
COMMENT ON VIEW @extschema@.risk_assessment_event IS
  'Every recorded state of every risk (risk_register_history) with the site it belongs to today and whether the change '
  'was an assessment: the risk''s recording or a change of its inherent or residual likelihood or consequence.';
COMMENT ON COLUMN @extschema@.risk_assessment_event.id IS 'History row identifier.';
COMMENT ON COLUMN @extschema@.risk_assessment_event.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.risk_assessment_event.site_id IS 'Site of the risk''s zone (or its asset''s zone); NULL when the zone has no site.';
COMMENT ON COLUMN @extschema@.risk_assessment_event.risk_id IS 'The risk.';
COMMENT ON COLUMN @extschema@.risk_assessment_event.change_no IS 'Order of recording, breaking ties of equal times.';
COMMENT ON COLUMN @extschema@.risk_assessment_event.changed_at IS 'When the change took effect.';
COMMENT ON COLUMN @extschema@.risk_assessment_event.operation IS 'insert, update or delete.';
COMMENT ON COLUMN @extschema@.risk_assessment_event.status IS 'Status after the change.';
COMMENT ON COLUMN @extschema@.risk_assessment_event.treatment IS 'Treatment after the change.';
COMMENT ON COLUMN @extschema@.risk_assessment_event.inherent_score IS 'Inherent score after the change, as scored then.';
COMMENT ON COLUMN @extschema@.risk_assessment_event.residual_score IS 'Residual score after the change, as scored then.';
COMMENT ON COLUMN @extschema@.risk_assessment_event.current_level IS 'Residual level, else inherent level, after the change.';
COMMENT ON COLUMN @extschema@.risk_assessment_event.current_score IS 'Residual score, else inherent score, after the change.';
COMMENT ON COLUMN @extschema@.risk_assessment_event.is_assessment IS
  'True when the change recorded the risk or changed its inherent or residual likelihood or consequence.';

CREATE VIEW @extschema@.risk_kpis_monthly WITH (security_invoker = true) AS
WITH months AS (
  SELECT f.organization_id, m.month_start, m.month_end
  FROM (SELECT h.organization_id, pg_catalog.min(h.changed_at) AS first_change
        FROM @extschema@.risk_register_history h
        GROUP BY h.organization_id) f
  CROSS JOIN LATERAL @extschema@.utc_months(f.first_change) m
),
-- the history once, with sites and assessments marked (each month below reads it)
event AS MATERIALIZED (
  SELECT * FROM @extschema@.risk_assessment_event
),
-- the register at each month's end: every risk's last state before it, deleted ones left out
state AS (
  SELECT m.organization_id, m.month_start, x.site_id, x.status, x.treatment, x.inherent_score, x.residual_score,
         x.current_level, x.current_score
  FROM months m
  CROSS JOIN LATERAL (
    SELECT DISTINCT ON (e.risk_id) e.*
    FROM event e
    WHERE e.organization_id = m.organization_id AND e.changed_at < m.month_end
    ORDER BY e.risk_id, e.changed_at DESC, e.change_no DESC
  ) x
  WHERE x.operation <> 'delete'
),
register AS (
  SELECT s.organization_id, s.month_start, s.site_id, GROUPING(s.site_id) = 1 AS whole_organization,
         pg_catalog.count(*) FILTER (WHERE s.status <> 'closed') AS open_risks,
         pg_catalog.count(*) FILTER (WHERE s.status <> 'closed' AND s.residual_score IS NOT NULL) AS treated_risks,
         pg_catalog.avg((s.inherent_score - s.residual_score) / s.inherent_score)
           FILTER (WHERE s.status <> 'closed' AND s.residual_score IS NOT NULL AND s.inherent_score > 0) AS reduction,
         pg_catalog.avg(s.inherent_score) FILTER (WHERE s.status <> 'closed') AS mean_inherent,
         pg_catalog.avg(s.current_score) FILTER (WHERE s.status <> 'closed') AS mean_current,
         pg_catalog.count(*) FILTER (WHERE s.status <> 'closed' AND s.current_level = 'critical') AS critical_risks,
         pg_catalog.count(*) FILTER (WHERE s.status <> 'closed' AND s.current_level = 'high') AS high_risks,
         pg_catalog.count(*) FILTER (WHERE s.status <> 'closed' AND s.current_level = 'medium') AS medium_risks,
         pg_catalog.count(*) FILTER (WHERE s.status <> 'closed' AND s.current_level = 'low') AS low_risks,
         pg_catalog.count(*) FILTER (WHERE s.status <> 'closed' AND s.current_score > tol.tolerance_score) AS above_tolerance,
         pg_catalog.count(*) FILTER (WHERE s.status <> 'closed' AND s.current_score <= tol.appetite_score) AS within_appetite
  FROM state s
  LEFT JOIN @extschema@.risk_tolerance_setting tol ON tol.organization_id = s.organization_id
  GROUP BY GROUPING SETS ((s.organization_id, s.month_start), (s.organization_id, s.month_start, s.site_id))
),
activity AS (
  SELECT e.organization_id, e.month_start, e.site_id, GROUPING(e.site_id) = 1 AS whole_organization,
         pg_catalog.count(*) FILTER (WHERE e.is_assessment) AS assessments,
         pg_catalog.count(DISTINCT e.risk_id) FILTER (WHERE e.is_assessment) AS risks_assessed,
         pg_catalog.count(*) FILTER (WHERE e.operation = 'insert') AS new_risks
  FROM (SELECT x.*, (pg_catalog.date_trunc('month', x.changed_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC') AS month_start
        FROM event x) e
  GROUP BY GROUPING SETS ((e.organization_id, e.month_start), (e.organization_id, e.month_start, e.site_id))
)
SELECT r.organization_id::text || '/' || coalesce(r.site_id::text, '*') || '/'
         || pg_catalog.to_char(r.month_start AT TIME ZONE 'UTC', 'YYYY-MM') AS id,
       r.organization_id,
       o.code AS organization_code,
       CASE WHEN r.whole_organization THEN 'organization' ELSE 'site' END AS scope,
       r.site_id,
       st.code AS site_code,
       r.month_start AS time,
       r.open_risks,
       coalesce(a.assessments, 0) AS assessments,
       coalesce(a.risks_assessed, 0) AS risks_assessed,
       coalesce(a.new_risks, 0) AS new_risks,
       r.treated_risks,
       pg_catalog.round(100 * r.reduction, 1)::numeric(5,1) AS treatment_effectiveness_percent,
       pg_catalog.round(r.mean_inherent, 2)::numeric(8,2) AS mean_inherent_score,
       pg_catalog.round(r.mean_current, 2)::numeric(8,2) AS mean_residual_score,
       r.critical_risks,
       r.high_risks,
       r.medium_risks,
       r.low_risks,
       r.above_tolerance,
       r.within_appetite
FROM register r
JOIN @extschema@.organization o ON o.id = r.organization_id
LEFT JOIN @extschema@.site st ON st.organization_id = r.organization_id AND st.id = r.site_id
LEFT JOIN activity a ON a.organization_id = r.organization_id AND a.month_start = r.month_start
                    AND a.whole_organization = r.whole_organization
                    AND coalesce(a.site_id, a.organization_id) = coalesce(r.site_id, r.organization_id)
WHERE r.whole_organization OR r.site_id IS NOT NULL;
COMMENT ON VIEW @extschema@.risk_kpis_monthly IS
  'Risk KPIs by UTC calendar month, for each organisation (scope organization) and each of its sites (scope site), '
  'from the recorded history: the register at the month''s end (residual risk levels, treatment effectiveness, '
  'appetite and tolerance as set today) and the assessments made during the month (assessment frequency).';
COMMENT ON COLUMN @extschema@.risk_kpis_monthly.id IS 'Organisation id / site id (* for the whole organisation) / month (YYYY-MM).';
COMMENT ON COLUMN @extschema@.risk_kpis_monthly.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.risk_kpis_monthly.organization_code IS 'Organisation code.';
COMMENT ON COLUMN @extschema@.risk_kpis_monthly.scope IS 'organization (every risk of the organisation) or site (the risks of one site).';
COMMENT ON COLUMN @extschema@.risk_kpis_monthly.site_id IS 'The site (scope site); NULL for the whole organisation.';
COMMENT ON COLUMN @extschema@.risk_kpis_monthly.site_code IS 'Site code (scope site).';
COMMENT ON COLUMN @extschema@.risk_kpis_monthly.time IS 'Start of the month (UTC).';
COMMENT ON COLUMN @extschema@.risk_kpis_monthly.open_risks IS 'Risks not closed at the month''s end.';
COMMENT ON COLUMN @extschema@.risk_kpis_monthly.assessments IS
  'Risk assessments during the month: risks recorded plus changes of inherent or residual likelihood or consequence.';
COMMENT ON COLUMN @extschema@.risk_kpis_monthly.risks_assessed IS 'Distinct risks assessed during the month.';
COMMENT ON COLUMN @extschema@.risk_kpis_monthly.new_risks IS 'Risks recorded during the month.';
COMMENT ON COLUMN @extschema@.risk_kpis_monthly.treated_risks IS 'Open risks with an assessed residual risk at the month''s end.';
COMMENT ON COLUMN @extschema@.risk_kpis_monthly.treatment_effectiveness_percent IS
  'Mean reduction of the score from inherent to residual, in percent, over the open treated risks at the month''s end.';
COMMENT ON COLUMN @extschema@.risk_kpis_monthly.mean_inherent_score IS 'Mean inherent score of the open risks at the month''s end.';
COMMENT ON COLUMN @extschema@.risk_kpis_monthly.mean_residual_score IS
  'Mean current (residual, else inherent) score of the open risks at the month''s end: the residual risk level.';
COMMENT ON COLUMN @extschema@.risk_kpis_monthly.critical_risks IS 'Open risks whose current level was critical.';
COMMENT ON COLUMN @extschema@.risk_kpis_monthly.high_risks IS 'Open risks whose current level was high.';
COMMENT ON COLUMN @extschema@.risk_kpis_monthly.medium_risks IS 'Open risks whose current level was medium.';
COMMENT ON COLUMN @extschema@.risk_kpis_monthly.low_risks IS 'Open risks whose current level was low.';
COMMENT ON COLUMN @extschema@.risk_kpis_monthly.above_tolerance IS 'Open risks scoring above today''s tolerance.';
COMMENT ON COLUMN @extschema@.risk_kpis_monthly.within_appetite IS 'Open risks scoring within today''s appetite.';

CREATE VIEW @extschema@.risk_kpis_by_site WITH (security_invoker = true) AS
WITH coverage AS (
  -- critical assets per site, and which of them an open risk covers (one pass over the inventory)
  SELECT z.organization_id, z.site_id,
         pg_catalog.count(*) FILTER (WHERE e.effective_criticality >= 4) AS critical_assets,
         pg_catalog.count(*) FILTER (WHERE e.effective_criticality >= 4 AND EXISTS (
           SELECT 1 FROM @extschema@.risk_register_entry x
           WHERE x.organization_id = a.organization_id AND x.status <> 'closed'
             AND (x.asset_id = a.id OR x.zone_id = a.zone_id))) AS critical_assets_assessed
  FROM @extschema@.asset a
  JOIN @extschema@.zone z ON z.organization_id = a.organization_id AND z.id = a.zone_id
  JOIN @extschema@.lifecycle_state l ON l.code = a.lifecycle_state
  JOIN @extschema@.asset_effective_criticality e ON e.organization_id = a.organization_id AND e.id = a.id
  WHERE l.in_operation AND z.site_id IS NOT NULL
  GROUP BY z.organization_id, z.site_id
),
risks AS (
  SELECT st.id AS site_id,
         pg_catalog.count(*) FILTER (WHERE r.status <> 'closed') AS open_risks,
         pg_catalog.count(*) FILTER (WHERE r.status <> 'closed' AND r.residual_score IS NOT NULL) AS treated_risks,
         pg_catalog.avg((r.inherent_score - r.residual_score) / r.inherent_score)
           FILTER (WHERE r.status <> 'closed' AND r.residual_score IS NOT NULL AND r.inherent_score > 0) AS reduction,
         pg_catalog.avg(r.inherent_score) FILTER (WHERE r.status <> 'closed') AS mean_inherent,
         pg_catalog.avg(r.current_score) FILTER (WHERE r.status <> 'closed') AS mean_current,
         pg_catalog.count(*) FILTER (WHERE r.status <> 'closed' AND r.above_tolerance) AS above_tolerance,
         pg_catalog.count(*) FILTER (WHERE r.status <> 'closed' AND r.within_appetite) AS within_appetite,
         pg_catalog.count(*) FILTER (WHERE r.status <> 'closed' AND r.acceptance_expired) AS expired_acceptances
  FROM @extschema@.risk_register r
  JOIN @extschema@.site st ON st.organization_id = r.organization_id AND st.code = r.site_code
  GROUP BY st.id
),
assessed AS (
  -- assessment frequency: risks assessed (recorded, or likelihood or consequence changed) in 365 days
  SELECT e.site_id, pg_catalog.count(DISTINCT e.risk_id) AS risks_assessed, pg_catalog.count(*) AS assessments
  FROM @extschema@.risk_assessment_event e
  WHERE e.is_assessment AND e.changed_at > pg_catalog.now() - '365 days'::interval AND e.site_id IS NOT NULL
  GROUP BY e.site_id
)
SELECT st.id,
       st.organization_id,
       o.code AS organization_code,
       st.code AS site_code,
       st.name AS site,
       coalesce(r.open_risks, 0) AS open_risks,
       coalesce(c.critical_assets, 0) AS critical_assets,
       coalesce(c.critical_assets_assessed, 0) AS critical_assets_assessed,
       CASE WHEN c.critical_assets > 0
            THEN pg_catalog.round(100.0 * c.critical_assets_assessed / c.critical_assets, 1) END::numeric(5,1)
         AS assessment_coverage_percent,
       coalesce(r.treated_risks, 0) AS treated_risks,
       pg_catalog.round(100 * r.reduction, 1)::numeric(5,1) AS treatment_effectiveness_percent,
       pg_catalog.round(r.mean_inherent, 2)::numeric(8,2) AS mean_inherent_score,
       pg_catalog.round(r.mean_current, 2)::numeric(8,2) AS mean_residual_score,
       coalesce(r.above_tolerance, 0) AS above_tolerance,
       coalesce(r.within_appetite, 0) AS within_appetite,
       coalesce(r.expired_acceptances, 0) AS expired_acceptances,
       coalesce(x.risks_assessed, 0) AS risks_assessed_12_months,
       coalesce(x.assessments, 0) AS assessments_12_months
FROM @extschema@.site st
JOIN @extschema@.organization o ON o.id = st.organization_id
LEFT JOIN coverage c ON c.organization_id = st.organization_id AND c.site_id = st.id
LEFT JOIN risks r ON r.site_id = st.id
LEFT JOIN assessed x ON x.site_id = st.id;
COMMENT ON VIEW @extschema@.risk_kpis_by_site IS
  'Risk KPIs per site, as risk_kpis gives them per organisation: assessment coverage of critical assets, treatment '
  'effectiveness, inherent and residual levels, appetite and tolerance, expired acceptances.';
COMMENT ON COLUMN @extschema@.risk_kpis_by_site.id IS 'Site identifier.';
COMMENT ON COLUMN @extschema@.risk_kpis_by_site.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.risk_kpis_by_site.organization_code IS 'Organisation code.';
COMMENT ON COLUMN @extschema@.risk_kpis_by_site.site_code IS 'Site code.';
COMMENT ON COLUMN @extschema@.risk_kpis_by_site.site IS 'Site name.';
COMMENT ON COLUMN @extschema@.risk_kpis_by_site.open_risks IS 'Open risks on the site''s zones and assets.';
COMMENT ON COLUMN @extschema@.risk_kpis_by_site.critical_assets IS 'Assets in operation on the site with effective criticality 4 or 5.';
COMMENT ON COLUMN @extschema@.risk_kpis_by_site.critical_assets_assessed IS 'Of those, covered by an open risk on the asset or its zone.';
COMMENT ON COLUMN @extschema@.risk_kpis_by_site.assessment_coverage_percent IS
  'Risk assessment coverage: critical_assets_assessed / critical_assets, in percent; NULL without critical assets.';
COMMENT ON COLUMN @extschema@.risk_kpis_by_site.treated_risks IS 'Open risks with an assessed residual risk.';
COMMENT ON COLUMN @extschema@.risk_kpis_by_site.treatment_effectiveness_percent IS
  'Mean reduction of the score from inherent to residual, in percent, over open risks with a residual.';
COMMENT ON COLUMN @extschema@.risk_kpis_by_site.mean_inherent_score IS 'Mean inherent score of the open risks.';
COMMENT ON COLUMN @extschema@.risk_kpis_by_site.mean_residual_score IS 'Mean current (residual, else inherent) score of the open risks.';
COMMENT ON COLUMN @extschema@.risk_kpis_by_site.above_tolerance IS 'Open risks above tolerance.';
COMMENT ON COLUMN @extschema@.risk_kpis_by_site.within_appetite IS 'Open risks within appetite.';
COMMENT ON COLUMN @extschema@.risk_kpis_by_site.expired_acceptances IS 'Open risks whose acceptance has expired.';
COMMENT ON COLUMN @extschema@.risk_kpis_by_site.risks_assessed_12_months IS
  'Risk assessment frequency: risks of the site assessed (recorded, or inherent or residual likelihood or consequence '
  'changed) in the last 365 days.';
COMMENT ON COLUMN @extschema@.risk_kpis_by_site.assessments_12_months IS 'Assessments of the site''s risks in the last 365 days.';

INSERT INTO @extschema@.object_access_class (object_name, object_class) VALUES
  ('risk_assessment_event', 'view'),
  ('risk_kpis_monthly', 'view'),
  ('risk_kpis_by_site', 'view');
-- The patch queue (issue 5, "Views"): every applicable, unremediated (asset, vulnerability), ranked
-- by patch_priority with the asset's effective criticality, requirements and zone exposure and the
-- organisation's own priority parameters; with its due date and SLA state, the exception that
-- covers it (its compensating controls count in the priority) and the patch that fixes it.

CREATE VIEW @extschema@.vulnerability_finding WITH (security_invoker = true) AS
WITH parameters AS MATERIALIZED (
  -- each organisation's parameters read once, not once per row
  SELECT o.id AS organization_id, @extschema@.patch_priority_parameters(o.id) AS parameters
  FROM @extschema@.organization o
),
finding AS (
  SELECT av.id, av.organization_id, av.asset_id, av.vulnerability_id, av.detected_at, av.resolved_at, av.resolution,
         a.tag, a.name, a.asset_type, a.lifecycle_state, a.safety_related, a.zone_id,
         coalesce(ec.effective_criticality, a.criticality) AS effective_criticality,
         zx.ssvc_system_exposure AS exposure,
         v.cve_id, v.title, v.cvss, v.epss, v.epss_percentile, v.kev, v.kev_due_on, v.published_on,
         @extschema@.cvss_with_requirements(v.cvss, a.confidentiality_requirement, a.integrity_requirement,
                                            a.availability_requirement) AS asset_cvss,
         p.parameters,
         x.code AS exception_code, x.expires_on AS exception_expires_on
  FROM @extschema@.asset_vulnerability av
  JOIN @extschema@.asset a ON a.organization_id = av.organization_id AND a.id = av.asset_id
  JOIN @extschema@.vulnerability v ON v.organization_id = av.organization_id AND v.id = av.vulnerability_id
  JOIN parameters p ON p.organization_id = av.organization_id
  LEFT JOIN @extschema@.asset_effective_criticality ec ON ec.organization_id = a.organization_id AND ec.id = a.id
  LEFT JOIN @extschema@.zone z ON z.organization_id = a.organization_id AND z.id = a.zone_id
  LEFT JOIN @extschema@.zone_exposure_setting zx ON zx.organization_id = z.organization_id AND zx.exposure = z.exposure
  -- the approved exception covering it now (exception_covers), the one lasting longest
  LEFT JOIN LATERAL (
    SELECT e.code, e.expires_on
    FROM @extschema@.vulnerability_exception e
    WHERE e.organization_id = av.organization_id AND e.asset_id = av.asset_id
      AND (e.vulnerability_id IS NULL OR e.vulnerability_id = av.vulnerability_id)
      AND e.status = 'approved' AND e.decided_at <= pg_catalog.now()
      AND (pg_catalog.now() AT TIME ZONE 'UTC')::date <= e.expires_on
    ORDER BY e.expires_on DESC, e.code
    LIMIT 1
  ) x ON true
  WHERE av.applicability = 'affected'
     -- or undetermined, and a person decided it applies
     OR EXISTS (SELECT 1 FROM @extschema@.asset_vulnerability_review r
                WHERE r.organization_id = av.organization_id AND r.asset_vulnerability_id = av.id AND r.verdict = 'affected')
),
scored AS (
  SELECT f.*,
         @extschema@.patch_decision(f.asset_cvss, f.epss, f.kev, f.effective_criticality, f.safety_related,
                                    f.exposure, f.exception_code IS NOT NULL, f.parameters) AS decision,
         @extschema@.patch_priority(f.asset_cvss, f.epss, f.kev, f.effective_criticality, f.safety_related,
                                    f.exposure, f.exception_code IS NOT NULL, f.parameters) AS priority
  FROM finding f
),
due AS (
  -- remediation_due_on's rule, with the SLA days joined once instead of read per row
  SELECT s.*,
         LEAST((s.detected_at AT TIME ZONE 'UTC')::date + coalesce(sla.days, dflt.days), s.kev_due_on) AS due_on
  FROM scored s
  LEFT JOIN @extschema@.remediation_sla_setting sla ON sla.organization_id = s.organization_id AND sla.band = s.decision
  LEFT JOIN @extschema@.remediation_sla_default dflt ON dflt.settings_profile = 'default' AND dflt.band = s.decision
)
SELECT s.id,
       s.organization_id,
       o.code AS organization_code,
       z.site_id,
       st.code AS site_code,
       z.name AS zone,
       s.asset_id,
       s.tag AS asset_tag,
       s.name AS asset_name,
       s.asset_type,
       s.lifecycle_state,
       s.effective_criticality,
       s.safety_related,
       s.exposure,
       s.vulnerability_id,
       s.cve_id,
       s.title,
       s.cvss::text AS cvss_vector,
       @extschema@.cvss_score(s.cvss)::numeric(3,1) AS cvss_score,
       @extschema@.cvss_severity(s.cvss) AS cvss_severity,
       @extschema@.cvss_score(s.asset_cvss)::numeric(3,1) AS asset_cvss_score,
       @extschema@.cvss_severity(s.asset_cvss) AS asset_cvss_severity,
       s.epss,
       s.epss_percentile,
       s.kev,
       s.kev_due_on,
       s.published_on,
       s.detected_at,
       s.resolved_at,
       s.resolution,
       pg_catalog.round((pg_catalog.date_part('epoch', coalesce(s.resolved_at, pg_catalog.now()) - s.detected_at) / 86400)::numeric, 1)::numeric(8,1)
         AS days_open,
       s.decision,
       s.priority::numeric(4,1) AS priority,
       s.due_on,
       @extschema@.remediation_sla_state(s.organization_id, s.due_on, s.resolved_at, pg_catalog.now()) AS sla_state,
       s.exception_code IS NOT NULL AS exception_covered,
       s.exception_code,
       s.exception_expires_on
FROM due s
JOIN @extschema@.organization o ON o.id = s.organization_id
LEFT JOIN @extschema@.zone z ON z.organization_id = s.organization_id AND z.id = s.zone_id
LEFT JOIN @extschema@.site st ON st.organization_id = z.organization_id AND st.id = z.site_id;
COMMENT ON VIEW @extschema@.vulnerability_finding IS
  'Every (asset, vulnerability) an affected range applies to (or a person decided applies: asset_vulnerability_review), '
  'open or resolved, scored as the patch queue scores it '
  '(priority band and priority today, with the asset''s requirements, effective criticality and zone exposure, the '
  'covering exception''s compensating controls and the organisation''s parameters), with its due date and SLA state: '
  'the findings the patch KPIs count.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.id IS 'The finding (asset_vulnerability.id).';
COMMENT ON COLUMN @extschema@.vulnerability_finding.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.organization_code IS 'Organisation code.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.site_id IS 'Site of the asset''s zone.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.site_code IS 'Site code.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.zone IS 'Zone of the asset.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.asset_id IS 'The asset.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.asset_tag IS 'Asset tag.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.asset_name IS 'Asset name.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.asset_type IS 'Asset type.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.lifecycle_state IS 'Asset lifecycle state.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.effective_criticality IS 'Effective criticality 1..5 (inherited along asset dependencies).';
COMMENT ON COLUMN @extschema@.vulnerability_finding.safety_related IS 'Whether the asset is safety related.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.exposure IS 'SSVC system exposure of the asset''s zone; NULL without a zone (scored as controlled).';
COMMENT ON COLUMN @extschema@.vulnerability_finding.vulnerability_id IS 'The vulnerability.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.cve_id IS 'CVE identifier.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.title IS 'Vulnerability title.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.cvss_vector IS 'CVSS vector as published (text).';
COMMENT ON COLUMN @extschema@.vulnerability_finding.cvss_score IS 'CVSS score of the published vector.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.cvss_severity IS 'Severity of the published vector: none, low, medium, high or critical.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.asset_cvss_score IS 'CVSS score with the asset''s requirements applied.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.asset_cvss_severity IS 'Severity of asset_cvss_score.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.epss IS 'EPSS probability.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.epss_percentile IS 'EPSS percentile.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.kev IS 'Listed in CISA KEV.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.kev_due_on IS 'KEV remediation due date.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.published_on IS 'Public disclosure date.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.detected_at IS 'When the vulnerability was found to apply to the asset.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.resolved_at IS 'When it stopped applying; NULL while open.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.resolution IS 'patched, version_changed, no_longer_affected or asset_retired.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.days_open IS 'Days from detection to resolution, or to now while open (vulnerability aging).';
COMMENT ON COLUMN @extschema@.vulnerability_finding.decision IS 'patch_decision today: immediate, out-of-cycle, scheduled or defer (the priority band).';
COMMENT ON COLUMN @extschema@.vulnerability_finding.priority IS 'patch_priority today, 0..100.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.due_on IS
  'Remediation due date (remediation_due_on): detection date plus the organisation''s SLA days for the band, or the '
  'KEV due date when earlier.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.sla_state IS 'remediation_sla_state today: open, due_soon, overdue, met or missed.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.exception_covered IS 'An approved, unexpired exception covers it today.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.exception_code IS 'The covering exception (the one lasting longest).';
COMMENT ON COLUMN @extschema@.vulnerability_finding.exception_expires_on IS 'When the covering exception expires.';

CREATE VIEW @extschema@.patch_queue WITH (security_invoker = true) AS
SELECT f.id,
       f.organization_id,
       f.organization_code,
       f.site_code,
       f.zone,
       f.asset_id,
       f.asset_tag,
       f.asset_name,
       f.asset_type,
       f.lifecycle_state,
       f.effective_criticality,
       f.safety_related,
       f.exposure,
       f.vulnerability_id,
       f.cve_id,
       f.title,
       f.cvss_vector,
       f.cvss_score,
       f.asset_cvss_score,
       f.asset_cvss_severity,
       f.epss,
       f.epss_percentile,
       f.kev,
       f.kev_due_on,
       f.published_on,
       f.detected_at,
       f.days_open,
       f.decision,
       f.priority,
       pg_catalog.rank() OVER (PARTITION BY f.organization_id ORDER BY f.priority DESC, f.kev DESC, f.epss DESC NULLS LAST)
         AS queue_rank,
       f.due_on,
       f.sla_state,
       f.due_on - (pg_catalog.now() AT TIME ZONE 'UTC')::date AS days_to_due,
       f.exception_covered,
       f.exception_code,
       f.exception_expires_on,
       fix.code AS patch_code,
       fix.vendor_qualification AS patch_qualification,
       fix.state AS deployment_state
FROM @extschema@.vulnerability_finding f
-- the newest patch that fixes it, and where its deployment on this asset stands
LEFT JOIN LATERAL (
  SELECT pt.code, pt.vendor_qualification, d.state
  FROM @extschema@.patch_vulnerability pv
  JOIN @extschema@.patch pt ON pt.organization_id = pv.organization_id AND pt.id = pv.patch_id
  LEFT JOIN @extschema@.patch_deployment d
    ON d.organization_id = pv.organization_id AND d.patch_id = pv.patch_id AND d.asset_id = f.asset_id
  WHERE pv.organization_id = f.organization_id AND pv.vulnerability_id = f.vulnerability_id
  ORDER BY pt.released_on DESC NULLS LAST, pt.code
  LIMIT 1
) fix ON true
WHERE f.resolved_at IS NULL;
COMMENT ON VIEW @extschema@.patch_queue IS
  'Every applicable, unremediated (asset, vulnerability) (asset_vulnerability: affected and open), ranked per organisation '
  'by patch_priority over the vector with the asset''s requirements, EPSS, KEV, the asset''s effective criticality '
  '(inherited along dependencies), safety relevance and zone exposure, with the organisation''s priority parameters.';
COMMENT ON COLUMN @extschema@.patch_queue.id IS 'The finding (asset_vulnerability.id).';
COMMENT ON COLUMN @extschema@.patch_queue.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.patch_queue.organization_code IS 'Organisation code.';
COMMENT ON COLUMN @extschema@.patch_queue.site_code IS 'Site of the asset''s zone.';
COMMENT ON COLUMN @extschema@.patch_queue.zone IS 'Zone of the asset.';
COMMENT ON COLUMN @extschema@.patch_queue.asset_id IS 'The asset.';
COMMENT ON COLUMN @extschema@.patch_queue.asset_tag IS 'Asset tag.';
COMMENT ON COLUMN @extschema@.patch_queue.asset_name IS 'Asset name.';
COMMENT ON COLUMN @extschema@.patch_queue.asset_type IS 'Asset type.';
COMMENT ON COLUMN @extschema@.patch_queue.lifecycle_state IS 'Asset lifecycle state (legacy and unsupported assets are candidates for exceptions).';
COMMENT ON COLUMN @extschema@.patch_queue.effective_criticality IS 'Effective criticality 1..5 (inherited along asset dependencies, highest wins).';
COMMENT ON COLUMN @extschema@.patch_queue.safety_related IS 'Whether the asset is safety related.';
COMMENT ON COLUMN @extschema@.patch_queue.exposure IS 'SSVC system exposure of the asset''s zone (small, controlled, open); NULL without a zone (scored as controlled).';
COMMENT ON COLUMN @extschema@.patch_queue.vulnerability_id IS 'The vulnerability.';
COMMENT ON COLUMN @extschema@.patch_queue.cve_id IS 'CVE identifier.';
COMMENT ON COLUMN @extschema@.patch_queue.title IS 'Vulnerability title.';
COMMENT ON COLUMN @extschema@.patch_queue.cvss_vector IS 'CVSS vector as published (text).';
COMMENT ON COLUMN @extschema@.patch_queue.cvss_score IS 'CVSS score of the published vector.';
COMMENT ON COLUMN @extschema@.patch_queue.asset_cvss_score IS 'CVSS score with the asset''s confidentiality, integrity and availability requirements applied.';
COMMENT ON COLUMN @extschema@.patch_queue.asset_cvss_severity IS 'Severity of asset_cvss_score.';
COMMENT ON COLUMN @extschema@.patch_queue.epss IS 'EPSS probability.';
COMMENT ON COLUMN @extschema@.patch_queue.epss_percentile IS 'EPSS percentile.';
COMMENT ON COLUMN @extschema@.patch_queue.kev IS 'Listed in CISA KEV.';
COMMENT ON COLUMN @extschema@.patch_queue.kev_due_on IS 'KEV remediation due date.';
COMMENT ON COLUMN @extschema@.patch_queue.published_on IS 'Public disclosure date.';
COMMENT ON COLUMN @extschema@.patch_queue.detected_at IS 'When the vulnerability was found to apply to the asset.';
COMMENT ON COLUMN @extschema@.patch_queue.days_open IS 'Days since detected_at (vulnerability aging).';
COMMENT ON COLUMN @extschema@.patch_queue.decision IS 'patch_decision: immediate, out-of-cycle, scheduled or defer (the priority band).';
COMMENT ON COLUMN @extschema@.patch_queue.priority IS 'patch_priority 0..100.';
COMMENT ON COLUMN @extschema@.patch_queue.queue_rank IS 'Rank in the organisation''s queue (1 = patch first): priority, then KEV, then EPSS.';
COMMENT ON COLUMN @extschema@.patch_queue.due_on IS
  'Remediation due date (remediation_due_on): detection date plus the organisation''s SLA days for the decision''s band, '
  'or the KEV due date when earlier.';
COMMENT ON COLUMN @extschema@.patch_queue.sla_state IS 'open, due_soon or overdue (remediation_sla_state today).';
COMMENT ON COLUMN @extschema@.patch_queue.days_to_due IS 'Days until the due date (negative: overdue by that many days).';
COMMENT ON COLUMN @extschema@.patch_queue.exception_covered IS
  'An approved, unexpired exception covers it (its compensating controls lower the priority: compensated).';
COMMENT ON COLUMN @extschema@.patch_queue.exception_code IS 'The covering exception (the one lasting longest).';
COMMENT ON COLUMN @extschema@.patch_queue.exception_expires_on IS 'When the covering exception expires.';
COMMENT ON COLUMN @extschema@.patch_queue.patch_code IS 'The newest patch that fixes the vulnerability; NULL when none is recorded.';
COMMENT ON COLUMN @extschema@.patch_queue.patch_qualification IS 'Vendor qualification of that patch: qualified, not_qualified or not_tested.';
COMMENT ON COLUMN @extschema@.patch_queue.deployment_state IS
  'State of that patch''s deployment on the asset (identified .. verified, rolled_back); NULL when not started.';

INSERT INTO @extschema@.object_access_class (object_name, object_class) VALUES
  ('vulnerability_finding', 'view'),
  ('patch_queue', 'view');
-- Placing approved patch deployments into the next maintenance windows of their sites (issue 5,
-- "Maintenance windows"): plan_maintenance over the deployments waiting to be deployed.

CREATE FUNCTION @extschema@.plan_patch_deployments(organization_id uuid, from_time timestamptz DEFAULT pg_catalog.now(),
                                                   horizon_days integer DEFAULT 90)
RETURNS TABLE (deployment_id uuid, patch_code text, asset_tag text, site_code text, state text, duration_hours numeric,
               priority numeric, window_id uuid, window_name text, local_date date, planned_start timestamptz,
               planned_end timestamptz, unplaced_reason text)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
AS $$
  WITH waiting AS (
    SELECT d.id, p.code AS patch_code, a.tag, z.site_id, st.code AS site_code, d.state,
           p.estimated_duration_hours, d.priority,
           -- the lifecycle refuses to deploy there without one (patch_deployment_transition_check)
           coalesce(e.requires_rollback_plan, false)
             AND pg_catalog.btrim(coalesce(p.rollback_plan, '')) OPERATOR(pg_catalog.=) '' AS lacks_rollback_plan,
           -- a deployment the scheduled route approved for a later cycle waits for it
           GREATEST($2, d.scheduled_for) AS not_before
    FROM @extschema@.patch_deployment d
    JOIN @extschema@.patch p ON p.organization_id OPERATOR(pg_catalog.=) d.organization_id AND p.id OPERATOR(pg_catalog.=) d.patch_id
    JOIN @extschema@.asset a ON a.organization_id OPERATOR(pg_catalog.=) d.organization_id AND a.id OPERATOR(pg_catalog.=) d.asset_id
    LEFT JOIN @extschema@.zone z ON z.organization_id OPERATOR(pg_catalog.=) a.organization_id AND z.id OPERATOR(pg_catalog.=) a.zone_id
    LEFT JOIN @extschema@.site st ON st.organization_id OPERATOR(pg_catalog.=) z.organization_id AND st.id OPERATOR(pg_catalog.=) z.site_id
    LEFT JOIN @extschema@.organization_deployment_environment e
      ON e.organization_id OPERATOR(pg_catalog.=) a.organization_id AND e.environment OPERATOR(pg_catalog.=) a.environment
    WHERE d.organization_id OPERATOR(pg_catalog.=) $1 AND d.state OPERATOR(pg_catalog.=) ANY (ARRAY['approved', 'tested'])
  ),
  plan AS (
    SELECT m.*
    FROM @extschema@.plan_maintenance($1,
           coalesce((SELECT pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
                              'id', w.id, 'site_id', w.site_id, 'duration_hours', w.estimated_duration_hours,
                              'priority', coalesce(w.priority, 0), 'not_before', w.not_before))
                     FROM waiting w
                     WHERE w.site_id IS NOT NULL AND w.estimated_duration_hours IS NOT NULL AND NOT w.lacks_rollback_plan),
                    '[]'::jsonb),
           $2, $3) m
  )
  SELECT w.id, w.patch_code, w.tag, w.site_code, w.state, w.estimated_duration_hours, w.priority,
         m.window_id, mw.name, m.local_date, m.planned_start, m.planned_end,
         CASE WHEN w.site_id IS NULL THEN 'no_site'
              WHEN w.estimated_duration_hours IS NULL THEN 'no_estimate'
              WHEN w.lacks_rollback_plan THEN 'no_rollback_plan'
              ELSE m.unplaced_reason END
  FROM waiting w
  LEFT JOIN plan m ON m.item_id OPERATOR(pg_catalog.=) w.id
  LEFT JOIN @extschema@.maintenance_window mw
    ON mw.organization_id OPERATOR(pg_catalog.=) $1 AND mw.id OPERATOR(pg_catalog.=) m.window_id
  ORDER BY m.placement_order NULLS LAST, w.priority DESC NULLS LAST, w.tag
$$;
COMMENT ON FUNCTION @extschema@.plan_patch_deployments(uuid, timestamptz, integer) IS
  'Places the organisation''s deployments waiting to be deployed (approved or tested) into the next maintenance windows '
  'of their asset''s site (plan_maintenance): highest priority first, each with its patch''s estimated duration, not '
  'before from_time or the cycle it was scheduled for, never overfilling a window.  Every deployment comes back once: '
  'placed (window, local date, planned start and end) or with the reason it is not: no_site (asset without a site), '
  'no_estimate (patch without estimated_duration_hours), no_rollback_plan (the asset''s environment requires a rollback '
  'plan the patch lacks, so the lifecycle would refuse to deploy it), or plan_maintenance''s reasons.';
-- Patch management KPIs (issue 5, "Views"; the seed's "Patch Management Performance Metrics"),
-- every one computed from recorded events with their own timestamps: detections, resolutions,
-- lifecycle transitions, validation runs, exception decisions.  One event stream, aggregated over
-- the last 365 days (patch_kpis) or by month (patch_kpis_monthly), for each organisation and each
-- of its sites.  A finding, a deployment or an exception belongs to the site of its asset's zone.

CREATE VIEW @extschema@.patch_kpi_event WITH (security_invoker = true) AS
-- the organisation identified a vulnerability: detection time from public disclosure
SELECT v.id::text || '/detection' AS id, v.organization_id, NULL::uuid AS site_id, 'detection'::text AS kind,
       v.identified_at AS at,
       (pg_catalog.date_part('epoch', v.identified_at - (v.published_on::timestamp AT TIME ZONE 'UTC')) / 86400)::numeric(10,2) AS value,
       NULL::boolean AS flag, NULL::integer AS count_a, NULL::integer AS count_b
FROM @extschema@.vulnerability v
WHERE v.published_on IS NOT NULL
UNION ALL
-- a vulnerability first found on a site's assets: the site's detection time from disclosure
SELECT f.vulnerability_id::text || '/' || f.site_id::text || '/site_detection', f.organization_id, f.site_id,
       'site_detection', pg_catalog.min(f.detected_at),
       (pg_catalog.date_part('epoch', pg_catalog.min(f.detected_at) - (f.published_on::timestamp AT TIME ZONE 'UTC')) / 86400)::numeric(10,2),
       NULL, NULL, NULL
FROM @extschema@.vulnerability_finding f
WHERE f.site_id IS NOT NULL AND f.published_on IS NOT NULL
GROUP BY f.organization_id, f.site_id, f.vulnerability_id, f.published_on
UNION ALL
-- a finding remediated (patched, or the asset's version moved out of the range): within its SLA?
-- count_a = 1 for a vulnerability of critical severity
SELECT f.id::text || '/remediation', f.organization_id, f.site_id, 'remediation', f.resolved_at,
       (pg_catalog.date_part('epoch', f.resolved_at - f.detected_at) / 86400)::numeric(10,2),
       f.sla_state = 'met', (f.cvss_severity = 'critical')::integer, NULL
FROM @extschema@.vulnerability_finding f
WHERE f.resolution IN ('patched', 'version_changed')
UNION ALL
-- lifecycle transitions of deployments (approval to test, approval to production deployment,
-- deployments that stayed, rollbacks and their outcome)
SELECT t.id::text, t.organization_id, z.site_id,
       CASE t.to_state WHEN 'tested' THEN 'test' WHEN 'deployed' THEN 'deployment' ELSE 'rollback' END,
       t.at,
       CASE WHEN t.to_state IN ('tested', 'deployed') AND d.approved_at IS NOT NULL
            THEN pg_catalog.date_part('epoch', t.at - d.approved_at) / 86400 END::numeric(10,2),
       CASE t.to_state
         WHEN 'deployed' THEN NOT EXISTS (
           SELECT 1 FROM @extschema@.patch_deployment_transition r
           WHERE r.organization_id = t.organization_id AND r.deployment_id = t.deployment_id
             AND r.to_state = 'rolled_back' AND (r.at, r.transition_no) > (t.at, t.transition_no))
         WHEN 'rolled_back' THEN t.rollback_outcome = 'succeeded'
       END,
       -- count_a = 1 for a deployment to the organisation's last environment (production)
       (t.to_state = 'deployed' AND e.position = (SELECT pg_catalog.max(x.position) FROM @extschema@.organization_deployment_environment x
                                                 WHERE x.organization_id = t.organization_id))::integer,
       NULL
FROM @extschema@.patch_deployment_transition t
JOIN @extschema@.patch_deployment d ON d.organization_id = t.organization_id AND d.id = t.deployment_id
JOIN @extschema@.asset a ON a.organization_id = d.organization_id AND a.id = d.asset_id
LEFT JOIN @extschema@.organization_deployment_environment e ON e.organization_id = a.organization_id AND e.environment = a.environment
LEFT JOIN @extschema@.zone z ON z.organization_id = a.organization_id AND z.id = a.zone_id
WHERE t.to_state IN ('tested', 'deployed', 'rolled_back')
UNION ALL
-- validation runs: performance impact, passed, regression cases run (count_a) of required
-- (count_b); and, as a second event of the run, its hours and compatibility issues
SELECT r.id::text || '/validation', r.organization_id, NULL::uuid, 'validation', r.finished_at,
       r.performance_impact_percent::numeric(10,2), r.outcome = 'passed', r.regression_cases_run, r.regression_cases_required
FROM @extschema@.patch_test_run r
WHERE r.finished_at IS NOT NULL
UNION ALL
SELECT r.id::text || '/compatibility', r.organization_id, NULL::uuid, 'compatibility', r.finished_at,
       (pg_catalog.date_part('epoch', r.finished_at - r.started_at) / 3600)::numeric(10,2), NULL, r.compatibility_issues, NULL
FROM @extschema@.patch_test_run r
WHERE r.finished_at IS NOT NULL
UNION ALL
-- exception decisions: approved or rejected
SELECT x.id::text, x.organization_id, z.site_id, 'exception_decision', x.decided_at, NULL::numeric(10,2), x.status = 'approved', NULL, NULL
FROM @extschema@.vulnerability_exception x
JOIN @extschema@.asset a ON a.organization_id = x.organization_id AND a.id = x.asset_id
LEFT JOIN @extschema@.zone z ON z.organization_id = a.organization_id AND z.id = a.zone_id
WHERE x.decided_at IS NOT NULL;
COMMENT ON VIEW @extschema@.patch_kpi_event IS
  'The recorded events the patch KPIs are computed from, one row each, with the site of the asset: detection '
  '(the organisation identified a vulnerability), site_detection (a vulnerability first found on a site''s assets), '
  'remediation, test and deployment (lifecycle transitions), rollback, validation and compatibility (validation '
  'runs), exception_decision.';
COMMENT ON COLUMN @extschema@.patch_kpi_event.id IS 'The source row''s id, with the kind where one row gives several events.';
COMMENT ON COLUMN @extschema@.patch_kpi_event.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.patch_kpi_event.site_id IS
  'Site of the asset''s zone; NULL for identifications and validation runs (per organisation and environment, not site) '
  'and for assets without a site.';
COMMENT ON COLUMN @extschema@.patch_kpi_event.kind IS
  'detection, site_detection, remediation, test, deployment, rollback, validation, compatibility or exception_decision.';
COMMENT ON COLUMN @extschema@.patch_kpi_event.at IS 'When the event happened (its own recorded time).';
COMMENT ON COLUMN @extschema@.patch_kpi_event.value IS
  'detection, site_detection: days from disclosure; remediation: days from detection; test, deployment: days from approval; '
  'validation: performance impact in percent; compatibility: hours the run took.';
COMMENT ON COLUMN @extschema@.patch_kpi_event.flag IS
  'remediation: within the SLA; deployment: not rolled back since; rollback: succeeded; validation: passed; '
  'exception_decision: approved.';
COMMENT ON COLUMN @extschema@.patch_kpi_event.count_a IS
  'remediation: 1 for a critical-severity vulnerability; deployment: 1 for the last environment (production); '
  'validation: regression cases run; compatibility: compatibility issues found.';
COMMENT ON COLUMN @extschema@.patch_kpi_event.count_b IS 'validation: regression cases required.';

-- The KPIs of the events of a period, one definition for every period: each UTC calendar month
-- since the organisation's first event, and the last 365 days.
CREATE VIEW @extschema@.patch_kpis_by_period WITH (security_invoker = true) AS
WITH event AS MATERIALIZED (
  -- the events and the findings, each computed once (every period reads them)
  SELECT e.id, e.organization_id, e.site_id, e.kind, e.at, e.value, e.flag, e.count_a, e.count_b
  FROM @extschema@.patch_kpi_event e
),
finding AS MATERIALIZED (
  SELECT f.organization_id, f.site_id, f.detected_at, f.resolved_at
  FROM @extschema@.vulnerability_finding f
),
periods AS (
  SELECT f.organization_id, 'month'::text AS period, m.month_start AS period_start, m.month_end AS period_end
  FROM (SELECT e.organization_id, pg_catalog.min(e.at) AS first_event FROM event e GROUP BY e.organization_id) f
  CROSS JOIN LATERAL @extschema@.utc_months(f.first_event) m
  UNION ALL
  SELECT o.id, 'last_365_days', pg_catalog.now() - '365 days'::interval, pg_catalog.now()
  FROM @extschema@.organization o
  -- asset owners, and any organisation with patch events (not every supplier)
  WHERE EXISTS (SELECT 1 FROM @extschema@.organization_role r WHERE r.organization_id = o.id AND r.role = 'asset_owner')
     OR EXISTS (SELECT 1 FROM event e WHERE e.organization_id = o.id)
),
scopes AS (
  SELECT p.*, NULL::uuid AS site_id FROM periods p
  UNION ALL
  SELECT p.*, st.id FROM periods p JOIN @extschema@.site st ON st.organization_id = p.organization_id
),
event_period AS (
  -- each event keyed by its period: its UTC month, and the last 365 days when then (equal keys,
  -- not a range join of every period with every event)
  SELECT e.*, 'month'::text AS period,
         (pg_catalog.date_trunc('month', e.at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC') AS period_start
  FROM event e
  UNION ALL
  SELECT e.*, 'last_365_days', pg_catalog.now() - '365 days'::interval
  FROM event e
  WHERE e.at >= pg_catalog.now() - '365 days'::interval AND e.at < pg_catalog.now()
),
totals AS (
  SELECT s.organization_id, s.period, s.period_start, s.site_id,
         -- detection time: the organisation's identifications; a site's: its first detections
         pg_catalog.avg(e.value) FILTER (WHERE e.kind = CASE WHEN s.site_id IS NULL THEN 'detection' ELSE 'site_detection' END)
           AS detection_days,
         pg_catalog.count(e.id) FILTER (WHERE e.kind = CASE WHEN s.site_id IS NULL THEN 'detection' ELSE 'site_detection' END)
           AS detections,
         pg_catalog.avg(e.value) FILTER (WHERE e.kind = 'test') AS test_days,
         pg_catalog.avg(e.value) FILTER (WHERE e.kind = 'deployment' AND e.count_a = 1) AS production_days,
         pg_catalog.avg(e.value) FILTER (WHERE e.kind = 'remediation' AND e.count_a = 1) AS critical_days,
         pg_catalog.count(e.id) FILTER (WHERE e.kind = 'deployment') AS deployments,
         pg_catalog.count(e.id) FILTER (WHERE e.kind = 'deployment' AND e.flag) AS deployments_kept,
         pg_catalog.count(e.id) FILTER (WHERE e.kind = 'rollback') AS rollbacks,
         pg_catalog.count(e.id) FILTER (WHERE e.kind = 'rollback' AND e.flag) AS rollbacks_succeeded,
         pg_catalog.count(e.id) FILTER (WHERE e.kind = 'remediation') AS remediations,
         pg_catalog.count(e.id) FILTER (WHERE e.kind = 'remediation' AND e.flag) AS remediations_in_sla,
         pg_catalog.count(e.id) FILTER (WHERE e.kind = 'exception_decision') AS exception_decisions,
         pg_catalog.count(e.id) FILTER (WHERE e.kind = 'exception_decision' AND e.flag) AS exceptions_approved,
         pg_catalog.count(e.id) FILTER (WHERE e.kind = 'validation') AS validations,
         pg_catalog.sum(e.count_a) FILTER (WHERE e.kind = 'validation') AS cases_run,
         pg_catalog.sum(e.count_b) FILTER (WHERE e.kind = 'validation') AS cases_required,
         pg_catalog.avg(e.value) FILTER (WHERE e.kind = 'validation') AS performance_impact,
         pg_catalog.sum(e.count_a) FILTER (WHERE e.kind = 'compatibility') AS compatibility_issues,
         pg_catalog.avg(e.value) FILTER (WHERE e.kind = 'compatibility') AS validation_hours
  FROM scopes s
  LEFT JOIN event_period e
    ON e.organization_id = s.organization_id AND e.period = s.period AND e.period_start = s.period_start
   AND (s.site_id IS NULL OR e.site_id = s.site_id)
  GROUP BY s.organization_id, s.period, s.period_start, s.site_id
),
signal AS (
  -- findings open at a period's end E, counted without a range join of every period with every
  -- finding: detected before E and not resolved before E (resolved_at >= detected_at), so
  -- open(E) = #(detected < E) - #(resolved < E); the sum of their detection times likewise (mean
  -- age); open over 90 days at E: #(detected + 90 days < E) - #(resolved, and both that and the
  -- resolution < E).  Each finding gives these signed steps at their times.
  SELECT f.organization_id, f.site_id, f.detected_at AS at, 1 AS open_step,
         pg_catalog.extract('epoch', f.detected_at) AS detected_epoch, 0 AS over_90_step
  FROM finding f
  UNION ALL
  SELECT f.organization_id, f.site_id, f.resolved_at, -1, -pg_catalog.extract('epoch', f.detected_at), 0
  FROM finding f WHERE f.resolved_at IS NOT NULL
  UNION ALL
  SELECT f.organization_id, f.site_id, f.detected_at + '2160 hours'::interval, 0, 0, 1
  FROM finding f
  UNION ALL
  SELECT f.organization_id, f.site_id, GREATEST(f.detected_at + '2160 hours'::interval, f.resolved_at), 0, 0, -1
  FROM finding f WHERE f.resolved_at IS NOT NULL
),
signal_bucket AS (
  -- the steps summed per UTC month, split at now (the end of the last 365 days), per organisation and site
  SELECT g.organization_id, g.site_id, GROUPING(g.site_id) = 1 AS whole_organization, g.month, g.before_now,
         pg_catalog.sum(g.open_step) AS open_step, pg_catalog.sum(g.detected_epoch) AS detected_epoch,
         pg_catalog.sum(g.over_90_step) AS over_90_step
  FROM (SELECT x.*, pg_catalog.date_trunc('month', x.at AT TIME ZONE 'UTC') AS month, x.at < pg_catalog.now() AS before_now
        FROM signal x) g
  GROUP BY GROUPING SETS ((g.organization_id, g.month, g.before_now), (g.organization_id, g.site_id, g.month, g.before_now))
),
open_at_end AS (
  -- findings open at the period's end, and their mean age then (vulnerability aging): the steps
  -- before the end (a month's end is the next month's start; the last 365 days end now)
  SELECT s.organization_id, s.period, s.period_start, s.site_id,
         coalesce(pg_catalog.sum(b.open_step), 0)::bigint AS open_findings,
         (pg_catalog.sum(b.open_step) * pg_catalog.extract('epoch', s.period_end) - pg_catalog.sum(b.detected_epoch))
           / NULLIF(pg_catalog.sum(b.open_step), 0) / 86400 AS mean_age_days,
         coalesce(pg_catalog.sum(b.over_90_step), 0)::bigint AS open_over_90_days
  FROM scopes s
  LEFT JOIN signal_bucket b
    ON b.organization_id = s.organization_id AND b.whole_organization = (s.site_id IS NULL)
   AND (s.site_id IS NULL OR b.site_id = s.site_id)
   AND CASE s.period WHEN 'month' THEN b.month < (s.period_end AT TIME ZONE 'UTC') ELSE b.before_now END
  GROUP BY s.organization_id, s.period, s.period_start, s.site_id, s.period_end
)
SELECT s.organization_id::text || '/' || coalesce(s.site_id::text, '*') || '/'
         || CASE s.period WHEN 'month' THEN pg_catalog.to_char(s.period_start AT TIME ZONE 'UTC', 'YYYY-MM') ELSE s.period END AS id,
       s.organization_id,
       o.code AS organization_code,
       CASE WHEN s.site_id IS NULL THEN 'organization' ELSE 'site' END AS scope,
       s.site_id,
       st.code AS site_code,
       s.period,
       s.period_start AS time,
       s.period_end,
       t.detections,
       pg_catalog.round(t.detection_days, 1)::numeric(8,1) AS detection_time_days,
       pg_catalog.round(t.test_days, 1)::numeric(8,1) AS testing_time_days,
       pg_catalog.round(t.production_days, 1)::numeric(8,1) AS deployment_time_days,
       pg_catalog.round(t.critical_days, 1)::numeric(8,1) AS time_to_patch_critical_days,
       t.deployments,
       pg_catalog.round(100.0 * t.deployments_kept / NULLIF(t.deployments, 0), 1)::numeric(5,1) AS patch_success_rate_percent,
       t.rollbacks,
       pg_catalog.round(100.0 * t.rollbacks_succeeded / NULLIF(t.rollbacks, 0), 1)::numeric(5,1) AS rollback_success_rate_percent,
       t.remediations,
       pg_catalog.round(100.0 * t.remediations_in_sla / NULLIF(t.remediations, 0), 1)::numeric(5,1) AS remediated_within_sla_percent,
       t.exception_decisions,
       pg_catalog.round(100.0 * t.exceptions_approved / NULLIF(t.exception_decisions, 0), 1)::numeric(5,1) AS exception_approval_rate_percent,
       t.validations AS validation_runs,
       pg_catalog.round(100.0 * t.cases_run / NULLIF(t.cases_required, 0), 1)::numeric(6,1) AS regression_test_coverage_percent,
       pg_catalog.round(t.performance_impact, 2)::numeric(6,2) AS performance_impact_percent,
       coalesce(t.compatibility_issues, 0) AS compatibility_issues,
       pg_catalog.round(t.validation_hours, 1)::numeric(8,1) AS validation_hours,
       x.open_findings,
       pg_catalog.round(x.mean_age_days::numeric, 1)::numeric(8,1) AS vulnerability_mean_age_days,
       x.open_over_90_days
FROM scopes s
JOIN @extschema@.organization o ON o.id = s.organization_id
LEFT JOIN @extschema@.site st ON st.organization_id = s.organization_id AND st.id = s.site_id
JOIN totals t ON t.organization_id = s.organization_id AND t.period = s.period AND t.period_start = s.period_start
             AND coalesce(t.site_id, t.organization_id) = coalesce(s.site_id, s.organization_id)
JOIN open_at_end x ON x.organization_id = s.organization_id AND x.period = s.period AND x.period_start = s.period_start
                  AND coalesce(x.site_id, x.organization_id) = coalesce(s.site_id, s.organization_id);
COMMENT ON VIEW @extschema@.patch_kpis_by_period IS
  'Patch management KPIs per period (each UTC calendar month since the organisation''s first event, and the last 365 '
  'days), for each organisation (scope organization) and each of its sites (scope site), from the events of '
  'patch_kpi_event in the period and the findings open at its end.  Validation runs belong to environments, not '
  'sites: their columns count on the organisation''s rows only.  patch_kpis_monthly and patch_kpis read it.';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.id IS 'Organisation id / site id (* for the whole organisation) / month (YYYY-MM) or last_365_days.';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.organization_code IS 'Organisation code.';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.scope IS 'organization or site.';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.site_id IS 'The site (scope site); NULL for the whole organisation.';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.site_code IS 'Site code (scope site).';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.period IS 'month or last_365_days.';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.time IS 'Start of the period (a month: its first instant, UTC).';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.period_end IS 'End of the period (exclusive).';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.detections IS
  'Vulnerabilities the organisation identified during the period (site rows: vulnerabilities first found on the site''s assets).';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.detection_time_days IS
  'Patch detection time: mean days from public disclosure to identification by the organisation (site rows: to the first detection on the site''s assets).';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.testing_time_days IS 'Patch testing time: mean days from approval to tested.';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.deployment_time_days IS 'Patch deployment time: mean days from approval to deployment in the organisations last environment (production).';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.time_to_patch_critical_days IS 'Time to patch critical vulnerabilities: mean days from detection to remediation of critical-severity findings.';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.deployments IS 'Deployments made (transitions to deployed).';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.patch_success_rate_percent IS 'Patch success rate: deployments not rolled back since, in percent.';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.rollbacks IS 'Rollbacks made.';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.rollback_success_rate_percent IS 'Rollback success rate: rollbacks that succeeded, in percent.';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.remediations IS 'Findings remediated (patched, or the version moved out of range).';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.remediated_within_sla_percent IS 'Vulnerability remediation rate: remediated findings resolved by their due date, in percent.';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.exception_decisions IS 'Exceptions approved or rejected.';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.exception_approval_rate_percent IS 'Exception approval rate: decided exceptions approved, in percent.';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.validation_runs IS 'Validation runs finished (organisation rows only).';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.regression_test_coverage_percent IS 'Regression test coverage: regression cases run over those required, in percent (organisation rows only).';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.performance_impact_percent IS 'Performance impact: mean measured change of the validation runs, in percent (organisation rows only).';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.compatibility_issues IS 'Compatibility issues found by validation runs (organisation rows only).';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.validation_hours IS 'Mean hours a validation run took (organisation rows only).';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.open_findings IS 'Findings open at the periods end.';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.vulnerability_mean_age_days IS 'Vulnerability aging: mean age of the findings open at the periods end, in days.';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.open_over_90_days IS 'Findings open for more than 90 days at the periods end.';

CREATE VIEW @extschema@.patch_kpis_monthly WITH (security_invoker = true) AS
SELECT k.id, k.organization_id, k.organization_code, k.scope, k.site_id, k.site_code, k.time,
       k.detections, k.detection_time_days, k.testing_time_days, k.deployment_time_days, k.time_to_patch_critical_days,
       k.deployments, k.patch_success_rate_percent, k.rollbacks, k.rollback_success_rate_percent,
       k.remediations, k.remediated_within_sla_percent, k.exception_decisions, k.exception_approval_rate_percent,
       k.validation_runs, k.regression_test_coverage_percent, k.performance_impact_percent, k.compatibility_issues,
       k.validation_hours, k.open_findings, k.vulnerability_mean_age_days, k.open_over_90_days
FROM @extschema@.patch_kpis_by_period k
WHERE k.period = 'month';
COMMENT ON VIEW @extschema@.patch_kpis_monthly IS
  'Patch management KPIs by UTC calendar month (time: the month''s start), per organisation and per site: '
  'patch_kpis_by_period''s months.';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.id IS 'Organisation id / site id (* for the whole organisation) / month (YYYY-MM).';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.organization_code IS 'Organisation code.';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.scope IS 'organization or site.';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.site_id IS 'The site (scope site); NULL for the whole organisation.';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.site_code IS 'Site code (scope site).';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.time IS 'Start of the month (UTC).';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.detections IS
  'Vulnerabilities the organisation identified during the month (site rows: vulnerabilities first found on the site''s assets).';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.detection_time_days IS
  'Patch detection time: mean days from public disclosure to identification by the organisation (site rows: to the first detection on the site''s assets).';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.testing_time_days IS 'Patch testing time: mean days from approval to tested.';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.deployment_time_days IS 'Patch deployment time: mean days from approval to deployment in the organisations last environment (production).';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.time_to_patch_critical_days IS 'Time to patch critical vulnerabilities: mean days from detection to remediation of critical-severity findings.';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.deployments IS 'Deployments made (transitions to deployed).';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.patch_success_rate_percent IS 'Patch success rate: deployments not rolled back since, in percent.';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.rollbacks IS 'Rollbacks made.';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.rollback_success_rate_percent IS 'Rollback success rate: rollbacks that succeeded, in percent.';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.remediations IS 'Findings remediated (patched, or the version moved out of range).';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.remediated_within_sla_percent IS 'Vulnerability remediation rate: remediated findings resolved by their due date, in percent.';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.exception_decisions IS 'Exceptions approved or rejected.';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.exception_approval_rate_percent IS 'Exception approval rate: decided exceptions approved, in percent.';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.validation_runs IS 'Validation runs finished (organisation rows only).';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.regression_test_coverage_percent IS 'Regression test coverage: regression cases run over those required, in percent (organisation rows only).';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.performance_impact_percent IS 'Performance impact: mean measured change of the validation runs, in percent (organisation rows only).';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.compatibility_issues IS 'Compatibility issues found by validation runs (organisation rows only).';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.validation_hours IS 'Mean hours a validation run took (organisation rows only).';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.open_findings IS 'Findings open at the months end.';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.vulnerability_mean_age_days IS 'Vulnerability aging: mean age of the findings open at the months end, in days.';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.open_over_90_days IS 'Findings open for more than 90 days at the months end.';

-- Today: the last 365 days' events, the findings open now, and the state of the inventory.
CREATE VIEW @extschema@.patch_kpis WITH (security_invoker = true) AS
WITH lagging AS (
  -- assets with an open finding for which a recorded patch exists that is not yet installed on them
  SELECT DISTINCT av.organization_id, av.asset_id
  FROM @extschema@.asset_vulnerability av
  JOIN @extschema@.patch_vulnerability pv ON pv.organization_id = av.organization_id AND pv.vulnerability_id = av.vulnerability_id
  WHERE av.resolved_at IS NULL
    AND (av.applicability = 'affected'
         OR EXISTS (SELECT 1 FROM @extschema@.asset_vulnerability_review r
                    WHERE r.organization_id = av.organization_id AND r.asset_vulnerability_id = av.id AND r.verdict = 'affected'))
    AND NOT EXISTS (SELECT 1 FROM @extschema@.patch_deployment d
                    JOIN @extschema@.patch_vulnerability x ON x.organization_id = d.organization_id AND x.patch_id = d.patch_id
                    WHERE d.organization_id = av.organization_id AND d.asset_id = av.asset_id
                      AND x.vulnerability_id = av.vulnerability_id AND d.state IN ('deployed', 'verified'))
),
inventory AS (
  SELECT a.organization_id, z.site_id, GROUPING(z.site_id) = 1 AS whole_organization,
         pg_catalog.count(*) AS assets_in_operation,
         pg_catalog.count(*) FILTER (WHERE g.asset_id IS NULL) AS compliant_assets
  FROM @extschema@.asset a
  JOIN @extschema@.lifecycle_state l ON l.code = a.lifecycle_state
  LEFT JOIN @extschema@.zone z ON z.organization_id = a.organization_id AND z.id = a.zone_id
  LEFT JOIN lagging g ON g.organization_id = a.organization_id AND g.asset_id = a.id
  WHERE l.in_operation
  GROUP BY GROUPING SETS ((a.organization_id), (a.organization_id, z.site_id))
),
scans AS (
  SELECT c.organization_id, c.site_id, GROUPING(c.site_id) = 1 AS whole_organization,
         pg_catalog.sum(c.assets_scanned) AS scanned, pg_catalog.sum(c.assets_in_operation) AS in_operation
  FROM @extschema@.scan_coverage c
  GROUP BY GROUPING SETS ((c.organization_id), (c.organization_id, c.site_id))
),
queue AS (
  SELECT f.organization_id, f.site_id, GROUPING(f.site_id) = 1 AS whole_organization,
         pg_catalog.count(*) FILTER (WHERE f.sla_state = 'overdue') AS overdue_findings,
         pg_catalog.count(*) FILTER (WHERE f.sla_state = 'due_soon') AS due_soon_findings,
         pg_catalog.count(*) FILTER (WHERE f.exception_covered) AS findings_covered_by_exception,
         pg_catalog.count(*) FILTER (WHERE f.decision = 'immediate') AS immediate_findings
  FROM @extschema@.vulnerability_finding f
  WHERE f.resolved_at IS NULL
  GROUP BY GROUPING SETS ((f.organization_id), (f.organization_id, f.site_id))
)
SELECT k.id, k.organization_id, k.organization_code, k.scope, k.site_id, k.site_code,
       k.detections, k.detection_time_days, k.testing_time_days, k.deployment_time_days, k.time_to_patch_critical_days,
       k.deployments, k.patch_success_rate_percent, k.rollbacks, k.rollback_success_rate_percent,
       k.remediations, k.remediated_within_sla_percent, k.exception_decisions, k.exception_approval_rate_percent,
       k.validation_runs, k.regression_test_coverage_percent, k.performance_impact_percent, k.compatibility_issues,
       k.validation_hours, k.open_findings, k.vulnerability_mean_age_days, k.open_over_90_days,
       coalesce(q.overdue_findings, 0) AS overdue_findings,
       coalesce(q.due_soon_findings, 0) AS due_soon_findings,
       coalesce(q.immediate_findings, 0) AS immediate_findings,
       coalesce(q.findings_covered_by_exception, 0) AS findings_covered_by_exception,
       coalesce(i.assets_in_operation, 0) AS assets_in_operation,
       coalesce(i.compliant_assets, 0) AS compliant_assets,
       pg_catalog.round(100.0 * i.compliant_assets / NULLIF(i.assets_in_operation, 0), 1)::numeric(5,1) AS patch_compliance_rate_percent,
       pg_catalog.round(100.0 * sc.scanned / NULLIF(sc.in_operation, 0), 1)::numeric(5,1) AS scan_coverage_percent
FROM @extschema@.patch_kpis_by_period k
LEFT JOIN inventory i ON i.organization_id = k.organization_id AND i.whole_organization = (k.site_id IS NULL)
                     AND coalesce(i.site_id, i.organization_id) = coalesce(k.site_id, k.organization_id)
LEFT JOIN queue q ON q.organization_id = k.organization_id AND q.whole_organization = (k.site_id IS NULL)
                 AND coalesce(q.site_id, q.organization_id) = coalesce(k.site_id, k.organization_id)
LEFT JOIN scans sc ON sc.organization_id = k.organization_id AND sc.whole_organization = (k.site_id IS NULL)
                  AND coalesce(sc.site_id, sc.organization_id) = coalesce(k.site_id, k.organization_id)
WHERE k.period = 'last_365_days';
COMMENT ON VIEW @extschema@.patch_kpis IS
  'Patch management KPIs today, per organisation (scope organization) and per site (scope site): the events of the '
  'last 365 days (patch_kpis_by_period), the findings open now and the patch compliance of the assets in operation.';
COMMENT ON COLUMN @extschema@.patch_kpis.id IS 'Organisation id / site id (* for the whole organisation) / last_365_days.';
COMMENT ON COLUMN @extschema@.patch_kpis.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.patch_kpis.organization_code IS 'Organisation code.';
COMMENT ON COLUMN @extschema@.patch_kpis.scope IS 'organization or site.';
COMMENT ON COLUMN @extschema@.patch_kpis.site_id IS 'The site (scope site); NULL for the whole organisation.';
COMMENT ON COLUMN @extschema@.patch_kpis.site_code IS 'Site code (scope site).';
COMMENT ON COLUMN @extschema@.patch_kpis.detections IS
  'Vulnerabilities the organisation identified during the last 365 days (site rows: vulnerabilities first found on the site''s assets).';
COMMENT ON COLUMN @extschema@.patch_kpis.detection_time_days IS
  'Patch detection time: mean days from public disclosure to identification by the organisation (site rows: to the first detection on the site''s assets).';
COMMENT ON COLUMN @extschema@.patch_kpis.testing_time_days IS 'Patch testing time: mean days from approval to tested.';
COMMENT ON COLUMN @extschema@.patch_kpis.deployment_time_days IS 'Patch deployment time: mean days from approval to deployment in the organisations last environment (production).';
COMMENT ON COLUMN @extschema@.patch_kpis.time_to_patch_critical_days IS 'Time to patch critical vulnerabilities: mean days from detection to remediation of critical-severity findings.';
COMMENT ON COLUMN @extschema@.patch_kpis.deployments IS 'Deployments made (transitions to deployed).';
COMMENT ON COLUMN @extschema@.patch_kpis.patch_success_rate_percent IS 'Patch success rate: deployments not rolled back since, in percent.';
COMMENT ON COLUMN @extschema@.patch_kpis.rollbacks IS 'Rollbacks made.';
COMMENT ON COLUMN @extschema@.patch_kpis.rollback_success_rate_percent IS 'Rollback success rate: rollbacks that succeeded, in percent.';
COMMENT ON COLUMN @extschema@.patch_kpis.remediations IS 'Findings remediated (patched, or the version moved out of range).';
COMMENT ON COLUMN @extschema@.patch_kpis.remediated_within_sla_percent IS 'Vulnerability remediation rate: remediated findings resolved by their due date, in percent.';
COMMENT ON COLUMN @extschema@.patch_kpis.exception_decisions IS 'Exceptions approved or rejected.';
COMMENT ON COLUMN @extschema@.patch_kpis.exception_approval_rate_percent IS 'Exception approval rate: decided exceptions approved, in percent.';
COMMENT ON COLUMN @extschema@.patch_kpis.validation_runs IS 'Validation runs finished (organisation rows only).';
COMMENT ON COLUMN @extschema@.patch_kpis.regression_test_coverage_percent IS 'Regression test coverage: regression cases run over those required, in percent (organisation rows only).';
COMMENT ON COLUMN @extschema@.patch_kpis.performance_impact_percent IS 'Performance impact: mean measured change of the validation runs, in percent (organisation rows only).';
COMMENT ON COLUMN @extschema@.patch_kpis.compatibility_issues IS 'Compatibility issues found by validation runs (organisation rows only).';
COMMENT ON COLUMN @extschema@.patch_kpis.validation_hours IS 'Mean hours a validation run took (organisation rows only).';
COMMENT ON COLUMN @extschema@.patch_kpis.open_findings IS 'Findings open at the periods end.';
COMMENT ON COLUMN @extschema@.patch_kpis.vulnerability_mean_age_days IS 'Vulnerability aging: mean age of the findings open at the periods end, in days.';
COMMENT ON COLUMN @extschema@.patch_kpis.open_over_90_days IS 'Findings open for more than 90 days at the periods end.';
COMMENT ON COLUMN @extschema@.patch_kpis.overdue_findings IS 'Open findings past their due date.';
COMMENT ON COLUMN @extschema@.patch_kpis.due_soon_findings IS 'Open findings due within the organisation''s due_soon_days.';
COMMENT ON COLUMN @extschema@.patch_kpis.immediate_findings IS 'Open findings whose band is immediate (critical).';
COMMENT ON COLUMN @extschema@.patch_kpis.findings_covered_by_exception IS 'Open findings an approved, unexpired exception covers.';
COMMENT ON COLUMN @extschema@.patch_kpis.assets_in_operation IS 'Assets in operation (lifecycle state in operation).';
COMMENT ON COLUMN @extschema@.patch_kpis.compliant_assets IS
  'Assets in operation with no open finding whose fixing patch is not yet installed on them (deployed or verified); '
  'findings without a recorded patch do not count against it.';
COMMENT ON COLUMN @extschema@.patch_kpis.patch_compliance_rate_percent IS
  'Patch compliance rate: compliant assets over assets in operation, in percent (the seed''s "systems with approved '
  'patches", read as installed).';
COMMENT ON COLUMN @extschema@.patch_kpis.scan_coverage_percent IS
  'Scan coverage: assets in operation scanned within the organisation''s coverage window, in percent (scan_coverage).';

INSERT INTO @extschema@.object_access_class (object_name, object_class) VALUES
  ('patch_kpi_event', 'view'),
  ('patch_kpis_by_period', 'view'),
  ('patch_kpis_monthly', 'view'),
  ('patch_kpis', 'view');
-- Changes 0.2.0 makes to objects that 0.1.0 created (appended to the upgrade script after the
-- files new in 0.2.0).  The fresh install gets the same result from the edited source files;
-- test/shell/upgrade.sh checks that both catalogues are identical.

-- initialize_organization_settings also copies the scan coverage window (615_vulnerability_scan.sql),
-- the patch lifecycle settings (620_patch.sql) and the remediation SLAs and policy (640_remediation_sla.sql).
CREATE OR REPLACE FUNCTION @extschema@.initialize_organization_settings(organization_id uuid, profile text DEFAULT 'default')
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
  -- deployment environments and approval routes of the patch lifecycle (620_patch.sql)
  PERFORM @extschema@.initialize_patch_lifecycle_settings(initialize_organization_settings.organization_id, profile);
  -- remediation SLAs and policy (640_remediation_sla.sql)
  PERFORM @extschema@.initialize_remediation_settings(initialize_organization_settings.organization_id, profile);
  -- scan coverage window (615_vulnerability_scan.sql)
  PERFORM @extschema@.initialize_vulnerability_settings(initialize_organization_settings.organization_id);
END
$$;
-- patch_priority/patch_decision with the shipped defaults: C functions reading the defaults once
-- per call site instead of SQL wrappers reading them at every row (340_patch_priority_parameter.sql).
CREATE OR REPLACE FUNCTION @extschema@.patch_priority(vuln @extschema@.cvss, epss numeric, kev boolean, criticality integer,
                                           safety_related boolean, exposure text, compensated boolean)
RETURNS numeric
AS 'MODULE_PATHNAME', 'patch_priority_default' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.patch_priority(@extschema@.cvss, numeric, boolean, integer, boolean, text, boolean) IS
  'patch_priority with the shipped default parameters, read once per query (for an organisation''s, pass '
  'patch_priority_parameters(org)).';
CREATE OR REPLACE FUNCTION @extschema@.patch_decision(vuln @extschema@.cvss, epss numeric, kev boolean, criticality integer,
                                           safety_related boolean, exposure text, compensated boolean)
RETURNS text
AS 'MODULE_PATHNAME', 'patch_decision_default' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.patch_decision(@extschema@.cvss, numeric, boolean, integer, boolean, text, boolean) IS
  'patch_decision with the shipped default parameters, read once per query (for an organisation''s, pass '
  'patch_priority_parameters(org)).';

-- ssvc_exploitation: the default EPSS threshold comes from data (180_ssvc.sql).
-- Not STRICT: a missing feed value is no evidence, so a CVE without an EPSS score still gets a word.
-- EPSS is the probability of exploitation activity in the next 30 days; the cut-off is data: a NULL
-- (default) epss_threshold is the shipped patch priority parameter epss_poc_threshold
-- (patch_priority_parameter_default, 0.1; see the README for why), the one patch_priority uses.
-- STABLE because it reads that catalogue; an explicit threshold reads nothing.
CREATE OR REPLACE FUNCTION @extschema@.ssvc_exploitation(kev boolean, epss numeric, poc_known boolean DEFAULT false,
                                              epss_threshold numeric DEFAULT NULL) RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  threshold numeric := epss_threshold;
BEGIN
  IF threshold IS NULL THEN
    SELECT d.epss_poc_threshold INTO threshold
    FROM @extschema@.patch_priority_parameter_default d WHERE d.settings_profile = 'default';
    IF threshold IS NULL THEN
      RAISE EXCEPTION 'the shipped EPSS threshold is missing'
        USING ERRCODE = '42704', DETAIL = 'patch_priority_parameter_default has no row for settings profile "default".';
    END IF;
  ELSIF NOT (threshold >= 0 AND threshold <= 1) THEN
    RAISE EXCEPTION 'epss_threshold % is not a probability', threshold
      USING ERRCODE = '22023', DETAIL = 'The threshold lies within 0 and 1; NULL means the shipped one.';
  END IF;
  IF NOT (epss >= 0 AND epss <= 1) THEN      -- NaN sorts above 1, so it is refused too
    RAISE EXCEPTION 'epss % is not a probability', epss
      USING ERRCODE = '22023', DETAIL = 'An EPSS score lies within 0 and 1.';
  END IF;
  IF kev THEN
    RETURN 'active';
  ELSIF poc_known OR epss >= threshold THEN
    RETURN 'public poc';
  END IF;
  RETURN 'none';
END
$$;
COMMENT ON FUNCTION @extschema@.ssvc_exploitation(boolean, numeric, boolean, numeric) IS
  'SSVC exploitation from the feeds: active when listed in CISA KEV; public poc when a proof of concept is known '
  'or the EPSS probability is at least epss_threshold (NULL, the default: the shipped epss_poc_threshold of '
  'patch_priority_parameter_default, 0.1; an organisation''s: (patch_priority_parameters(org))[1]); else none.  '
  'NULL kev, epss or poc_known count as no evidence; epss or epss_threshold outside 0..1 is 22023.';

-- patch_priority ranks v3.0 and v2.0 vectors by a monotone rule (195_patch_priority.sql).
COMMENT ON FUNCTION @extschema@.patch_priority(@extschema@.cvss, numeric, boolean, integer, boolean, text, boolean, numeric[]) IS
  'Patch priority 0..100 (one decimal): 25 x the SSVC deployer decision''s rank (defer 0 .. immediate 3) plus up to 25 '
  'from CVSS score, exploitation likelihood (KEV, EPSS) and asset context.  Not STRICT: an unknown cvss or epss '
  'is scored by the documented rule (unknown is not zero); apply the asset''s requirements first with cvss_with_requirements. '
  'The CVSS score ranks by a rule that never drops when a metric gets more severe: cvss_score, except that a v3.0 '
  'vector is scored with the v3.1 formulas (FIRST''s correction of the v3.0 environmental formula) and a v2.0 '
  'environmental score counts a negative AdjustedBaseScore as 0.  '
  'parameters: the ten numbers patch_priority_parameters() returns (the shipped defaults or an organisation''s).';

-- sl_vector binary form with a layout byte (160_sl_vector.sql; the C functions keep their names).
COMMENT ON FUNCTION @extschema@.sl_vector_recv(internal) IS
  'Binary input of type sl_vector: 8 bytes, layout 1 then the levels of FR1..FR7, validated as strictly as text '
  'input; the 4-byte packed form of release 0.1.0 is still read.';
COMMENT ON FUNCTION @extschema@.sl_vector_send(@extschema@.sl_vector) IS
  'Binary output of type sl_vector: 8 bytes, a layout byte (1) then the levels of FR1..FR7, one byte each.';

-- A back-dated deletion of a risk may not precede its last recorded change (510_risk.sql).
CREATE OR REPLACE FUNCTION @extschema@.risk_register_entry_record()
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
    -- history is written in time order: a back-dated deletion may not precede the risk's last change
    IF ts < (SELECT pg_catalog.max(h.changed_at) FROM @extschema@.risk_register_history h
             WHERE h.organization_id = OLD.organization_id AND h.risk_id = OLD.id) THEN
      RAISE EXCEPTION 'risk_register_entry %: deletion time % is before the risk''s last recorded change', OLD.code, ts
        USING ERRCODE = 'invalid_parameter_value', HINT = 'Import the changes of a risk in time order.';
    END IF;
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
  '(scores, treatment, owner, status, acceptance, target, threat, code, title) in risk_register_history; a deletion '
  'dated before the risk''s last recorded change is refused (22023).';

-- risk_kpis: organisations chosen before computing, coverage in one pass over the inventory,
-- treatment effectiveness over open risks as per site and per month (520_risk_views.sql).
CREATE OR REPLACE VIEW @extschema@.risk_kpis WITH (security_invoker = true) AS
WITH coverage AS (
  -- critical assets per organisation and which an open risk covers: one pass over the inventory
  SELECT a.organization_id,
         pg_catalog.count(*) FILTER (WHERE e.effective_criticality >= 4) AS critical_assets,
         pg_catalog.count(*) FILTER (WHERE e.effective_criticality >= 4 AND EXISTS (
           SELECT 1 FROM @extschema@.risk_register_entry x
           WHERE x.organization_id = a.organization_id AND x.status <> 'closed'
             AND (x.asset_id = a.id OR x.zone_id = a.zone_id))) AS critical_assets_assessed
  FROM @extschema@.asset_effective_criticality e
  JOIN @extschema@.asset a ON a.organization_id = e.organization_id AND a.id = e.id
  JOIN @extschema@.lifecycle_state l ON l.code = a.lifecycle_state
  WHERE l.in_operation
  GROUP BY a.organization_id
)
SELECT o.id,
       o.code AS organization_code,
       r.risks,
       r.open_risks,
       coalesce(c.critical_assets, 0) AS critical_assets,
       coalesce(c.critical_assets_assessed, 0) AS critical_assets_assessed,
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
                          FILTER (WHERE x.status <> 'closed' AND x.residual_score IS NOT NULL AND x.inherent_score > 0), 1)::numeric(5,1)
           AS treatment_effectiveness_percent,
         pg_catalog.round(pg_catalog.avg(x.inherent_score) FILTER (WHERE x.status <> 'closed'), 2)::numeric(8,2) AS mean_inherent_score,
         pg_catalog.round(pg_catalog.avg(x.current_score) FILTER (WHERE x.status <> 'closed'), 2)::numeric(8,2) AS mean_residual_score,
         pg_catalog.count(*) FILTER (WHERE x.status <> 'closed' AND x.above_tolerance) AS above_tolerance,
         pg_catalog.count(*) FILTER (WHERE x.status <> 'closed' AND x.within_appetite) AS within_appetite,
         pg_catalog.count(*) FILTER (WHERE x.status <> 'closed' AND x.acceptance_expired) AS expired_acceptances
  FROM @extschema@.risk_register x
  WHERE x.organization_id = o.id
) r
LEFT JOIN coverage c ON c.organization_id = o.id
CROSS JOIN LATERAL (
  SELECT pg_catalog.count(DISTINCT y.risk_id) AS risks_reviewed_12_months,
         pg_catalog.count(DISTINCT y.risk_id) FILTER (WHERE x.status <> 'closed') AS open_risks_reviewed_12_months
  FROM @extschema@.risk_register_history y
  LEFT JOIN @extschema@.risk_register_entry x ON x.organization_id = y.organization_id AND x.id = y.risk_id
  WHERE y.organization_id = o.id AND y.changed_at > pg_catalog.now() - '365 days'::interval
) h
-- asset owners and any organisation with risks, chosen before anything is computed for them
WHERE EXISTS (SELECT 1 FROM @extschema@.organization_role ro WHERE ro.organization_id = o.id AND ro.role = 'asset_owner')
   OR EXISTS (SELECT 1 FROM @extschema@.risk_register_entry x WHERE x.organization_id = o.id);
COMMENT ON COLUMN @extschema@.risk_kpis.treatment_effectiveness_percent IS
  'Treatment effectiveness: mean reduction of the score from inherent to residual, in percent, over open risks with a residual.';

-- Organisations that existed before the upgrade get the settings 0.2.0 adds.
SELECT @extschema@.initialize_organization_settings(o.id) FROM @extschema@.organization o;

-- Every grant recorded before the upgrade covers the new objects and classes (300_access.sql).
SELECT @extschema@.reapply_access();
