-- The three rollups kept from reports (report_queue_counts, 0022; report_day_counts and
-- campaign_report_counts, 0027) followed by one trigger per operation instead of three: the moves of a
-- statement — each report leaving its old keys (-1) and reaching its new ones (+1) — are read once from
-- the transition tables, then applied to the three rollups in one statement. The grouping moves 2,000
-- reports a batch into their campaigns: the three UPDATE triggers joined the old and new rows six times
-- (71 ms of the batch's 167 ms UPDATE on the PostgreSQL server, docs/performance.md); the join is now
-- done once. The keys each rollup counts under, and its exactness, are those of 0022 and 0027.

-- One report's contribution to the rollups: d = +1 where it now counts, -1 where it no longer does.
CREATE TYPE report_rollup_move AS (
  d integer,
  status text,
  created_at timestamptz,
  channel text,
  scam_family text,
  departement text,
  campaign_id uuid,
  assigned_to uuid
);

-- Applies moves to the three rollups. Keys are upserted in key order, so two statements never wait on
-- each other's keys in opposite orders; keys whose moves cancel out are not written.
CREATE FUNCTION report_rollups_apply(moves report_rollup_move[]) RETURNS void LANGUAGE sql AS $$
  WITH m AS MATERIALIZED (SELECT * FROM unnest(moves)),
  queue AS (
    INSERT INTO report_queue_counts AS c (departement, status, assigned_to, n)
    SELECT departement, status, assigned_to, sum(d) FROM m
    GROUP BY 1, 2, 3 HAVING sum(d) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (departement, status, assigned_to) DO UPDATE SET n = c.n + EXCLUDED.n
  ),
  days AS (
    INSERT INTO report_day_counts AS c (dimension, day, key, n)
    SELECT k.dimension, k.day, k.key, sum(m.d)
    FROM m, report_day_count_keys(m.status, m.created_at, m.channel, m.scam_family, m.departement, m.campaign_id) k
    GROUP BY 1, 2, 3 HAVING sum(m.d) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (dimension, day, key) DO UPDATE SET n = c.n + EXCLUDED.n
  )
  INSERT INTO campaign_report_counts AS c (campaign_id, dimension, day, departement, n)
  SELECT k.campaign_id, k.dimension, k.day, k.departement, sum(m.d)
  FROM m, campaign_report_count_keys(m.campaign_id, m.created_at, m.departement) k
  GROUP BY 1, 2, 3, 4 HAVING sum(m.d) <> 0 ORDER BY 1, 2, 3, 4
  ON CONFLICT (campaign_id, dimension, day, departement) DO UPDATE SET n = c.n + EXCLUDED.n
$$;

CREATE FUNCTION report_rollups_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM report_rollups_apply(ARRAY(
      SELECT ROW(1, a.status, a.created_at, a.channel, a.scam_family, a.departement, a.campaign_id, a.assigned_to)::report_rollup_move
      FROM added a));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM report_rollups_apply(ARRAY(
      SELECT ROW(-1, o.status, o.created_at, o.channel, o.scam_family, o.departement, o.campaign_id, o.assigned_to)::report_rollup_move
      FROM removed o));
  ELSE
    -- Most updates (versions, notes' dates, text signatures) move no key: only the reports whose keyed
    -- columns changed are read, and nothing is written when none did.
    PERFORM report_rollups_apply(ARRAY(
      SELECT m FROM removed o JOIN added n ON n.id = o.id,
        LATERAL (VALUES (ROW(-1, o.status, o.created_at, o.channel, o.scam_family, o.departement, o.campaign_id, o.assigned_to)::report_rollup_move),
                        (ROW(1, n.status, n.created_at, n.channel, n.scam_family, n.departement, n.campaign_id, n.assigned_to)::report_rollup_move)) AS v (m)
      WHERE (o.status, o.created_at, o.channel, o.scam_family, o.departement, o.campaign_id, o.assigned_to)
            IS DISTINCT FROM (n.status, n.created_at, n.channel, n.scam_family, n.departement, n.campaign_id, n.assigned_to)));
  END IF;
  RETURN NULL;
END $$;

DROP TRIGGER reports_queue_counts_insert ON reports;
DROP TRIGGER reports_queue_counts_update ON reports;
DROP TRIGGER reports_queue_counts_delete ON reports;
DROP TRIGGER reports_day_counts_insert ON reports;
DROP TRIGGER reports_day_counts_update ON reports;
DROP TRIGGER reports_day_counts_delete ON reports;
DROP TRIGGER reports_campaign_counts_insert ON reports;
DROP TRIGGER reports_campaign_counts_update ON reports;
DROP TRIGGER reports_campaign_counts_delete ON reports;
DROP FUNCTION report_queue_counts_follow();
DROP FUNCTION report_day_counts_follow();
DROP FUNCTION campaign_report_counts_follow();

CREATE TRIGGER reports_rollups_insert AFTER INSERT ON reports
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION report_rollups_follow();
CREATE TRIGGER reports_rollups_update AFTER UPDATE ON reports
  REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION report_rollups_follow();
CREATE TRIGGER reports_rollups_delete AFTER DELETE ON reports
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION report_rollups_follow();
