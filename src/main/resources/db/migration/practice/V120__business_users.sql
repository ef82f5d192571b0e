-- Business users (partner portal): people of a client business account who log in to its workspace. They are
-- users of the practice like outsiders, never staff: no practice-manager capability, never on a household.
-- A temporary password (sent in the invitation) is valid until password_temporary_until and only once: the
-- first login records password_temporary_used_at and must choose a new password before anything else.
ALTER TABLE app_user DROP CONSTRAINT ck_user_type;
ALTER TABLE app_user ADD CONSTRAINT ck_user_type
    CHECK (user_type IN ('PROFESSIONAL', 'SUPPORT', 'ASSISTANT', 'OUTSIDER', 'BUSINESS'));
ALTER TABLE app_user DROP CONSTRAINT ck_user_manager_is_staff;
ALTER TABLE app_user ADD CONSTRAINT ck_user_manager_is_staff
    CHECK (practice_manager = FALSE OR user_type IN ('PROFESSIONAL', 'SUPPORT', 'ASSISTANT'));
ALTER TABLE app_user ADD COLUMN password_temporary_until timestamp with time zone;
ALTER TABLE app_user ADD COLUMN password_temporary_used_at timestamp with time zone;
