-- H2 has no SQL-language triggers: there, the foreign key from access_grant_irrevocable (V56) refuses the
-- deletion of a holder grant, and AccessService refuses downgrades under a row lock. This no-op keeps the
-- schema history the same on both databases (PostgreSQL adds a trigger: db/vendor/postgresql/V57).
SELECT 1;
