-- Alerts (issue « Signalements, campaigns and alerts », item 7): what migration 0006 left out.

-- The approver's comment when an alert goes back to its drafter (« renvoyer au brouillon »).
ALTER TABLE alerts ADD COLUMN review_comment text CHECK (length(review_comment) <= 2000);

-- Live broadcast workers, so that ALERT_SEND_RATE_PER_SECOND is shared across instances: each worker
-- heartbeats here and paces itself at rate / (workers seen in the last 30 s). Losing it on a crash of
-- the database server only resets the count, hence UNLOGGED.
CREATE UNLOGGED TABLE alert_workers (
  id uuid PRIMARY KEY,
  heartbeat_at timestamptz NOT NULL DEFAULT now()
);

