package com.atrium.audit;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Deletes reads older than {@code atrium.read-audit.retention-days}, daily (idempotent: several nodes may run it). */
@Component
@ConditionalOnProperty(name = "atrium.jobs.enabled", havingValue = "true", matchIfMissing = true)
class ReadAuditPurgeJob {
    private final ReadAudit reads;

    ReadAuditPurgeJob(ReadAudit reads) {
        this.reads = reads;
    }

    @Scheduled(cron = "${atrium.read-audit.purge-cron:0 17 3 * * *}")
    void run() {
        reads.purge();
    }
}
