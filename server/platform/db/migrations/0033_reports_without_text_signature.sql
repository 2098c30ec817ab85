-- A report's MinHash signature is read only when the report owns LSH buckets (a text is compared with
-- the owners of the buckets it falls into), and owners have theirs in indexed_texts (0009). The copy in
-- reports was written for every grouped report and never needed: 280 bytes more in each rewrite of the
-- widest table at grouping time (docs/performance.md, « Campaign grouping »). Dropping a column only
-- marks it dropped; its space is reclaimed as rows are rewritten.
ALTER TABLE reports DROP COLUMN text_signature;
