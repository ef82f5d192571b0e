-- Account membership becomes an access relation (V140): tell the access module the members and the open
-- advisor-mode sessions recorded so far. From now on the partner module writes both in the same transaction.
INSERT INTO access_account_member (client_id, user_id, practice_id, client_kind, user_type, member_role, granted_by, granted_at)
SELECT m.account_id, m.user_id, m.practice_id, 'BUSINESS', 'BUSINESS',
       CASE WHEN m.admin_marker = TRUE THEN 'ADMIN' ELSE 'MEMBER' END, m.added_by, m.added_at
FROM partner_member m;

INSERT INTO access_account_member (client_id, user_id, practice_id, client_kind, user_type, member_role, granted_by, granted_at)
SELECT s.account_id, s.adviser_id, s.practice_id, 'BUSINESS', u.user_type, 'ADVISOR_MODE', s.adviser_id, s.started_at
FROM partner_advisor_session s JOIN app_user u ON u.id = s.adviser_id
WHERE s.open_marker = TRUE;
