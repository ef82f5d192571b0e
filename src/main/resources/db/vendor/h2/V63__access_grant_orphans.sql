-- The H2 twin of db/vendor/postgresql/V63 (H2 has no SQL triggers to pause): before V64 ties every family
-- grant to its person, grants whose person was already removed are withdrawn and holder grants whose person
-- is no longer recorded as holder or co-holder become ordinary family grants.
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
