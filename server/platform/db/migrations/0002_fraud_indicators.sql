-- Fraud indicators known from reports (phone numbers, domains, URLs, sender addresses). The reports and
-- campaigns module fills it; analyses and registry contact changes look values up in it. It holds no
-- reporter identity: only counts and the campaign's public label.
CREATE TABLE fraud_indicators (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('phone', 'domain', 'url', 'email')),
  value text NOT NULL CHECK (length(value) BETWEEN 1 AND 2048),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'false_positive', 'expired')),
  report_count integer NOT NULL DEFAULT 0 CHECK (report_count >= 0),
  campaign_label text,
  first_seen_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX fraud_indicators_kind_value_key ON fraud_indicators (kind, value);
CREATE INDEX fraud_indicators_value_idx ON fraud_indicators (value) WHERE status = 'active';
