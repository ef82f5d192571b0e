-- The access module's own facts. Features tell it facts in the same transaction as their change;
-- it never reads their tables. access_team is the flattened (client, user) index that list
-- filters join on; primary_marker is TRUE on exactly the primary's row (NULL otherwise), so the
-- unique constraint allows at most one primary row per client on both PostgreSQL and H2.
CREATE TABLE access_client (
    client_id    bigint PRIMARY KEY,
    practice_id  bigint NOT NULL REFERENCES practice (id)
);

CREATE TABLE access_team (
    client_id       bigint NOT NULL REFERENCES access_client (client_id) ON DELETE CASCADE,
    user_id         bigint NOT NULL REFERENCES app_user (id),
    practice_id     bigint NOT NULL,
    team_role       varchar(30) NOT NULL,
    primary_marker  boolean,
    granted_by      bigint REFERENCES app_user (id),
    granted_at      timestamp with time zone NOT NULL,
    CONSTRAINT pk_access_team PRIMARY KEY (client_id, user_id),
    CONSTRAINT ck_access_team_marker CHECK (primary_marker IS NULL OR primary_marker = TRUE),
    CONSTRAINT ck_access_team_role CHECK (team_role IN ('ADVISER', 'PARAPLANNER', 'ADMINISTRATOR', 'READ_ONLY')),
    CONSTRAINT uq_access_team_one_primary UNIQUE (client_id, primary_marker),
    CONSTRAINT fk_access_team_user FOREIGN KEY (practice_id, user_id) REFERENCES app_user (practice_id, id)
);

CREATE INDEX ix_access_team_user ON access_team (user_id, client_id);
