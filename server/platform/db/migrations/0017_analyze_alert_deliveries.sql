-- After an approval materialises thousands of deliveries, the broadcast wants fresh planner statistics.
-- PostgreSQL 15 lets only a table's owner ANALYZE it, and instances run as the application role: the
-- owner's function does it for them (it can do nothing else; EXECUTE stays granted to PUBLIC by default).
CREATE FUNCTION analyze_alert_deliveries() RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
BEGIN
  ANALYZE alert_deliveries;
END
$$;
