-- A household may have a secondary adviser besides its primary professional. Like the primary, the
-- composite foreign key accepts only a Professional of the same practice (never an assistant), and
-- the secondary is never the primary.
ALTER TABLE household ADD COLUMN secondary_professional_id bigint;
ALTER TABLE household ADD COLUMN secondary_type varchar(20) DEFAULT 'PROFESSIONAL' NOT NULL;
ALTER TABLE household ADD CONSTRAINT ck_household_secondary_type CHECK (secondary_type = 'PROFESSIONAL');
ALTER TABLE household ADD CONSTRAINT ck_household_secondary_not_primary
    CHECK (secondary_professional_id IS NULL OR secondary_professional_id <> primary_professional_id);
ALTER TABLE household ADD CONSTRAINT fk_household_secondary FOREIGN KEY (practice_id, secondary_professional_id, secondary_type)
    REFERENCES app_user (practice_id, id, user_type);
CREATE INDEX ix_household_secondary ON household (secondary_professional_id);
