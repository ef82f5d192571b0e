-- H2 (development and the smoke test) has no SQL-language triggers: the append-only guard on
-- audit_entry exists on PostgreSQL only (db/vendor/postgresql/V21). The hash chain detects
-- tampering on both. This no-op keeps the schema history the same on both databases.
SELECT 1;
