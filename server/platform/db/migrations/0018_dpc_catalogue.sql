-- DPC catalogue (issue 12, docs/dpc-vigilance.md): the organisations (ODPC) registered with the ANDPC,
-- their training actions, the drift screening of each action's programme, and the rescreenings run
-- after a lexicon change with the actions each one newly flagged. Closed lists mirror contracts/dpc.schemas.ts.

CREATE TABLE dpc_organisations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  registration_number text NOT NULL UNIQUE CHECK (registration_number ~ '^[0-9A-Z]{1,12}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
  contact_email text CHECK (contact_email IS NULL OR length(contact_email) BETWEEN 3 AND 254),
  contact_phone text CHECK (contact_phone IS NULL OR length(contact_phone) BETWEEN 6 AND 30),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE dpc_actions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES dpc_organisations (id),
  reference text NOT NULL UNIQUE CHECK (reference ~ '^[0-9A-Za-z][0-9A-Za-z._/-]{0,39}$'),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  programme text NOT NULL CHECK (length(programme) BETWEEN 1 AND 20000),
  orientation text CHECK (orientation IS NULL OR length(orientation) BETWEEN 1 AND 300),
  format text NOT NULL CHECK (format IN ('presentiel', 'non_presentiel', 'mixte')),
  starts_on date,
  ends_on date,
  -- Reference, title, orientation and programme folded as foldForSearch does (platform/text/fold.ts).
  search_text text NOT NULL,
  import_id uuid NOT NULL,
  imported_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on)
);
CREATE INDEX dpc_actions_organisation_idx ON dpc_actions (organisation_id);
CREATE INDEX dpc_actions_imported_by_idx ON dpc_actions (imported_by) WHERE imported_by IS NOT NULL;
-- Word search (`search_text LIKE '%word%'`). Unlike the registry's indexes (migration 0008), fastupdate
-- stays on: a programme brings hundreds of trigrams, and inserting them one by one made an import of
-- 10,000 actions take 24 s instead of 3 s (measured on PGlite). The pending list it keeps is merged
-- whenever it passes gin_pending_list_limit (4 MB), so a search reads at most that much beyond the index.
CREATE INDEX dpc_actions_search_trgm_idx ON dpc_actions USING gin (search_text gin_trgm_ops);

-- The screening of each action, one row per action, apart from the action itself: a rescreen rewrites
-- every row, and on `dpc_actions` each rewrite would re-index the programme's trigrams (migration 0011
-- measured the same effect on reports). Free space on each page lets most rewrites stay on their page.
CREATE TABLE dpc_action_screenings (
  action_id uuid PRIMARY KEY REFERENCES dpc_actions (id) ON DELETE CASCADE,
  lexicon_version text NOT NULL CHECK (length(lexicon_version) BETWEEN 1 AND 40),
  -- Changes on any edit of the lexicon (analysis/dpc/drift-lexicon.ts): a row with another one is stale.
  lexicon_fingerprint text NOT NULL CHECK (length(lexicon_fingerprint) BETWEEN 1 AND 200),
  score smallint NOT NULL CHECK (score BETWEEN 0 AND 100),
  priority text NOT NULL CHECK (priority IN ('aucune', 'basse', 'moyenne', 'haute')),
  findings jsonb NOT NULL CHECK (jsonb_typeof(findings) = 'array'),
  screened_at timestamptz NOT NULL
) WITH (fillfactor = 70);
CREATE INDEX dpc_action_screenings_priority_idx ON dpc_action_screenings (priority, score DESC);

CREATE TABLE dpc_rescreenings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  lexicon_version text NOT NULL CHECK (length(lexicon_version) BETWEEN 1 AND 40),
  lexicon_fingerprint text NOT NULL CHECK (length(lexicon_fingerprint) BETWEEN 1 AND 200),
  requested_by uuid REFERENCES users (id),
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  rescreened integer NOT NULL DEFAULT 0 CHECK (rescreened >= 0),
  newly_matching integer NOT NULL DEFAULT 0 CHECK (newly_matching >= 0 AND newly_matching <= rescreened)
);
-- One unfinished run per lexicon: a second request (or a retry after a crash) continues it.
CREATE UNIQUE INDEX dpc_rescreenings_unfinished_idx ON dpc_rescreenings (lexicon_fingerprint) WHERE finished_at IS NULL;
CREATE INDEX dpc_rescreenings_requested_by_idx ON dpc_rescreenings (requested_by) WHERE requested_by IS NOT NULL;

-- The actions a run newly flagged: their priority rose (from « aucune », or higher).
CREATE TABLE dpc_rescreen_matches (
  rescreening_id uuid NOT NULL REFERENCES dpc_rescreenings (id) ON DELETE CASCADE,
  action_id uuid NOT NULL REFERENCES dpc_actions (id) ON DELETE CASCADE,
  previous_priority text NOT NULL CHECK (previous_priority IN ('aucune', 'basse', 'moyenne')),
  previous_score smallint NOT NULL CHECK (previous_score BETWEEN 0 AND 100),
  PRIMARY KEY (rescreening_id, action_id)
);
CREATE INDEX dpc_rescreen_matches_action_idx ON dpc_rescreen_matches (action_id);
