-- Security review, finding 1: who is holder or co-holder is decided by staff, and a grant is permanent only
-- for a person the file manager recorded as holder or co-holder.
--
-- 1. access_holder: the people of a file recorded as holder or co-holder, and by whom (the staff user who
--    registered the file, or later its file manager; the access module refuses everyone else). A person
--    removed from the family takes their record along (cascade); a record cannot go while a permanent grant
--    needs it (the foreign key from access_grant below).
CREATE TABLE access_holder (
    client_id    bigint NOT NULL REFERENCES access_client (client_id) ON DELETE CASCADE,
    person_id    bigint NOT NULL,
    practice_id  bigint NOT NULL REFERENCES practice (id),
    recorded_by  bigint NOT NULL,
    -- staff only, in the database: the recorder's user type, kept in step with app_user by the foreign key
    recorded_by_type varchar(20) NOT NULL,
    recorded_at  timestamp with time zone NOT NULL,
    CONSTRAINT ck_access_holder_staff CHECK (recorded_by_type IN ('PROFESSIONAL', 'SUPPORT', 'ASSISTANT')),
    CONSTRAINT pk_access_holder PRIMARY KEY (client_id, person_id),
    CONSTRAINT fk_access_holder_person FOREIGN KEY (client_id, person_id) REFERENCES person (household_id, id) ON DELETE CASCADE,
    CONSTRAINT fk_access_holder_recorded_by FOREIGN KEY (practice_id, recorded_by, recorded_by_type)
        REFERENCES app_user (practice_id, id, user_type) ON UPDATE CASCADE
);

-- existing files: today's holders and co-holders, as recorded by the file's primary professional (the file
-- manager answers for them from now on)
INSERT INTO access_holder (client_id, person_id, practice_id, recorded_by, recorded_by_type, recorded_at)
SELECT p.household_id, p.id, p.practice_id, t.user_id, u.user_type, CURRENT_TIMESTAMP
FROM person p
JOIN access_team t ON t.client_id = p.household_id AND t.primary_marker = TRUE
JOIN app_user u ON u.id = t.user_id
WHERE p.relationship IN ('HOLDER', 'CO_HOLDER');

-- 2. Every family grant names its person (person_id), who then cannot be deleted while the grant exists; a
--    holder grant also names the person's holder record (holder_person_id), so the database refuses a
--    permanent grant for anyone the file manager did not record as holder or co-holder.
ALTER TABLE access_grant ADD COLUMN person_id bigint;
ALTER TABLE access_grant ADD COLUMN holder_person_id bigint;
UPDATE access_grant SET person_id = subject_id WHERE subject_kind = 'FAMILY';
UPDATE access_grant SET holder_person_id = subject_id WHERE holder = TRUE;
ALTER TABLE access_grant ADD CONSTRAINT ck_access_grant_person
    CHECK ((subject_kind = 'FAMILY' AND person_id IS NOT NULL AND person_id = subject_id)
           OR (subject_kind = 'ADVISER' AND person_id IS NULL));
ALTER TABLE access_grant ADD CONSTRAINT ck_access_grant_holder_record
    CHECK ((holder = TRUE AND holder_person_id IS NOT NULL AND holder_person_id = person_id)
           OR (holder = FALSE AND holder_person_id IS NULL));
ALTER TABLE access_grant ADD CONSTRAINT fk_access_grant_person
    FOREIGN KEY (client_id, person_id) REFERENCES person (household_id, id);
ALTER TABLE access_grant ADD CONSTRAINT fk_access_grant_holder_record
    FOREIGN KEY (client_id, holder_person_id) REFERENCES access_holder (client_id, person_id);
