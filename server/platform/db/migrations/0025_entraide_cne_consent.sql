-- The person's consent to let the CNE know their identity, obtained after a transmission without it
-- (`POST /api/entraide/cases/:id/cne-consent`, docs/entraide.md « Workflow »), is a journal entry of
-- its own kind: the journal says when the CNE came to know who the person is, and who recorded it.
ALTER TABLE entraide_case_events DROP CONSTRAINT entraide_case_events_kind_check;
ALTER TABLE entraide_case_events ADD CONSTRAINT entraide_case_events_kind_check
  CHECK (kind IN ('note', 'entretien', 'decision', 'transmission_cne', 'consentement_cne', 'cloture', 'reouverture', 'orientation_cresus'));
