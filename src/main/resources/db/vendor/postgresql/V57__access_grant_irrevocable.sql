-- PostgreSQL: a holder / co-holder grant can never be withdrawn, downgraded to read-only, given an
-- expiry or moved to someone else, and its irrevocability marker can never be removed, whatever SQL
-- is run through the application's role.
CREATE FUNCTION access_grant_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.holder THEN
            RAISE EXCEPTION 'access of a holder or co-holder can never be withdrawn (grant %)', OLD.id
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN OLD;
    END IF;
    IF OLD.holder AND (NEW.holder IS DISTINCT FROM TRUE
            OR (OLD.access_level = 'READ_WRITE' AND NEW.access_level <> 'READ_WRITE')
            OR NEW.expires_on IS NOT NULL
            OR NEW.subject_kind <> OLD.subject_kind OR NEW.subject_id <> OLD.subject_id OR NEW.client_id <> OLD.client_id) THEN
        RAISE EXCEPTION 'access of a holder or co-holder can never be withdrawn or downgraded (grant %)', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER access_grant_holder_guard
    BEFORE UPDATE OR DELETE ON access_grant
    FOR EACH ROW EXECUTE FUNCTION access_grant_guard();

CREATE FUNCTION access_grant_irrevocable_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the irrevocability of a holder grant cannot be removed' USING ERRCODE = 'integrity_constraint_violation';
END;
$$;

CREATE TRIGGER access_grant_irrevocable_no_change
    BEFORE UPDATE OR DELETE ON access_grant_irrevocable
    FOR EACH ROW EXECUTE FUNCTION access_grant_irrevocable_guard();
