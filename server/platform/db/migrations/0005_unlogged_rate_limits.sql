-- Rate-limit counters are short-lived and rebuilt by traffic: no need to write them to the WAL (one
-- write fewer on every request). After a crash PostgreSQL empties an unlogged table, which only resets
-- the counters.
ALTER TABLE rate_limits SET UNLOGGED;
