package com.atrium.access;

import static com.atrium.access.Permission.ADMINISTER_WORKSPACE;
import static com.atrium.access.Permission.ADVISOR_MODE;
import static com.atrium.access.Permission.EDIT_FAMILY;
import static com.atrium.access.Permission.EDIT_GOALS;
import static com.atrium.access.Permission.ENTER_WORKSPACE;
import static com.atrium.access.Permission.VIEW_GOALS;
import static com.atrium.access.Permission.EDIT_INVENTORIES;
import static com.atrium.access.Permission.EDIT_PROFILE;
import static com.atrium.access.Permission.EXPORT_PLAN;
import static com.atrium.access.Permission.GRANT_FAMILY;
import static com.atrium.access.Permission.MANAGE_NOTES;
import static com.atrium.access.Permission.RUN_SIMULATIONS;
import static com.atrium.access.Permission.VIEW_FILE;
import static com.atrium.access.Permission.COMPLETE_SURVEYS;
import static com.atrium.access.Permission.RUN_VALUES_SESSION;
import static com.atrium.access.Permission.VIEW_ENGAGEMENT;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The ways a person can come to have access to a client. Paths whose permissions depend on a role
 * (a team membership) take them from {@link TeamRole}; the others have a fixed set here.
 */
public enum PathKind {
    /** Practice managers may see and manage every client of their practice (but only the file manager grants outsiders). */
    PRACTICE_MANAGER(EnumSet.complementOf(EnumSet.of(Permission.MANAGE_OUTSIDERS, Permission.GRANT_FAMILY, ENTER_WORKSPACE,
            ADMINISTER_WORKSPACE))),
    /**
     * The primary professional (file manager; for a business account its related adviser) may do everything on their
     * clients, except working inside a business account's workspace as a member: that takes advisor mode.
     */
    PRIMARY(EnumSet.complementOf(EnumSet.of(ENTER_WORKSPACE, ADMINISTER_WORKSPACE))),
    /** A team member: permissions of their {@link TeamRole}. */
    TEAM(EnumSet.noneOf(Permission.class)),
    /**
     * Owner or member of the workgroup the client is assigned to: works on the file (everything an
     * Adviser team member may do) but manages nobody's access and grants no outsiders. A workgroup is
     * run by its owner, not by the client's file manager, so it must not hand out further access.
     */
    WORKGROUP_MEMBER(EnumSet.of(VIEW_FILE, EDIT_PROFILE, EDIT_FAMILY, EDIT_INVENTORIES, MANAGE_NOTES, RUN_SIMULATIONS, EXPORT_PLAN,
            VIEW_ENGAGEMENT, COMPLETE_SURVEYS, RUN_VALUES_SESSION, VIEW_GOALS, EDIT_GOALS, ADVISOR_MODE)),
    /**
     * The client's secondary adviser (a Professional named by those who manage access): co-advises on
     * the file with the same working permissions as a workgroup member, without managing access.
     */
    SECONDARY_ADVISER(EnumSet.of(VIEW_FILE, EDIT_PROFILE, EDIT_FAMILY, EDIT_INVENTORIES, MANAGE_NOTES, RUN_SIMULATIONS, EXPORT_PLAN,
            VIEW_ENGAGEMENT, COMPLETE_SURVEYS, RUN_VALUES_SESSION, VIEW_GOALS, EDIT_GOALS, ADVISOR_MODE)),

    // ---- outsiders (spec C): a grant made by the file manager (or by a holder, for their family), never
    // simulations, plan export, notes, team or outsider management. Holders and co-holders may grant their
    // own family members (GRANT_FAMILY), at most at their own level.

    /**
     * Holder or co-holder with read-write access: works on profile, family and inventories, may grant their family, and
     * answers the Your Life survey and the investment preferences for themselves (and sees the results).
     */
    HOLDER_READ_WRITE(true, EnumSet.of(VIEW_FILE, EDIT_PROFILE, EDIT_FAMILY, EDIT_INVENTORIES, GRANT_FAMILY, VIEW_ENGAGEMENT,
            COMPLETE_SURVEYS)),
    /**
     * Holder or co-holder with read-only access: sees the file, may grant their family read-only access, and answers the
     * two questionnaires for themselves: they are the client's own answers, not changes to what the practice recorded.
     */
    HOLDER_READ_ONLY(true, EnumSet.of(VIEW_FILE, GRANT_FAMILY, VIEW_ENGAGEMENT, COMPLETE_SURVEYS)),
    /** Another family member with read-write access: profile, family structure and inventories. */
    FAMILY_READ_WRITE(true, EnumSet.of(VIEW_FILE, EDIT_PROFILE, EDIT_FAMILY, EDIT_INVENTORIES)),
    /** Another family member with read-only access. */
    FAMILY_READ_ONLY(true, EnumSet.of(VIEW_FILE)),
    /** An external adviser with read-write access: only the family structure and the two inventories (spec C7). */
    ADVISER_READ_WRITE(true, EnumSet.of(VIEW_FILE, EDIT_FAMILY, EDIT_INVENTORIES)),
    /** An external adviser with read-only access. */
    ADVISER_READ_ONLY(true, EnumSet.of(VIEW_FILE)),

    // ---- business accounts (partner portal): the account's own users, and an adviser in advisor mode, work inside
    // its workspace (relation Relation.AccountMember). They never see the staff's client file (VIEW_FILE).

    /** The account's administrator (its primary contact): works in the workspace and administers its users there. */
    ACCOUNT_ADMIN(false, true, EnumSet.of(VIEW_GOALS, EDIT_GOALS, ENTER_WORKSPACE, ADMINISTER_WORKSPACE)),
    /** Another user of the account: works in the workspace (goals, tasks, boards, channels). */
    ACCOUNT_MEMBER(false, true, EnumSet.of(VIEW_GOALS, EDIT_GOALS, ENTER_WORKSPACE)),
    /**
     * A staff user in advisor mode in the account: acts as one of its members, with the administrator's rights — only
     * while another path still gives them {@link Permission#ADVISOR_MODE}.
     */
    IN_ADVISOR_MODE(false, true, EnumSet.of(VIEW_GOALS, EDIT_GOALS, ENTER_WORKSPACE, ADMINISTER_WORKSPACE));

    private final boolean outsider;
    private final boolean accountMember;
    private final Set<Permission> fixed;

    PathKind(Set<Permission> fixed) {
        this(false, fixed);
    }

    PathKind(boolean outsider, Set<Permission> fixed) {
        this(outsider, false, fixed);
    }

    PathKind(boolean outsider, boolean accountMember, Set<Permission> fixed) {
        this.outsider = outsider;
        this.accountMember = accountMember;
        this.fixed = Collections.unmodifiableSet(fixed);
    }

    /** True for the paths of a business account's workspace (its users, an adviser in advisor mode). */
    public boolean accountMember() {
        return accountMember;
    }

    /** True for the paths of outsiders (grants), false for staff paths. */
    public boolean outsider() {
        return outsider;
    }

    /** The outsider path for a grant. */
    public static PathKind ofGrant(GrantSubject subject, boolean holder, AccessLevel level) {
        boolean rw = level == AccessLevel.READ_WRITE;
        if (subject == GrantSubject.ADVISER) {
            return rw ? ADVISER_READ_WRITE : ADVISER_READ_ONLY;
        }
        if (holder) {
            return rw ? HOLDER_READ_WRITE : HOLDER_READ_ONLY;
        }
        return rw ? FAMILY_READ_WRITE : FAMILY_READ_ONLY;
    }

    public Set<Permission> fixedPermissions() {
        return fixed;
    }
}
