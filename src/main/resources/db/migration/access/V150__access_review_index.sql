-- The access review (issue 17) pages every (person, client) access of a practice in client-name order: a range scan of
-- this index stops after the page, whatever the practice's size; the total is an index-only count of the practice's rows.
CREATE INDEX ix_access_visible_practice ON access_visible (practice_id, sort_name, client_id, user_id);
