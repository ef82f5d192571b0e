-- Issue 11, lists at scale.
--
-- 1. A practice manager sees every client of the practice, so the total of their unsearched list is the number of
--    the practice's clients of that kind (current or archived). Counting it on each call read every index entry of
--    the practice (8,942 at 100k households, 48,000 in the largest practice at 1M): most of a manager's first page.
--    access_client_tally keeps that number as signed deltas, one row per (practice, kind, archived) and statement
--    that changed it, written by statement triggers in the same transaction as the change: the count a statement
--    reads is SUM(delta) over its key, in its own snapshot, so it is exactly the count of access_client's rows that
--    snapshot sees. Deltas are appended, never updated, so the tally takes no lock of its own: a single counter row
--    would be a second per-practice lock beside the audit chain head, taken before it by some paths (a CRM page
--    appends its audit entries at the end) and after it by others, a deadlock waiting to happen. AccessTallyJob folds a key's rows
--    into one now and then (one statement: DELETE .. RETURNING then INSERT of the sum, atomic for every reader).
--    VisibilityIndex.tallyDrift() compares it with a real count; the tests assert it after every kind of change.
CREATE TABLE access_client_tally (
    practice_id bigint NOT NULL,
    client_kind varchar(20) NOT NULL,
    archived    boolean NOT NULL,
    delta       bigint NOT NULL
);

CREATE INDEX ix_access_client_tally ON access_client_tally (practice_id, client_kind, archived) INCLUDE (delta);

CREATE FUNCTION access_client_tallied() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO access_client_tally (practice_id, client_kind, archived, delta)
        SELECT practice_id, client_kind, archived, COUNT(*) FROM tally_new GROUP BY practice_id, client_kind, archived;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO access_client_tally (practice_id, client_kind, archived, delta)
        SELECT practice_id, client_kind, archived, -COUNT(*) FROM tally_old GROUP BY practice_id, client_kind, archived;
    ELSE
        -- a rename changes nothing here (its deltas cancel); archiving moves one from false to true
        INSERT INTO access_client_tally (practice_id, client_kind, archived, delta)
        SELECT practice_id, client_kind, archived, SUM(d)
        FROM (SELECT practice_id, client_kind, archived, 1 AS d FROM tally_new
              UNION ALL SELECT practice_id, client_kind, archived, -1 FROM tally_old) moved
        GROUP BY practice_id, client_kind, archived
        HAVING SUM(d) <> 0;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER access_client_tally_insert AFTER INSERT ON access_client
    REFERENCING NEW TABLE AS tally_new FOR EACH STATEMENT EXECUTE FUNCTION access_client_tallied();
CREATE TRIGGER access_client_tally_update AFTER UPDATE ON access_client
    REFERENCING OLD TABLE AS tally_old NEW TABLE AS tally_new FOR EACH STATEMENT EXECUTE FUNCTION access_client_tallied();
CREATE TRIGGER access_client_tally_delete AFTER DELETE ON access_client
    REFERENCING OLD TABLE AS tally_old FOR EACH STATEMENT EXECUTE FUNCTION access_client_tallied();

INSERT INTO access_client_tally (practice_id, client_kind, archived, delta)
SELECT practice_id, client_kind, archived, COUNT(*) FROM access_client GROUP BY practice_id, client_kind, archived;

-- 2. A non-manager's name search filters their own index rows by search_text. The list index did not carry it (nor
--    the practice), so every row of the user's range was read from the heap to test it (949 heap reads for an adviser
--    with 455 clients, to find 4): the index now carries both, and a search, like the first page and the total, is
--    an index-only scan of the user's rows (no heap read while the visibility map says the page is all-visible).
DROP INDEX ix_access_visible_list;
CREATE INDEX ix_access_visible_list ON access_visible (user_id, sort_name, client_id, paths, grant_until, archived, workgroup_id,
                                                       client_kind) INCLUDE (practice_id, search_text);
