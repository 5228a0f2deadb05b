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
