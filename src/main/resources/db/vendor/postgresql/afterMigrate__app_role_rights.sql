-- PostgreSQL, after every migrate: when Atrium runs under its own application role (the datasource user, or
-- ATRIUM_DB_APP_ROLE) while Flyway migrates as the owner role (SPRING_FLYWAY_USER), give the application role the
-- rights it needs and no more. It owns nothing, so it can neither ALTER a table (no DISABLE TRIGGER, no DROP) nor
-- create one; on audit_entry it may only read and append (no UPDATE, DELETE or TRUNCATE: the append-only triggers
-- are a second wall, the hash chain's HMAC a third); Flyway's history is not its business. When both are the same
-- role (the zero-setup default, the test suite) there is nothing to do. Runs after every migrate, so tables added by
-- later migrations get the same rights; idempotent.
DO $$
DECLARE
    app text := '${approle}';
BEGIN
    IF app = '' OR app = current_user THEN
        RETURN;
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', current_schema(), app);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO %I', current_schema(), app);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I', current_schema(), app);
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_entry FROM %I', app);
    EXECUTE format('REVOKE ALL ON %I FROM %I', 'flyway_schema_history', app);
END
$$;
