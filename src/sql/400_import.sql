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
