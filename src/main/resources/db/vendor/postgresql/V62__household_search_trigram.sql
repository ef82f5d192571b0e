-- PostgreSQL only: client search is `search_text LIKE '%q%'` (anywhere in names and emails), which no
-- B-tree can serve; at 10,000 households in one practice it scanned them all (~10 ms). A trigram GIN
-- index answers it from the index (< 1 ms for 3+ characters; shorter queries still walk the practice
-- index in name order and stop at the first page). pg_trgm is a trusted extension (the database owner
-- may create it); where the role may not, the index is skipped with a notice and search still works.
DO $$
BEGIN
    BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
    EXCEPTION WHEN insufficient_privilege OR undefined_file OR feature_not_supported THEN
        RAISE NOTICE 'pg_trgm is not available (%): client search runs without a trigram index', SQLERRM;
    END;
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
        EXECUTE 'CREATE INDEX IF NOT EXISTS ix_household_search_trgm ON household USING gin (search_text gin_trgm_ops)';
    END IF;
END;
$$;
