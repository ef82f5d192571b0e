package com.atrium.access;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one small API features write access facts through, always inside their own transaction
 * ({@code MANDATORY}): nodes (a client with what its list sorts and searches by, a workgroup) and typed
 * {@link Relation}s between them and users. Every write updates the fact table, the visibility index and
 * the check cache, and publishes {@link AccessChanged}, all in that transaction — so no feature can forget
 * one of them.
 */
@Service
public class AccessFacts {
    private final AccessService access;

    AccessFacts(AccessService access) {
        this.access = access;
    }

    /**
     * A client as the access module indexes it.
     *
     * @param kind       what kind of client (households today; business accounts from the partner portal)
     * @param sortName   what lists sort by (lower case)
     * @param searchText what name search matches ({@code LIKE '%q%'}, lower case)
     * @param archived   archived clients leave the default list
     */
    public record Client(long clientId, long practiceId, ClientKind kind, String sortName, String searchText, boolean archived) {
    }

    public enum ClientKind {
        HOUSEHOLD, BUSINESS
    }

    /** A new client exists, with its primary professional (client → primary → user). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void clientRegistered(Client client, long primaryUserId, Long by) {
        access.clientRegistered(client, primaryUserId, by);
    }

    /** What the list sorts and searches by changed (rename, archive, restore). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void clientListed(Client client) {
        access.clientListed(client);
    }

    /** A workgroup exists (or was renamed): workgroup → owner → user, with the description explanations name. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void workgroupDefined(long groupId, long practiceId, long ownerId, String description) {
        access.workgroupDefined(groupId, practiceId, ownerId, description);
    }

    /** The workgroup is gone (its clients must have been taken out of it first, each with its event). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void workgroupDeleted(long groupId) {
        access.workgroupDeleted(groupId);
    }

    /** Writes a relation (single-valued relations replace the current one). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void add(Long by, Relation relation) {
        if (relation instanceof Relation.Primary p) {
            access.primaryWritten(p, by);
        } else if (relation instanceof Relation.Team t) {
            access.teamWritten(t, by);
        } else if (relation instanceof Relation.Secondary s) {
            access.secondaryWritten(s.clientId(), s.userId(), by);
        } else if (relation instanceof Relation.WorkgroupMember m) {
            access.workgroupMemberJoined(m.groupId(), m.userId(), by);
        } else if (relation instanceof Relation.ClientWorkgroup w) {
            access.clientWorkgroupWritten(w.clientId(), w.groupId(), by);
        } else if (relation instanceof Relation.AccountMember m) {
            access.accountMemberWritten(m, by);
        }
    }

    /**
     * Many users join a business account at once (account creation, a bulk upload): batched statements and one
     * {@link AccessChanged}, so 10,000 users cost a few round trips, not 10,000 events.
     *
     * @param adminId the one of them who is the account's administrator, or null
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void accountMembersAdded(Long by, long accountId, java.util.List<Long> userIds, Long adminId) {
        access.accountMembersAdded(accountId, userIds, adminId, by);
    }

    /** Deletes a relation (the primary is never removed, only replaced). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void remove(Long by, Relation relation) {
        if (relation instanceof Relation.Primary) {
            throw new IllegalArgumentException("The primary professional is replaced, never removed");
        } else if (relation instanceof Relation.Team t) {
            access.teamRemoved(t.clientId(), t.userId(), by);
        } else if (relation instanceof Relation.Secondary s) {
            access.secondaryWritten(s.clientId(), null, by);
        } else if (relation instanceof Relation.WorkgroupMember m) {
            access.workgroupMemberLeft(m.groupId(), m.userId(), by);
        } else if (relation instanceof Relation.ClientWorkgroup w) {
            access.clientWorkgroupWritten(w.clientId(), null, by);
        } else if (relation instanceof Relation.AccountMember m) {
            access.accountMemberRemoved(m.clientId(), m.userId(), by);
        }
    }

    /**
     * Something about a person that access depends on changed (disabled, enabled, type, manager capability,
     * practice, name): re-derives their index rows and clears what the cache holds about them.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void subjectChanged(long userId) {
        access.userChanged(userId);
    }
}
