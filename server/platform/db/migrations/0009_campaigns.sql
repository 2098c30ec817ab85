-- Campaign grouping (see docs/campaigns.md). Reports are grouped in batches by whichever worker holds
-- the grouping lock; these columns and the table below keep each batch's cost independent of how many
-- reports a campaign or an indicator already has.

-- When the report was grouped (its indicators, signature and bands written, its campaign decided). Null:
-- waiting for the grouping worker, which drains every confirmed report still null, so a lost job
-- loses nothing.
ALTER TABLE reports ADD COLUMN grouped_at timestamptz;
CREATE INDEX reports_ungrouped_idx ON reports (created_at, id) WHERE grouped_at IS NULL;
-- Whether a campaign holds a report an agent placed by hand (automatic merges leave such campaigns alone).
CREATE INDEX reports_campaign_pinned_idx ON reports (campaign_id) WHERE campaign_pinned;

-- LSH buckets of the near-duplicate search: one row per band key (the band number is mixed into the
-- key), pointing at the first report whose MinHash signature fell into it. A report looks its 16 keys
-- up here and compares its signature with the reports found. One narrow row per bucket instead of
-- report_text_bands' sixteen rows per report (two indexes each): on the embedded database this is
-- what keeps 100,000 reports groupable in under a minute (docs/campaigns.md). No foreign key, for the
-- same reason: a bucket whose report is gone is skipped by the lookup's join.
CREATE TABLE text_band_buckets (
  key bigint PRIMARY KEY,
  report_id uuid NOT NULL
);

-- The signature of each report that opened buckets, with its campaign (kept equal to
-- reports.campaign_id by the trigger below): a bucket lookup reads these narrow rows instead of the wide
-- report rows, which past a few tens of thousands of reports no longer fit in the buffer cache.
CREATE TABLE indexed_texts (
  report_id uuid PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE,
  campaign_id uuid,
  signature integer[] NOT NULL CHECK (cardinality(signature) = 64)
);
-- One statement-level trigger (transition tables): a batch moving 2,000 reports costs one join, not
-- 2,000 function calls.
CREATE FUNCTION indexed_texts_follow_campaign() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE indexed_texts AS t SET campaign_id = n.campaign_id
  FROM moved_new AS n JOIN moved_old AS o ON o.id = n.id
  WHERE t.report_id = n.id AND o.campaign_id IS DISTINCT FROM n.campaign_id;
  RETURN NULL;
END $$;
CREATE TRIGGER reports_indexed_text_campaign AFTER UPDATE ON reports
  REFERENCING OLD TABLE AS moved_old NEW TABLE AS moved_new
  FOR EACH STATEMENT EXECUTE FUNCTION indexed_texts_follow_campaign();

-- Over-correlation guard: how many times this indicator alone tied a report to a group (campaign or
-- single report) that nothing else of that report linked to. Past CAMPAIGN_LINK_LIMIT the indicator is
-- held (status en_attente) for an agent's decision.
ALTER TABLE indicators ADD COLUMN solo_links integer NOT NULL DEFAULT 0 CHECK (solo_links >= 0);

-- Which indicators a campaign's reports carry, and in how many of its reports: the grouping looks up
-- an indicator's campaigns here (one row per campaign, however many reports), the campaign page lists
-- them, and qualification publishes the linking ones.
CREATE TABLE campaign_indicators (
  campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  indicator_id uuid NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
  report_count integer NOT NULL CHECK (report_count > 0),
  PRIMARY KEY (campaign_id, indicator_id)
);
CREATE INDEX campaign_indicators_indicator_idx ON campaign_indicators (indicator_id);

-- Every grouping batch rewrites the rows of the indicators, campaigns and campaign counts it touches
-- (sightings, counters, dates — no indexed column). Room left on each page lets PostgreSQL update them
-- in place (HOT) instead of inserting new index entries each time.
ALTER TABLE indicators SET (fillfactor = 70);
ALTER TABLE campaigns SET (fillfactor = 70);
ALTER TABLE campaign_indicators SET (fillfactor = 70);
