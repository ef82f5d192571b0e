-- Issue 10, finding 12: the audit chain is signed. hash is now HMAC-SHA256 with an audit key kept outside the
-- database (configuration, ATRIUM_AUDIT_KEY); key_id names the key that signed the entry, so entries signed before a
-- key rotation are verified with the retired key. NULL = an entry written before this migration (plain SHA-256,
-- "atrium-audit-v1"); at start-up Atrium appends an AUDIT_TRAIL_SIGNED entry to each such chain, whose signature
-- covers everything before it (audit.AuditKeyAdoption).
ALTER TABLE audit_entry ADD COLUMN key_id varchar(40);
