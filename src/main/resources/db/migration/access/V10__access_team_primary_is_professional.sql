-- The primary's team row must belong to a Professional of the client's practice, enforced by the
-- database like household.primary_professional_id: primary_type is 'PROFESSIONAL' exactly on the
-- primary row (NULL otherwise, so the foreign key is not checked for ordinary members), and the
-- composite foreign key only accepts (practice, user, 'PROFESSIONAL') triples that exist in app_user.
-- The check is written with IS NOT NULL so that a marker without a type is refused (a NULL would pass a CHECK).
ALTER TABLE access_team ADD COLUMN primary_type varchar(20);

UPDATE access_team SET primary_type = 'PROFESSIONAL' WHERE primary_marker = TRUE;

ALTER TABLE access_team ADD CONSTRAINT ck_access_team_primary_type
    CHECK ((primary_marker IS NULL AND primary_type IS NULL)
           OR (primary_marker IS NOT NULL AND primary_type IS NOT NULL AND primary_type = 'PROFESSIONAL'));

ALTER TABLE access_team ADD CONSTRAINT fk_access_team_primary_professional
    FOREIGN KEY (practice_id, user_id, primary_type) REFERENCES app_user (practice_id, id, user_type);
