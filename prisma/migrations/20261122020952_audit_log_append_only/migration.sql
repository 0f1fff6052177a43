-- The audit trail is append-only: refuse UPDATE and DELETE at the database, whoever asks.
CREATE OR REPLACE FUNCTION backoffice_auditlog_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'backoffice_auditlog is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER backoffice_auditlog_no_update_delete
  BEFORE UPDATE OR DELETE ON backoffice_auditlog
  FOR EACH ROW EXECUTE FUNCTION backoffice_auditlog_append_only();

CREATE TRIGGER backoffice_auditlog_no_truncate
  BEFORE TRUNCATE ON backoffice_auditlog
  FOR EACH STATEMENT EXECUTE FUNCTION backoffice_auditlog_append_only();
