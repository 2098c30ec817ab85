-- Upload bytes kept in PostgreSQL (UPLOAD_STORE=postgres, the default with a PostgreSQL server), so every
-- instance reads the files any other one received. A blob is written chunk by chunk, each in its own
-- statement: a blob stays `completed = false` (never readable) until its last chunk is in, and a blob
-- left incomplete by a crash is swept by purgeIncompleteUploads. See docs/upload-storage.md.
CREATE TABLE upload_blobs (
  key text PRIMARY KEY CHECK (key ~ '^pg/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'),
  completed boolean NOT NULL DEFAULT false,
  sha256 text CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size_bytes bigint CHECK (size_bytes >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz,
  -- A completed blob always carries what the reader checks the bytes against.
  CHECK (NOT completed OR (sha256 IS NOT NULL AND size_bytes IS NOT NULL AND completed_at IS NOT NULL))
);

-- The sweeper's scan: only incomplete blobs, oldest first.
CREATE INDEX upload_blobs_incomplete_idx ON upload_blobs (created_at) WHERE NOT completed;

CREATE TABLE upload_blob_chunks (
  -- The primary key's leading column indexes the foreign key (and the ordered read).
  key text NOT NULL REFERENCES upload_blobs (key) ON DELETE CASCADE,
  seq integer NOT NULL CHECK (seq >= 0),
  bytes bytea NOT NULL CHECK (octet_length(bytes) BETWEEN 1 AND 1048576),
  PRIMARY KEY (key, seq)
);

-- Uploads are mostly images and PDFs, already compressed: out-of-line storage without another
-- compression attempt saves CPU on every write.
ALTER TABLE upload_blob_chunks ALTER COLUMN bytes SET STORAGE EXTERNAL;
