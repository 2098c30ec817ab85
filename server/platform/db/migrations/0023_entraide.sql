-- Entraide ordinale (issue 11, docs/entraide.md): confidential cases of doctors in difficulty, their
-- journal, the commission's decisions, escalation to the CNE, Crésus referrals and budgets, commission
-- mandates, helplines per département, anonymous helpline calls and retention.
--
-- Confidentiality by construction: everything that names or contacts a person (identity, contact
-- details, free text, the link to an account or a register record, budgets) is stored only sealed
-- (AES-256-GCM) under a data key of the case's scope — one per département's CDE, one for the CNE —
-- itself stored wrapped by a master key that never enters the database (server/platform/crypto). What
-- stays in clear is what statistics and the workflow need: département, natures, urgency, statuses,
-- dates, amounts and votes. Closed lists mirror contracts/entraide.schemas.ts.

-- One data key per scope ('cde:<département>' or 'cne'), wrapped by the key provider's master key.
CREATE TABLE entraide_data_keys (
  scope text PRIMARY KEY CHECK (scope = 'cne' OR scope ~ '^cde:(0[1-9]|1[0-9]|2[1-9]|[3-8][0-9]|9[0-5]|2A|2B|97[1-6])$'),
  wrapped_key text NOT NULL CHECK (length(wrapped_key) BETWEEN 20 AND 500),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- « E-2026-014 »: the pseudonym everyone but the commission sees. Numbered per year, without gaps.
CREATE TABLE entraide_case_counters (
  year integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2999),
  last_number integer NOT NULL CHECK (last_number >= 0)
);

CREATE TABLE entraide_cases (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  reference text NOT NULL UNIQUE CHECK (reference ~ '^E-[0-9]{4}-[0-9]{3,6}$'),
  departement text NOT NULL CHECK (departement ~ '^(0[1-9]|1[0-9]|2[1-9]|[3-8][0-9]|9[0-5]|2A|2B|97[1-6])$'),
  status text NOT NULL DEFAULT 'recu' CHECK (status IN ('recu', 'en_cours', 'transmis_cne', 'clos')),
  natures text[] NOT NULL CHECK (cardinality(natures) BETWEEN 1 AND 5
    AND natures <@ ARRAY['sociale', 'professionnelle', 'personnelle', 'sante', 'financiere']::text[]),
  urgency text NOT NULL CHECK (urgency IN ('normale', 'rapide', 'immediate')),
  source text NOT NULL CHECK (source IN ('espace_medecin', 'proche', 'appel_agent', 'appel_cde', 'ligne_ecoute', 'signalement')),
  beneficiary_kind text NOT NULL CHECK (beneficiary_kind IN ('medecin', 'docteur_junior', 'famille')),
  contact_means text NOT NULL CHECK (contact_means IN ('telephone', 'courriel', 'courrier', 'aucun')),
  contact_consent boolean NOT NULL,
  -- JSON of the beneficiary, the requester, contact details and the request's message, sealed for the CDE.
  sealed_identity text NOT NULL,
  -- The same, sealed for the CNE: only when the person consented to share their identity with it.
  sealed_identity_cne text,
  -- The account and/or register record the case is about, sealed for the CDE: joining tables shows nothing.
  sealed_subject text,
  -- Keyed hash of the requesting account (the doctor's own requests, in their space); null otherwise.
  -- It names no one without the key, which stays outside the database.
  requester_tag text CHECK (requester_tag IS NULL OR requester_tag ~ '^[0-9a-f]{64}$'),
  referent_id uuid REFERENCES users (id),
  recorded_by uuid REFERENCES users (id),
  cne_consent_at timestamptz,
  escalated_at timestamptz,
  opened_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz,
  last_activity_at timestamptz NOT NULL DEFAULT now(),
  -- Set on closure from the retention setting; reopening clears it. The purge job deletes past it.
  purge_after date,
  CHECK ((status = 'clos') = (closed_at IS NOT NULL)),
  CHECK (status <> 'clos' OR purge_after IS NOT NULL),
  CHECK (sealed_identity_cne IS NULL OR cne_consent_at IS NOT NULL),
  CHECK (status <> 'transmis_cne' OR escalated_at IS NOT NULL)
);
CREATE INDEX entraide_cases_departement_idx ON entraide_cases (departement, status, last_activity_at DESC);
CREATE INDEX entraide_cases_escalated_idx ON entraide_cases (escalated_at DESC) WHERE escalated_at IS NOT NULL;
CREATE INDEX entraide_cases_requester_idx ON entraide_cases (requester_tag) WHERE requester_tag IS NOT NULL;
CREATE INDEX entraide_cases_referent_idx ON entraide_cases (referent_id) WHERE referent_id IS NOT NULL;
CREATE INDEX entraide_cases_recorded_by_idx ON entraide_cases (recorded_by) WHERE recorded_by IS NOT NULL;
CREATE INDEX entraide_cases_purge_idx ON entraide_cases (purge_after) WHERE purge_after IS NOT NULL;

-- The case's journal: notes, meetings, decisions, escalation, closure, reopening, Crésus orientation.
CREATE TABLE entraide_case_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES entraide_cases (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('note', 'entretien', 'decision', 'transmission_cne', 'cloture', 'reouverture', 'orientation_cresus')),
  -- Free text sealed under the case's scope key (the CNE's once the case is transmitted with consent).
  sealed_body text,
  occurred_at timestamptz NOT NULL,
  author_id uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX entraide_case_events_case_idx ON entraide_case_events (case_id, occurred_at);
CREATE INDEX entraide_case_events_author_idx ON entraide_case_events (author_id) WHERE author_id IS NOT NULL;

-- What the commission decided, with the vote and whether the quorum was reached.
CREATE TABLE entraide_decisions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES entraide_cases (id) ON DELETE CASCADE,
  commission text NOT NULL CHECK (commission IN ('cde', 'cne')),
  kind text NOT NULL CHECK (kind IN ('aide_financiere', 'orientation', 'accompagnement', 'refus')),
  decided_on date NOT NULL,
  amount_cents bigint CHECK (amount_cents IS NULL OR amount_cents BETWEEN 1 AND 99999999),
  aid_form text CHECK (aid_form IS NULL OR aid_form IN ('secours', 'pret_d_honneur', 'prise_en_charge')),
  members_seated smallint NOT NULL CHECK (members_seated BETWEEN 1 AND 50),
  members_present smallint NOT NULL CHECK (members_present BETWEEN 0 AND members_seated),
  votes_for smallint NOT NULL CHECK (votes_for >= 0),
  votes_against smallint NOT NULL CHECK (votes_against >= 0),
  abstentions smallint NOT NULL CHECK (abstentions >= 0),
  quorum_reached boolean NOT NULL,
  recorded_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (votes_for + votes_against + abstentions = members_present),
  CHECK (kind <> 'aide_financiere' OR (amount_cents IS NOT NULL AND aid_form IS NOT NULL)),
  CHECK (kind = 'aide_financiere' OR (amount_cents IS NULL AND aid_form IS NULL))
);
CREATE INDEX entraide_decisions_case_idx ON entraide_decisions (case_id);
CREATE INDEX entraide_decisions_recorded_by_idx ON entraide_decisions (recorded_by) WHERE recorded_by IS NOT NULL;

-- Seats on a commission per mandate. Access follows them: a member whose mandate ended yesterday
-- (Paris time) no longer opens anything today.
CREATE TABLE entraide_mandates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id),
  commission text NOT NULL CHECK (commission IN ('cde', 'cne')),
  departement text CHECK (departement ~ '^(0[1-9]|1[0-9]|2[1-9]|[3-8][0-9]|9[0-5]|2A|2B|97[1-6])$'),
  role text NOT NULL CHECK (role IN ('president', 'membre')),
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  -- The day the end of access was written to the audit journal (by the daily job), once.
  expiry_recorded_on date,
  CHECK (ends_on >= starts_on),
  CHECK ((commission = 'cde') = (departement IS NOT NULL))
);
CREATE INDEX entraide_mandates_user_idx ON entraide_mandates (user_id, ends_on);
CREATE INDEX entraide_mandates_commission_idx ON entraide_mandates (commission, departement, ends_on);
CREATE INDEX entraide_mandates_created_by_idx ON entraide_mandates (created_by) WHERE created_by IS NOT NULL;

-- Helplines shown before any form. departement NULL: the national default (seed 002's two lines),
-- which a département's own list replaces.
CREATE TABLE entraide_helplines (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  departement text CHECK (departement ~ '^(0[1-9]|1[0-9]|2[1-9]|[3-8][0-9]|9[0-5]|2A|2B|97[1-6])$'),
  position smallint NOT NULL CHECK (position BETWEEN 0 AND 20),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  purpose text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 200),
  number text NOT NULL CHECK (number ~ '^[0-9][0-9 ]{1,19}$'),
  hours text NOT NULL CHECK (length(hours) BETWEEN 1 AND 200),
  updated_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX entraide_helplines_position_idx ON entraide_helplines (coalesce(departement, ''), position);
CREATE INDEX entraide_helplines_updated_by_idx ON entraide_helplines (updated_by) WHERE updated_by IS NOT NULL;
INSERT INTO entraide_helplines (departement, position, name, purpose, number, hours) VALUES
  (NULL, 0, 'SYNEXIAL', 'Assistants sociaux', '0800 288 038', 'Du lundi au vendredi, de 9 h à 19 h (appel gratuit)'),
  (NULL, 1, 'STIMULUS', 'Psychologues', '09 80 80 03 07', '7 jours sur 7, 24 h sur 24, numéro non surtaxé');

-- Calls to the helplines or to the council, logged without identity; one may become a case later.
CREATE TABLE entraide_helpline_calls (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  departement text NOT NULL CHECK (departement ~ '^(0[1-9]|1[0-9]|2[1-9]|[3-8][0-9]|9[0-5]|2A|2B|97[1-6])$'),
  received_on date NOT NULL,
  natures text[] NOT NULL CHECK (natures <@ ARRAY['sociale', 'professionnelle', 'personnelle', 'sante', 'financiere']::text[]),
  urgency text NOT NULL CHECK (urgency IN ('normale', 'rapide', 'immediate')),
  sealed_summary text,
  case_id uuid REFERENCES entraide_cases (id) ON DELETE SET NULL,
  recorded_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX entraide_helpline_calls_departement_idx ON entraide_helpline_calls (departement, received_on DESC);
CREATE INDEX entraide_helpline_calls_case_idx ON entraide_helpline_calls (case_id) WHERE case_id IS NOT NULL;
CREATE INDEX entraide_helpline_calls_recorded_by_idx ON entraide_helpline_calls (recorded_by) WHERE recorded_by IS NOT NULL;

-- A referral to Crésus, prescribed by the CNE with the person's recorded consent; what was sent is
-- kept sealed (only what Crésus needs), and what Crésus does is tracked action by action.
CREATE TABLE entraide_cresus_referrals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL UNIQUE REFERENCES entraide_cases (id) ON DELETE CASCADE,
  consent_recorded_at timestamptz NOT NULL,
  sealed_payload text NOT NULL,
  status text NOT NULL DEFAULT 'orientee' CHECK (status IN ('orientee', 'en_accompagnement', 'terminee')),
  referred_by uuid REFERENCES users (id),
  referred_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX entraide_cresus_referrals_referred_by_idx ON entraide_cresus_referrals (referred_by) WHERE referred_by IS NOT NULL;

CREATE TABLE entraide_cresus_actions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  referral_id uuid NOT NULL REFERENCES entraide_cresus_referrals (id) ON DELETE CASCADE,
  action text NOT NULL CHECK (action IN ('bilan', 'contact_creanciers', 'recherche_aides', 'delai_grace', 'gestion_tresorerie', 'dossier_surendettement', 'procedures_judiciaires')),
  occurred_on date NOT NULL,
  sealed_note text,
  recorded_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX entraide_cresus_actions_referral_idx ON entraide_cresus_actions (referral_id, occurred_on);
CREATE INDEX entraide_cresus_actions_recorded_by_idx ON entraide_cresus_actions (recorded_by) WHERE recorded_by IS NOT NULL;

-- Budgets for the reste-à-vivre tool, one row per snapshot (its history is the chart), sealed whole:
-- income and debts are financial data of a named person.
CREATE TABLE entraide_budgets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES entraide_cases (id) ON DELETE CASCADE,
  recorded_on date NOT NULL,
  sealed_budget text NOT NULL,
  recorded_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX entraide_budgets_case_idx ON entraide_budgets (case_id, recorded_on);
CREATE INDEX entraide_budgets_recorded_by_idx ON entraide_budgets (recorded_by) WHERE recorded_by IS NOT NULL;

-- One row: how long a closed case is kept before the purge (GDPR art. 9 data; docs/entraide.md).
CREATE TABLE entraide_settings (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  retention_months smallint NOT NULL DEFAULT 60 CHECK (retention_months BETWEEN 6 AND 240),
  updated_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX entraide_settings_updated_by_idx ON entraide_settings (updated_by) WHERE updated_by IS NOT NULL;
INSERT INTO entraide_settings (id) VALUES (true);
