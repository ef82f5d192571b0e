-- Issue 11, write cost: a member leaving a workgroup takes their workgroup bit off every client of the group with one
-- set-based UPDATE on the index, then deletes the rows left without a path. The rows are found by (user_id,
-- workgroup_id) on the index itself, which carries each client's workgroup (kept exact by access_client_indexed), so
-- the fact table is not read again. (One statement -- DELETE the rows whose only bit is 4, UPDATE the others -- was
-- tried and is wrong under concurrency: a team row added at the same moment turns 4 into 5 after the statement's
-- snapshot, the DELETE then skips the row and the UPDATE never considered it; VisibilityIndexIntegrationTests'
-- concurrent writers caught it. Subtract first, then delete zeros, commutes.) Joining stays one INSERT .. SELECT ..
-- ON CONFLICT (V82). The workgroup row FOR UPDATE still serialises membership against assignment.
CREATE OR REPLACE FUNCTION access_workgroup_member_indexed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM 1 FROM access_workgroup WHERE group_id = NEW.group_id FOR UPDATE;
        INSERT INTO access_visible (user_id, client_id, practice_id, paths, grant_until, client_kind, sort_name, search_text,
                                    archived, workgroup_id)
        SELECT NEW.user_id, c.client_id, c.practice_id, 4, NULL, c.client_kind, COALESCE(c.sort_name, ''),
               COALESCE(c.search_text, ''), c.archived, c.workgroup_id
        FROM access_client c JOIN app_user u ON u.id = NEW.user_id AND u.active = TRUE
        WHERE c.workgroup_id = NEW.group_id
        ON CONFLICT (user_id, client_id) DO UPDATE SET paths = access_visible.paths + 4;
    ELSE
        PERFORM 1 FROM access_workgroup WHERE group_id = OLD.group_id FOR UPDATE;
        UPDATE access_visible SET paths = paths - 4
        WHERE user_id = OLD.user_id AND workgroup_id = OLD.group_id AND (paths & 4) = 4;
        DELETE FROM access_visible WHERE user_id = OLD.user_id AND workgroup_id = OLD.group_id AND paths = 0;
    END IF;
    RETURN NULL;
END;
$$;

-- The index's foreign key to access_client costs a referential check (a row lock on the client) for every index row
-- written: 971 of them, 14 ms of a 50 ms join to a workgroup of 1,000 clients (EXPLAIN ANALYZE, issue 11). The index
-- is derived from fact tables that carry their own keys, so the key adds no truth; what it did on delete (cascade) a
-- statement trigger on access_client does now, and VisibilityIndex.drift() catches any row without its client.
ALTER TABLE access_visible DROP CONSTRAINT IF EXISTS access_visible_client_id_fkey;

CREATE FUNCTION access_client_unindexed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM access_visible v USING gone_clients g WHERE v.client_id = g.client_id;
    RETURN NULL;
END;
$$;

CREATE TRIGGER access_client_unindex AFTER DELETE ON access_client
    REFERENCING OLD TABLE AS gone_clients FOR EACH STATEMENT EXECUTE FUNCTION access_client_unindexed();
