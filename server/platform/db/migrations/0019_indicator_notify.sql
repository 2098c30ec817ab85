-- Issue 15: every instance keeps the active fraud_indicators in memory for message checks
-- (server/modules/indicators/indicator-cache.ts) and must hear of each change. After every change that
-- alters what a check says about a value (its status, count, campaign label or expiry), the value is sent
-- on the channel `fraud_indicators` as `=<value>` (at most 2048 characters, well under NOTIFY's 8000
-- bytes); a TRUNCATE sends `*`. PostgreSQL delivers the notifications at commit, in commit order, and
-- never those of a rolled-back transaction. Listeners reload the values named.
CREATE FUNCTION fraud_indicators_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    PERFORM pg_notify('fraud_indicators', '*');
  ELSIF TG_OP = 'INSERT' THEN
    PERFORM pg_notify('fraud_indicators', '=' || NEW.value);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('fraud_indicators', '=' || OLD.value);
  ELSIF (NEW.value, NEW.status, NEW.report_count, NEW.campaign_label, NEW.expires_at)
        IS DISTINCT FROM (OLD.value, OLD.status, OLD.report_count, OLD.campaign_label, OLD.expires_at) THEN
    PERFORM pg_notify('fraud_indicators', '=' || OLD.value);
    IF NEW.value <> OLD.value THEN
      PERFORM pg_notify('fraud_indicators', '=' || NEW.value);
    END IF;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER fraud_indicators_notify AFTER INSERT OR UPDATE OR DELETE ON fraud_indicators
  FOR EACH ROW EXECUTE FUNCTION fraud_indicators_notify();
CREATE TRIGGER fraud_indicators_notify_truncate AFTER TRUNCATE ON fraud_indicators
  FOR EACH STATEMENT EXECUTE FUNCTION fraud_indicators_notify();
