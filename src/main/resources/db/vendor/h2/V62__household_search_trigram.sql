-- H2 has no trigram indexes: search scans the practice's households (fine at development sizes). This
-- no-op keeps the schema history the same on both databases (see db/vendor/postgresql/V62).
SELECT 1;
