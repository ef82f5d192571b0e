-- The access review's stale criteria read activity: when a person last opened a client file (one index probe per
-- (client, user)) and whether a person ever logged in (one probe per user).
CREATE INDEX ix_client_read_client_user ON client_read (client_id, user_id, read_at);
CREATE INDEX ix_audit_entry_actor_action ON audit_entry (actor_user_id, action, occurred_at);
