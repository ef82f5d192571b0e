package com.atrium.access;

import com.atrium.shared.Actor;
import com.atrium.shared.ForbiddenException;
import com.atrium.shared.NotFoundException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The access core's facade. Every permission question in Atrium is answered here:
 * <ul>
 *   <li>{@link #check} / {@link #require}: may this actor do this on this client;</li>
 *   <li>{@link #visibleClients} / {@link #visibleRows}: the SQL lists and searches join on (never load-then-filter);</li>
 *   <li>{@link #explain} / {@link #whoHasAccess}: every path, in words.</li>
 * </ul>
 * It only answers questions (plus the review and the grants as read). Features write facts through
 * {@link AccessFacts} (typed relations, grants, holder records) inside their own transaction, so the visibility
 * index and the check cache are exact the moment the change commits; the package-private methods below are
 * what AccessFacts calls.
 *
 * <p>Behind it, package-private parts a newcomer can name (see docs/architecture.md, "The access module's seams"):
 * {@link FactReads} (the facts as SQL reads them), {@link Decisions} (rules &rarr; paths &rarr; permissions, with the
 * check cache), {@link Visibility} (the list predicate and rows, the visibility index), {@link Explanations},
 * {@link FactWriter} (the relation writes), {@link OutsiderGrants} and {@link HolderRecords} (the outsider-grant rules).
 * Transactions are declared here, on the facade, where Spring's proxy sees them.
 */
@Service
public class AccessService {
    private final AccessContext ctx;

    /**
     * The read-only transaction of the questions that read several rows (explain, who has access, the review, grants):
     * a {@link TransactionTemplate}, not {@code @Transactional}, so this facade is no proxy and its hot questions
     * ({@link #check}, {@link #allows}) are plain calls: a proxy boxed every argument and looked up its advice on every
     * call (56 bytes and a hash lookup per check, measured with the JMH benchmark's allocation counter).
     */
    private final TransactionTemplate readOnly;

    /** For rules that read only the actor (the doc tests build it this way). */
    AccessService(JdbcClient jdbc, AccessSubjects subjects, Clock clock, ApplicationEventPublisher events, AccessCache cache) {
        this(jdbc, subjects, clock, events, cache, null, null);
    }

    @org.springframework.beans.factory.annotation.Autowired
    AccessService(JdbcClient jdbc, AccessSubjects subjects, Clock clock, ApplicationEventPublisher events, AccessCache cache,
                  VisibilityIndex index, PlatformTransactionManager transactions) {
        this.ctx = new AccessContext(jdbc, subjects, clock, events, cache, index);
        if (transactions == null) {
            this.readOnly = null;
        } else {
            this.readOnly = new TransactionTemplate(transactions);
            this.readOnly.setReadOnly(true);
        }
    }

    private <T> T readOnly(java.util.function.Supplier<T> work) {
        return readOnly.execute(status -> work.get());
    }

    /** The parts behind the facade, for the access module's other entry points ({@link AccessWhatIf}). */
    AccessContext context() {
        return ctx;
    }

    /**
     * May the actor do {@code permission} on the client? Deny unless a path grants it. Answered from
     * this node's {@link AccessCache} when it may be trusted, otherwise with one indexed query. No
     * transaction of its own: a cached answer costs no connection.
     */
    public Decision check(Actor actor, Permission permission, long clientId) {
        return ctx.decisions.check(actor, permission, clientId);
    }

    /** Everything the actor may do on the client (empty when they may not see it). One evaluation for a whole screen. */
    public Set<Permission> permissions(Actor actor, long clientId) {
        return ctx.decisions.permissions(actor, clientId);
    }

    /** May the user with this id (of any practice) do this? Used by the integrators' check endpoint. */
    public Decision check(long userId, Permission permission, long clientId) {
        return ctx.decisions.check(userId, permission, clientId);
    }

    /**
     * Yes or no: may the user with this id do this? The same answer as {@code check(userId, permission, clientId).allowed()},
     * for callers that need no reason (scripts, bulk checks): a cached answer is one read of a flat table and allocates nothing.
     */
    public boolean allows(long userId, Permission permission, long clientId) {
        return ctx.decisions.allows(userId, permission, clientId);
    }

    /**
     * The integrators' check: may {@code userId} do {@code permission} on the client? Staff may ask
     * about themselves, practice managers about anyone; a user of another practice (or no user at all)
     * answers like a denial, so nothing leaks about other practices.
     */
    public CheckAnswer checkFor(Actor asker, long userId, Permission permission, long clientId) {
        return ctx.decisions.checkFor(asker, userId, permission, clientId);
    }

    /**
     * Like {@link #check} but throws: {@link NotFoundException} when the actor may not even see the
     * client (so unknown and forbidden ids look alike), {@link ForbiddenException} with the reason when
     * they see it but may not do this.
     */
    public void require(Actor actor, Permission permission, long clientId) {
        ctx.decisions.require(actor, permission, clientId);
    }

    /**
     * {@link #require} for many clients (a bulk operation such as a reassignment): one statement loads the facts, the same
     * rules decide each; the first refusal is thrown as {@link #require} would.
     */
    public void requireAll(Actor actor, Permission permission, java.util.Collection<Long> clientIds) {
        ctx.decisions.requireAll(actor, permission, clientIds);
    }

    /**
     * Practice-level rules: every staff user may see the staff list of their own practice; only
     * practice managers may manage staff. Outsiders get neither.
     */
    public boolean check(Actor actor, PracticePermission permission) {
        return ctx.decisions.check(actor, permission);
    }

    public void require(Actor actor, PracticePermission permission) {
        ctx.decisions.require(actor, permission);
    }

    /**
     * The predicate that keeps only clients the actor may see. The caller names its client id and
     * practice id columns; the result is one indexed join, whatever paths exist.
     */
    public ClientFilter visibleClients(Actor actor, String clientIdColumn, String practiceIdColumn) {
        return ctx.visibility.visibleClients(actor, clientIdColumn, practiceIdColumn);
    }

    /**
     * The clients the actor may see as rows to page and count in one statement (see {@link ClientRows}):
     * practice managers walk the caller's table, everyone else the visibility index.
     *
     * @param search    text to find anywhere in the search text (case-insensitive), or null
     * @param workgroup only clients assigned to this workgroup (it grants nothing by itself), or null
     * @param kind      only clients of this kind, or null for all
     */
    public ClientRows visibleRows(Actor actor, ClientRows.Table table, String search, Long workgroup, AccessFacts.ClientKind kind) {
        return ctx.visibility.visibleRows(actor, table, search, workgroup, kind, null);
    }

    /**
     * Like {@link #visibleRows(Actor, ClientRows.Table, String, Long, AccessFacts.ClientKind)}, narrowed by the client's
     * archived flag ({@link AccessFacts.Client#archived()}): TRUE only archived clients, FALSE only the others, null both.
     */
    public ClientRows visibleRows(Actor actor, ClientRows.Table table, String search, Long workgroup, AccessFacts.ClientKind kind,
                                  Boolean archived) {
        return ctx.visibility.visibleRows(actor, table, search, workgroup, kind, archived);
    }

    /**
     * Narrows a client query to the clients assigned to one workgroup (AND it with {@link #visibleClients};
     * it grants nothing by itself). The workgroup module checks the actor may see the group.
     */
    public ClientFilter clientsInWorkgroup(long groupId, String clientIdColumn) {
        return ctx.visibility.clientsInWorkgroup(groupId, clientIdColumn);
    }

    /** Every path that gives {@code userId} access to the client; the asker must be able to see the client. */
    public Explanation explain(Actor asker, long clientId, long userId) {
        return readOnly(() -> ctx.explanations.explain(asker, clientId, userId));
    }

    /** Everyone who has access to the client, each with their paths: the primary first, then practice managers, then by name. */
    public List<Explanation> whoHasAccess(Actor asker, long clientId) {
        return readOnly(() -> ctx.explanations.whoHasAccess(asker, clientId));
    }

    /** One person's place on the team of a client, if they have one. */
    public Optional<TeamMembership> membership(long clientId, long userId) {
        return readOnly(() -> ctx.reads.teamRow(clientId, userId));
    }

    /** The team of a client: every member with role and primary flag (primary first). */
    public List<TeamMembership> team(long clientId) {
        return readOnly(() -> ctx.reads.team(clientId));
    }

    // ---- the writes behind AccessFacts (package-private: features write facts through AccessFacts, in their transaction)

    void clientRegistered(AccessFacts.Client client, long primaryUserId, Long by) {
        ctx.writer.clientRegistered(client, primaryUserId, by);
    }

    void clientsRegistered(List<AccessFacts.NewClient> clients, long registeredBy) {
        ctx.writer.clientsRegistered(clients, registeredBy);
    }

    void clientListed(AccessFacts.Client client) {
        ctx.writer.clientListed(client);
    }

    void workgroupDefined(long groupId, long practiceId, long ownerId, String description) {
        ctx.groups.workgroupDefined(groupId, practiceId, ownerId, description);
    }

    void workgroupDeleted(long groupId) {
        ctx.groups.workgroupDeleted(groupId);
    }

    void primaryWritten(Relation.Primary p, Long by) {
        ctx.writer.primaryWritten(p, by);
    }

    int primariesWritten(List<Relation.Primary> primaries, Long by) {
        return ctx.writer.primariesChanged(primaries, by);
    }

    void teamWritten(Relation.Team t, Long by) {
        ctx.writer.teamWritten(t, by);
    }

    void teamRemoved(long clientId, long userId, Long by) {
        ctx.writer.teamRemoved(clientId, userId, by);
    }

    void secondaryWritten(long clientId, Long userId, Long by) {
        ctx.writer.secondaryWritten(clientId, userId, by);
    }

    void workgroupMemberJoined(long groupId, long userId, Long by) {
        ctx.groups.workgroupMemberJoined(groupId, userId, by);
    }

    void workgroupMemberLeft(long groupId, long userId, Long by) {
        ctx.groups.workgroupMemberLeft(groupId, userId, by);
    }

    void clientWorkgroupWritten(long clientId, Long groupId, Long by) {
        ctx.groups.clientWorkgroupWritten(clientId, groupId, by);
    }

    void accountMemberWritten(Relation.AccountMember m, Long by) {
        ctx.groups.accountMemberWritten(m, by);
    }

    void accountMembersAdded(long clientId, List<Long> userIds, Long adminId, Long by) {
        ctx.groups.accountMembersAdded(clientId, userIds, adminId, by);
    }

    void accountMemberRemoved(long clientId, long userId, Long by) {
        ctx.groups.accountMemberRemoved(clientId, userId, by);
    }

    void userChanged(long userId) {
        ctx.writer.userChanged(userId);
    }

    long outsiderGranted(Actor by, long clientId, GrantSubject subject, long subjectId, String subjectName, AccessLevel level,
                         String email, String mobile, Long userId, LocalDate expiresOn) {
        return ctx.grants.outsiderGranted(by, clientId, subject, subjectId, subjectName, level, email, mobile, userId, expiresOn);
    }

    void outsiderGrantChanged(Actor by, long clientId, long grantId, AccessLevel level, LocalDate expiresOn) {
        ctx.grants.outsiderGrantChanged(by, clientId, grantId, level, expiresOn);
    }

    void outsiderGrantRevoked(Actor by, long clientId, long grantId) {
        ctx.grants.outsiderGrantRevoked(by, clientId, grantId);
    }

    void outsiderAccountCreated(long practiceId, String email, long userId) {
        ctx.grants.outsiderAccountCreated(practiceId, email, userId);
    }

    void outsiderContactCorrected(Actor by, long clientId, long grantId, String email, String mobile, Long userId) {
        ctx.grants.outsiderContactCorrected(by, clientId, grantId, email, mobile, userId);
    }

    void outsiderContactChanged(long practiceId, long userId, String oldEmail, String email, String oldMobile, String mobile) {
        ctx.grants.outsiderContactChanged(practiceId, userId, oldEmail, email, oldMobile, mobile);
    }

    void holdersRegistered(long clientId, List<Long> personIds, long registeredBy) {
        ctx.holders.holdersRegistered(clientId, personIds, registeredBy);
    }

    void holderRecorded(Actor by, long clientId, long personId) {
        ctx.holders.holderRecorded(by, clientId, personId);
    }

    void holderRecordEnded(Actor by, long clientId, long personId, String personName) {
        ctx.holders.holderRecordEnded(by, clientId, personId, personName);
    }

    void familyMemberRemoving(long clientId, long personId, String personName) {
        ctx.holders.familyMemberRemoving(clientId, personId, personName);
    }

    // ---- the access review (issue 17; the part is Review)

    @org.springframework.beans.factory.annotation.Autowired
    void activity(org.springframework.beans.factory.ObjectProvider<AccessActivity> activity) {
        ctx.review.activity(activity);
    }

    /**
     * The access review: every person x client access of the actor's practice (practice managers only), as a page of
     * rows each explained like <em>Why?</em>, narrowed by {@code query}.
     */
    public AccessReview review(Actor actor, ReviewQuery query, com.atrium.shared.PageRequest page) {
        return readOnly(() -> ctx.review.review(actor, query, page));
    }

    /** Every row of the review, in order (the practice managers first), for the CSV export. */
    public void reviewEach(Actor actor, ReviewQuery query, java.util.function.Consumer<ReviewRow> sink) {
        readOnly(() -> {
            ctx.review.each(actor, query, sink);
            return null;
        });
    }

    /**
     * One row of the access review, as the review shows it: {@code userId} x {@code clientId} (a disabled account's row
     * too), or empty when the person has nothing recorded on the client. Practice managers only.
     */
    public Optional<ReviewRow> reviewRow(Actor actor, long userId, long clientId) {
        return readOnly(() -> {
            ctx.decisions.require(actor, PracticePermission.REVIEW_ACCESS);
            return ctx.review.row(actor, userId, clientId);
        });
    }

    /** The review's row of an invitation not accepted yet (its grant has no account), or empty. Practice managers only. */
    public Optional<ReviewRow> reviewGrantRow(Actor actor, long grantId) {
        return readOnly(() -> {
            ctx.decisions.require(actor, PracticePermission.REVIEW_ACCESS);
            return ctx.review.pendingGrantRow(actor, grantId);
        });
    }

    void outsiderGrantRevokedInReview(Actor by, long clientId, long grantId) {
        ctx.grants.outsiderGrantRevoked(by, clientId, grantId, true);
    }

    /** Every outsider grant of the client (expired ones included and flagged); the asker must see the client. */
    public List<OutsiderGrant> grants(Actor asker, long clientId) {
        return readOnly(() -> ctx.grants.grants(asker, clientId));
    }

    /** One grant of the client (404 for a grant of another client). */
    public OutsiderGrant grant(Actor asker, long clientId, long grantId) {
        return readOnly(() -> ctx.grants.grant(asker, clientId, grantId));
    }

    /**
     * Why the actor may not create, change ({@code level} set) or withdraw ({@code withdraw}) a grant of
     * this kind, or empty when they may. 404 when they cannot even see the client.
     */
    public Optional<String> grantRefusal(Actor actor, long clientId, GrantSubject subject, AccessLevel level, Long grantId, boolean withdraw) {
        return readOnly(() -> ctx.grants.grantRefusal(actor, clientId, subject, level, grantId, withdraw));
    }

    /** Whether the actor manages outsiders on this client in general (the file manager), for screens. */
    public boolean managesOutsiders(Actor actor, long clientId) {
        return readOnly(() -> ctx.grants.managesOutsiders(actor, clientId));
    }


    /** Whether the person is recorded as holder or co-holder of the file (so that access given to them is permanent). */
    public boolean recordedHolder(long clientId, long personId) {
        return readOnly(() -> ctx.holders.recordedHolder(clientId, personId));
    }

    /** The people of the file recorded as holder or co-holder. */
    public Set<Long> recordedHolders(long clientId) {
        return readOnly(() -> ctx.holders.recordedHolders(clientId));
    }

    /**
     * Why the actor may not record who is holder or co-holder of this file (make someone holder or co-holder, or
     * stop them being one), or empty when they may: only the file manager. 404 when they cannot see the client.
     */
    public Optional<String> holderRecordRefusal(Actor actor, long clientId) {
        return readOnly(() -> ctx.holders.holderRecordRefusal(actor, clientId));
    }








    /** The actor's own grant on the client (expired ones too), for the client portal. */
    public Optional<OutsiderGrant> grantOf(Actor actor, long clientId) {
        return readOnly(() -> ctx.grants.grantOf(actor, clientId));
    }

    /** Whether the practice has any grant (expired or not) to this email that is not yet linked to an account. */
    public boolean hasUnlinkedGrant(long practiceId, String email) {
        return readOnly(() -> ctx.grants.hasUnlinkedGrant(practiceId, email));
    }
}
