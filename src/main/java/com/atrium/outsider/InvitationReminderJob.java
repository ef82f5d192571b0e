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

    /** @return how many reminders were queued in this run */
    @SchedulerLock(name = "invitation-reminders", lockAtMostFor = "PT10M")
    public Integer run() {
        return invitations.sendDueReminders();
    }

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
