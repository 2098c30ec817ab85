-- Signalements, campaigns, indicators, alerts, watchlists (issue « Signalements, campaigns and alerts »).
-- A report holds the copy of the exchanges and the analysis run on it; reports sharing an indicator or a
-- near-identical text are grouped into a campaign; a qualified campaign publishes its indicators into
-- fraud_indicators (what analyses and registry holds read); an alert approved by a second agent is
-- broadcast to the registry's doctors, one delivery row per recipient.

CREATE TABLE campaigns (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Human reference shown to agents and in exports, e.g. CAMP-2026-0042.
  reference text NOT NULL UNIQUE CHECK (reference ~ '^CAMP-[0-9]{4}-[0-9]{4,}$'),
  -- Public label: may be shown on the check page (« campagne … »); never names a reporter.
  label text NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
  status text NOT NULL DEFAULT 'ouverte' CHECK (status IN ('ouverte', 'qualifiee', 'close')),
  scam_family text CHECK (length(scam_family) <= 60),
  summary text NOT NULL DEFAULT '' CHECK (length(summary) <= 4000),
  report_count integer NOT NULL DEFAULT 0 CHECK (report_count >= 0),
  first_report_at timestamptz,
  last_report_at timestamptz,
  qualified_at timestamptz,
  qualified_by uuid REFERENCES users (id),
  -- A campaign absorbed into another by a merge points at it and holds no report any more.
  merged_into uuid REFERENCES campaigns (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE SEQUENCE campaign_reference_seq;
CREATE INDEX campaigns_status_idx ON campaigns (status, last_report_at DESC);
CREATE INDEX campaigns_merged_into_idx ON campaigns (merged_into) WHERE merged_into IS NOT NULL;

CREATE TABLE reports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Receipt number given to the reporter, e.g. SIG-2026-7KQ4M2XD (random part: not guessable).
  receipt_number text NOT NULL UNIQUE CHECK (receipt_number ~ '^SIG-[0-9]{4}-[0-9A-Z]{8}$'),
  source text NOT NULL CHECK (source IN ('formulaire', 'courriel')),
  -- en_attente_confirmation: filed by someone without an account whose address is not yet confirmed.
  status text NOT NULL CHECK (status IN ('en_attente_confirmation', 'nouveau', 'en_cours', 'qualifie', 'classe_sans_suite', 'fusionne')),
  channel text NOT NULL CHECK (channel IN ('telephone', 'sms', 'courriel', 'courrier', 'autre')),
  occurred_on date,
  organisation_name text NOT NULL DEFAULT '' CHECK (length(organisation_name) <= 200),
  caller_number text NOT NULL DEFAULT '' CHECK (length(caller_number) <= 40),
  sender text NOT NULL DEFAULT '' CHECK (length(sender) <= 320),
  links text[] NOT NULL DEFAULT '{}',
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 10000),
  pasted_text text NOT NULL DEFAULT '' CHECK (length(pasted_text) <= 100000),
  departement text CHECK (departement ~ '^(0[1-9]|1[0-9]|2[1-9]|[3-8][0-9]|9[0-5]|2A|2B|97[1-6])$'),
  -- Who reported: a logged-in account, or an address confirmed by a link. Visible to the council only.
  reporter_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  reporter_email text CHECK (reporter_email = lower(reporter_email) AND length(reporter_email) <= 254),
  reporter_name text NOT NULL DEFAULT '' CHECK (length(reporter_name) <= 120),
  -- Pseudonymous toward everyone but the council: exports, dossiers and shares omit the identity.
  pseudonymous boolean NOT NULL DEFAULT false,
  -- SHA-256 of the follow-up token mailed to a reporter without an account.
  follow_token_hash text,
  confirmation_token_hash text,
  confirmation_expires_at timestamptz,
  confirmed_at timestamptz,
  -- The engine's output on the report's text (verdict, score, findings, partial) at filing time.
  analysis jsonb,
  verdict text CHECK (verdict IN ('fraude_probable', 'suspect', 'aucun_signal')),
  scam_family text CHECK (length(scam_family) <= 60),
  -- Lower-case, accent-free text for the back-office search (trigram).
  search_text text NOT NULL DEFAULT '',
  -- MinHash signature of the exchanges' text (near-duplicate grouping); null when too short to compare.
  text_signature integer[],
  assigned_to uuid REFERENCES users (id) ON DELETE SET NULL,
  campaign_id uuid REFERENCES campaigns (id),
  -- An agent placed (or removed) this report by hand: automatic grouping leaves it where it is.
  campaign_pinned boolean NOT NULL DEFAULT false,
  merged_into uuid REFERENCES reports (id),
  qualified_at timestamptz,
  closed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CONSTRAINT reports_has_reporter CHECK (reporter_user_id IS NOT NULL OR reporter_email IS NOT NULL),
  CONSTRAINT reports_merged_has_target CHECK ((status = 'fusionne') = (merged_into IS NOT NULL))
);
CREATE INDEX reports_queue_idx ON reports (departement, status, created_at DESC);
CREATE INDEX reports_created_idx ON reports (created_at DESC);
CREATE INDEX reports_campaign_idx ON reports (campaign_id) WHERE campaign_id IS NOT NULL;
CREATE INDEX reports_reporter_user_idx ON reports (reporter_user_id) WHERE reporter_user_id IS NOT NULL;
CREATE INDEX reports_assigned_idx ON reports (assigned_to) WHERE assigned_to IS NOT NULL;
CREATE INDEX reports_merged_into_idx ON reports (merged_into) WHERE merged_into IS NOT NULL;
CREATE INDEX reports_search_trgm_idx ON reports USING gin (search_text gin_trgm_ops);

-- Copies of the exchanges: uploaded files and forwarded originals. Bytes live in the upload store
-- (outside the web root) under storage_key; the row keeps what was checked about them.
CREATE TABLE report_attachments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  report_id uuid NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  origin text NOT NULL CHECK (origin IN ('televersement', 'courriel_original', 'piece_jointe_courriel')),
  -- Neutralised display name (no path, no control characters).
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  -- Type detected from the content (magic bytes), never from the name.
  media_type text NOT NULL CHECK (media_type IN ('message/rfc822', 'application/vnd.ms-outlook', 'text/plain', 'application/pdf', 'image/png', 'image/jpeg')),
  size_bytes integer NOT NULL CHECK (size_bytes >= 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  storage_key text NOT NULL UNIQUE,
  scan_status text NOT NULL CHECK (scan_status IN ('sain', 'non_analyse')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX report_attachments_report_idx ON report_attachments (report_id);

CREATE TABLE report_notes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  report_id uuid NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  author_id uuid NOT NULL REFERENCES users (id),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX report_notes_report_idx ON report_notes (report_id, created_at);

-- Indicators as they appear in one report, normalised (E.164, registrable domain, lower-case address,
-- accent-free organisation name). The campaign grouping joins on (kind, value).
CREATE TABLE report_indicators (
  report_id uuid NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('phone', 'domain', 'url', 'email', 'organisation')),
  value text NOT NULL CHECK (length(value) BETWEEN 1 AND 2048),
  PRIMARY KEY (report_id, kind, value)
);
CREATE INDEX report_indicators_value_idx ON report_indicators (kind, value);

-- LSH bands of each report's MinHash signature: two reports sharing a band are near-duplicate candidates.
CREATE TABLE report_text_bands (
  report_id uuid NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  band smallint NOT NULL,
  hash bigint NOT NULL,
  PRIMARY KEY (report_id, band)
);
CREATE INDEX report_text_bands_hash_idx ON report_text_bands (band, hash);

-- The life of every indicator seen in reports: sightings, first/last seen, and whether it may link
-- reports. 'commun' never links (gmail.com, shorteners, official domains, the Ordre's numbers);
-- 'en_attente' would link more unrelated reports than allowed and waits for an agent's decision;
-- 'faux_positif' never links nor flags; 'expire' no longer flags.
CREATE TABLE indicators (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('phone', 'domain', 'url', 'email', 'organisation')),
  value text NOT NULL CHECK (length(value) BETWEEN 1 AND 2048),
  status text NOT NULL DEFAULT 'actif' CHECK (status IN ('actif', 'commun', 'en_attente', 'approuve', 'faux_positif', 'expire')),
  sightings integer NOT NULL DEFAULT 0 CHECK (sightings >= 0),
  first_seen_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz,
  decided_by uuid REFERENCES users (id),
  decided_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX indicators_kind_value_key ON indicators (kind, value);
CREATE INDEX indicators_status_idx ON indicators (status) WHERE status IN ('en_attente', 'actif');

-- The published side: which campaign an indicator of fraud_indicators comes from.
ALTER TABLE fraud_indicators ADD COLUMN campaign_id uuid REFERENCES campaigns (id);
CREATE INDEX fraud_indicators_campaign_idx ON fraud_indicators (campaign_id) WHERE campaign_id IS NOT NULL;

CREATE TABLE alerts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  campaign_id uuid REFERENCES campaigns (id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  situation text NOT NULL CHECK (length(situation) BETWEEN 1 AND 4000),
  what_to_do text NOT NULL CHECK (length(what_to_do) BETWEEN 1 AND 4000),
  what_not_to_do text NOT NULL DEFAULT '' CHECK (length(what_not_to_do) <= 4000),
  -- national, or the listed départements, or the listed specialties (within the départements if both).
  audience_scope text NOT NULL CHECK (audience_scope IN ('national', 'departements', 'specialites')),
  audience_departements text[] NOT NULL DEFAULT '{}',
  audience_specialties text[] NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'brouillon' CHECK (status IN ('brouillon', 'a_approuver', 'en_diffusion', 'diffusee', 'retiree')),
  drafted_by uuid NOT NULL REFERENCES users (id),
  submitted_at timestamptz,
  approved_by uuid REFERENCES users (id),
  approved_at timestamptz,
  broadcast_finished_at timestamptz,
  -- Shown on the public « Alertes en cours » page from approval until then (or until withdrawn).
  visible_until timestamptz,
  withdrawn_at timestamptz,
  recipients_total integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- Four eyes, in the schema too: the approver is never the drafter.
  CONSTRAINT alerts_four_eyes CHECK (approved_by IS NULL OR approved_by <> drafted_by)
);
CREATE INDEX alerts_status_idx ON alerts (status, approved_at DESC);

-- One row per recipient: the unit of exactly-once delivery. 'envoi' is claimed by a worker under a
-- lease; 'envoye' is committed before the message's final SMTP dot is written (see docs/alerts.md).
CREATE TABLE alert_deliveries (
  id bigserial PRIMARY KEY,
  alert_id uuid NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
  doctor_id uuid NOT NULL REFERENCES doctors (id),
  email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
  status text NOT NULL DEFAULT 'a_envoyer' CHECK (status IN ('a_envoyer', 'envoi', 'envoye', 'echec')),
  attempts integer NOT NULL DEFAULT 0,
  lease_until timestamptz,
  sent_at timestamptz,
  last_error text CHECK (length(last_error) <= 500),
  UNIQUE (alert_id, doctor_id)
);
CREATE INDEX alert_deliveries_pending_idx ON alert_deliveries (alert_id, id) WHERE status IN ('a_envoyer', 'envoi');

CREATE TABLE watchlists (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('phone', 'domain', 'departement', 'scam_family')),
  value text NOT NULL CHECK (length(value) BETWEEN 1 AND 253),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, kind, value)
);
CREATE INDEX watchlists_match_idx ON watchlists (kind, value);
