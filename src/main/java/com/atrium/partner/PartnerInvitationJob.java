package com.atrium.partner;

import com.atrium.mail.Outbox;
import com.atrium.partner.AccountRepository.AccountRow;
import com.atrium.partner.AccountRepository.InvitationRow;
import com.atrium.practice.PracticeService;
import com.atrium.practice.StaffView;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends business users their invitations: for each pending one, a fresh random temporary password (valid 7 days,
 * once; only its hash is stored), and an email through the outbox with the password and the login link. Runs in
 * transactions of 200 invitations outside any request, so a bulk upload of 10,000 users answers at once and the bcrypt
 * cost is paid here: per batch the users, their accounts, memberships and own passwords are read set-based, the 200
 * temporary passwords hashed in parallel by the configured encoder (same cost as any password) and written in one
 * batch, the emails queued in one batch. On one node at a time (ShedLock), and claimed rows are skipped by other nodes anyway.
 */
@Component
public class PartnerInvitationJob {
    private static final int BATCH = 200;

    private final AccountRepository accounts;
    private final PracticeService practice;
    private final Outbox outbox;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final com.atrium.shared.PublicUrl publicUrl;

    PartnerInvitationJob(AccountRepository accounts, PracticeService practice, Outbox outbox, TransactionTemplate tx, Clock clock,
                         com.atrium.shared.PublicUrl publicUrl) {
        this.accounts = accounts;
        this.practice = practice;
        this.outbox = outbox;
        this.tx = tx;
        this.clock = clock;
        this.publicUrl = publicUrl;
    }

    /** Sends every pending invitation; returns how many were sent (null when another node holds the lock). */
    @SchedulerLock(name = "partner-invitations", lockAtMostFor = "PT30M")
    public Integer run() {
        int sent = 0;
        while (true) {
            Integer n = tx.execute(s -> sendBatch());
            if (n == null || n == 0) {
                return sent;
            }
            sent += n;
        }
    }

    private int sendBatch() {
        List<InvitationRow> pending = accounts.claimPending(BATCH);
        if (pending.isEmpty()) {
            return 0;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime until = now.plus(PartnerService.INVITATION_VALIDITY);
        Map<Long, List<InvitationRow>> byPractice = pending.stream().collect(Collectors.groupingBy(InvitationRow::practiceId));
        List<Outbox.Email> emails = new java.util.ArrayList<>();
        for (var e : byPractice.entrySet()) {
            long practiceId = e.getKey();
            List<Long> userIds = e.getValue().stream().map(InvitationRow::userId).distinct().toList();
            Map<Long, StaffView> users = practice.usersInPractice(practiceId, userIds);
            Map<Long, StaffView> inviters = practice.usersInPractice(practiceId, e.getValue().stream().map(InvitationRow::invitedBy).toList());
            // a user who already chose their own password keeps it (nothing to send)
            java.util.Set<Long> ownPassword = practice.withOwnPassword(userIds);
            Map<Long, AccountRow> accountsById = new java.util.HashMap<>();
            Map<Long, java.util.Set<Long>> membersByAccount = new java.util.HashMap<>();
            e.getValue().stream().collect(Collectors.groupingBy(InvitationRow::accountId)).forEach((accountId, invitations) -> {
                accounts.find(practiceId, accountId).ifPresent(a -> accountsById.put(accountId, a));
                membersByAccount.put(accountId, accounts.memberIds(accountId, invitations.stream().map(InvitationRow::userId).toList()));
            });
            List<InvitationRow> toSend = e.getValue().stream().filter(inv -> {
                StaffView u = users.get(inv.userId());
                return u != null && u.active() && accountsById.containsKey(inv.accountId())
                        && membersByAccount.get(inv.accountId()).contains(u.id()) && !ownPassword.contains(u.id());
            }).toList();
            // one password per user, hashed in parallel and written in one batch (the bcrypt cost is most of the job's time)
            Map<Long, String> passwords = practice.issueTemporaryPasswords(toSend.stream().map(InvitationRow::userId).distinct().toList(), until);
            for (InvitationRow inv : toSend) {
                StaffView u = users.get(inv.userId());
                AccountRow a = accountsById.get(inv.accountId());
                String password = passwords.get(u.id());
                if (password == null) {
                    continue;
                }
                String by = PartnerService.nameOf(inviters.get(inv.invitedBy()), inv.invitedBy());
                emails.add(new Outbox.Email(practiceId, "PARTNER_INVITATION", u.email(), "You are invited to " + a.name() + " on Atrium",
                        "Hello " + u.firstName() + ",\n\n" + by + " invited you to the " + a.name() + " workspace on Atrium.\n\n"
                                + "Log in at " + publicUrl.link("/login") + " with\n  email: " + u.email() + "\n  temporary password: " + password
                                + "\n\nThe temporary password works once, until " + PartnerService.DAY.format(until) + " (7 days)."
                                + " When you log in you will choose your own password.\n\nAtrium"));
            }
        }
        outbox.emails(emails);
        accounts.markSent(pending.stream().map(InvitationRow::id).toList(), now);
        return pending.size();
    }

    /** Runs the job every few seconds unless {@code atrium.jobs.enabled=false} (tests run it themselves). */
    @Component
    @ConditionalOnProperty(name = "atrium.jobs.enabled", havingValue = "true", matchIfMissing = true)
    static class Schedule {
        private final PartnerInvitationJob job;

        Schedule(PartnerInvitationJob job) {
            this.job = job;
        }

        @Scheduled(fixedDelayString = "${atrium.partner.invitation-delay:PT5S}", initialDelayString = "PT5S")
        void run() {
            job.run();
        }
    }
}
