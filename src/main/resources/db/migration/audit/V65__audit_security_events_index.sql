-- The practice managers' "Security events" list filters a practice's trail by action, newest first.
CREATE INDEX ix_audit_entry_action ON audit_entry (practice_id, action, seq);
