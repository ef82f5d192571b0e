package com.atrium.access;

import com.atrium.access.AccessRules.ClientFacts;
import com.atrium.access.AccessSubjects.Subject;
import com.atrium.shared.Actor;
import com.atrium.shared.ForbiddenException;
import com.atrium.shared.NotFoundException;
import com.atrium.shared.UserType;
import com.atrium.shared.ConflictException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Outsider-grant rules: holders and co-holders. Who is holder or co-holder is recorded here (access_holder) by
 * staff only: the staff user registering the file, later only its file manager (AccessRules.holderRecordRule). A
 * family grant is permanent exactly when its person has such a record; the database refuses a holder grant without
 * one, and the removal of a person with any grant.
 * Part of the access module behind {@link AccessService}; wired by it.
 */
final class HolderRecords {
    private final JdbcClient jdbc;
    private final AccessCache cache;
    private final AccessContext ctx;

    HolderRecords(AccessContext ctx) {
        this.ctx = ctx;
        this.jdbc = ctx.jdbc;
        this.cache = ctx.cache;
    }

    /** Whether the person is recorded as holder or co-holder of the file (so that access given to them is permanent). */
    boolean recordedHolder(long clientId, long personId) {
        return jdbc.sql("SELECT COUNT(*) FROM access_holder WHERE client_id = :c AND person_id = :p")
                .param("c", clientId).param("p", personId).query(Long.class).single() > 0;
    }

    /** The people of the file recorded as holder or co-holder. */
    Set<Long> recordedHolders(long clientId) {
        return new HashSet<>(jdbc.sql("SELECT person_id FROM access_holder WHERE client_id = :c").param("c", clientId)
                .query(Long.class).list());
    }

    /**
     * Why the actor may not record who is holder or co-holder of this file (make someone holder or co-holder, or
     * stop them being one), or empty when they may: only the file manager. 404 when they cannot see the client.
     */
    Optional<String> holderRecordRefusal(Actor actor, long clientId) {
        ClientFacts client = clientFacts(clientId).orElseThrow(() -> new NotFoundException("Client"));
        List<AccessPath> paths = paths(asSubject(actor), client);
        if (paths.stream().noneMatch(p -> p.permissions().contains(Permission.VIEW_FILE))) {
            throw new NotFoundException("Client");
        }
        return Optional.ofNullable(AccessRules.holderRecordRule(paths));
    }

    /** The first holder and co-holders of a file, recorded by the staff user registering it (right after {@link #clientRegistered}). */
    /** {@link #holdersRegistered(long, List, long)} for many new clients, as one JDBC batch. */
    void holdersRegistered(List<AccessFacts.NewClient> clients, long registeredBy) {
        Subject s = subject(registeredBy).orElseThrow(() -> new NotFoundException("User"));
        if (!UserType.valueOf(s.type()).isStaff()) {
            throw new ForbiddenException("Only staff record who is holder or co-holder of a file.");
        }
        java.time.OffsetDateTime at = now();
        List<Object[]> rows = new java.util.ArrayList<>();
        for (AccessFacts.NewClient c : clients) {
            for (long personId : c.holderPersonIds()) {
                rows.add(new Object[] {personId, registeredBy, s.type(), at, c.client().clientId()});
            }
        }
        com.atrium.shared.JdbcBatches.update(ctx.index.batch, """
                INSERT INTO access_holder (client_id, person_id, practice_id, recorded_by, recorded_by_type, recorded_at)
                SELECT c.client_id, ?, c.practice_id, ?, ?, ? FROM access_client c WHERE c.client_id = ?""", rows);
    }

    void holdersRegistered(long clientId, List<Long> personIds, long registeredBy) {
        Subject s = subject(registeredBy).orElseThrow(() -> new NotFoundException("User"));
        if (!UserType.valueOf(s.type()).isStaff()) {
            throw new ForbiddenException("Only staff record who is holder or co-holder of a file.");
        }
        for (long personId : personIds) {
            insertHolderRecord(clientId, personId, registeredBy, s.type());
        }
    }

    /**
     * The file manager recorded the person as holder or co-holder. If they already have a grant, it becomes
     * permanent at this moment (no last day, never withdrawn or downgraded), and the change is audited.
     */
    void holderRecorded(Actor by, long clientId, long personId) {
        cache.changed(AccessCache.Scope.client(clientId));
        holderRecordRefusal(by, clientId).ifPresent(r -> {
            throw new ForbiddenException(r);
        });
        if (recordedHolder(clientId, personId)) {
            return;
        }
        insertHolderRecord(clientId, personId, by.userId(), by.type().name());
        Optional<OutsiderGrant> grant = grantRows("g.client_id = :c AND g.subject_kind = 'FAMILY' AND g.subject_id = :s",
                Map.of("c", clientId, "s", personId), true).stream().findFirst();
        if (grant.isEmpty() || grant.get().holder()) {
            return;
        }
        OutsiderGrant g = grant.get();
        jdbc.sql("""
                        UPDATE access_grant SET holder = TRUE, holder_person_id = person_id, expires_on = NULL, changed_by = :by, changed_at = :at
                        WHERE id = :g""")
                .param("by", by.userId()).param("at", now()).param("g", g.id()).update();
        jdbc.sql("INSERT INTO access_grant_irrevocable (grant_id) VALUES (:g)").param("g", g.id()).update();
        publish(practiceOfClient(clientId), clientId, by.userId(), AccessChanged.Change.OUTSIDER_GRANT_CHANGED, g.userId(),
                grantText(g.subjectName(), g.subject(), false, g.level(), g.expiresOn()),
                grantText(g.subjectName(), g.subject(), true, g.level(), null) + ", permanent: recorded as holder or co-holder");
    }

    /** The file manager records that the person is no longer holder or co-holder; refused while their grant is permanent. */
    void holderRecordEnded(Actor by, long clientId, long personId, String personName) {
        cache.changed(AccessCache.Scope.client(clientId));
        holderRecordRefusal(by, clientId).ifPresent(r -> {
            throw new ForbiddenException(r);
        });
        String refusal = AccessRules.holderRecordEndRule(personName, familyGrant(clientId, personId, true).orElse(null));
        if (refusal != null) {
            throw new ConflictException(refusal);
        }
        jdbc.sql("DELETE FROM access_holder WHERE client_id = :c AND person_id = :p").param("c", clientId).param("p", personId).update();
    }

    /**
     * A person is about to be removed from the family: refused, with the reason, while they have any grant (the
     * database refuses it too). Their holder record, if any, goes with them.
     */
    void familyMemberRemoving(long clientId, long personId, String personName) {
        String refusal = AccessRules.familyMemberRemovalRule(personName, familyGrant(clientId, personId, true).orElse(null));
        if (refusal != null) {
            throw new ConflictException(refusal);
        }
    }

    Optional<OutsiderGrant> familyGrant(long clientId, long personId, boolean lock) {
        return grantRows("g.client_id = :c AND g.subject_kind = 'FAMILY' AND g.subject_id = :s", Map.of("c", clientId, "s", personId), lock)
                .stream().findFirst();
    }

    void insertHolderRecord(long clientId, long personId, long recordedBy, String recordedByType) {
        jdbc.sql("""
                        INSERT INTO access_holder (client_id, person_id, practice_id, recorded_by, recorded_by_type, recorded_at)
                        SELECT c.client_id, :p, c.practice_id, :by, :type, :at FROM access_client c WHERE c.client_id = :c""")
                .param("c", clientId).param("p", personId).param("by", recordedBy).param("type", recordedByType).param("at", now()).update();
    }

    // ---- from the other parts

    private Subject asSubject(Actor actor) {
        return ctx.decisions.asSubject(actor);
    }

    private Optional<ClientFacts> clientFacts(long clientId) {
        return ctx.reads.clientFacts(clientId);
    }

    private List<OutsiderGrant> grantRows(String where, Map<String, Object> params, boolean lock) {
        return ctx.grants.grantRows(where, params, lock);
    }

    private static String grantText(String name, GrantSubject subject, boolean holder, AccessLevel level, LocalDate expiresOn) {
        return OutsiderGrants.grantText(name, subject, holder, level, expiresOn);
    }

    private OffsetDateTime now() {
        return ctx.reads.now();
    }

    private List<AccessPath> paths(Subject subject, ClientFacts client) {
        return ctx.decisions.paths(subject, client);
    }

    private long practiceOfClient(long clientId) {
        return ctx.reads.practiceOfClient(clientId);
    }

    private void publish(long practiceId, long clientId, Long by, AccessChanged.Change change, Long subject, String before, String after) {
        ctx.writer.publish(practiceId, clientId, by, change, subject, before, after);
    }

    private Optional<Subject> subject(long userId) {
        return ctx.decisions.subject(userId);
    }
}
