-- H2 has no PL/pgSQL: the access module re-derives the index there (VisibilityIndex). This no-op keeps the schema
-- history the same on both databases (see db/vendor/postgresql/V170).
SELECT 1;
