package com.atrium.access;

import com.atrium.shared.Actor;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one small API features write access facts through, always inside their own transaction
 * ({@code MANDATORY}): nodes (a client with what its list sorts and searches by, a workgroup), typed
 * {@link Relation}s between them and users ({@link #add} / {@link #remove}), a change to a person
 * ({@link #subjectChanged}), and the outsider facts that carry rules of their own (grants and holder records,
 * checked against the actor here, so no caller can skip them). Every write updates the fact table, the
 * visibility index and the check cache, and publishes {@link AccessChanged}, all in that transaction — so no
 * feature can forget one of them. {@link AccessService} only answers questions (check, require, lists,
 * explain, who has access, review, grants as read).
 *
 * <p>Why relations and not one method per feature event: a new feature (the partner portal's business accounts,
 * for one) adds a {@link Relation} and its rule, not a method on the facade; the fact tables stay the one
 * source the index, the check and the explanations read. Grants and holder records stay explicit commands
 * because they have rules about who may write them (the file manager; a holder for their own family) and
 * answer with an id.
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

    /** A new client for {@link #clientsRegistered}: the client, its primary professional, its first holder and co-holders. */
    public record NewClient(Client client, long primaryUserId, List<Long> holderPersonIds) {
    }

    /**
     * Many new clients at once (a bulk import): for each, what {@link #clientRegistered} then {@link #holdersRegistered}
     * write, as JDBC batches: the fact rows, the visibility index (in this transaction), the check cache, and one
     * {@link AccessChanged} each. {@code registeredBy} is the staff user registering them and recording their holders.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void clientsRegistered(List<NewClient> clients, long registeredBy) {
        access.clientsRegistered(clients, registeredBy);
    }

    public enum ClientKind {
        HOUSEHOLD, BUSINESS
    }

    /**
     * An outsider grant to write: client → grant:&lt;level&gt; → outsider (a family member or an external adviser).
     *
     * @param subjectName the person's name as the grant records it
     * @param userId      the outsider's account if they already have one (else it links when they create it)
     * @param expiresOn   the last day (inclusive), or null for no end
     */
    public record Grant(long clientId, GrantSubject subject, long subjectId, String subjectName, AccessLevel level, String email,
                        String mobile, Long userId, LocalDate expiresOn) {
    }

    // ---- nodes

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

    // ---- relations

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
    public void accountMembersAdded(Long by, long accountId, List<Long> userIds, Long adminId) {
        access.accountMembersAdded(accountId, userIds, adminId, by);
    }

    /**
     * Many clients handed over at once (a reassignment): each {@link Relation.Primary} written as by {@link #add}, in
     * set-based statements with one cache invalidation, and one {@link AccessChanged} per client that changed.
     *
     * @return how many clients changed primary
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int addPrimaries(Long by, List<Relation.Primary> primaries) {
        return access.primariesWritten(primaries, by);
    }

    /** Deletes a relation (the primary is never removed, only replaced; a team relation is removed whatever its role). */
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
     * practice, name): re-derives their index rows and clears what the cache holds about them. PostgreSQL
     * triggers follow {@code app_user.active} by themselves; call this from the transaction that changed the person.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void subjectChanged(long userId) {
        access.userChanged(userId);
    }

    // ---- outsiders: grants (client → grant:<level> → outsider) and holder records, with their rules

    /**
     * An outsider is given access. The rules are checked here (the file manager, or a holder for their own family).
     *
     * @return the grant's id
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long grant(Actor by, Grant grant) {
        return access.outsiderGranted(by, grant.clientId(), grant.subject(), grant.subjectId(), grant.subjectName(), grant.level(),
                grant.email(), grant.mobile(), grant.userId(), grant.expiresOn());
    }

    /** A grant's level or expiry changes (the row is locked first, so concurrent changes queue and see each other). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void grantChanged(Actor by, long clientId, long grantId, AccessLevel level, LocalDate expiresOn) {
        access.outsiderGrantChanged(by, clientId, grantId, level, expiresOn);
    }

    /** A grant is withdrawn. Refused for holders and co-holders (the database refuses it too). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void grantRevoked(Actor by, long clientId, long grantId) {
        access.outsiderGrantRevoked(by, clientId, grantId);
    }

    /**
     * The file manager corrects the email or mobile of a grant no account is linked to yet: 404 for a client the actor
     * cannot see (before the grant is looked up), 403 for anyone but the file manager, 409 with the reason once an account
     * is linked. {@code userId}: an outsider account of the practice already using the new email, which the grant then
     * reaches. Audited ({@code OUTSIDER_CONTACT_CORRECTED}).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void grantContactCorrected(Actor by, long clientId, long grantId, String email, String mobile, Long userId) {
        access.outsiderContactCorrected(by, clientId, grantId, email, mobile, userId);
    }

    /**
     * An outsider confirmed a new email and/or mobile for their account (a link to the new address, a code to the new
     * number): their grants follow, audited on each file ({@code OUTSIDER_CONTACT_CHANGED}); grants waiting at the new
     * address reach the account.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void outsiderContactChanged(long practiceId, long userId, String oldEmail, String email, String oldMobile, String mobile) {
        access.outsiderContactChanged(practiceId, userId, oldEmail, email, oldMobile, mobile);
    }

    /**
     * A practice manager withdraws an outsider's grant from the access review (bulk revocation, REVIEW_ACCESS): any grant
     * but a holder's or co-holder's (refused, as everywhere), though only the file manager gives or changes grants.
     * Audited like every withdrawal.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void grantRevokedInReview(Actor by, long clientId, long grantId) {
        access.outsiderGrantRevokedInReview(by, clientId, grantId);
    }

    /** An outsider created their account: every grant made to their email in the practice now reaches them. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void outsiderAccountCreated(long practiceId, String email, long userId) {
        access.outsiderAccountCreated(practiceId, email, userId);
    }

    /** The first holder and co-holders of a file, recorded by the staff user registering it (right after {@link #clientRegistered}). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void holdersRegistered(long clientId, List<Long> personIds, long registeredBy) {
        access.holdersRegistered(clientId, personIds, registeredBy);
    }

    /**
     * The file manager records the person as holder or co-holder. If they already have a grant, it becomes permanent at
     * this moment (no last day, never withdrawn or downgraded), and the change is audited.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void holderRecorded(Actor by, long clientId, long personId) {
        access.holderRecorded(by, clientId, personId);
    }

    /** The file manager records that the person is no longer holder or co-holder; refused while their grant is permanent. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void holderRecordEnded(Actor by, long clientId, long personId, String personName) {
        access.holderRecordEnded(by, clientId, personId, personName);
    }

    /**
     * A person is about to be removed from the family: refused, with the reason, while they have any grant (the
     * database refuses it too). Their holder record, if any, goes with them.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void familyMemberRemoving(long clientId, long personId, String personName) {
        access.familyMemberRemoving(clientId, personId, personName);
    }
}
