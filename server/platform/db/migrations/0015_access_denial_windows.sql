-- Issue 16, item 10: a script calling refused routes in a loop must not flood the audit log. The first
-- refusal of a (user, thing refused, permission) in a 10-minute window is audited as before
-- (authz.access.denied); the repeats are only counted here, then written as one
-- authz.access.denied_repeatedly entry with the count when the window closes (next refusal after it, or
-- the maintenance sweep). Shared by every instance; UNLOGGED like rate_limits (0005): a crash empties
-- the counters, which at worst writes one more authz.access.denied entry, never fewer.
CREATE UNLOGGED TABLE access_denial_windows (
  actor_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  entity_type text NOT NULL,
  -- The refused route (« GET /api/x ») or record id; '' when none.
  entity_id text NOT NULL,
  permission text NOT NULL,
  actor_role text,
  window_started_at timestamptz NOT NULL,
  last_denied_at timestamptz NOT NULL,
  last_ip text,
  -- Refusals after the first one in the current window (the first has its own audit entry).
  repeats integer NOT NULL DEFAULT 0 CHECK (repeats >= 0),
  -- The window the last refusal closed, returned to the caller so it can audit the count in the same
  -- statement's transaction (PostgreSQL's RETURNING gives only the new values).
  closed_repeats integer NOT NULL DEFAULT 0 CHECK (closed_repeats >= 0),
  closed_started_at timestamptz,
  closed_last_at timestamptz,
  closed_ip text,
  PRIMARY KEY (actor_id, entity_type, entity_id, permission)
);
CREATE INDEX access_denial_windows_started_idx ON access_denial_windows (window_started_at);
