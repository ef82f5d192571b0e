package com.atrium.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.atrium.household.ClientListFilter;
import com.atrium.household.ClientPatch;
import com.atrium.household.ClientStatus;
import com.atrium.household.ClientView;
import com.atrium.household.HouseholdService;
import com.atrium.shared.PageRequest;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The client tally (db/vendor/postgresql/V190): a practice manager's unsearched list total is read from it, and it
 * equals a real count after every change that moves a count (create, archive, restore, another kind of client, a
 * hand-made UPDATE), after a rollback, under concurrent writers (who do not wait for each other), and across folding.
 */
@IntegrationTest
class ClientTallyIntegrationTests {
    @Autowired HouseholdService households;
    @Autowired AccessFacts facts;
    @Autowired VisibilityIndex index;
    @Autowired AccessTallyJob job;
    @Autowired Fixtures fixtures;
    @Autowired TransactionTemplate tx;
    @Autowired JdbcClient jdbc;

    TestPractice p;

    @BeforeEach
    void setUp() {
        p = fixtures.practice();
    }

    @Test
    void aManagersTotalsFollowEveryChangeThatMovesACount() {
        List<ClientView> made = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            made.add(fixtures.client(p.adviser, "Tally" + i));
        }
        assertTotals(3, 0);
        assertThat(tallyRows()).as("the manager's total has rows to come from").isPositive();

        households.updateProfile(p.manager, made.get(0).id(), ClientPatch.status(ClientStatus.ARCHIVED));
        assertTotals(2, 1);
        households.updateProfile(p.manager, made.get(1).id(), ClientPatch.status(ClientStatus.ARCHIVED));
        households.updateProfile(p.manager, made.get(0).id(), ClientPatch.status(ClientStatus.ACTIVE));
        assertTotals(2, 1);
        households.updateProfile(p.manager, made.get(2).id(), new ClientPatch("Renamed household", null, null));
        assertTotals(2, 1);

        // another kind of client of the practice (a partner's business account) is not a household
        long account = 9_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L);
        tx.executeWithoutResult(s -> facts.clientRegistered(new AccessFacts.Client(account, p.practice.id(),
                AccessFacts.ClientKind.BUSINESS, "acme", "acme", false), p.adviser.userId(), p.manager.userId()));
        assertTotals(2, 1);
        assertThat(jdbc.sql("SELECT COALESCE(SUM(delta), 0) FROM access_client_tally WHERE practice_id = :p AND client_kind = 'BUSINESS'")
                .param("p", p.practice.id()).query(Long.class).single()).isEqualTo(1);

        // a hand-made UPDATE of the fact table is followed (the triggers, not the application, keep the tally)
        jdbc.sql("UPDATE access_client SET archived = TRUE WHERE client_id = :c").param("c", made.get(2).id()).update();
        assertThat(index.tallyDrift()).isZero();
        assertThat(managerTotal(ClientListFilter.ARCHIVED)).isEqualTo(2);
        jdbc.sql("UPDATE access_client SET archived = FALSE WHERE client_id = :c").param("c", made.get(2).id()).update();
        assertTotals(2, 1);

        // the manager's search counts its matches (found once, counted and paged from that result)
        assertThat(households.list(p.manager, "tally", null, ClientListFilter.ALL, PageRequest.of(0, 50)).total()).isEqualTo(3);
        assertThat(households.list(p.manager, "renamed", PageRequest.of(0, 50)).items()).extracting(c -> c.id())
                .containsExactly(made.get(2).id());
    }

    /** The total really is the tally: a delta written by hand (and rolled back) shows in the manager's total. */
    @Test
    void theManagersUnsearchedTotalIsReadFromTheTally() {
        fixtures.client(p.adviser, "Read");
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            jdbc.sql("INSERT INTO access_client_tally (practice_id, client_kind, archived, delta) VALUES (:p, 'HOUSEHOLD', FALSE, 40)")
                    .param("p", p.practice.id()).update();
            assertThat(managerTotal(ClientListFilter.CURRENT)).isEqualTo(41);
            assertThat(households.list(p.manager, "read", PageRequest.of(0, 50)).total()).as("a search counts rows").isEqualTo(1);
            assertThat(households.list(p.adviser, null, PageRequest.of(0, 50)).total()).as("a non-manager counts index rows")
                    .isEqualTo(1);
            throw new IllegalStateException("roll back");
        })).hasMessage("roll back");
        assertTotals(1, 0);
    }

    @Test
    void aRolledBackCreationLeavesTheTallyExact() {
        fixtures.client(p.adviser, "Kept");
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            fixtures.client(p.adviser, "Dropped");
            assertThat(managerTotal(ClientListFilter.CURRENT)).as("inside the transaction").isEqualTo(2);
            throw new IllegalStateException("roll back");
        })).hasMessage("roll back");
        assertTotals(1, 0);
    }

    /**
     * The tally takes no lock of its own: two transactions adding clients to one practice's access facts do not wait
     * for each other (the first stays open until the second has committed; with a single counter row the second would
     * wait for the first, which waits for the second until it gives up after 30 s). The application's own writes of
     * a practice already queue on its audit chain head; a second lock taken in another order could deadlock with it.
     * Then eight writers create, archive and restore households at once while the tally is folded: the totals end exact.
     */
    @Test
    void concurrentWritersNeitherWaitForEachOtherNorMiscount() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(9);
        long base = 8_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L);
        try {
            CountDownLatch firstWrote = new CountDownLatch(1);
            CountDownLatch secondCommitted = new CountDownLatch(1);
            Future<Boolean> first = pool.submit(() -> tx.execute(s -> {
                business(base);
                firstWrote.countDown();
                try {
                    return secondCommitted.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
            Future<?> second = pool.submit(() -> {
                firstWrote.await();
                tx.executeWithoutResult(s -> business(base + 1));
                secondCommitted.countDown();
                return null;
            });
            second.get();
            assertThat(first.get()).as("the second write committed while the first was still open").isTrue();
            assertThat(index.tallyDrift()).isZero();
            assertThat(jdbc.sql("SELECT SUM(delta) FROM access_client_tally WHERE practice_id = :p AND client_kind = 'BUSINESS'")
                    .param("p", p.practice.id()).query(Long.class).single()).isEqualTo(2);

            AtomicBoolean writing = new AtomicBoolean(true);
            Future<?> folder = pool.submit(() -> {
                while (writing.get()) {
                    job.run();
                    Thread.sleep(5);
                }
                return null;
            });
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 6; i++) {
                        ClientView c = fixtures.client(writer % 2 == 0 ? p.adviser : p.otherAdviser, "Busy" + writer + "x" + i);
                        if (i % 3 == 2) { // archived and restored
                            households.updateProfile(p.manager, c.id(), ClientPatch.status(ClientStatus.ARCHIVED));
                            households.updateProfile(p.manager, c.id(), ClientPatch.status(ClientStatus.PROSPECT));
                        } else if (i % 2 == 1) { // archived: i = 1 and 3
                            households.updateProfile(p.manager, c.id(), ClientPatch.status(ClientStatus.ARCHIVED));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : writers) {
                f.get();
            }
            writing.set(false);
            folder.get();
        } finally {
            pool.shutdownNow();
        }
        // 48 households created; archived: i = 1 and 3 of each writer
        assertTotals(32, 16);
    }

    @Test
    void foldingLeavesOneRowPerKeyAndEveryTotal() {
        List<ClientView> made = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            made.add(fixtures.client(p.adviser, "Fold" + i));
        }
        households.updateProfile(p.manager, made.get(0).id(), ClientPatch.status(ClientStatus.ARCHIVED));
        assertThat(tallyRows()).isGreaterThan(2);
        assertThat(job.run()).isPositive();
        assertThat(tallyRows()).as("one row per key: current and archived households").isEqualTo(2);
        assertTotals(3, 1);
        households.updateProfile(p.manager, made.get(0).id(), ClientPatch.status(ClientStatus.ACTIVE));
        job.run();
        assertThat(tallyRows()).as("a key whose sum is zero keeps no row").isEqualTo(1);
        assertTotals(4, 0);
    }

    private void business(long id) {
        jdbc.sql("INSERT INTO access_client (client_id, practice_id, client_kind, sort_name, search_text, archived)"
                + " VALUES (:c, :p, 'BUSINESS', 'acme', 'acme', FALSE)").param("c", id).param("p", p.practice.id()).update();
    }

    private void assertTotals(long current, long archived) {
        assertThat(index.tallyDrift()).as("tally = count of access_client").isZero();
        long[] real = jdbc.sql("SELECT COUNT(*) FILTER (WHERE status <> 'ARCHIVED'), COUNT(*) FILTER (WHERE status = 'ARCHIVED')"
                        + " FROM household WHERE practice_id = :p").param("p", p.practice.id())
                .query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
        assertThat(real).as("the households themselves").containsExactly(current, archived);
        assertThat(managerTotal(ClientListFilter.CURRENT)).as("current").isEqualTo(current);
        assertThat(managerTotal(ClientListFilter.ARCHIVED)).as("archived").isEqualTo(archived);
        assertThat(managerTotal(ClientListFilter.ALL)).as("all").isEqualTo(current + archived);
    }

    private long managerTotal(ClientListFilter filter) {
        return households.list(p.manager, null, null, filter, PageRequest.of(0, 50)).total();
    }

    private long tallyRows() {
        return jdbc.sql("SELECT COUNT(*) FROM access_client_tally WHERE practice_id = :p").param("p", p.practice.id())
                .query(Long.class).single();
    }
}
