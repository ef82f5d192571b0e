package com.atrium.access;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Folds the client tally's rows (a practice manager's unsearched total, db/vendor/postgresql/V190) every ten minutes,
 * on one node at a time (ShedLock): the triggers append a row per statement that creates, archives or restores
 * clients, and a total sums its key's rows, so folding keeps that sum a handful of rows whatever the history.
 */
@Component
public class AccessTallyJob {
    private final VisibilityIndex index;

    AccessTallyJob(VisibilityIndex index) {
        this.index = index;
    }

    /** @return how many tally rows were folded */
    @SchedulerLock(name = "access-tally", lockAtMostFor = "PT10M")
    @Transactional
    public Integer run() {
        return index.compactTally();
    }

    /** Runs the job on a schedule unless {@code atrium.jobs.enabled=false} (tests run it themselves). */
    @Component
    @ConditionalOnProperty(name = "atrium.jobs.enabled", havingValue = "true", matchIfMissing = true)
    static class Schedule {
        private final AccessTallyJob job;

        Schedule(AccessTallyJob job) {
            this.job = job;
        }

        @Scheduled(fixedDelayString = "${atrium.access.tally-fold-delay:PT10M}", initialDelayString = "PT1M")
        void run() {
            job.run();
        }
    }
}
