package com.atrium.partner;

import com.atrium.access.AccessFacts;
import com.atrium.access.AccessService;
import com.atrium.access.ClientFilter;
import com.atrium.access.Permission;
import com.atrium.shared.Actor;
import com.atrium.shared.ForbiddenException;
import com.atrium.shared.NotFoundException;
import com.atrium.shared.UserType;
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
        access.require(actor, Permission.MANAGE_TEAM, accountId);
    }

    static boolean mayManage(Set<Permission> permissions) {
        return permissions.contains(Permission.MANAGE_TEAM);
    }

    /** May enter the account's workspace in advisor mode: whoever works on the account. */
    void requireAdvisorMode(Actor actor, long accountId) {
        requireVisible(actor, accountId);
        access.require(actor, Permission.EDIT_PROFILE, accountId);
    }

    static boolean mayUseAdvisorMode(Set<Permission> permissions) {
        return permissions.contains(Permission.EDIT_PROFILE);
    }

    /** Only Professionals create business accounts (they become the related adviser). */
    void requireCreate(Actor actor) {
        if (actor.type() != UserType.PROFESSIONAL) {
            throw new ForbiddenException("Only advisers (Professionals) create business accounts: the account is related to its adviser.");
        }
    }
}
