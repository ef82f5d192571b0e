-- Business accounts (partner portal): who works inside an account's workspace, as a relation of the access module
-- (Relation.AccountMember): its users (ADMIN — the primary contact — or MEMBER; business users only) and a staff user
-- in advisor mode there (ADVISOR_MODE; staff only). One row per (account, user). The composite keys keep the row
-- in its practice, on a business account, and the role matching the kind of user.
ALTER TABLE access_client ADD CONSTRAINT uq_access_client_practice_kind UNIQUE (client_id, practice_id, client_kind);

CREATE TABLE access_account_member (
    client_id    bigint NOT NULL,
    user_id      bigint NOT NULL,
    practice_id  bigint NOT NULL,
    client_kind  varchar(20) DEFAULT 'BUSINESS' NOT NULL,
    user_type    varchar(20) NOT NULL,
    member_role  varchar(20) NOT NULL,
    granted_by   bigint REFERENCES app_user (id),
    granted_at   timestamp with time zone NOT NULL,
    CONSTRAINT pk_access_account_member PRIMARY KEY (client_id, user_id),
    CONSTRAINT ck_access_account_member_kind CHECK (client_kind = 'BUSINESS'),
    CONSTRAINT ck_access_account_member_role CHECK (
        (member_role IN ('ADMIN', 'MEMBER') AND user_type = 'BUSINESS')
        OR (member_role = 'ADVISOR_MODE' AND user_type IN ('PROFESSIONAL', 'SUPPORT', 'ASSISTANT'))),
    CONSTRAINT fk_access_account_member_client FOREIGN KEY (client_id, practice_id, client_kind)
        REFERENCES access_client (client_id, practice_id, client_kind) ON DELETE CASCADE,
    CONSTRAINT fk_access_account_member_user FOREIGN KEY (practice_id, user_id, user_type)
        REFERENCES app_user (practice_id, id, user_type)
);

CREATE INDEX ix_access_account_member_user ON access_account_member (user_id, client_id);
