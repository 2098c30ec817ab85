-- Issue 14, item 2 on existing data: the indicators of reports filed before the extraction was fixed are
-- read again with today's rules (server/modules/campaigns/indicator-backfill.service.ts,
-- docs/campaigns.md « Indicators read again after an upgrade »).

-- A published value no report carries any more under today's rules is withdrawn: analyses and registry
-- holds stop flagging it (they read `active` only), and only an agent's new qualification publishes it
-- again. Distinct from `false_positive`, which is an agent's decision.
ALTER TABLE fraud_indicators DROP CONSTRAINT fraud_indicators_status_check;
ALTER TABLE fraud_indicators ADD CONSTRAINT fraud_indicators_status_check CHECK (status IN ('active', 'false_positive', 'expired', 'withdrawn'));

-- One row per extraction version: the marker that makes the backfill run once per version, whatever
-- the number of instances starting together (the first to insert it enqueues the job), and its counts.
CREATE TABLE indicator_backfill_runs (
  extraction_version integer PRIMARY KEY CHECK (extraction_version > 0),
  enqueued_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  reports_read integer NOT NULL DEFAULT 0 CHECK (reports_read >= 0),
  reports_changed integer NOT NULL DEFAULT 0 CHECK (reports_changed >= 0),
  rows_added integer NOT NULL DEFAULT 0 CHECK (rows_added >= 0),
  rows_removed integer NOT NULL DEFAULT 0 CHECK (rows_removed >= 0),
  values_withdrawn integer NOT NULL DEFAULT 0 CHECK (values_withdrawn >= 0)
);
