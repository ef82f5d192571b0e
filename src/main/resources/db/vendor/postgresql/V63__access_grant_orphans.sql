-- Before V64 ties every family grant to its person (security review, finding 1): grants whose person was
-- already removed from the family (they kept working, listed nowhere) are withdrawn, and grants marked
-- holder / co-holder whose person is no longer recorded as holder or co-holder lose the permanent status
-- (they become ordinary family grants the file manager can change or withdraw). The V57 guards refuse both,
-- so they are paused for these two statements only (the migration runs as the schema owner).
ALTER TABLE access_grant DISABLE TRIGGER access_grant_holder_guard;
ALTER TABLE access_grant_irrevocable DISABLE TRIGGER access_grant_irrevocable_no_change;

DELETE FROM access_grant_irrevocable WHERE grant_id IN (
    SELECT g.id FROM access_grant g
    WHERE g.subject_kind = 'FAMILY'
      AND NOT EXISTS (SELECT 1 FROM person p WHERE p.id = g.subject_id AND p.household_id = g.client_id
                                                 AND p.relationship IN ('HOLDER', 'CO_HOLDER')));
DELETE FROM access_grant g
WHERE g.subject_kind = 'FAMILY'
  AND NOT EXISTS (SELECT 1 FROM person p WHERE p.id = g.subject_id AND p.household_id = g.client_id);
UPDATE access_grant g SET holder = FALSE
WHERE g.holder = TRUE
  AND NOT EXISTS (SELECT 1 FROM person p WHERE p.id = g.subject_id AND p.household_id = g.client_id
                                             AND p.relationship IN ('HOLDER', 'CO_HOLDER'));

ALTER TABLE access_grant ENABLE TRIGGER access_grant_holder_guard;
ALTER TABLE access_grant_irrevocable ENABLE TRIGGER access_grant_irrevocable_no_change;
