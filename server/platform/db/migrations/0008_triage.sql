-- Back-office search of signalements (server/modules/triage). The queue's text search asks
-- `word <% search_text` (trigram word similarity), answered by reports_search_trgm_idx. With GIN's
-- default fastupdate, new reports wait in a pending list that every search reads through until a
-- VACUUM (PGlite has no autovacuum), and the planner, costing that list, falls back to reading the whole
-- table: measured on 5,000 reports, a sequential scan was chosen until fastupdate was turned off (as the
-- registry's search indexes are, migration 0004).
ALTER INDEX reports_search_trgm_idx SET (fastupdate = off);
SELECT gin_clean_pending_list('reports_search_trgm_idx'::regclass);
