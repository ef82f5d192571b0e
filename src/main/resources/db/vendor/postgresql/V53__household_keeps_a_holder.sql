-- PostgreSQL only: a household never commits without its holder. V50's unique marker allows at most one;
-- this deferred constraint trigger refuses, at commit, a transaction that leaves a household (still
-- existing) with none. Deferred, so a hand-over (demote the holder, then promote someone else) may pass
-- through "no holder" inside one transaction.
CREATE FUNCTION person_household_keeps_holder() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM household h WHERE h.id = OLD.household_id)
       AND NOT EXISTS (SELECT 1 FROM person p WHERE p.household_id = OLD.household_id AND p.relationship = 'HOLDER') THEN
        RAISE EXCEPTION 'household % would be left without a holder', OLD.household_id USING ERRCODE = '23514';
    END IF;
    RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER person_keeps_holder
    AFTER UPDATE OR DELETE ON person
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION person_household_keeps_holder();
