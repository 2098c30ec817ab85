-- A commission member's case list with 10,000 cases (issue 11, `npm run bench:entraide`): the list
-- shows a page of cases by last activity (ties by id), for a CDE its département's, optionally of one
-- status, for the CNE the transmitted ones. Each of these orders is now an index read in that order,
-- so a page reads its 50 rows (and the pages before it) instead of every case of the département,
-- sealed columns included, sorted at each call.
DROP INDEX entraide_cases_departement_idx;
CREATE INDEX entraide_cases_departement_idx ON entraide_cases (departement, last_activity_at DESC, id DESC);
CREATE INDEX entraide_cases_departement_status_idx ON entraide_cases (departement, status, last_activity_at DESC, id DESC);
DROP INDEX entraide_cases_escalated_idx;
CREATE INDEX entraide_cases_escalated_idx ON entraide_cases (last_activity_at DESC, id DESC) WHERE escalated_at IS NOT NULL;
CREATE INDEX entraide_cases_escalated_status_idx ON entraide_cases (status, last_activity_at DESC, id DESC) WHERE escalated_at IS NOT NULL;
