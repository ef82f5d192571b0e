-- The visibility index (the Leopard shape): one row per (user, client) the user reaches through a per-user
-- path, flattened, carrying what the list sorts, searches and narrows by, so that a non-manager's first page
-- is a range scan of at most 50 rows of ix_access_visible_list and the total an index-only count.
-- Practice managers are not in it: they reach every client of their practice (the practice index path).
--
-- paths is a bit set of the relations that give the row (each relation gives at most one per (user, client)):
--   1 team (the primary included)   2 secondary adviser   4 workgroup (owner or member)   8 outsider grant
-- grant_until is the grant's last day (inclusive); a row whose only path is a grant (paths = 8) is visible
-- until then. Disabled users have no rows.
--
-- access_visible_def is the definition; the table is its materialisation, kept exact in the same transaction
-- as every fact change (PostgreSQL: triggers on the fact tables, db/vendor/postgresql/V82, so even a hand-made
-- UPDATE is followed; H2: the access module re-derives the affected rows from the definition).
CREATE TABLE access_visible (
    user_id      bigint NOT NULL,
    client_id    bigint NOT NULL REFERENCES access_client (client_id) ON DELETE CASCADE,
    practice_id  bigint NOT NULL,
    paths        integer NOT NULL,
    grant_until  date,
    client_kind  varchar(20) NOT NULL,
    sort_name    varchar(200) NOT NULL,
    search_text  varchar(2000) NOT NULL,
    archived     boolean NOT NULL,
    workgroup_id bigint,
    CONSTRAINT pk_access_visible PRIMARY KEY (user_id, client_id),
    CONSTRAINT ck_access_visible_paths CHECK (paths >= 0 AND paths <= 15)
);

CREATE INDEX ix_access_visible_list ON access_visible (user_id, sort_name, client_id, paths, grant_until, archived, workgroup_id, client_kind);
CREATE INDEX ix_access_visible_client ON access_visible (client_id, user_id);

CREATE VIEW access_visible_def AS
SELECT p.user_id, p.client_id, c.practice_id, CAST(SUM(p.path) AS integer) AS paths, MAX(p.until) AS grant_until,
       c.client_kind, COALESCE(c.sort_name, '') AS sort_name, COALESCE(c.search_text, '') AS search_text, c.archived,
       c.workgroup_id
FROM (
    SELECT t.user_id, t.client_id, 1 AS path, CAST(NULL AS date) AS until FROM access_team t
    UNION ALL
    SELECT s.secondary_user_id, s.client_id, 2, CAST(NULL AS date) FROM access_client s WHERE s.secondary_user_id IS NOT NULL
    UNION ALL
    SELECT m.user_id, w.client_id, 4, CAST(NULL AS date) FROM access_workgroup_member m JOIN access_client w ON w.workgroup_id = m.group_id
    UNION ALL
    SELECT g.user_id, g.client_id, 8, g.expires_on FROM access_grant g WHERE g.user_id IS NOT NULL
) p
JOIN access_client c ON c.client_id = p.client_id
JOIN app_user u ON u.id = p.user_id
WHERE u.active = TRUE
GROUP BY p.user_id, p.client_id, c.practice_id, c.client_kind, c.sort_name, c.search_text, c.archived, c.workgroup_id;

INSERT INTO access_visible (user_id, client_id, practice_id, paths, grant_until, client_kind, sort_name, search_text, archived,
                            workgroup_id)
SELECT user_id, client_id, practice_id, paths, grant_until, client_kind, sort_name, search_text, archived, workgroup_id
FROM access_visible_def;
