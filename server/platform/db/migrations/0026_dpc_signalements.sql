-- DPC signalements (issue 12, docs/dpc-signalements.md): what doctors, patients' relatives, agents and
-- expert reviewers report about a training action, an organisation or a practitioner; its screening,
-- evidence, review, decision, the contradictory step with the reported organisation and the exchanges
-- with the ANDPC and the MIVILUDES. Closed lists mirror contracts/dpc-signalements.schemas.ts.
--
-- The reporter's identity sits in its own table (dpc_signalement_reporters), read only by the services
-- that may show it (agents and the designated reviewer, each read audited) and by nothing that builds
-- a package, a mail to the organisation or a statistic.

-- A new role: the expert reviewer of DPC signalements, national like a CNE member.
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('medecin', 'agent', 'membre_cde', 'membre_cne', 'relecteur_dpc', 'admin'));
ALTER TABLE users ADD CONSTRAINT users_dpc_reviewer_is_national CHECK (role <> 'relecteur_dpc' OR departement IS NULL);

-- « DPC-2026-00042 »: one sequence per year, taken under a row lock.
CREATE TABLE dpc_signalement_sequences (
  year integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2999),
  last_value integer NOT NULL CHECK (last_value >= 0)
);

CREATE TABLE dpc_signalements (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  reference text NOT NULL UNIQUE CHECK (reference ~ '^DPC-[0-9]{4}-[0-9]{5,}$'),
  kind text NOT NULL CHECK (kind IN ('situation_a_risque', 'formation_sans_contenu_scientifique', 'derive_therapeutique', 'derive_sectaire')),
  reporter_kind text NOT NULL CHECK (reporter_kind IN ('participant', 'professionnel', 'proche', 'agent', 'relecteur')),
  subject_kind text NOT NULL CHECK (subject_kind IN ('action', 'organisation', 'praticien')),
  -- The catalogue entries it is about, when known (an action implies its organisation).
  action_id uuid REFERENCES dpc_actions (id),
  organisation_id uuid REFERENCES dpc_organisations (id),
  -- What the reporter named: a training's title, an organisation's name, a practitioner's name.
  subject_label text NOT NULL CHECK (length(subject_label) BETWEEN 1 AND 300),
  practitioner_rpps text CHECK (practitioner_rpps IS NULL OR practitioner_rpps ~ '^[0-9]{11}$'),
  -- Where the facts took place (statistics by region); null when not said.
  departement text CHECK (departement ~ '^(0[1-9]|1[0-9]|2[1-9]|[3-8][0-9]|9[0-5]|2A|2B|97[1-6])$'),
  occurred_on date,
  facts text NOT NULL CHECK (length(facts) BETWEEN 1 AND 20000),
  status text NOT NULL DEFAULT 'nouveau' CHECK (status IN ('nouveau', 'en_revue', 'avis_rendu', 'contradictoire', 'decide')),
  -- The status a contradictory step will go back to.
  status_before_contradictory text CHECK (status_before_contradictory IS NULL OR status_before_contradictory IN ('nouveau', 'en_revue', 'avis_rendu')),
  reviewer_id uuid REFERENCES users (id),
  -- The screening of facts (and the action's programme when one is named), as analysis/dpc returns it.
  lexicon_version text NOT NULL,
  lexicon_fingerprint text NOT NULL,
  score smallint NOT NULL CHECK (score BETWEEN 0 AND 100),
  priority text NOT NULL CHECK (priority IN ('aucune', 'basse', 'moyenne', 'haute')),
  findings jsonb NOT NULL CHECK (jsonb_typeof(findings) = 'array'),
  -- Does it concern health (the MIVILUDES' figure: 40 % of its requests): set at filing, see the doc.
  concerns_health boolean NOT NULL,
  decision_outcomes text[] CHECK (
    decision_outcomes IS NULL OR (
      cardinality(decision_outcomes) >= 1
      AND decision_outcomes <@ ARRAY['classement', 'transmission_andpc', 'transmission_miviludes', 'saisine_chambre']
      AND (NOT ('classement' = ANY (decision_outcomes)) OR cardinality(decision_outcomes) = 1)
    )
  ),
  decision_reason text CHECK (decision_reason IS NULL OR length(decision_reason) BETWEEN 1 AND 4000),
  decided_at timestamptz,
  decided_by uuid REFERENCES users (id),
  -- The account that filed it; null for a relative's public form.
  filed_by uuid REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'decide') = (decision_outcomes IS NOT NULL)),
  CHECK ((status = 'contradictoire') = (status_before_contradictory IS NOT NULL)),
  CHECK (status NOT IN ('en_revue', 'avis_rendu') OR reviewer_id IS NOT NULL)
);
CREATE INDEX dpc_signalements_status_idx ON dpc_signalements (status, created_at DESC);
CREATE INDEX dpc_signalements_reviewer_idx ON dpc_signalements (reviewer_id, status) WHERE reviewer_id IS NOT NULL;
CREATE INDEX dpc_signalements_action_idx ON dpc_signalements (action_id) WHERE action_id IS NOT NULL;
CREATE INDEX dpc_signalements_organisation_idx ON dpc_signalements (organisation_id) WHERE organisation_id IS NOT NULL;
CREATE INDEX dpc_signalements_filed_by_idx ON dpc_signalements (filed_by, created_at DESC) WHERE filed_by IS NOT NULL;
CREATE INDEX dpc_signalements_decided_by_idx ON dpc_signalements (decided_by) WHERE decided_by IS NOT NULL;

-- The reporter's identity, apart (see the header).
CREATE TABLE dpc_signalement_reporters (
  signalement_id uuid PRIMARY KEY REFERENCES dpc_signalements (id) ON DELETE CASCADE,
  full_name text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 200),
  email text CHECK (email IS NULL OR length(email) BETWEEN 3 AND 254),
  phone text CHECK (phone IS NULL OR length(phone) BETWEEN 6 AND 30),
  profession text CHECK (profession IS NULL OR length(profession) BETWEEN 1 AND 120),
  -- A relative's link to the patient, a participant's session…: free words, for the reviewer only.
  relation text CHECK (relation IS NULL OR length(relation) BETWEEN 1 AND 200)
);

-- Evidence: the reports' upload rules (type by content, size, names neutralised), in the upload store.
CREATE TABLE dpc_signalement_evidence (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  signalement_id uuid NOT NULL REFERENCES dpc_signalements (id) ON DELETE CASCADE,
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  media_type text NOT NULL CHECK (media_type IN ('message/rfc822', 'application/vnd.ms-outlook', 'text/plain', 'application/pdf', 'image/png', 'image/jpeg')),
  size_bytes integer NOT NULL CHECK (size_bytes >= 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  storage_key text NOT NULL UNIQUE,
  scan_status text NOT NULL CHECK (scan_status IN ('sain', 'non_analyse')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dpc_signalement_evidence_signalement_idx ON dpc_signalement_evidence (signalement_id);

-- The journal of a signalement: every step, who, when (shown to staff; never to the reporter or partners).
CREATE TABLE dpc_signalement_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  signalement_id uuid NOT NULL REFERENCES dpc_signalements (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('depose', 'trie', 'relecteur_designe', 'avis', 'contradictoire_ouvert', 'contradictoire_reponse', 'contradictoire_clos', 'decision', 'envoi', 'echange', 'note')),
  actor_id uuid REFERENCES users (id),
  note text CHECK (note IS NULL OR length(note) BETWEEN 1 AND 4000),
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dpc_signalement_events_signalement_idx ON dpc_signalement_events (signalement_id, at);
CREATE INDEX dpc_signalement_events_actor_idx ON dpc_signalement_events (actor_id) WHERE actor_id IS NOT NULL;

-- The expert reviewer's opinion (several when a signalement is reviewed again).
CREATE TABLE dpc_signalement_reviews (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  signalement_id uuid NOT NULL REFERENCES dpc_signalements (id) ON DELETE CASCADE,
  reviewer_id uuid NOT NULL REFERENCES users (id),
  opinion text NOT NULL CHECK (length(opinion) BETWEEN 1 AND 10000),
  recommended_outcomes text[] NOT NULL CHECK (
    cardinality(recommended_outcomes) >= 1
    AND recommended_outcomes <@ ARRAY['classement', 'transmission_andpc', 'transmission_miviludes', 'saisine_chambre']
  ),
  -- Which screening findings the reviewer confirmed (rule ids), so the package says what an expert upheld.
  confirmed_rule_ids text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dpc_signalement_reviews_signalement_idx ON dpc_signalement_reviews (signalement_id, created_at);
CREATE INDEX dpc_signalement_reviews_reviewer_idx ON dpc_signalement_reviews (reviewer_id);

-- The contradictory step: the reported organisation is invited (a statement written by the agent,
-- never the reporter's text) to answer through a link carrying a token; only its hash is kept.
CREATE TABLE dpc_contradictory_invitations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  signalement_id uuid NOT NULL REFERENCES dpc_signalements (id) ON DELETE CASCADE,
  organisation_id uuid REFERENCES dpc_organisations (id),
  recipient_email text NOT NULL CHECK (length(recipient_email) BETWEEN 3 AND 254),
  statement text NOT NULL CHECK (length(statement) BETWEEN 1 AND 6000),
  token_hash text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  due_on date NOT NULL,
  invited_by uuid NOT NULL REFERENCES users (id),
  invited_at timestamptz NOT NULL DEFAULT now(),
  answer text CHECK (answer IS NULL OR length(answer) BETWEEN 1 AND 20000),
  answered_at timestamptz,
  closed_at timestamptz,
  CHECK ((answer IS NULL) = (answered_at IS NULL))
);
CREATE INDEX dpc_contradictory_invitations_signalement_idx ON dpc_contradictory_invitations (signalement_id, invited_at);
CREATE INDEX dpc_contradictory_invitations_organisation_idx ON dpc_contradictory_invitations (organisation_id) WHERE organisation_id IS NOT NULL;
CREATE INDEX dpc_contradictory_invitations_invited_by_idx ON dpc_contradictory_invitations (invited_by);
-- At most one open invitation per signalement.
CREATE UNIQUE INDEX dpc_contradictory_invitations_open_idx ON dpc_contradictory_invitations (signalement_id) WHERE answered_at IS NULL AND closed_at IS NULL;

-- The exchange log with the ANDPC, the MIVILUDES and the organisation: what was shared or received,
-- with whom, when, acknowledged or not. An outgoing package keeps its JSON and the hash of its PDF as
-- sent, so what was shared can be shown later exactly.
CREATE TABLE dpc_exchanges (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  signalement_id uuid NOT NULL REFERENCES dpc_signalements (id) ON DELETE CASCADE,
  partner text NOT NULL CHECK (partner IN ('andpc', 'miviludes', 'organisme')),
  direction text NOT NULL CHECK (direction IN ('sortant', 'entrant')),
  kind text NOT NULL CHECK (kind IN ('envoi', 'accuse_reception', 'reponse', 'mise_a_jour', 'relance')),
  summary text CHECK (summary IS NULL OR length(summary) BETWEEN 1 AND 4000),
  -- The partner's own reference for the case, when it gave one.
  partner_reference text CHECK (partner_reference IS NULL OR length(partner_reference) BETWEEN 1 AND 100),
  package jsonb,
  package_pdf_sha256 text CHECK (package_pdf_sha256 IS NULL OR package_pdf_sha256 ~ '^[0-9a-f]{64}$'),
  -- For an outgoing package: the incoming entry that acknowledged it.
  acknowledged_by uuid REFERENCES dpc_exchanges (id),
  occurred_at timestamptz NOT NULL DEFAULT now(),
  recorded_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'envoi') = (package IS NOT NULL)),
  CHECK (kind <> 'envoi' OR direction = 'sortant')
);
CREATE INDEX dpc_exchanges_signalement_idx ON dpc_exchanges (signalement_id, occurred_at);
CREATE INDEX dpc_exchanges_recorded_by_idx ON dpc_exchanges (recorded_by);
CREATE INDEX dpc_exchanges_acknowledged_by_idx ON dpc_exchanges (acknowledged_by) WHERE acknowledged_by IS NOT NULL;
