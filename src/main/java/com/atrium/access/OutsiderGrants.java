package com.atrium.access;

import com.atrium.access.AccessRules.ClientFacts;
import com.atrium.access.AccessSubjects.Subject;
import com.atrium.shared.Actor;
import com.atrium.shared.ForbiddenException;
import com.atrium.shared.NotFoundException;
import com.atrium.shared.ConflictException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Outsider grants (spec C, F2): who may grant, change and withdraw, the grant facts and their reads. Family
 * members and external advisers reach a client through a grant (PathKinds HOLDER_*, FAMILY_*, ADVISER_*). Only the
 * file manager manages grants; holders may grant their own family. A holder's grant is irrevocable: a foreign key
 * refuses its deletion on every database, a trigger refuses any downgrade on PostgreSQL, and the checks here run on
 * the row locked FOR UPDATE.
 * Part of the access module behind {@link AccessService}; wired by it.
 */
final class OutsiderGrants {
    private final JdbcClient jdbc;
    private final AccessSubjects subjects;
    private final AccessCache cache;
    private final VisibilityIndex index;
    private final AccessContext ctx;

    OutsiderGrants(AccessContext ctx) {
        this.ctx = ctx;
        this.jdbc = ctx.jdbc;
        this.subjects = ctx.subjects;
        this.cache = ctx.cache;
        this.index = ctx.index;
    }

    /** Every outsider grant of the client (expired ones included and flagged); the asker must see the client. */
    List<OutsiderGrant> grants(Actor asker, long clientId) {
        require(asker, Permission.VIEW_FILE, clientId);
        return grantRows("g.client_id = :c", Map.of("c", clientId), false);
    }

    /** One grant of the client (404 for a grant of another client). */
    OutsiderGrant grant(Actor asker, long clientId, long grantId) {
        require(asker, Permission.VIEW_FILE, clientId);
        return grantRow(clientId, grantId, false);
    }

    /**
     * Why the actor may not create, change ({@code level} set) or withdraw ({@code withdraw}) a grant of
     * this kind, or empty when they may. 404 when they cannot even see the client.
     */
    Optional<String> grantRefusal(Actor actor, long clientId, GrantSubject subject, AccessLevel level, Long grantId,
                                         boolean withdraw) {
        ClientFacts client = clientFacts(clientId).orElseThrow(() -> new NotFoundException("Client"));
        List<AccessPath> paths = paths(asSubject(actor), client);
        if (paths.stream().noneMatch(p -> p.permissions().contains(Permission.VIEW_FILE))) {
            throw new NotFoundException("Client");
        }
        OutsiderGrant existing = grantId == null ? null : grantRow(clientId, grantId, false);
        return Optional.ofNullable(AccessRules.grantRule(actor.userId(), paths, subject, level, existing, withdraw));
    }

    /** Whether the actor manages outsiders on this client in general (the file manager), for screens. */
    boolean managesOutsiders(Actor actor, long clientId) {
        return permissions(actor, clientId).contains(Permission.MANAGE_OUTSIDERS);
    }

    /** The grant the actor asks about must be allowed to them; throws 404/403 otherwise. */
    void requireGrantRule(Actor actor, long clientId, GrantSubject subject, AccessLevel level, Long grantId, boolean withdraw) {
        grantRefusal(actor, clientId, subject, level, grantId, withdraw).ifPresent(reason -> {
            throw new ForbiddenException(reason);
        });
    }

    /**
     * An outsider was given access. The rules are checked here too (the file manager, or a holder for their
     * own family), so no caller can skip them. {@code userId} is the outsider's account if they already have one.
     *
     * @return the grant's id
     */
    long outsiderGranted(Actor by, long clientId, GrantSubject subject, long subjectId, String subjectName,
                                AccessLevel level, String email, String mobile, Long userId, LocalDate expiresOn) {
        cache.changed(AccessCache.Scope.client(clientId));
        requireGrantRule(by, clientId, subject, level, null, false);
        // permanent only for a person the file manager recorded as holder or co-holder (the database checks it too)
        boolean holder = subject == GrantSubject.FAMILY && recordedHolder(clientId, subjectId);
        if (holder && expiresOn != null) {
            throw new com.atrium.shared.InvalidInputException("expiresOn",
                    "Access of a holder or co-holder can never be withdrawn, so it cannot have an expiry date.");
        }
        long practiceId = practiceOfClient(clientId);
        // a display name (first and last name, up to 100 characters each): the column holds 200
        subjectName = subjectName.length() > 200 ? subjectName.substring(0, 199) + "…" : subjectName;
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO access_grant (client_id, practice_id, subject_kind, subject_id, person_id, holder_person_id, subject_name,
                                                  holder, access_level, email, mobile, user_id, expires_on, granted_by, granted_at)
                        VALUES (:c, :p, :k, :s, :person, :hp, :n, :h, :l, :e, :m, :u, :x, :by, :at)""")
                .param("c", clientId).param("p", practiceId).param("k", subject.name()).param("s", subjectId).param("n", subjectName)
                .param("person", subject == GrantSubject.FAMILY ? subjectId : null).param("hp", holder ? subjectId : null)
                .param("h", holder).param("l", level.name()).param("e", email).param("m", mobile).param("u", userId)
                .param("x", expiresOn).param("by", by.userId()).param("at", now())
                .update(keys, "id");
        long grantId = keys.getKey().longValue();
        index.rederiveClient(clientId);
        if (holder) {
            jdbc.sql("INSERT INTO access_grant_irrevocable (grant_id) VALUES (:g)").param("g", grantId).update();
        }
        publish(practiceId, clientId, by.userId(), AccessChanged.Change.OUTSIDER_GRANTED, userId, null,
                grantText(subjectName, subject, holder, level, expiresOn));
        return grantId;
    }

    /** A grant's level or expiry changed (the row is locked first, so concurrent changes queue and see each other). */
    void outsiderGrantChanged(Actor by, long clientId, long grantId, AccessLevel level, LocalDate expiresOn) {
        cache.changed(AccessCache.Scope.client(clientId));
        // access first (finding 2): a client the actor cannot see answers 404 "Client" before the grant is looked up, so
        // nobody learns which grant ids exist or which are a holder's
        require(by, Permission.VIEW_FILE, clientId);
        OutsiderGrant g = lockGrant(clientId, grantId);
        if (g.holder() && g.level() == AccessLevel.READ_WRITE && level == AccessLevel.READ_ONLY) {
            throw new ConflictException("Access of a holder or co-holder can never be downgraded.");
        }
        requireGrantRule(by, clientId, g.subject(), level, grantId, false);
        if (g.holder() && expiresOn != null) {
            throw new ConflictException("Access of a holder or co-holder can never be withdrawn, so it cannot have an expiry date.");
        }
        if (g.level() == level && Objects.equals(g.expiresOn(), expiresOn)) {
            return;
        }
        jdbc.sql("UPDATE access_grant SET access_level = :l, expires_on = :x, changed_by = :by, changed_at = :at WHERE id = :g")
                .param("l", level.name()).param("x", expiresOn).param("by", by.userId()).param("at", now()).param("g", grantId).update();
        index.rederiveClient(clientId);
        publish(practiceOfClient(clientId), clientId, by.userId(), AccessChanged.Change.OUTSIDER_GRANT_CHANGED,
                g.userId(), grantText(g.subjectName(), g.subject(), g.holder(), g.level(), g.expiresOn()),
                grantText(g.subjectName(), g.subject(), g.holder(), level, expiresOn));
    }

    /** A grant was withdrawn. Refused for holders and co-holders (the database refuses it too). */
    void outsiderGrantRevoked(Actor by, long clientId, long grantId) {
        outsiderGrantRevoked(by, clientId, grantId, false);
    }

    /**
     * A grant withdrawn; {@code inReview}: by a practice manager from the access review (REVIEW_ACCESS), who may withdraw
     * any grant that is not a holder's — the review exists to clean up forgotten access — though only the file manager
     * gives or changes outsiders' access.
     */
    void outsiderGrantRevoked(Actor by, long clientId, long grantId, boolean inReview) {
        if (inReview) {
            ctx.decisions.require(by, PracticePermission.REVIEW_ACCESS);
        }
        cache.changed(AccessCache.Scope.client(clientId));
        // access first (finding 2): a client the actor cannot see answers 404 "Client" before the grant is looked up, so
        // nobody learns which grant ids exist or which are a holder's
        require(by, Permission.VIEW_FILE, clientId);
        OutsiderGrant g = lockGrant(clientId, grantId);
        if (g.holder()) {
            throw new ConflictException("Access of a holder or co-holder can never be withdrawn.");
        }
        if (!inReview) {
            requireGrantRule(by, clientId, g.subject(), null, grantId, true);
        }
        jdbc.sql("DELETE FROM access_grant WHERE id = :g").param("g", grantId).update();
        index.rederiveClient(clientId);
        publish(practiceOfClient(clientId), clientId, by.userId(), AccessChanged.Change.OUTSIDER_GRANT_REVOKED, g.userId(),
                grantText(g.subjectName(), g.subject(), g.holder(), g.level(), g.expiresOn()), null);
    }

    /**
     * The file manager corrected the email or mobile of a grant while no account is linked to it (a typo would otherwise
     * be permanent). Access first: a client the actor cannot see answers 404 before the grant is looked up; then only the
     * file manager; a grant with an account answers 409 with the reason (from then on the outsider changes their own
     * details). {@code userId}: the outsider account of the practice that already uses the new email, if any (the grant
     * then reaches it, as a new grant to that address would).
     */
    void outsiderContactCorrected(Actor by, long clientId, long grantId, String email, String mobile, Long userId) {
        cache.changed(AccessCache.Scope.client(clientId));
        require(by, Permission.VIEW_FILE, clientId);
        require(by, Permission.MANAGE_OUTSIDERS, clientId);
        OutsiderGrant g = lockGrant(clientId, grantId);
        if (g.userId() != null) {
            throw new ConflictException(contactLockedReason(g.subjectName()));
        }
        if (g.email().equals(email) && g.mobile().equals(mobile) && userId == null) {
            return;
        }
        jdbc.sql("UPDATE access_grant SET email = :e, mobile = :m, user_id = :u, changed_by = :by, changed_at = :at WHERE id = :g")
                .param("e", email).param("m", mobile).param("u", userId).param("by", by.userId()).param("at", now()).param("g", grantId)
                .update();
        if (userId != null) {
            cache.changed(AccessCache.Scope.user(userId));
            index.rederiveClient(clientId);
        }
        publish(practiceOfClient(clientId), clientId, by.userId(), AccessChanged.Change.OUTSIDER_CONTACT_CORRECTED, userId,
                g.subjectName() + ": " + g.email() + ", " + g.mobile(), g.subjectName() + ": " + email + ", " + mobile
                        + (userId == null ? "" : " (an account already uses this address: the grant now reaches it)"));
    }

    /** Why a grant's contact details can no longer be corrected by the file manager. */
    static String contactLockedReason(String name) {
        return name + " already has an account, so the email and mobile of this access can no longer be corrected here: " + name
                + " changes them in the client portal (My account), confirming the new email by a link and the new mobile by a code.";
    }

    /**
     * An outsider changed their own email and/or mobile (confirmed by a link to the new address or a code sent to the new
     * number): their grants follow, each change audited on its file; grants waiting at the new address (no account yet)
     * now reach them, as when an account is created for it.
     */
    void outsiderContactChanged(long practiceId, long userId, String oldEmail, String email, String oldMobile, String mobile) {
        cache.changed(AccessCache.Scope.user(userId));
        List<OutsiderGrant> mine = grantRows("g.user_id = :u", Map.of("u", userId), true);
        for (OutsiderGrant g : mine) {
            cache.changed(AccessCache.Scope.client(g.clientId()));
            // a file with another grant at the new address keeps this grant's address (one grant per address and file)
            int changed = jdbc.sql("""
                            UPDATE access_grant SET email = :e, mobile = :m
                            WHERE id = :g AND NOT EXISTS (SELECT 1 FROM access_grant x WHERE x.client_id = :c AND x.email = :e AND x.id <> :g)""")
                    .param("e", email).param("m", mobile).param("g", g.id()).param("c", g.clientId()).update();
            if (changed == 0) {
                jdbc.sql("UPDATE access_grant SET mobile = :m WHERE id = :g").param("m", mobile).param("g", g.id()).update();
            }
            publish(practiceId, g.clientId(), userId, AccessChanged.Change.OUTSIDER_CONTACT_CHANGED, userId,
                    g.subjectName() + ": " + oldEmail + ", " + oldMobile, g.subjectName() + ": " + email + ", " + mobile);
        }
        if (!email.equals(oldEmail)) {
            // waiting grants to the new address reach the account (not on a file where it already has access)
            List<OutsiderGrant> pending = grantRows("g.practice_id = :p AND g.email = :e AND g.user_id IS NULL"
                    + " AND NOT EXISTS (SELECT 1 FROM access_grant y WHERE y.client_id = g.client_id AND y.user_id = :u)",
                    Map.of("p", practiceId, "e", email, "u", userId), true);
            for (OutsiderGrant g : pending) {
                cache.changed(AccessCache.Scope.client(g.clientId()));
                jdbc.sql("UPDATE access_grant SET user_id = :u WHERE id = :g").param("u", userId).param("g", g.id()).update();
                publish(practiceId, g.clientId(), userId, AccessChanged.Change.OUTSIDER_ACCOUNT_LINKED, userId, null,
                        g.subjectName() + " (" + email + ") confirmed this address for their account");
            }
        }
        index.rederiveUser(userId);
    }

    /** An outsider created their account: every grant made to their email in the practice now reaches them. */
    void outsiderAccountCreated(long practiceId, String email, long userId) {
        cache.changed(AccessCache.Scope.user(userId));
        List<OutsiderGrant> pending = grantRows("g.practice_id = :p AND g.email = :e AND g.user_id IS NULL",
                Map.of("p", practiceId, "e", email), false);
        jdbc.sql("UPDATE access_grant SET user_id = :u WHERE practice_id = :p AND email = :e AND user_id IS NULL")
                .param("u", userId).param("p", practiceId).param("e", email).update();
        index.rederiveUser(userId);
        for (OutsiderGrant g : pending) {
            publish(practiceId, g.clientId(), userId, AccessChanged.Change.OUTSIDER_ACCOUNT_LINKED, userId, null,
                    g.subjectName() + " (" + email + ") created their account");
        }
    }

    /** The actor's own grant on the client (expired ones too), for the client portal. */
    Optional<OutsiderGrant> grantOf(Actor actor, long clientId) {
        return grantRows("g.client_id = :c AND g.user_id = :u", Map.of("c", clientId, "u", actor.userId()), false).stream().findFirst();
    }

    /** Whether the practice has any grant (expired or not) to this email that is not yet linked to an account. */
    boolean hasUnlinkedGrant(long practiceId, String email) {
        return jdbc.sql("SELECT COUNT(*) FROM access_grant WHERE practice_id = :p AND email = :e AND user_id IS NULL")
                .param("p", practiceId).param("e", email).query(Long.class).single() > 0;
    }

    static String grantText(String name, GrantSubject subject, boolean holder, AccessLevel level, LocalDate expiresOn) {
        return name + " (" + (subject == GrantSubject.ADVISER ? "external adviser" : holder ? "holder / co-holder" : "family member")
                + "): " + level.label().toLowerCase(java.util.Locale.ROOT)
                + (expiresOn == null ? "" : " until " + AccessRules.SHORT.format(expiresOn));
    }

    OutsiderGrant lockGrant(long clientId, long grantId) {
        return grantRow(clientId, grantId, true);
    }

    OutsiderGrant grantRow(long clientId, long grantId, boolean lock) {
        return grantRows("g.client_id = :c AND g.id = :g", Map.of("c", clientId, "g", grantId), lock).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("Grant"));
    }

    List<OutsiderGrant> grantRows(String where, Map<String, Object> params, boolean lock) {
        LocalDate today = today();
        List<OutsiderGrant> rows = jdbc.sql("""
                        SELECT g.id, g.client_id, g.subject_kind, g.subject_id, g.subject_name, g.holder, g.access_level, g.email,
                               g.mobile, g.user_id, g.expires_on, g.granted_by, g.granted_at
                        FROM access_grant g""" + " WHERE " + where + " ORDER BY g.holder DESC, g.subject_kind DESC, g.subject_name, g.id"
                        + (lock ? " FOR UPDATE" : ""))
                .params(params)
                .query((rs, i) -> {
                    long u = rs.getLong("user_id");
                    Long userId = rs.wasNull() ? null : u;
                    java.sql.Date x = rs.getDate("expires_on");
                    LocalDate expires = x == null ? null : x.toLocalDate();
                    return new OutsiderGrant(rs.getLong("id"), rs.getLong("client_id"), GrantSubject.valueOf(rs.getString("subject_kind")),
                            rs.getLong("subject_id"), rs.getString("subject_name"), rs.getBoolean("holder"),
                            AccessLevel.valueOf(rs.getString("access_level")), rs.getString("email"), rs.getString("mobile"), userId,
                            expires, rs.getLong("granted_by"), null, rs.getTimestamp("granted_at").toInstant(),
                            expires != null && expires.isBefore(today));
                })
                .list();
        if (rows.isEmpty()) {
            return rows;
        }
        Map<Long, Subject> names = subjects.findAll(rows.stream().map(OutsiderGrant::grantedBy).collect(java.util.stream.Collectors.toSet()));
        return rows.stream().map(g -> new OutsiderGrant(g.id(), g.clientId(), g.subject(), g.subjectId(), g.subjectName(), g.holder(),
                g.level(), g.email(), g.mobile(), g.userId(), g.expiresOn(), g.grantedBy(),
                Optional.ofNullable(names.get(g.grantedBy())).map(Subject::name).orElse("user #" + g.grantedBy()), g.grantedAt(),
                g.expired())).toList();
    }

    // ---- from the other parts

    private Subject asSubject(Actor actor) {
        return ctx.decisions.asSubject(actor);
    }

    private Optional<ClientFacts> clientFacts(long clientId) {
        return ctx.reads.clientFacts(clientId);
    }

    private OffsetDateTime now() {
        return ctx.reads.now();
    }

    private List<AccessPath> paths(Subject subject, ClientFacts client) {
        return ctx.decisions.paths(subject, client);
    }

    private Set<Permission> permissions(Actor actor, long clientId) {
        return ctx.decisions.permissions(actor, clientId);
    }

    private long practiceOfClient(long clientId) {
        return ctx.reads.practiceOfClient(clientId);
    }

    private void publish(long practiceId, long clientId, Long by, AccessChanged.Change change, Long subject, String before, String after) {
        ctx.writer.publish(practiceId, clientId, by, change, subject, before, after);
    }

    private boolean recordedHolder(long clientId, long personId) {
        return ctx.holders.recordedHolder(clientId, personId);
    }

    private void require(Actor actor, Permission permission, long clientId) {
        ctx.decisions.require(actor, permission, clientId);
    }

    private void require(Actor actor, PracticePermission permission) {
        ctx.decisions.require(actor, permission);
    }

    private LocalDate today() {
        return ctx.reads.today();
    }
}
