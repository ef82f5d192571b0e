-- Failed logins per client address (finding 4 of the security review): one fixed window per address, shared by
-- every node. Once an address has too many failures in its window, its logins are refused (whatever the account)
-- until the window ends.
CREATE TABLE login_address_throttle (
    address            varchar(64) PRIMARY KEY,
    window_started_at  timestamp with time zone NOT NULL,
    failures           integer NOT NULL,
    CONSTRAINT ck_login_address_throttle_failures CHECK (failures >= 0)
);
