package com.atrium.crm;

import java.time.Instant;
import java.util.List;

/**
 * One sync run: when, its state, how far it got ({@code progress} 0-100) and the counts; {@code problems} lists each
 * skipped or failed record and each value not copied, with the reason in words (only in the detail view).
 */
public record SyncRunView(long id, long integrationId, String trigger, SyncStatus status, Instant startedAt, Instant finishedAt,
                          Integer total, int processed, int progress, int created, int updated, int unchanged, int skipped, int failed,
                          String message, List<Problem> problems) {

    public record Problem(String externalId, String kind, String message) {
    }

    public boolean running() {
        return status == SyncStatus.RUNNING;
    }

    public String statusLabel() {
        return status.label();
    }
}
