-- PostgreSQL only: the per-node API token cache (practice.ApiTokenService, token -> actor) follows the access cache's
-- invalidations (channel atrium_access, payload 'user:<id>'). These triggers make every change that can stop a token
-- from working reach every node at its commit, whoever makes it (even by hand): a token revoked, given another expiry,
-- moved or deleted; a user locked or unlocked, or given another email (it is part of the request's actor). The other
-- columns of app_user that matter (active, type, manager, practice, name) are already covered by V61.
CREATE FUNCTION atrium_api_token_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('atrium_access', 'user:' || OLD.user_id);
    ELSE
        PERFORM pg_notify('atrium_access', 'user:' || OLD.user_id);
        IF NEW.user_id IS DISTINCT FROM OLD.user_id THEN
            PERFORM pg_notify('atrium_access', 'user:' || NEW.user_id);
        END IF;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER api_token_cache_changed
    AFTER UPDATE OF revoked_at, expires_at, user_id, practice_id, token_hash ON api_token
    FOR EACH ROW
    WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at OR OLD.expires_at IS DISTINCT FROM NEW.expires_at
          OR OLD.user_id IS DISTINCT FROM NEW.user_id OR OLD.practice_id IS DISTINCT FROM NEW.practice_id
          OR OLD.token_hash IS DISTINCT FROM NEW.token_hash)
    EXECUTE FUNCTION atrium_api_token_changed();

CREATE TRIGGER api_token_cache_deleted
    AFTER DELETE ON api_token
    FOR EACH ROW
    EXECUTE FUNCTION atrium_api_token_changed();

CREATE FUNCTION atrium_user_login_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('atrium_access', 'user:' || NEW.id);
    RETURN NULL;
END;
$$;

CREATE TRIGGER app_user_login_changed
    AFTER UPDATE OF locked_until, email ON app_user
    FOR EACH ROW
    WHEN (OLD.locked_until IS DISTINCT FROM NEW.locked_until OR OLD.email IS DISTINCT FROM NEW.email)
    EXECUTE FUNCTION atrium_user_login_changed();
