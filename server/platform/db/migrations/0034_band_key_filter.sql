-- The grouping keeps the keys of the LSH buckets in memory, in a Bloom filter (campaigns module,
-- band-key-filter.ts): the keys of a batch that no report has opened — nine in ten at a hundred thousand
-- reports — are then not looked up, one index descent each (docs/performance.md, « Campaign grouping »).
-- Several instances stay exact through a counter of bucket writes: each batch that opens buckets stamps
-- them with the next number; an instance that finds the counter past its own reads only the buckets
-- stamped since. Rows opened before this migration carry 0: a filter starts by reading every key.
ALTER TABLE text_band_buckets ADD COLUMN batch bigint NOT NULL DEFAULT 0;
-- Buckets are only ever appended, in counter order: a BRIN index finds the last ones for almost nothing.
CREATE INDEX text_band_buckets_batch_idx ON text_band_buckets USING brin (batch);

CREATE TABLE text_band_bucket_writes (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  batches bigint NOT NULL DEFAULT 0 CHECK (batches >= 0)
);
INSERT INTO text_band_bucket_writes DEFAULT VALUES;

-- During a rolling upgrade, instances of the previous version still open buckets without a number.
-- This statement trigger numbers them, so that the new instances' filters read them too. The current
-- code numbers its own rows: for it, the check reads the statement's new rows once and does nothing.
CREATE FUNCTION text_band_buckets_number_unnumbered() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM opened WHERE batch = 0) THEN
    UPDATE text_band_bucket_writes SET batches = batches + 1;
    UPDATE text_band_buckets AS b SET batch = w.batches
    FROM text_band_bucket_writes AS w, opened AS o
    WHERE o.batch = 0 AND b.key = o.key;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER text_band_buckets_number AFTER INSERT ON text_band_buckets
  REFERENCING NEW TABLE AS opened
  FOR EACH STATEMENT EXECUTE FUNCTION text_band_buckets_number_unnumbered();
