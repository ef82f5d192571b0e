-- PostgreSQL only: the per-node access caches (AccessCache) clear what a change to a person affects.
-- Feature code tells the access module about access facts (it NOTIFYs itself); these triggers cover
-- the facts about people that the practice module owns, whoever changes them (even by hand):
-- active, type, manager capability and practice of a user -> 'user:<id>'; a name (it appears in
-- cached explanations) -> 'all'. NOTIFY is delivered at commit, to every node's listener.
CREATE FUNCTION atrium_access_user_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.first_name IS DISTINCT FROM OLD.first_name OR NEW.last_name IS DISTINCT FROM OLD.last_name THEN
        PERFORM pg_notify('atrium_access', 'all');
    ELSE
        PERFORM pg_notify('atrium_access', 'user:' || NEW.id);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER app_user_access_changed
    AFTER UPDATE OF active, user_type, practice_manager, practice_id, first_name, last_name ON app_user
    FOR EACH ROW
    WHEN (OLD.active IS DISTINCT FROM NEW.active OR OLD.user_type IS DISTINCT FROM NEW.user_type
          OR OLD.practice_manager IS DISTINCT FROM NEW.practice_manager OR OLD.practice_id IS DISTINCT FROM NEW.practice_id
          OR OLD.first_name IS DISTINCT FROM NEW.first_name OR OLD.last_name IS DISTINCT FROM NEW.last_name)
    EXECUTE FUNCTION atrium_access_user_changed();

CREATE FUNCTION atrium_access_practice_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('atrium_access', 'all');
    RETURN NULL;
END;
$$;

CREATE TRIGGER practice_access_renamed
    AFTER UPDATE OF name ON practice
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION atrium_access_practice_renamed();
