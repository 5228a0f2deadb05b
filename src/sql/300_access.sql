-- Access levels.  CREATE EXTENSION creates no roles (roles are cluster-wide): the DBA picks roles
-- and calls grant_access(), which records the grant and applies the privileges the shipped
-- matrix below gives that access level on each class of object.  Every upgrade script ends by
-- calling reapply_access(), so objects added by the upgrade are covered.

CREATE TABLE @extschema@.object_access_class (
  object_name           name PRIMARY KEY,
  object_class          text NOT NULL
                        CONSTRAINT object_access_class_class
                        CHECK (object_class IN ('catalog', 'program', 'history', 'staging', 'access', 'view')),
  reader_hidden_columns name[] NOT NULL DEFAULT '{}'
);
COMMENT ON TABLE @extschema@.object_access_class IS
  'Shipped catalogue: the class of every table and view of the extension, which decides what each access level may do with it.';
COMMENT ON COLUMN @extschema@.object_access_class.object_name IS 'Table or view name in the extension''s schema.';
COMMENT ON COLUMN @extschema@.object_access_class.object_class IS
  'catalog (shipped, read-only), program (program data), history (append-only records of changes, written by triggers: '
  'no level may update or delete them), staging (import staging), access (access records) or view.';
COMMENT ON COLUMN @extschema@.object_access_class.reader_hidden_columns IS
  'Columns the reader access level may not select (people''s contact details).';

CREATE TABLE @extschema@.access_privilege (
  access       text NOT NULL CONSTRAINT access_privilege_access CHECK (access IN ('admin', 'analyst', 'auditor', 'reader')),
  object_class text NOT NULL
               CONSTRAINT access_privilege_class
               CHECK (object_class IN ('catalog', 'program', 'history', 'staging', 'access', 'view')),
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
  ('reader', 'catalog', 'SELECT'), ('reader', 'view', 'SELECT'), ('reader', 'program', 'SELECT'),
  -- history is append-only: the levels that change program data insert (through the triggers that
  -- record their changes), every level reads, none updates or deletes
  ('admin', 'history', 'SELECT'), ('admin', 'history', 'INSERT'),
  ('analyst', 'history', 'SELECT'), ('analyst', 'history', 'INSERT'),
  ('auditor', 'history', 'SELECT'), ('reader', 'history', 'SELECT');

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
