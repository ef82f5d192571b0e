-- API tokens expire (finding 8 of the security review): expires_at NULL means "never" (only when asked for).
-- Tokens that existed before get the default lifetime, counted from now.
ALTER TABLE api_token ADD COLUMN expires_at timestamp with time zone;
UPDATE api_token SET expires_at = CURRENT_TIMESTAMP + INTERVAL '90' DAY WHERE revoked_at IS NULL;
