-- Every foreign key indexed (STYLE habit 3): deleting or disabling a user, a doctor or a campaign then
-- never scans these tables, and the lookups by author or drafter stay cheap.
CREATE INDEX campaigns_qualified_by_idx ON campaigns (qualified_by) WHERE qualified_by IS NOT NULL;
CREATE INDEX indicators_decided_by_idx ON indicators (decided_by) WHERE decided_by IS NOT NULL;
CREATE INDEX report_notes_author_idx ON report_notes (author_id);
CREATE INDEX alerts_campaign_idx ON alerts (campaign_id) WHERE campaign_id IS NOT NULL;
CREATE INDEX alerts_drafted_by_idx ON alerts (drafted_by);
CREATE INDEX alerts_approved_by_idx ON alerts (approved_by) WHERE approved_by IS NOT NULL;
CREATE INDEX alert_deliveries_doctor_idx ON alert_deliveries (doctor_id);
