package com.atrium.audit;

import com.atrium.access.AccessActivity;
import org.springframework.stereotype.Component;

/**
 * What the access review's stale criteria read from this module: the read audit ({@code client_read}, when a person
 * last opened a file) and the security events ({@code LOGIN_SUCCEEDED}, whether a person ever logged in). Each is one
 * index probe per row (V151).
 */
@Component
class ReviewActivity implements AccessActivity {
    @Override
    public String lastOpenedSql(String user, String client) {
        return "(SELECT MAX(r.read_at) FROM client_read r WHERE r.client_id = " + client + " AND r.user_id = " + user + ")";
    }

    @Override
    public String lastLoginSql(String user) {
        return "(SELECT MAX(a.occurred_at) FROM audit_entry a WHERE a.actor_user_id = " + user
                + " AND a.action = '" + SecurityEventKind.LOGIN_SUCCEEDED.name() + "')";
    }

    @Override
    public String openedSinceSql(String user, String client, String since) {
        return "EXISTS (SELECT 1 FROM client_read r WHERE r.client_id = " + client + " AND r.user_id = " + user
                + " AND r.read_at >= :" + since + ")";
    }

    @Override
    public String loggedInSql(String user) {
        return "EXISTS (SELECT 1 FROM audit_entry a WHERE a.actor_user_id = " + user + " AND a.action = '"
                + SecurityEventKind.LOGIN_SUCCEEDED.name() + "')";
    }
}
