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
    @Scheduled(fixedDelayString = "${atrium.invitations.reminder-delay:PT1H}", initialDelayString = "PT30S")
    @SchedulerLock(name = "invitation-reminders", lockAtMostFor = "PT10M")
    public Integer run() {
        return invitations.sendDueReminders();
    }
}
