package com.atrium.partner;

import com.atrium.access.AccessFacts;
import com.atrium.access.AccountRole;
import com.atrium.access.Relation;
import com.atrium.access.AccessService;
import com.atrium.access.ClientFilter;
import com.atrium.access.Permission;
import com.atrium.shared.Actor;
import com.atrium.shared.ForbiddenException;
import com.atrium.shared.NotFoundException;
import com.atrium.shared.UserType;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Every access question of the partner module, asked of the access module: a business account is a client of the
 * practice, so the household paths decide who sees it (the related adviser as its primary professional, practice
 * managers, team members, workgroup, secondary adviser) and what they may do on it.
 */
@Component
class AccountAccess {
    private final AccessService access;
    private final AccessFacts facts;

    AccountAccess(AccessService access, AccessFacts facts) {
        this.access = access;
        this.facts = facts;
    }

    /** The account exists as a client (kind BUSINESS) of the practice, with the creating adviser as its related (primary) adviser. */
    void registered(long accountId, long practiceId, String name, long adviserId, long by) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        facts.clientRegistered(new AccessFacts.Client(accountId, practiceId, AccessFacts.ClientKind.BUSINESS, lower, lower, false),
                adviserId, by);
    }

    /** Users joined the account (one batch: account creation, a bulk upload); {@code adminId} is its administrator, or null. */
    void membersAdded(long accountId, List<Long> userIds, Long adminId, long by) {
        facts.accountMembersAdded(by, accountId, userIds, adminId);
    }

    /** A user left the account. */
    void memberRemoved(long accountId, long userId, long by) {
        facts.remove(by, new Relation.AccountMember(accountId, userId, AccountRole.MEMBER));
    }

    /** The adviser entered the account in advisor mode: they act as one of its members until they leave. */
    void advisorModeEntered(long accountId, long adviserId) {
        facts.add(adviserId, new Relation.AccountMember(accountId, adviserId, AccountRole.ADVISOR_MODE));
    }

    void advisorModeLeft(long accountId, long adviserId) {
        facts.remove(adviserId, new Relation.AccountMember(accountId, adviserId, AccountRole.ADVISOR_MODE));
    }

    /** The SQL predicate keeping only the accounts the actor may see (staff only; others see none). */
    ClientFilter visible(Actor actor) {
        if (!actor.isStaff()) {
            return new ClientFilter("1 = 0", java.util.Map.of());
        }
        return access.visibleClients(actor, "a.id", "a.practice_id");
    }

    Set<Permission> permissions(Actor actor, long accountId) {
        return actor.isStaff() ? access.permissions(actor, accountId) : Set.of();
    }

    /** 404 unless the actor (staff) may see the account. */
    void requireVisible(Actor actor, long accountId) {
        if (!actor.isStaff()) {
            throw new NotFoundException("Account");
        }
        access.require(actor, Permission.VIEW_FILE, accountId);
    }

    /** May manage the account (licence, users, participation): its related adviser and practice managers. */
    void requireManage(Actor actor, long accountId) {
        requireVisible(actor, accountId);
        access.require(actor, Permission.MANAGE_ACCOUNT, accountId);
    }

    static boolean mayManage(Set<Permission> permissions) {
        return permissions.contains(Permission.MANAGE_ACCOUNT);
    }

    /** May enter the account's workspace in advisor mode: whoever works on the account (not read-only team members). */
    void requireAdvisorMode(Actor actor, long accountId) {
        requireVisible(actor, accountId);
        access.require(actor, Permission.ADVISOR_MODE, accountId);
    }

    /** For lists: may the actor enter this account in advisor mode (the check cache answers; no eye icon otherwise). */
    boolean mayUseAdvisorMode(Actor actor, long accountId) {
        return access.check(actor, Permission.ADVISOR_MODE, accountId).allowed();
    }

    static boolean mayUseAdvisorMode(Set<Permission> permissions) {
        return permissions.contains(Permission.ADVISOR_MODE);
    }

    /**
     * Everything the actor may do inside the account's workspace; 404 unless they are in it (its users; a staff user in
     * advisor mode there). Asked of the access module for business users and staff alike.
     */
    Set<Permission> requireWorkspace(Actor actor, long accountId) {
        if (actor.type() == UserType.OUTSIDER) {
            throw new NotFoundException("Account");
        }
        Set<Permission> p = access.permissions(actor, accountId);
        if (!p.contains(Permission.ENTER_WORKSPACE)) {
            throw new NotFoundException("Account");
        }
        return p;
    }

    /** What the actor may do on the account: 404 unless they may see its goals, tasks and boards (staff paths, its members). */
    Set<Permission> requireGoals(Actor actor, long accountId) {
        Set<Permission> p = goalPermissions(actor, accountId);
        if (!p.contains(Permission.VIEW_GOALS)) {
            throw new NotFoundException("Account");
        }
        return p;
    }

    /** 404 unless they see the account's goals, 403 with the reason unless they may change them. */
    Set<Permission> requireEditGoals(Actor actor, long accountId) {
        Set<Permission> p = requireGoals(actor, accountId);
        if (!p.contains(Permission.EDIT_GOALS)) {
            access.require(actor, Permission.EDIT_GOALS, accountId); // throws with the reason in words
        }
        return p;
    }

    /** May this user (a member, or staff working on the account) own a goal or be assigned a task there? */
    boolean mayWorkOn(long userId, long accountId) {
        return access.check(userId, Permission.EDIT_GOALS, accountId).allowed();
    }

    void require(Actor actor, com.atrium.access.PracticePermission permission) {
        access.require(actor, permission);
    }

    boolean check(Actor actor, com.atrium.access.PracticePermission permission) {
        return access.check(actor, permission);
    }

    /** What the actor may do on the account's goals, tasks and boards, from the portal or the workspace (empty: nothing). */
    Set<Permission> goalPermissions(Actor actor, long accountId) {
        return actor.type() == UserType.OUTSIDER ? Set.of() : access.permissions(actor, accountId);
    }

    /** Only Professionals create business accounts (they become the related adviser). */
    void requireCreate(Actor actor) {
        if (actor.type() != UserType.PROFESSIONAL) {
            throw new ForbiddenException("Only advisers (Professionals) create business accounts: the account is related to its adviser.");
        }
    }
}
