-- A broadcast updates each delivery row twice (the claim, then 'envoye'). While `status` was in the
-- predicate of alert_deliveries_pending_idx, both updates were non-HOT: a new tuple on another page and
-- an entry in each of the table's four indexes, per update (docs/performance.md, « National alerts »).
-- No index now refers to a column the broadcast changes (status, attempts, lease_until, sent_at,
-- last_error), and pages are filled to 30 % at insertion, so that a row's three versions (as inserted,
-- claimed, sent) fit on its page even when nothing could be pruned in between — a claim updates every
-- row of a page in one statement, and pruning waits for a moment when no other backend pins the page:
-- both updates are HOT. The claims walk (alert_id, id) from their cursor and read the status on the row.
ALTER TABLE alert_deliveries SET (fillfactor = 30);
CREATE INDEX alert_deliveries_alert_id_idx ON alert_deliveries (alert_id, id);
DROP INDEX alert_deliveries_pending_idx;
