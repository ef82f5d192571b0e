-- The read audit also records the Insurance tab and GET /api/clients/{id}/insurance (issue 13: CRM-owned policies
-- are part of the client file). Keeps every kind allowed so far, including the engagement ones of V131 (issue 14);
-- a later kind is added by a migration after this one, with the whole list.
ALTER TABLE client_read DROP CONSTRAINT ck_client_read_what;
ALTER TABLE client_read ADD CONSTRAINT ck_client_read_what CHECK (what IN ('DETAIL', 'FAMILY', 'WEALTH', 'DONATIONS', 'SIMULATION',
    'PLAN_EXPORT', 'PORTAL_FILE', 'PORTAL_FAMILY', 'PORTAL_WEALTH', 'PORTAL_DONATIONS', 'ENGAGEMENT', 'PREFERENCES_EXPORT', 'NOTES',
    'PORTAL_ENGAGEMENT', 'INSURANCE'));
