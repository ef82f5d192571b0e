package com.atrium.audit;

/**
 * The kinds of security event Atrium records in the audit trail (the entry's {@code action} is the
 * constant's name). Add a constant here when a module starts recording a new kind; the practice
 * managers' <em>Security events</em> page and {@code GET /api/audit/security-events} list exactly these.
 */
public enum SecurityEventKind {
    /** Password accepted (for an outsider, the code step follows). */
    LOGIN_SUCCEEDED("Login succeeded"),
    /** Wrong password for an existing account (also while the account is locked). */
    LOGIN_FAILED("Login failed"),
    /** Too many wrong passwords: the account is locked for a while. */
    ACCOUNT_LOCKED("Account locked"),
    /** A one-time login code was sent to an outsider's mobile. */
    LOGIN_CODE_SENT("Login code sent"),
    /** The right login code was entered. */
    LOGIN_CODE_ACCEPTED("Login code accepted"),
    /** A wrong login code was entered. */
    LOGIN_CODE_FAILED("Login code failed"),
    /** Too many wrong codes: code entry is locked for a while. */
    LOGIN_CODE_LOCKED("Login code locked"),
    /** A resend was refused because of the hourly limit. */
    LOGIN_CODE_RESEND_REFUSED("Login code resend refused"),
    /** Someone in the client portal (a holder) tried to give a family member access (counted for the daily limit). */
    OUTSIDER_GRANT_ATTEMPTED("Portal access grant attempted"),
    /** A portal holder reached the daily limit of access grants (and so of invitation emails). */
    OUTSIDER_GRANT_LIMITED("Portal access grant limit reached"),
    /** A practice manager created a staff user. */
    STAFF_CREATED("Staff user created"),
    /** A staff user's details, type or active state changed (disabled, enabled). */
    STAFF_CHANGED("Staff user changed"),
    /** A staff user was disabled. */
    STAFF_DISABLED("Staff user disabled"),
    /** A staff user was enabled again. */
    STAFF_ENABLED("Staff user enabled"),
    /** Someone was given the practice-manager capability. */
    MANAGER_CAPABILITY_GIVEN("Manager capability given"),
    /** Someone lost the practice-manager capability. */
    MANAGER_CAPABILITY_REMOVED("Manager capability removed"),
    /** A personal API token was created. */
    API_TOKEN_CREATED("API token created"),
    /** A personal API token was revoked. */
    API_TOKEN_REVOKED("API token revoked"),
    /** A workgroup was created. */
    WORKGROUP_CREATED("Workgroup created"),
    /** A workgroup's description changed. */
    WORKGROUP_RENAMED("Workgroup renamed"),
    /** A workgroup was deleted. */
    WORKGROUP_DELETED("Workgroup deleted"),
    /** Someone was invited to a workgroup. */
    WORKGROUP_MEMBER_INVITED("Workgroup invitation sent"),
    /** Someone joined a workgroup. */
    WORKGROUP_MEMBER_JOINED("Workgroup joined"),
    /** Someone ignored a workgroup invitation. */
    WORKGROUP_INVITATION_IGNORED("Workgroup invitation ignored"),
    /** Someone left or was removed from a workgroup. */
    WORKGROUP_MEMBER_REMOVED("Workgroup member removed"),
    /** Someone changed their own password. */
    PASSWORD_CHANGED("Password changed"),
    /** A password reset link was requested (recorded only for an existing account). */
    PASSWORD_RESET_REQUESTED("Password reset requested"),
    /** A password was set through a reset link. */
    PASSWORD_RESET("Password reset"),
    /** An outsider asked to change their email (a link went to the new address). */
    EMAIL_CHANGE_REQUESTED("Email change requested"),
    /** An outsider confirmed their new email by the link sent to it. */
    EMAIL_CHANGED("Email changed"),
    /** An outsider confirmed their new mobile by the code sent to it. */
    MOBILE_CHANGED("Mobile changed");

    private final String label;

    SecurityEventKind(String label) {
        this.label = label;
    }

    /** In words, for screens ("Login failed"). */
    public String label() {
        return label;
    }
}
