-- PostgreSQL: the database keeps access_visible (V81) exact itself, in the same transaction as any change to a
-- fact table, whoever makes it (the access module, a migration, or a hand-made UPDATE). Incremental: each
-- relation adds or removes its bit on (user, client); a row whose bits reach 0 is deleted. Concurrency (READ
-- COMMITTED): bit arithmetic commutes, and INSERT .. ON CONFLICT DO UPDATE applies it to the latest committed
-- row; what does not commute is serialised by a lock, then read by a new statement (which sees the other commit):
--   * a client's listing columns: writers of a single row lock the client row FOR SHARE, renames lock it by
--     their UPDATE;
--   * workgroup membership x client assignment: both lock the workgroup row FOR UPDATE first.

CREATE FUNCTION access_visible_add(p_user bigint, p_client bigint, p_path integer, p_until date) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM access_client WHERE client_id = p_client FOR SHARE;
    INSERT INTO access_visible (user_id, client_id, practice_id, paths, grant_until, client_kind, sort_name, search_text,
                                archived, workgroup_id)
    SELECT p_user, c.client_id, c.practice_id, p_path, p_until, c.client_kind, COALESCE(c.sort_name, ''),
           COALESCE(c.search_text, ''), c.archived, c.workgroup_id
    FROM access_client c JOIN app_user u ON u.id = p_user AND u.active = TRUE
    WHERE c.client_id = p_client
    ON CONFLICT (user_id, client_id) DO UPDATE SET paths = access_visible.paths + EXCLUDED.paths,
        grant_until = CASE WHEN p_path = 8 THEN EXCLUDED.grant_until ELSE access_visible.grant_until END;
END;
$$;

CREATE FUNCTION access_visible_remove(p_user bigint, p_client bigint, p_path integer) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE access_visible SET paths = paths - p_path,
                              grant_until = CASE WHEN p_path = 8 THEN NULL ELSE grant_until END
    WHERE user_id = p_user AND client_id = p_client;
    DELETE FROM access_visible WHERE user_id = p_user AND client_id = p_client AND paths = 0;
END;
$$;

-- client -> team:<role> -> user (the role is not in the index: a role change touches nothing)
CREATE FUNCTION access_team_indexed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        PERFORM access_visible_remove(OLD.user_id, OLD.client_id, 1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM access_visible_add(NEW.user_id, NEW.client_id, 1, NULL);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER access_team_index AFTER INSERT OR DELETE OR UPDATE OF user_id, client_id ON access_team
    FOR EACH ROW EXECUTE FUNCTION access_team_indexed();

-- client -> grant:<level> -> outsider (linked to an account), visible until its last day
CREATE FUNCTION access_grant_indexed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.user_id IS NOT DISTINCT FROM NEW.user_id AND OLD.client_id = NEW.client_id THEN
        IF NEW.user_id IS NOT NULL AND OLD.expires_on IS DISTINCT FROM NEW.expires_on THEN
            UPDATE access_visible SET grant_until = NEW.expires_on WHERE user_id = NEW.user_id AND client_id = NEW.client_id;
        END IF;
        RETURN NULL;
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') AND OLD.user_id IS NOT NULL THEN
        PERFORM access_visible_remove(OLD.user_id, OLD.client_id, 8);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.user_id IS NOT NULL THEN
        PERFORM access_visible_add(NEW.user_id, NEW.client_id, 8, NEW.expires_on);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER access_grant_index AFTER INSERT OR DELETE OR UPDATE OF user_id, client_id, expires_on ON access_grant
    FOR EACH ROW EXECUTE FUNCTION access_grant_indexed();

-- workgroup -> member -> user: the member reaches every client assigned to the group
CREATE FUNCTION access_workgroup_member_indexed() RETURNS trigger LANGUAGE plpgsql AS $$
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
        WHERE user_id = OLD.user_id AND workgroup_id = OLD.group_id
          AND client_id IN (SELECT client_id FROM access_client WHERE workgroup_id = OLD.group_id);
        DELETE FROM access_visible WHERE user_id = OLD.user_id AND workgroup_id = OLD.group_id AND paths = 0;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER access_workgroup_member_index AFTER INSERT OR DELETE ON access_workgroup_member
    FOR EACH ROW EXECUTE FUNCTION access_workgroup_member_indexed();

-- the client row: its secondary adviser (client -> secondary -> user), its workgroup (client -> workgroup ->
-- workgroup -> member -> user) and the listing columns every row of the client carries
CREATE FUNCTION access_client_indexed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    old_group bigint;
    old_secondary bigint;
BEGIN
    IF TG_OP = 'UPDATE' THEN
        old_group := OLD.workgroup_id;
        old_secondary := OLD.secondary_user_id;
    END IF;
    IF old_group IS DISTINCT FROM NEW.workgroup_id THEN
        PERFORM 1 FROM access_workgroup WHERE group_id IN (old_group, NEW.workgroup_id) ORDER BY group_id FOR UPDATE;
    ELSIF NEW.workgroup_id IS NOT NULL THEN
        PERFORM 1 FROM access_workgroup WHERE group_id = NEW.workgroup_id FOR UPDATE;
    END IF;
    IF TG_OP = 'UPDATE' AND (OLD.client_kind IS DISTINCT FROM NEW.client_kind OR OLD.sort_name IS DISTINCT FROM NEW.sort_name
            OR OLD.search_text IS DISTINCT FROM NEW.search_text OR OLD.archived IS DISTINCT FROM NEW.archived
            OR OLD.workgroup_id IS DISTINCT FROM NEW.workgroup_id OR OLD.practice_id IS DISTINCT FROM NEW.practice_id) THEN
        UPDATE access_visible SET client_kind = NEW.client_kind, sort_name = COALESCE(NEW.sort_name, ''),
                                  search_text = COALESCE(NEW.search_text, ''), archived = NEW.archived,
                                  workgroup_id = NEW.workgroup_id, practice_id = NEW.practice_id
        WHERE client_id = NEW.client_id;
    END IF;
    IF old_secondary IS DISTINCT FROM NEW.secondary_user_id THEN
        IF old_secondary IS NOT NULL THEN
            PERFORM access_visible_remove(old_secondary, NEW.client_id, 2);
        END IF;
        IF NEW.secondary_user_id IS NOT NULL THEN
            PERFORM access_visible_add(NEW.secondary_user_id, NEW.client_id, 2, NULL);
        END IF;
    END IF;
    IF old_group IS DISTINCT FROM NEW.workgroup_id THEN
        IF old_group IS NOT NULL THEN
            UPDATE access_visible SET paths = paths - 4
            WHERE client_id = NEW.client_id
              AND user_id IN (SELECT user_id FROM access_workgroup_member WHERE group_id = old_group);
            DELETE FROM access_visible WHERE client_id = NEW.client_id AND paths = 0;
        END IF;
        IF NEW.workgroup_id IS NOT NULL THEN
            INSERT INTO access_visible (user_id, client_id, practice_id, paths, grant_until, client_kind, sort_name, search_text,
                                        archived, workgroup_id)
            SELECT m.user_id, NEW.client_id, NEW.practice_id, 4, NULL, NEW.client_kind, COALESCE(NEW.sort_name, ''),
                   COALESCE(NEW.search_text, ''), NEW.archived, NEW.workgroup_id
            FROM access_workgroup_member m JOIN app_user u ON u.id = m.user_id AND u.active = TRUE
            WHERE m.group_id = NEW.workgroup_id
            ON CONFLICT (user_id, client_id) DO UPDATE SET paths = access_visible.paths + 4;
        END IF;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER access_client_index AFTER INSERT OR UPDATE ON access_client
    FOR EACH ROW EXECUTE FUNCTION access_client_indexed();

-- a disabled user has no rows; enabled again, their rows are derived afresh from the facts
CREATE FUNCTION access_visible_user_active() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.active THEN
        INSERT INTO access_visible (user_id, client_id, practice_id, paths, grant_until, client_kind, sort_name, search_text,
                                    archived, workgroup_id)
        SELECT user_id, client_id, practice_id, paths, grant_until, client_kind, sort_name, search_text, archived, workgroup_id
        FROM access_visible_def WHERE user_id = NEW.id
        ON CONFLICT (user_id, client_id) DO NOTHING;
    ELSE
        DELETE FROM access_visible WHERE user_id = NEW.id;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER app_user_access_visible AFTER UPDATE OF active ON app_user
    FOR EACH ROW WHEN (OLD.active IS DISTINCT FROM NEW.active)
    EXECUTE FUNCTION access_visible_user_active();
