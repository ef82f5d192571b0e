package com.atrium.crm;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The hourly sync of every connected, enabled integration, on one node at a time (ShedLock). A run already in progress
 * for an integration (a Sync now) is left alone. {@code atrium.jobs.enabled=false} leaves the schedule off (tests call
 * {@link #syncAll()}).
 */
@Component
class SyncJob {
    private static final Logger log = LoggerFactory.getLogger(SyncJob.class);
    private final IntegrationRepository integrations;
    private final SyncEngine engine;

    SyncJob(IntegrationRepository integrations, SyncEngine engine) {
        this.integrations = integrations;
        this.engine = engine;
    }

    /** The schedule, unless {@code atrium.jobs.enabled=false}. */
    @Component
    @ConditionalOnProperty(name = "atrium.jobs.enabled", havingValue = "true", matchIfMissing = true)
    static class Schedule {
        private final SyncJob job;

        Schedule(SyncJob job) {
            this.job = job;
        }

        @Scheduled(cron = "${atrium.crm.schedule:0 0 * * * *}")
        void run() {
            job.syncAll();
        }
    }

    /**
     * Syncs each connected, enabled integration in turn; returns how many runs it carried out. Holds the {@code crm-sync}
     * lock (ShedLock, in the database) while it runs and for at least five minutes, so every node's hourly tick runs it
     * once in all; a node that finds the lock taken does nothing (and returns null).
     */
    @SchedulerLock(name = "crm-sync", lockAtMostFor = "PT55M", lockAtLeastFor = "PT5M")
    public Integer syncAll() {
        int runs = 0;
        for (IntegrationRow i : integrations.connectedAndEnabled()) {
            if (engine.runNow(i, "SCHEDULE", null).isPresent()) {
                runs++;
            } else {
                log.info("Integration {}: a sync is already running; the hourly run skips it", i.id());
            }
        }
        return runs;
    }
}
