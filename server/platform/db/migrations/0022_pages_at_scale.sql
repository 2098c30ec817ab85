-- The agents' pages with a million reports (issue 15, docs/performance.md « Pages with a million
-- reports »): the queue's counts from a rollup kept by trigger, and indexes that read only what each
-- page shows.

-- How many reports per (département, status, assignee): the queue's total for the filters it shows by
-- default (status, département, assigned to me / to nobody) is a sum over a few thousand rows instead
-- of a count over up to every report. Kept exact by the statement triggers below, in the transaction of
-- the change itself, whoever writes reports (filing, confirmation, triage, campaigns, purge). Keys are
-- upserted in key order, so two statements never wait on each other's keys in opposite orders.
CREATE TABLE report_queue_counts (
  departement text,
  status text NOT NULL,
  assigned_to uuid,
  -- No CHECK (n >= 0): a CHECK judges the row an upsert proposes (a negative delta) before the conflict
  -- turns it into an addition. Exactness is what the tests of the queue's totals prove.
  n integer NOT NULL
);
CREATE UNIQUE INDEX report_queue_counts_key ON report_queue_counts (departement, status, assigned_to) NULLS NOT DISTINCT;
-- assigned_to is not a foreign key: a deleted user's reports lose their assignee (ON DELETE SET NULL on
-- reports), which the UPDATE trigger carries over; its index serves « assigned to me ».
CREATE INDEX report_queue_counts_assigned_idx ON report_queue_counts (assigned_to) WHERE assigned_to IS NOT NULL;
INSERT INTO report_queue_counts (departement, status, assigned_to, n)
  SELECT departement, status, assigned_to, count(*) FROM reports GROUP BY 1, 2, 3;

CREATE FUNCTION report_queue_counts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO report_queue_counts AS c (departement, status, assigned_to, n)
    SELECT departement, status, assigned_to, count(*) FROM added GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (departement, status, assigned_to) DO UPDATE SET n = c.n + EXCLUDED.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO report_queue_counts AS c (departement, status, assigned_to, n)
    SELECT departement, status, assigned_to, -count(*) FROM removed GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (departement, status, assigned_to) DO UPDATE SET n = c.n + EXCLUDED.n;
  ELSE
    -- Most updates (grouping, versions, dates) move no key: nothing is written then.
    INSERT INTO report_queue_counts AS c (departement, status, assigned_to, n)
    SELECT departement, status, assigned_to, sum(d) FROM (
      SELECT o.departement, o.status, o.assigned_to, -1 AS d FROM removed o JOIN added n ON n.id = o.id
       WHERE (o.departement, o.status, o.assigned_to) IS DISTINCT FROM (n.departement, n.status, n.assigned_to)
      UNION ALL
      SELECT n.departement, n.status, n.assigned_to, 1 FROM removed o JOIN added n ON n.id = o.id
       WHERE (o.departement, o.status, o.assigned_to) IS DISTINCT FROM (n.departement, n.status, n.assigned_to)
    ) moved GROUP BY 1, 2, 3 HAVING sum(d) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (departement, status, assigned_to) DO UPDATE SET n = c.n + EXCLUDED.n;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER reports_queue_counts_insert AFTER INSERT ON reports
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION report_queue_counts_follow();
CREATE TRIGGER reports_queue_counts_update AFTER UPDATE ON reports
  REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION report_queue_counts_follow();
CREATE TRIGGER reports_queue_counts_delete AFTER DELETE ON reports
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION report_queue_counts_follow();

-- Indexes that hold what the pages filter on, so the rows a page skips (its offset, other statuses,
-- other assignees) are read from the index alone and only the rows shown are fetched from the table:
-- the queue pages through these by a deferred join (triage.repo.ts), the dashboard aggregates its
-- period from them (index-only scans), the campaign page reads its timeline, départements and report
-- list from the campaign one. They replace the narrower indexes of migration 0006 on the same leading
-- columns (the foreign keys assigned_to and campaign_id stay indexed, STYLE habit 3).
DROP INDEX reports_created_idx;
DROP INDEX reports_queue_idx;
DROP INDEX reports_assigned_idx;
DROP INDEX reports_campaign_idx;
CREATE INDEX reports_created_idx ON reports (created_at DESC, id DESC)
  INCLUDE (status, departement, assigned_to, campaign_id, channel, verdict, scam_family);
CREATE INDEX reports_departement_created_idx ON reports (departement, created_at DESC, id DESC)
  INCLUDE (status, assigned_to, campaign_id, channel, verdict, scam_family);
CREATE INDEX reports_assigned_idx ON reports (assigned_to, created_at DESC, id DESC) INCLUDE (status, departement)
  WHERE assigned_to IS NOT NULL;
CREATE INDEX reports_campaign_idx ON reports (campaign_id, created_at DESC, id)
  INCLUDE (departement, status, channel, receipt_number, occurred_on, campaign_pinned) WHERE campaign_id IS NOT NULL;
-- The dashboard's time to qualification: the period's qualified reports with what the median needs.
CREATE INDEX reports_qualified_idx ON reports (qualified_at) INCLUDE (created_at, status, departement)
  WHERE qualified_at IS NOT NULL;
