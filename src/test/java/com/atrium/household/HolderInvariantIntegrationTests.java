package com.atrium.household;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * "A household always has exactly one holder" on PostgreSQL: the database refuses a second holder and a
 * household left without one, and concurrent hand-overs through the service end with exactly one.
 */
@IntegrationTest
class HolderInvariantIntegrationTests {
    @Autowired FamilyService family;
    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate tx;

    TestPractice p;
    ClientView client;

    @BeforeEach
    void setUp() {
        p = fixtures.practice();
        client = fixtures.client(p.adviser, "Holdfast");
    }

    long holders() {
        return jdbc.sql("SELECT COUNT(*) FROM person WHERE household_id = :h AND relationship = 'HOLDER'").param("h", client.id())
                .query(Long.class).single();
    }

    @Test
    void theDatabaseRefusesASecondHolderEvenBehindTheServicesBack() {
        long spouse = client.people().get(1).id();
        assertThatThrownBy(() -> jdbc.sql("UPDATE person SET relationship = 'HOLDER', holder_marker = TRUE WHERE id = :id")
                .param("id", spouse).update()).isInstanceOf(DataIntegrityViolationException.class);
        // the marker cannot be left out to dodge the unique constraint
        assertThatThrownBy(() -> jdbc.sql("UPDATE person SET relationship = 'HOLDER' WHERE id = :id").param("id", spouse).update())
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThat(holders()).isEqualTo(1);
    }

    @Test
    void theDatabaseRefusesToCommitAHouseholdWithoutItsHolder() {
        long holder = client.people().get(0).id();
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> jdbc.sql("DELETE FROM person WHERE id = :id").param("id", holder).update()))
                .isInstanceOf(DataAccessException.class)
                .hasStackTraceContaining("without a holder");
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> jdbc.sql(
                        "UPDATE person SET relationship = 'CO_HOLDER', holder_marker = NULL WHERE id = :id").param("id", holder).update()))
                .isInstanceOf(DataAccessException.class);
        assertThat(holders()).isEqualTo(1);
        // a hand-over inside one transaction passes through "no holder" and commits
        long spouse = client.people().get(1).id();
        tx.executeWithoutResult(s -> {
            jdbc.sql("UPDATE person SET relationship = 'CO_HOLDER', holder_marker = NULL WHERE id = :id").param("id", holder).update();
            jdbc.sql("UPDATE person SET relationship = 'HOLDER', holder_marker = TRUE WHERE id = :id").param("id", spouse).update();
        });
        assertThat(holders()).isEqualTo(1);
    }

    @Test
    void concurrentHandOversAndHolderAdditionsEndWithExactlyOneHolder() throws Exception {
        List<Long> candidates = new ArrayList<>();
        candidates.add(client.people().get(1).id());
        for (int i = 0; i < 6; i++) {
            candidates.add(family.addPerson(p.adviser, client.id(), FamilyPersonForm.of("Co" + i, "Holdfast", LocalDate.of(1980, 1, 1), "CO_HOLDER")).id());
        }
        int writers = candidates.size() + 4;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        try {
            for (int i = 0; i < writers; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    start.await();
                    if (n < candidates.size()) {
                        family.updatePerson(p.adviser, client.id(), candidates.get(n),
                                new FamilyPersonForm(null, null, null, null, null, null, "HOLDER", null, null, null));
                    } else {
                        family.addPerson(p.adviser, client.id(), FamilyPersonForm.of("New" + n, "Holdfast", null, "HOLDER"));
                    }
                    return "ok";
                }));
            }
            start.countDown();
            for (Future<String> f : results) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo("ok"); // serialised by the household row lock: all succeed in turn
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(holders()).isEqualTo(1);
        FamilyView f = family.family(p.adviser, client.id());
        assertThat(f.people()).hasSize(2 + 6 + 4);
        // every hand-over demoted the holder of the moment: all but the last winner are co-holders now (the spouse was a candidate too)
        assertThat(f.people()).filteredOn(x -> x.relationship() == Relationship.CO_HOLDER).hasSize(2 + 6 + 4 - 1);
    }
}
