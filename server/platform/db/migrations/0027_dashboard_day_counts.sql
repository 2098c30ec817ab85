-- The national dashboard and a big campaign's page with a million reports (issue 15, docs/performance.md
-- « Pages with a million reports »): the dashboard's weekly charts, its count by status and its top
-- campaigns are sums over a daily rollup instead of an aggregation of the period's ~75,000 reports on
-- every call; a campaign's reports per day and per département are kept instead of counted.

-- Reports per Paris day and value of each thing the dashboard counts, for the whole country:
--   status       every report but the unconfirmed ones (the count by status shows merged duplicates);
--   channel, scam_family, departement, campaign
--                the charted reports only: neither unconfirmed nor merged (key '' = no family or no
--                département, as the charts name them; no row for a report outside any campaign).
-- A département's dashboard reads its reports directly (a few thousand index entries at most): rows
-- per département would multiply this table by the number of départements for no page that needs it.
-- Kept exact by the statement triggers below, in the transaction of the change itself, whoever writes
-- reports (filing, confirmation, triage, merges, grouping, purge), as report_queue_counts is (0022).
-- Rows that fall to 0 stay (the readers skip them): a report coming back must not race a deletion.
CREATE TABLE report_day_counts (
  dimension text NOT NULL CHECK (dimension IN ('status', 'channel', 'scam_family', 'departement', 'campaign')),
  day date NOT NULL,
  key text NOT NULL,
  -- No CHECK (n >= 0), for the reason given on report_queue_counts.n.
  n integer NOT NULL,
  -- n in the index: the period is read by an index-only scan.
  PRIMARY KEY (dimension, day, key) INCLUDE (n)
);

-- The keys one report counts under, with its Paris day (the dashboard's days and ISO weeks).
CREATE FUNCTION report_day_count_keys(status text, created_at timestamptz, channel text, scam_family text, departement text, campaign_id uuid)
RETURNS TABLE (dimension text, day date, key text) LANGUAGE sql STABLE AS $$
  SELECT k.dimension, (created_at AT TIME ZONE 'Europe/Paris')::date, k.key
  FROM (VALUES ('status', status), ('channel', channel), ('scam_family', coalesce(scam_family, '')),
               ('departement', coalesce(departement, '')), ('campaign', campaign_id::text)) AS k (dimension, key)
  WHERE status <> 'en_attente_confirmation' AND k.key IS NOT NULL AND (k.dimension = 'status' OR status <> 'fusionne')
$$;

INSERT INTO report_day_counts (dimension, day, key, n)
  SELECT k.dimension, k.day, k.key, count(*)
  FROM reports r, report_day_count_keys(r.status, r.created_at, r.channel, r.scam_family, r.departement, r.campaign_id) k
  GROUP BY 1, 2, 3;
ANALYZE report_day_counts;

-- Keys are upserted in key order, so two statements never wait on each other's keys in opposite orders.
CREATE FUNCTION report_day_counts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO report_day_counts AS c (dimension, day, key, n)
    SELECT k.dimension, k.day, k.key, count(*)
    FROM added a, report_day_count_keys(a.status, a.created_at, a.channel, a.scam_family, a.departement, a.campaign_id) k
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (dimension, day, key) DO UPDATE SET n = c.n + EXCLUDED.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO report_day_counts AS c (dimension, day, key, n)
    SELECT k.dimension, k.day, k.key, -count(*)
    FROM removed a, report_day_count_keys(a.status, a.created_at, a.channel, a.scam_family, a.departement, a.campaign_id) k
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (dimension, day, key) DO UPDATE SET n = c.n + EXCLUDED.n;
  ELSE
    -- Most updates (versions, assignment, notes' dates) move no key: nothing is written then.
    INSERT INTO report_day_counts AS c (dimension, day, key, n)
    SELECT k.dimension, k.day, k.key, sum(m.d)
    FROM (
      SELECT o.status, o.created_at, o.channel, o.scam_family, o.departement, o.campaign_id, -1 AS d
      FROM removed o JOIN added n ON n.id = o.id
      WHERE (o.status, o.created_at, o.channel, o.scam_family, o.departement, o.campaign_id)
            IS DISTINCT FROM (n.status, n.created_at, n.channel, n.scam_family, n.departement, n.campaign_id)
      UNION ALL
      SELECT n.status, n.created_at, n.channel, n.scam_family, n.departement, n.campaign_id, 1
      FROM removed o JOIN added n ON n.id = o.id
      WHERE (o.status, o.created_at, o.channel, o.scam_family, o.departement, o.campaign_id)
            IS DISTINCT FROM (n.status, n.created_at, n.channel, n.scam_family, n.departement, n.campaign_id)
    ) m, report_day_count_keys(m.status, m.created_at, m.channel, m.scam_family, m.departement, m.campaign_id) k
    GROUP BY 1, 2, 3 HAVING sum(m.d) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (dimension, day, key) DO UPDATE SET n = c.n + EXCLUDED.n;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER reports_day_counts_insert AFTER INSERT ON reports
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION report_day_counts_follow();
CREATE TRIGGER reports_day_counts_update AFTER UPDATE ON reports
  REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION report_day_counts_follow();
CREATE TRIGGER reports_day_counts_delete AFTER DELETE ON reports
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION report_day_counts_follow();

-- A campaign's reports per day (UTC date of filing, the page's timeline) and per département (null: none),
-- the two counts of its page, which read 17,500 index entries for the biggest campaign. No foreign key to
-- campaigns: the counts follow reports only, and a campaign's rows fall to 0 when its reports leave.
CREATE TABLE campaign_report_counts (
  campaign_id uuid NOT NULL,
  dimension text NOT NULL CHECK (dimension IN ('day', 'departement')),
  day date CHECK ((dimension = 'day') = (day IS NOT NULL)),
  departement text CHECK (dimension = 'departement' OR departement IS NULL),
  n integer NOT NULL
);
CREATE UNIQUE INDEX campaign_report_counts_key ON campaign_report_counts (campaign_id, dimension, day, departement) INCLUDE (n) NULLS NOT DISTINCT;

-- The keys one report counts under in its campaign's page (none outside any campaign).
CREATE FUNCTION campaign_report_count_keys(report_campaign uuid, report_created_at timestamptz, report_departement text)
RETURNS TABLE (campaign_id uuid, dimension text, day date, departement text) LANGUAGE sql STABLE AS $$
  SELECT report_campaign, k.dimension, k.day, k.departement
  FROM (VALUES ('day', (report_created_at AT TIME ZONE 'UTC')::date, NULL), ('departement', NULL, report_departement)) AS k (dimension, day, departement)
  WHERE report_campaign IS NOT NULL
$$;

INSERT INTO campaign_report_counts (campaign_id, dimension, day, departement, n)
  SELECT k.campaign_id, k.dimension, k.day, k.departement, count(*)
  FROM reports r, campaign_report_count_keys(r.campaign_id, r.created_at, r.departement) k
  WHERE r.campaign_id IS NOT NULL
  GROUP BY 1, 2, 3, 4;
ANALYZE campaign_report_counts;

CREATE FUNCTION campaign_report_counts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO campaign_report_counts AS c (campaign_id, dimension, day, departement, n)
    SELECT k.campaign_id, k.dimension, k.day, k.departement, count(*)
    FROM added a, campaign_report_count_keys(a.campaign_id, a.created_at, a.departement) k
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (campaign_id, dimension, day, departement) DO UPDATE SET n = c.n + EXCLUDED.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO campaign_report_counts AS c (campaign_id, dimension, day, departement, n)
    SELECT k.campaign_id, k.dimension, k.day, k.departement, -count(*)
    FROM removed a, campaign_report_count_keys(a.campaign_id, a.created_at, a.departement) k
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (campaign_id, dimension, day, departement) DO UPDATE SET n = c.n + EXCLUDED.n;
  ELSE
    INSERT INTO campaign_report_counts AS c (campaign_id, dimension, day, departement, n)
    SELECT k.campaign_id, k.dimension, k.day, k.departement, sum(m.d)
    FROM (
      SELECT o.campaign_id, o.created_at, o.departement, -1 AS d
      FROM removed o JOIN added n ON n.id = o.id
      WHERE (o.campaign_id, o.created_at, o.departement) IS DISTINCT FROM (n.campaign_id, n.created_at, n.departement)
      UNION ALL
      SELECT n.campaign_id, n.created_at, n.departement, 1
      FROM removed o JOIN added n ON n.id = o.id
      WHERE (o.campaign_id, o.created_at, o.departement) IS DISTINCT FROM (n.campaign_id, n.created_at, n.departement)
    ) m, campaign_report_count_keys(m.campaign_id, m.created_at, m.departement) k
    GROUP BY 1, 2, 3, 4 HAVING sum(m.d) <> 0 ORDER BY 1, 2, 3, 4
    ON CONFLICT (campaign_id, dimension, day, departement) DO UPDATE SET n = c.n + EXCLUDED.n;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER reports_campaign_counts_insert AFTER INSERT ON reports
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION campaign_report_counts_follow();
CREATE TRIGGER reports_campaign_counts_update AFTER UPDATE ON reports
  REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION campaign_report_counts_follow();
CREATE TRIGGER reports_campaign_counts_delete AFTER DELETE ON reports
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION campaign_report_counts_follow();
