-- The read audit also records the engagement tab, the investment preferences export, the notes and the portal's
-- engagement pages (issue 14).
ALTER TABLE client_read DROP CONSTRAINT ck_client_read_what;
ALTER TABLE client_read ADD CONSTRAINT ck_client_read_what CHECK (what IN ('DETAIL', 'FAMILY', 'WEALTH', 'DONATIONS', 'SIMULATION',
    'PLAN_EXPORT', 'PORTAL_FILE', 'PORTAL_FAMILY', 'PORTAL_WEALTH', 'PORTAL_DONATIONS', 'ENGAGEMENT', 'PREFERENCES_EXPORT', 'NOTES',
    'PORTAL_ENGAGEMENT'));
