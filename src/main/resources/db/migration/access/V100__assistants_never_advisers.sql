-- Assistants never act as advisers (issue 12): the Adviser team role gives advisor mode on business accounts and the
-- adviser's edits, so an Assistant may not hold it (TeamService refuses it from now on). A team row that gave an
-- Assistant the Adviser role before becomes Paraplanner (the same work on the file, without acting as the adviser).
-- The primary's own row is never an Assistant's (the database refuses a non-Professional primary).
UPDATE access_team SET team_role = 'PARAPLANNER'
WHERE team_role = 'ADVISER' AND primary_marker IS NULL
  AND user_id IN (SELECT u.id FROM app_user u WHERE u.user_type = 'ASSISTANT');
