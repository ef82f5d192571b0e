package com.atrium.outsider;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Sends invitation reminders (7 and 30 days) once an hour, on one node at a time (ShedLock). */
@Component
public class InvitationReminderJob {
    private final Invitations invitations;

    InvitationReminderJob(Invitations invitations) {
        this.invitations = invitations;
    }

    /**
     * Works through every due invitation, a batch per transaction, until a batch comes back short (a backlog
     * larger than one batch is not left for the next hour; a bounded number of batches keeps one run finite).
     *
     * @return how many reminders were queued in this run
     */
    @SchedulerLock(name = "invitation-reminders", lockAtMostFor = "PT10M")
    public Integer run() {
        int sent = 0;
        for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
            Invitations.ReminderBatch done = invitations.sendDueReminders();
            sent += done.sent();
            if (!done.full()) {
                break;
            }
        }
        return sent;
    }

    private static final int MAX_BATCHES_PER_RUN = 500;

    /** Runs the job on a schedule unless {@code atrium.jobs.enabled=false} (tests run it themselves and move the clock). */
    @Component
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = "atrium.jobs.enabled", havingValue = "true",
            matchIfMissing = true)
    static class Schedule {
        private final InvitationReminderJob job;

        Schedule(InvitationReminderJob job) {
            this.job = job;
        }

        @Scheduled(fixedDelayString = "${atrium.invitations.reminder-delay:PT1H}", initialDelayString = "PT30S")
        void run() {
            job.run();
        }
    }
}
