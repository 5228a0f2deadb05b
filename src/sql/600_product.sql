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
