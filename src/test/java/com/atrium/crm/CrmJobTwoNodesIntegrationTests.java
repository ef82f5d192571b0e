package com.atrium.crm;

import static org.assertj.core.api.Assertions.assertThat;

import com.atrium.AtriumApplication;
import com.atrium.fakexplan.FakeXplan;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Two application nodes on one database: the hourly job runs once in all (ShedLock), not once per node. */
@IntegrationTest
class CrmJobTwoNodesIntegrationTests {
    @Autowired Fixtures fixtures;
    @Autowired SyncJob job;
    @Autowired IntegrationRepository integrations;
    @Autowired CrmSecrets secrets;
    @Autowired JdbcClient jdbc;

    @Test
    void theHourlyJobRunsOnceAcrossTwoNodes() throws Exception {
        TestPractice p = fixtures.practice();
        try (FakeXplan fake = FakeXplan.start(5)) {
            Instant now = Instant.now();
            long id = integrations.insert(p.practice.id(), CrmType.XPLAN, "Two nodes", p.manager.userId(), now);
            integrations.updateDetails(id, "Two nodes", fake.host(), FakeXplan.DEMO_APP_ID, secrets.encrypt(FakeXplan.DEMO_SECRET), true,
                    IntegrationStatus.CONNECTED, now);
            integrations.saveTokens(id, null, null, null, secrets.encrypt(fake.demoRefreshToken()));
            integrations.connected(id, FakeXplan.USER_NAME, p.manager.userId(), now);
            try (ConfigurableApplicationContext node2 = new SpringApplicationBuilder(AtriumApplication.class).profiles("test")
                    .properties("server.port=0").run()) {
                SyncJob other = node2.getBean(SyncJob.class);
                CountDownLatch go = new CountDownLatch(1);
                List<CompletableFuture<Integer>> ticks = new ArrayList<>();
                for (SyncJob node : List.of(job, other)) {
                    ticks.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            go.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return node.syncAll();
                    }));
                }
                go.countDown();
                List<Integer> results = ticks.stream().map(CompletableFuture::join).toList();
                assertThat(results).as("one node ran the job, the other found the lock taken").containsOnlyOnce((Integer) null);
                long runs = jdbc.sql("SELECT COUNT(*) FROM crm_sync_run WHERE integration_id = :i").param("i", id).query(Long.class).single();
                assertThat(runs).isEqualTo(1);
                assertThat(jdbc.sql("SELECT COUNT(*) FROM crm_client_link WHERE integration_id = :i").param("i", id).query(Long.class)
                        .single()).isEqualTo(5);
            }
        }
    }
}
