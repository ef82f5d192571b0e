-- H2 (development and the smoke test) has no SQL-language triggers: "a household keeps its holder" is
-- enforced on PostgreSQL by db/vendor/postgresql/V53 and on both by the family service (under the
-- household row lock). At most one holder is enforced on both by V50. This no-op keeps the schema
-- history the same on both databases.
SELECT 1;
