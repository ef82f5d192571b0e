package com.atrium.access;

/**
 * What people did, as the access review needs it for its stale criteria, supplied by the module that records it (the
 * audit module: the read audit and the security events). Keeps the dependency pointing toward access, like
 * {@link AccessSubjects}: each method returns an SQL expression over the caller's columns, so the review reads it in
 * its own statement, for the page's rows only.
 */
public interface AccessActivity {

    /** SQL: when the user (column) last opened the client's file (column), or NULL if never (within the retention). */
    String lastOpenedSql(String userIdColumn, String clientIdColumn);

    /** SQL: when the user (column) last logged in, or NULL if never. */
    String lastLoginSql(String userIdColumn);

    /** SQL condition: the user (column) opened the client's file (column) at or after the named timestamp parameter. */
    String openedSinceSql(String userIdColumn, String clientIdColumn, String sinceParameter);

    /** SQL condition: the user (column) has logged in at least once. */
    String loggedInSql(String userIdColumn);
}
