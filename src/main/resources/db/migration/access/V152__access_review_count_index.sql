-- The access review's total counts the practice's rows of access_visible that are accesses today (a row whose only path
-- is a grant counts until the grant's last day): with paths and grant_until in the practice index, that count and the
-- first page are index-only scans (no heap visit per row), whatever the practice's size.
DROP INDEX ix_access_visible_practice;
CREATE INDEX ix_access_visible_practice ON access_visible (practice_id, sort_name, client_id, user_id, paths, grant_until);
