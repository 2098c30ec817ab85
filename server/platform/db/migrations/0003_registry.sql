-- Registry of doctors and third-cycle students, and the requests that change it. A change of contact
-- details, a transfer or a registration is applied only through a change request completed by an
-- in-person identity check (or, for the doctor's own correspondence details, behind a fresh second
-- factor and verification codes): there is no other write path to these columns.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE doctors (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  rpps text NOT NULL CHECK (rpps ~ '^[0-9]{11}$'),
  birth_name text NOT NULL CHECK (length(birth_name) BETWEEN 1 AND 100),
  usage_name text CHECK (length(usage_name) BETWEEN 1 AND 100),
  first_names text NOT NULL CHECK (length(first_names) BETWEEN 1 AND 150),
  specialty text NOT NULL DEFAULT '' CHECK (length(specialty) <= 120),
  departement text NOT NULL CHECK (departement ~ '^(0[1-9]|1[0-9]|2[1-9]|[3-8][0-9]|9[0-5]|2A|2B|97[1-6])$'),
  status text NOT NULL CHECK (status IN ('inscrit', 'suspendu', 'radie', 'transfere', 'etudiant_3e_cycle')),
  pro_address text NOT NULL DEFAULT '' CHECK (length(pro_address) <= 300),
  pro_postal_code text NOT NULL DEFAULT '' CHECK (pro_postal_code ~ '^([0-9]{5})?$'),
  pro_city text NOT NULL DEFAULT '' CHECK (length(pro_city) <= 100),
  pro_email text CHECK (length(pro_email) <= 254),
  pro_phone text CHECK (pro_phone ~ '^\+[1-9][0-9]{6,14}$'),
  corr_address text NOT NULL DEFAULT '' CHECK (length(corr_address) <= 300),
  corr_postal_code text NOT NULL DEFAULT '' CHECK (corr_postal_code ~ '^([0-9]{5})?$'),
  corr_city text NOT NULL DEFAULT '' CHECK (length(corr_city) <= 100),
  corr_email text CHECK (length(corr_email) <= 254),
  corr_phone text CHECK (corr_phone ~ '^\+[1-9][0-9]{6,14}$'),
  -- Lower-case, accent-free « usage birth first-names city »: what the trigram search runs on.
  search_text text NOT NULL,
  frozen_at timestamptz,
  frozen_reason text,
  -- New contact details do not count for sensitive operations (card issuance exports) before this.
  contacts_trusted_from timestamptz,
  version integer NOT NULL DEFAULT 1,
  user_id uuid UNIQUE REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX doctors_rpps_key ON doctors (rpps);
CREATE INDEX doctors_departement_idx ON doctors (departement);
CREATE INDEX doctors_search_trgm_idx ON doctors USING gin (search_text gin_trgm_ops);
CREATE INDEX doctors_pro_city_idx ON doctors (lower(pro_city));
CREATE INDEX doctors_corr_email_idx ON doctors (lower(corr_email));
CREATE INDEX doctors_corr_phone_idx ON doctors (corr_phone);

-- Every version of a record: who changed what, through which request.
CREATE TABLE doctor_history (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  doctor_id uuid NOT NULL REFERENCES doctors (id) ON DELETE CASCADE,
  version integer NOT NULL,
  source text NOT NULL CHECK (source IN ('import', 'change_request', 'self_service', 'freeze', 'unfreeze')),
  change_request_id uuid,
  actor_id uuid,
  changes jsonb NOT NULL,
  occurred_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX doctor_history_doctor_idx ON doctor_history (doctor_id, version);

CREATE SEQUENCE change_request_number_seq;
CREATE TABLE change_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  reference text NOT NULL UNIQUE,
  doctor_id uuid REFERENCES doctors (id) ON DELETE RESTRICT,
  kind text NOT NULL CHECK (kind IN ('contact_change', 'transfer', 'registration')),
  channel text NOT NULL CHECK (channel IN ('guichet', 'telephone', 'courriel', 'courrier', 'espace_medecin')),
  status text NOT NULL CHECK (status IN ('attente_presence', 'attente_codes', 'en_revue', 'appliquee', 'rejetee', 'gelee')),
  departement text NOT NULL,
  requested jsonb NOT NULL,
  hold_reasons jsonb NOT NULL DEFAULT '[]'::jsonb,
  created_by uuid REFERENCES users (id),
  checked_by uuid REFERENCES users (id),
  reviewed_by uuid REFERENCES users (id),
  decision_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  applied_at timestamptz,
  CONSTRAINT change_requests_doctor_unless_registration CHECK (kind = 'registration' OR doctor_id IS NOT NULL),
  CONSTRAINT change_requests_reviewer_differs CHECK (reviewed_by IS NULL OR reviewed_by IS DISTINCT FROM checked_by)
);
CREATE INDEX change_requests_doctor_idx ON change_requests (doctor_id);
CREATE INDEX change_requests_status_idx ON change_requests (departement, status);

-- The in-person check: the document number itself is never stored, only a keyed hash and its end.
CREATE TABLE identity_checks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  change_request_id uuid NOT NULL UNIQUE REFERENCES change_requests (id) ON DELETE RESTRICT,
  document_type text NOT NULL CHECK (document_type IN ('passeport', 'carte_nationale_identite')),
  document_expiry date NOT NULL,
  document_last4 text NOT NULL CHECK (document_last4 ~ '^[A-Z0-9]{4}$'),
  document_number_hash text NOT NULL,
  name_matches boolean NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('conforme', 'fraude_suspectee')),
  place text NOT NULL CHECK (length(place) BETWEEN 2 AND 200),
  notes text CHECK (length(notes) <= 1000),
  agent_id uuid NOT NULL REFERENCES users (id),
  checked_at timestamptz NOT NULL DEFAULT now()
);

-- Codes sent to a new email address or phone number in self-service; it counts only once entered.
CREATE TABLE contact_verifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  change_request_id uuid NOT NULL REFERENCES change_requests (id) ON DELETE CASCADE,
  channel text NOT NULL CHECK (channel IN ('email', 'phone')),
  code_hash text NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  expires_at timestamptz NOT NULL,
  verified_at timestamptz,
  UNIQUE (change_request_id, channel)
);

-- Single-use, 5-minute proofs of a fresh second factor, bound to one session.
CREATE TABLE step_up_tokens (
  token_hash text PRIMARY KEY,
  session_id text NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

-- « Ce n'était pas moi » links sent to the previous channels after an applied change.
CREATE TABLE contact_revert_tokens (
  token_hash text PRIMARY KEY,
  doctor_id uuid NOT NULL REFERENCES doctors (id) ON DELETE CASCADE,
  change_request_id uuid NOT NULL REFERENCES change_requests (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

-- Doctors activate their Vigie account from their record only: a link to the address on file, or a
-- code handed over at the counter after the in-person check.
CREATE TABLE doctor_activations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  doctor_id uuid NOT NULL REFERENCES doctors (id) ON DELETE CASCADE,
  method text NOT NULL CHECK (method IN ('email_on_file', 'counter_code')),
  secret_hash text NOT NULL UNIQUE,
  created_by uuid REFERENCES users (id),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE users ADD COLUMN security_referent boolean NOT NULL DEFAULT false;
