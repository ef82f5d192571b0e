-- Workgroups and secondary advisers as the access module sees them (its own facts; the workgroup and
-- household modules record them in the same transaction as their change).
-- access_workgroup_member holds the owner too (is_owner), so "clients of every workgroup I am in" is
-- one indexed join: access_workgroup_member (user_id) -> access_client (workgroup_id).
CREATE TABLE access_workgroup (
    group_id     bigint PRIMARY KEY,
    practice_id  bigint NOT NULL REFERENCES practice (id),
    owner_id     bigint NOT NULL,
    description  varchar(100) NOT NULL,
    CONSTRAINT uq_access_workgroup_practice UNIQUE (practice_id, group_id),
    CONSTRAINT fk_access_workgroup_owner FOREIGN KEY (practice_id, owner_id) REFERENCES app_user (practice_id, id)
);

CREATE TABLE access_workgroup_member (
    group_id     bigint NOT NULL,
    user_id      bigint NOT NULL,
    practice_id  bigint NOT NULL,
    is_owner     boolean NOT NULL,
    joined_at    timestamp with time zone NOT NULL,
    CONSTRAINT pk_access_workgroup_member PRIMARY KEY (group_id, user_id),
    CONSTRAINT fk_access_wg_member_group FOREIGN KEY (practice_id, group_id)
        REFERENCES access_workgroup (practice_id, group_id) ON DELETE CASCADE,
    CONSTRAINT fk_access_wg_member_user FOREIGN KEY (practice_id, user_id) REFERENCES app_user (practice_id, id)
);

CREATE INDEX ix_access_wg_member_user ON access_workgroup_member (user_id, group_id);

-- A client is in at most one workgroup (one column), of its own practice (composite foreign key).
ALTER TABLE access_client ADD COLUMN workgroup_id bigint;
ALTER TABLE access_client ADD CONSTRAINT fk_access_client_workgroup FOREIGN KEY (practice_id, workgroup_id)
    REFERENCES access_workgroup (practice_id, group_id);
CREATE INDEX ix_access_client_workgroup ON access_client (workgroup_id, client_id);

-- The secondary adviser: the composite foreign key accepts only a Professional of the client's practice
-- (an assistant, support staff or outsider is refused by the database itself).
ALTER TABLE access_client ADD COLUMN secondary_user_id bigint;
ALTER TABLE access_client ADD COLUMN secondary_type varchar(20) DEFAULT 'PROFESSIONAL' NOT NULL;
ALTER TABLE access_client ADD COLUMN secondary_by bigint;
ALTER TABLE access_client ADD COLUMN secondary_since timestamp with time zone;
ALTER TABLE access_client ADD CONSTRAINT ck_access_client_secondary_type CHECK (secondary_type = 'PROFESSIONAL');
ALTER TABLE access_client ADD CONSTRAINT fk_access_client_secondary FOREIGN KEY (practice_id, secondary_user_id, secondary_type)
    REFERENCES app_user (practice_id, id, user_type);
ALTER TABLE access_client ADD CONSTRAINT fk_access_client_secondary_by FOREIGN KEY (secondary_by) REFERENCES app_user (id);
CREATE INDEX ix_access_client_secondary ON access_client (secondary_user_id, client_id);
