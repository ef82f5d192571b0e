-- H2 has no LISTEN/NOTIFY: the access cache, and the API token cache that follows it, are always off there, so the
-- PostgreSQL triggers of db/vendor/postgresql/V180 have nothing to tell. This no-op keeps the schema history the same.
SELECT 1;
