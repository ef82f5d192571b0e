-- Limits on the outsiders' second factor (finding 3 of the security review), per account and shared by every
-- session and node: consecutive wrong codes (a lock with back-off after too many) and codes sent per hour.
CREATE TABLE login_code_state (
    user_id              bigint PRIMARY KEY REFERENCES app_user (id),
    failures             integer NOT NULL DEFAULT 0,
    locked_until         timestamp with time zone,
    locks                integer NOT NULL DEFAULT 0,
    send_window_started  timestamp with time zone,
    sends_in_window      integer NOT NULL DEFAULT 0,
    CONSTRAINT ck_login_code_state_counts CHECK (failures >= 0 AND locks >= 0 AND sends_in_window >= 0)
);
