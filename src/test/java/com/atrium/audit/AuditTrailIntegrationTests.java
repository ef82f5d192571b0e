package com.atrium.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.atrium.access.AccessFacts;
import com.atrium.access.AccessService;
import com.atrium.access.Relation;
import com.atrium.access.TeamRole;
import com.atrium.audit.AuditHashing.Content;
import com.atrium.audit.ChainVerification.Problem;
import com.atrium.household.ClientView;
import com.atrium.shared.PageRequest;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The trail on PostgreSQL: fed by access changes in the same transaction, linear under concurrency, tampering detected. */
@IntegrationTest
class AuditTrailIntegrationTests {
    static final String TRIGGER = "audit_entry_no_update_or_delete";
    /** The key of application-test.yml, and the one a rotation brings in. */
    static final String TEST_KEY = "test-1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    static final String ROTATED_KEY = "test-2:ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";

    @Autowired Fixtures fixtures;
    @Autowired AuditTrail trail;
    @Autowired AccessService access;
    @Autowired AccessFacts facts;
    @Autowired TransactionTemplate tx;
    @Autowired JdbcClient jdbc;
    @Autowired ApplicationEventPublisher events;
    @Autowired AuditRepository repository;
    @Autowired com.atrium.access.AccessSubjects subjects;

    @Test
    void entriesRecordedInADeferredBlockAreAppendedTogetherAsALinkedSignedChainAndNothingWhenItFails() {
        TestPractice p = fixtures.practice();
        long practiceId = p.practice.id();
        tx.executeWithoutResult(s -> trail.record(AuditRecord.of(practiceId, p.manager.userId(), "BEFORE_DEFERRED")));
        long[] seqs = tx.execute(s -> trail.deferred(() -> new long[] {
                trail.record(AuditRecord.of(practiceId, p.manager.userId(), "DEFERRED_ONE").change(null, "one")),
                trail.record(AuditRecord.of(practiceId, null, "DEFERRED_TWO").change("two", null)),
                trail.record(AuditRecord.of(practiceId, p.adviser.userId(), "DEFERRED_THREE"))}));
        assertThat(seqs).containsOnly(-1L);
        tx.executeWithoutResult(s -> trail.record(AuditRecord.of(practiceId, p.manager.userId(), "AFTER_DEFERRED")));
        // a deferred block that fails appends nothing (its transaction rolls back)
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> trail.deferred(() -> {
            trail.record(AuditRecord.of(practiceId, p.manager.userId(), "DEFERRED_LOST"));
            throw new IllegalStateException("boom");
        }))).isInstanceOf(IllegalStateException.class);

        List<AuditEntryView> all = trail.practiceTrail(p.manager, PageRequest.of(0, 50)).items();
        assertThat(all).extracting(AuditEntryView::action).containsSubsequence(
                "AFTER_DEFERRED", "DEFERRED_THREE", "DEFERRED_TWO", "DEFERRED_ONE", "BEFORE_DEFERRED").doesNotContain("DEFERRED_LOST");
        assertThat(all.stream().filter(e -> e.action().equals("DEFERRED_ONE")).findFirst().orElseThrow().actorName())
                .isEqualTo("manager Tester");
        assertThat(trail.verify(practiceId).ok()).isTrue();
    }

    @Test
    void everyAccessChangeIsRecordedWithActorTimeBeforeAndAfter() {
        TestPractice p = fixtures.practice();
        Instant start = Instant.now();
        // support staff create it: the first Professional (the manager) becomes primary, support joins as Administrator
        ClientView c = fixtures.client(p.support, "Audited");
        long id = c.id();
        long by = p.manager.userId();
        long member = p.otherAdviser.userId();
        tx.executeWithoutResult(s -> facts.add(by, new Relation.Team(id, TeamRole.PARAPLANNER, member)));
        tx.executeWithoutResult(s -> facts.add(by, new Relation.Team(id, TeamRole.READ_ONLY, member)));
        tx.executeWithoutResult(s -> facts.remove(by, new Relation.Team(id, TeamRole.READ_ONLY, member)));
        tx.executeWithoutResult(s -> facts.add(by, new Relation.Primary(id, p.adviser.userId(), true)));

        List<AuditEntryView> history = trail.clientHistory(p.manager, id, PageRequest.of(0, 50)).items();
        assertThat(history).extracting(AuditEntryView::action).containsExactly(
                "PRIMARY_HANDED_OVER", "TEAM_MEMBER_REMOVED", "TEAM_ROLE_CHANGED", "TEAM_MEMBER_ADDED", "TEAM_MEMBER_ADDED",
                "CLIENT_REGISTERED");
        assertThat(history).extracting(AuditEntryView::seq).containsExactly(6L, 5L, 4L, 3L, 2L, 1L);
        assertThat(history).extracting(AuditEntryView::actorName).containsExactly(
                "manager Tester", "manager Tester", "manager Tester", "manager Tester", "support Tester", "support Tester");
        assertThat(history).extracting(AuditEntryView::clientId).containsOnly(id);
        assertThat(history).allSatisfy(e -> assertThat(e.occurredAt()).isAfterOrEqualTo(start.minusSeconds(1)));

        assertThat(history.get(0).before()).isEqualTo("Primary professional: manager Tester");
        assertThat(history.get(0).after()).isEqualTo("Primary professional: adviser Tester");
        assertThat(history.get(0).subjectUserId()).isEqualTo(p.adviser.userId());
        assertThat(history.get(1).before()).isEqualTo("adviser2 Tester as Read-only");
        assertThat(history.get(1).after()).isNull();
        assertThat(history.get(2).before()).isEqualTo("adviser2 Tester as Paraplanner");
        assertThat(history.get(2).after()).isEqualTo("adviser2 Tester as Read-only");
        assertThat(history.get(3).before()).isNull();
        assertThat(history.get(3).after()).isEqualTo("adviser2 Tester as Paraplanner");
        assertThat(history.get(4).after()).isEqualTo("support Tester as Administrator");
        assertThat(history.get(5).after()).isEqualTo("Primary professional: manager Tester");
        assertThat(history.get(5).actionLabel()).isEqualTo("Client registered");
        // chained: each entry carries the previous one's hash, the first the genesis value
        for (int i = 0; i < history.size() - 1; i++) {
            assertThat(history.get(i).prevHash()).isEqualTo(history.get(i + 1).hash());
        }
        assertThat(history.get(5).prevHash()).isEqualTo(AuditHashing.GENESIS);

        ChainVerification v = trail.verify(p.practice.id());
        assertThat(v.ok()).isTrue();
        assertThat(v.entries()).isEqualTo(6);
        assertThat(v.lastHash()).isEqualTo(history.get(0).hash());
    }

    @Test
    void aRolledBackChangeLeavesNoEntryAndNoGap() {
        TestPractice p = fixtures.practice();
        ClientView first = fixtures.client(p.adviser, "Kept");
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            ClientView doomed = fixtures.client(p.adviser, "Doomed");
            assertThat(trail.clientHistory(p.adviser, doomed.id(), PageRequest.of(0, 5)).total()).isEqualTo(1); // written...
            throw new IllegalStateException("the business transaction fails");
        })).hasMessageContaining("business transaction fails");

        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE practice_id = :p").param("p", p.practice.id())
                .query(Long.class).single()).isEqualTo(1); // ...and rolled back with it
        ClientView next = fixtures.client(p.adviser, "Next");
        assertThat(trail.clientHistory(p.adviser, next.id(), PageRequest.of(0, 5)).items().get(0).seq()).isEqualTo(2);
        assertThat(trail.clientHistory(p.adviser, first.id(), PageRequest.of(0, 5)).items().get(0).seq()).isEqualTo(1);
        assertThat(trail.verify(p.practice.id()).ok()).isTrue();
    }

    @Test
    void appendsRefuseToRunOutsideTheCallersTransaction() {
        TestPractice p = fixtures.practice();
        assertThatThrownBy(() -> trail.record(AuditRecord.of(p.practice.id(), p.manager.userId(), "SOMETHING_HAPPENED")))
                .hasMessageContaining("mandatory");
    }

    @Test
    void twentyConcurrentAppendsInOnePracticeMakeOneLinearChain() throws Exception {
        TestPractice p = fixtures.practice(); // no chain head yet: the first appends also race to create it
        int threads = 20;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Long>> clients = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                String name = "Concurrent" + i;
                clients.add(pool.submit(() -> {
                    go.await();
                    return fixtures.client(p.adviser, name).id();
                }));
            }
            go.countDown();
            for (Future<Long> f : clients) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<long[]> seqs = jdbc.sql("SELECT seq, client_id FROM audit_entry WHERE practice_id = :p ORDER BY seq")
                .param("p", p.practice.id()).query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}).list();
        assertThat(seqs).extracting(s -> s[0]).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(1, threads).boxed().toList());
        assertThat(seqs).extracting(s -> s[1]).doesNotHaveDuplicates().hasSize(threads);
        ChainVerification v = trail.verify(p.practice.id());
        assertThat(v.ok()).as(v.detail()).isTrue();
        assertThat(v.entries()).isEqualTo(threads);
    }

    @Test
    void postgresRefusesUpdateAndDeleteOfEntries() {
        TestPractice p = fixtures.practice();
        fixtures.client(p.adviser, "Guarded");
        assertThatThrownBy(() -> jdbc.sql("UPDATE audit_entry SET after_text = 'rewritten' WHERE practice_id = :p")
                .param("p", p.practice.id()).update()).hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_entry WHERE practice_id = :p")
                .param("p", p.practice.id()).update()).hasStackTraceContaining("append-only");
        assertThat(trail.verify(p.practice.id()).ok()).isTrue();
    }

    @Test
    void anEntryChangedBehindAtriumsBackIsReportedAtItsSeq() {
        TestPractice p = fixtures.practice();
        for (int i = 0; i < 4; i++) {
            fixtures.client(p.adviser, "Tampered" + i);
        }
        assertThat(trail.verify(p.practice.id()).ok()).isTrue();
        withoutGuard("UPDATE audit_entry SET after_text = 'Primary professional: Mallory' WHERE practice_id = :p AND seq = 3",
                p.practice.id());

        ChainVerification v = trail.verify(p.practice.id());
        assertThat(v.ok()).isFalse();
        assertThat(v.brokenSeq()).isEqualTo(3);
        assertThat(v.problem()).isEqualTo(Problem.CONTENT_ALTERED);
        assertThat(v.entries()).isEqualTo(2);
        assertThat(v.detail()).contains("Entry 3");
    }

    @Test
    void anEntryRewrittenWithAPlainSha256RecomputationFailsVerify() {
        // someone who can write the table but has no audit key: the stored value is an HMAC, so a SHA-256 of the new
        // content (the old, unkeyed algorithm, which anyone can compute) does not match
        TestPractice p = fixtures.practice();
        for (int i = 0; i < 3; i++) {
            fixtures.client(p.adviser, "Rehashed" + i);
        }
        Content forged = withAfter(entry(p.practice.id(), 2), "Primary professional: Mallory");
        withoutGuard("UPDATE audit_entry SET after_text = 'Primary professional: Mallory', hash = '" + AuditHashing.hash(forged)
                + "' WHERE practice_id = :p AND seq = 2", p.practice.id());

        ChainVerification v = trail.verify(p.practice.id());
        assertThat(v.ok()).isFalse();
        assertThat(v.problem()).isEqualTo(Problem.CONTENT_ALTERED);
        assertThat(v.brokenSeq()).isEqualTo(2);
        assertThat(v.detail()).contains("signature");
    }

    @Test
    void aChainRecomputedWithoutTheKeyFailsVerifyEvenWithItsHeadRewritten() {
        // the full attack on an unkeyed chain: rewrite an entry, recompute it and every later entry as unsigned SHA-256
        // (key_id NULL, so no key is needed), move the chain head — nothing Atrium wrote is left to disagree
        TestPractice p = fixtures.practice();
        for (int i = 0; i < 3; i++) {
            fixtures.client(p.adviser, "Downgraded" + i);
        }
        long id = p.practice.id();
        String prev = jdbc.sql("SELECT hash FROM audit_entry WHERE practice_id = :p AND seq = 1").param("p", id)
                .query(String.class).single();
        for (long seq = 2; seq <= 3; seq++) {
            Content c = entry(id, seq);
            Content rewritten = new Content(c.practiceId(), c.seq(), c.occurredAt(), c.actorUserId(), c.actorName(), c.action(),
                    c.clientId(), c.subjectUserId(), c.before(), seq == 2 ? "Primary professional: Mallory" : c.after(), prev);
            prev = AuditHashing.hash(rewritten);
            withoutGuard("UPDATE audit_entry SET after_text = '" + rewritten.after() + "', prev_hash = '" + rewritten.prevHash()
                    + "', hash = '" + prev + "', key_id = NULL WHERE practice_id = :p AND seq = " + seq, id);
        }
        jdbc.sql("UPDATE audit_chain_head SET last_hash = :h WHERE practice_id = :p").param("h", prev).param("p", id).update();

        ChainVerification v = trail.verify(id);
        assertThat(v.ok()).isFalse();
        assertThat(v.problem()).isEqualTo(Problem.UNSIGNED);
        assertThat(v.brokenSeq()).isEqualTo(2);
        assertThat(v.entries()).isEqualTo(1);
    }

    @Test
    void entriesAreSignedWithTheCurrentKeyAndTheKeyIdIsStored() {
        TestPractice p = fixtures.practice();
        fixtures.client(p.adviser, "Signed");
        Content c = entry(p.practice.id(), 1);
        String stored = jdbc.sql("SELECT hash FROM audit_entry WHERE practice_id = :p AND seq = 1")
                .param("p", p.practice.id()).query(String.class).single();
        assertThat(jdbc.sql("SELECT key_id FROM audit_entry WHERE practice_id = :p AND seq = 1")
                .param("p", p.practice.id()).query(String.class).single()).isEqualTo("test-1");
        assertThat(stored).isEqualTo(AuditHashing.signed(c, "test-1", new AuditKeys(TEST_KEY)))
                .isNotEqualTo(AuditHashing.hash(c));
        // the same content signed with another key is a different value: the key, not the algorithm, is the secret
        assertThat(AuditHashing.signed(c, "test-1", new AuditKeys("test-1:" + "B".repeat(44)))).isNotEqualTo(stored);
    }

    @Test
    void someoneWithTheKeyWhoRewritesAnEntryStillBreaksTheNextLink() {
        TestPractice p = fixtures.practice();
        for (int i = 0; i < 3; i++) {
            fixtures.client(p.adviser, "Resigned" + i);
        }
        Content forged = withAfter(entry(p.practice.id(), 2), "Primary professional: Mallory");
        withoutGuard("UPDATE audit_entry SET after_text = 'Primary professional: Mallory', hash = '"
                + AuditHashing.signed(forged, "test-1", new AuditKeys(TEST_KEY)) + "' WHERE practice_id = :p AND seq = 2",
                p.practice.id());

        ChainVerification v = trail.verify(p.practice.id());
        assertThat(v.problem()).isEqualTo(Problem.LINK_BROKEN);
        assertThat(v.brokenSeq()).isEqualTo(3);
    }

    @Test
    void aRotatedKeySignsNewEntriesAndVerifyChecksOldEntriesWithTheRetiredKey() {
        TestPractice p = fixtures.practice();
        long id = p.practice.id();
        fixtures.client(p.adviser, "BeforeRotation");
        // the node after a rotation: test-2 is current, test-1 retired (ATRIUM_AUDIT_KEY / ATRIUM_AUDIT_RETIRED_KEYS)
        AuditTrail rotated = new AuditTrail(repository, access, subjects, java.time.Clock.systemUTC(),
                new AuditKeys(ROTATED_KEY, TEST_KEY));
        tx.executeWithoutResult(s -> rotated.record(AuditRecord.of(id, p.manager.userId(), "SOMETHING_HAPPENED")));
        tx.executeWithoutResult(s -> rotated.record(AuditRecord.of(id, p.manager.userId(), "SOMETHING_ELSE_HAPPENED")));

        assertThat(jdbc.sql("SELECT key_id FROM audit_entry WHERE practice_id = :p ORDER BY seq").param("p", id)
                .query(String.class).list()).containsExactly("test-1", "test-2", "test-2");
        ChainVerification v = rotated.verify(id);
        assertThat(v.ok()).as(v.detail()).isTrue();
        assertThat(v.entries()).isEqualTo(3);

        // a node that was not given the new key (or a configuration that dropped a retired key) says which key is missing
        ChainVerification old = trail.verify(id);
        assertThat(old.ok()).isFalse();
        assertThat(old.problem()).isEqualTo(Problem.UNKNOWN_KEY);
        assertThat(old.brokenSeq()).isEqualTo(2);
        assertThat(old.detail()).contains("test-2").contains("atrium.audit.retired-keys");
    }

    @Test
    void aChainWrittenBeforeTheKeyIsSignedAtStartUpAndItsOldEntriesCannotBeRewrittenAfterwards() {
        TestPractice p = fixtures.practice();
        long id = p.practice.id();
        ClientView c = fixtures.client(p.adviser, "Legacy");
        // turn the practice's chain into one written before finding 12: unsigned v1 entries
        Content first = entry(id, 1);
        String legacy1 = AuditHashing.hash(first);
        withoutGuard("UPDATE audit_entry SET key_id = NULL, hash = '" + legacy1 + "' WHERE practice_id = :p AND seq = 1", id);
        Content second = new Content(id, 2, Instant.now(), p.manager.userId(), "manager Tester", "TEAM_MEMBER_ADDED",
                c.id(), p.support.userId(), null, "support Tester as Adviser", legacy1);
        String legacy2 = AuditHashing.hash(second);
        insert(second, legacy2);
        jdbc.sql("UPDATE audit_chain_head SET last_seq = 2, last_hash = :h WHERE practice_id = :p").param("h", legacy2)
                .param("p", id).update();
        ChainVerification unsigned = trail.verify(id);
        assertThat(unsigned.problem()).isEqualTo(Problem.UNSIGNED);
        assertThat(unsigned.brokenSeq()).isEqualTo(2);

        // start-up signs it (once, however often it runs)
        assertThat(trail.signUnsignedHead(id)).isTrue();
        assertThat(trail.signUnsignedHead(id)).isFalse();
        List<AuditEntryView> entries = trail.practiceTrail(p.manager, PageRequest.of(0, 10)).items();
        assertThat(entries.get(0).action()).isEqualTo("AUDIT_TRAIL_SIGNED");
        assertThat(entries.get(0).after()).isEqualTo("Signed from entry 3 with audit key test-1");
        ChainVerification v = trail.verify(id);
        assertThat(v.ok()).as(v.detail()).isTrue();
        assertThat(v.entries()).isEqualTo(3);

        // now rewriting an old unsigned entry and recomputing the unsigned part of the chain breaks the signed link
        Content forged = withAfter(second, "Primary professional: Mallory");
        withoutGuard("UPDATE audit_entry SET after_text = 'Primary professional: Mallory', hash = '" + AuditHashing.hash(forged)
                + "' WHERE practice_id = :p AND seq = 2", id);
        ChainVerification after = trail.verify(id);
        assertThat(after.problem()).isEqualTo(Problem.LINK_BROKEN);
        assertThat(after.brokenSeq()).isEqualTo(3);
    }

    @Test
    void aDeletedEntryIsAGap() {
        TestPractice p = fixtures.practice();
        for (int i = 0; i < 3; i++) {
            fixtures.client(p.adviser, "Gap" + i);
        }
        withoutGuard("DELETE FROM audit_entry WHERE practice_id = :p AND seq = 2", p.practice.id());
        ChainVerification v = trail.verify(p.practice.id());
        assertThat(v.problem()).isEqualTo(Problem.GAP);
        assertThat(v.brokenSeq()).isEqualTo(2);

        TestPractice q = fixtures.practice();
        for (int i = 0; i < 3; i++) {
            fixtures.client(q.adviser, "Tail" + i);
        }
        withoutGuard("DELETE FROM audit_entry WHERE practice_id = :p AND seq = 3", q.practice.id()); // cut from the end
        ChainVerification tail = trail.verify(q.practice.id());
        assertThat(tail.problem()).isEqualTo(Problem.GAP);
        assertThat(tail.brokenSeq()).isEqualTo(3);
    }

    @Test
    void forgedRowsInsertedWithoutAtriumAreDetected() {
        // no trigger involved: INSERT is allowed, but a row Atrium did not append cannot pass verification
        TestPractice p = fixtures.practice();
        fixtures.client(p.adviser, "Forged");
        Content last = entry(p.practice.id(), 1);
        String lastHash = jdbc.sql("SELECT hash FROM audit_entry WHERE practice_id = :p AND seq = 1")
                .param("p", p.practice.id()).query(String.class).single();
        insert(new Content(p.practice.id(), 2, Instant.now(), p.manager.userId(), "manager Tester", "TEAM_MEMBER_ADDED",
                last.clientId(), p.support.userId(), null, "support Tester as Adviser", lastHash), "f".repeat(64), "test-1");
        ChainVerification badHash = trail.verify(p.practice.id());
        assertThat(badHash.problem()).isEqualTo(Problem.CONTENT_ALTERED);
        assertThat(badHash.brokenSeq()).isEqualTo(2);

        // a forger who even has the key and signs correctly is caught by the chain head
        TestPractice q = fixtures.practice();
        fixtures.client(q.adviser, "Forged");
        Content first = entry(q.practice.id(), 1);
        String firstHash = jdbc.sql("SELECT hash FROM audit_entry WHERE practice_id = :p AND seq = 1")
                .param("p", q.practice.id()).query(String.class).single();
        Content wellFormed = new Content(q.practice.id(), 2, Instant.now(), q.manager.userId(), "manager Tester",
                "TEAM_MEMBER_ADDED", first.clientId(), q.support.userId(), null, "support Tester as Adviser", firstHash);
        insert(wellFormed, AuditHashing.signed(wellFormed, "test-1", new AuditKeys(TEST_KEY)), "test-1");
        ChainVerification v = trail.verify(q.practice.id());
        assertThat(v.problem()).isEqualTo(Problem.HEAD_MISMATCH);
        assertThat(v.brokenSeq()).isEqualTo(2);
    }

    @Test
    void otherModulesAppendThroughTheApiOrByPublishingAuditableEvents() {
        TestPractice p = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Generic");
        record OutsiderInvited(long practiceId, long clientId, long by) implements AuditableEvent {
            @Override
            public AuditRecord auditRecord() {
                return AuditRecord.of(practiceId, by, "OUTSIDER_INVITED").client(clientId).change(null, "Jo Bloggs (read-only)");
            }
        }
        tx.executeWithoutResult(s -> events.publishEvent(new OutsiderInvited(p.practice.id(), c.id(), p.adviser.userId())));
        tx.executeWithoutResult(s -> trail.record(AuditRecord.of(p.practice.id(), null, "GRANT_EXPIRED").client(c.id())
                .change("Jo Bloggs (read-only)", null)));

        List<AuditEntryView> history = trail.clientHistory(p.adviser, c.id(), PageRequest.of(0, 10)).items();
        assertThat(history).extracting(AuditEntryView::actionLabel).containsExactly("Grant expired", "Outsider invited", "Client registered");
        assertThat(history.get(0).actorName()).isEqualTo("Atrium");
        assertThat(history.get(1).actorName()).isEqualTo("adviser Tester");
        assertThat(trail.verify(p.practice.id()).entries()).isEqualTo(3);
    }

    @Test
    void theCommandLineReportListsEveryPractice() {
        TestPractice p = fixtures.practice();
        fixtures.client(p.adviser, "Reported");
        List<ChainVerification> all = trail.verifyAll();
        assertThat(all).anySatisfy(v -> {
            assertThat(v.practiceId()).isEqualTo(p.practice.id());
            assertThat(v.ok()).isTrue();
        });
        String report = AuditVerifyRunner.report(all);
        assertThat(report).contains("practice " + p.practice.id() + ": OK, 1 entries");
    }

    // ------------------------------------------------------------------ helpers

    /** Runs a statement with the append-only trigger switched off (as a table owner or superuser could). */
    private void withoutGuard(String sql, long practiceId) {
        tx.executeWithoutResult(s -> {
            jdbc.sql("ALTER TABLE audit_entry DISABLE TRIGGER " + TRIGGER).update();
            assertThat(jdbc.sql(sql).param("p", practiceId).update()).isEqualTo(1);
            jdbc.sql("ALTER TABLE audit_entry ENABLE TRIGGER " + TRIGGER).update();
        });
    }

    private Content entry(long practiceId, long seq) {
        return jdbc.sql("SELECT * FROM audit_entry WHERE practice_id = :p AND seq = :s").param("p", practiceId).param("s", seq)
                .query((rs, i) -> new Content(practiceId, seq, rs.getObject("occurred_at", java.time.OffsetDateTime.class).toInstant(),
                        (Long) rs.getObject("actor_user_id"), rs.getString("actor_name"), rs.getString("action"),
                        (Long) rs.getObject("client_id"), (Long) rs.getObject("subject_user_id"), rs.getString("before_text"),
                        rs.getString("after_text"), rs.getString("prev_hash")))
                .single();
    }

    private static Content withAfter(Content c, String after) {
        return new Content(c.practiceId(), c.seq(), c.occurredAt(), c.actorUserId(), c.actorName(), c.action(), c.clientId(),
                c.subjectUserId(), c.before(), after, c.prevHash());
    }

    private void insert(Content c, String hash) {
        insert(c, hash, null);
    }

    private void insert(Content c, String hash, String keyId) {
        jdbc.sql("""
                        INSERT INTO audit_entry (practice_id, seq, occurred_at, actor_user_id, actor_name, action, client_id,
                                                 subject_user_id, before_text, after_text, prev_hash, hash, key_id)
                        VALUES (:p, :seq, :at, :actor, :name, :action, :client, :subject, :before, :after, :prev, :hash, :key)""")
                .param("p", c.practiceId()).param("seq", c.seq())
                .param("at", java.time.OffsetDateTime.ofInstant(AuditHashing.storable(c.occurredAt()), java.time.ZoneOffset.UTC))
                .param("actor", c.actorUserId()).param("name", c.actorName()).param("action", c.action())
                .param("client", c.clientId()).param("subject", c.subjectUserId()).param("before", c.before())
                .param("after", c.after()).param("prev", c.prevHash()).param("hash", hash).param("key", keyId)
                .update();
    }
}
