package com.atrium.outsider;

import com.atrium.access.AccessFacts;
import com.atrium.access.AccessService;
import com.atrium.mail.Outbox;
import com.atrium.outsider.InvitationRepository.Invitation;
import com.atrium.practice.PracticeService;
import com.atrium.shared.PublicUrl;
import com.atrium.shared.InvalidInputException;
import com.atrium.shared.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Invitations of outsiders without an account, the notice to those who have one, accepting an invitation
 * (which creates the account and links every grant made to that email), and the reminders at 7 and 30 days.
 * Every email goes through the outbox, in the transaction of the change that causes it.
 */
@Service
class Invitations {
    static final Duration LINK_VALID = Duration.ofDays(14);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final InvitationRepository invitations;
    private final Outbox outbox;
    private final PracticeService practice;
    private final AccessService access;
    private final AccessFacts facts;
    private final Clock clock;
    private final PublicUrl publicUrl;

    Invitations(InvitationRepository invitations, Outbox outbox, PracticeService practice, AccessService access, AccessFacts facts,
                Clock clock, PublicUrl publicUrl) {
        this.invitations = invitations;
        this.outbox = outbox;
        this.practice = practice;
        this.access = access;
        this.facts = facts;
        this.clock = clock;
        this.publicUrl = publicUrl;
    }

    /** What the email says the person was given, e.g. "read-write access to the file Martin, Anne & Paul". */
    record Grant(String inviterName, String practiceName, String clientName, String levelWords) {
    }

    /** Invites someone without an account (or sends a fresh link when they were already invited). */
    @Transactional(propagation = Propagation.MANDATORY)
    void invite(long practiceId, String email, String firstName, String lastName, String mobile, long invitedBy, Grant grant) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String token = newToken();
        Optional<Invitation> existing = invitations.byEmail(practiceId, email, true);
        if (existing.isPresent()) {
            invitations.reissue(existing.get().id(), firstName, lastName, mobile, hash(token), now.plus(LINK_VALID),
                    existing.get().cancelledAt() != null, now);
        } else {
            invitations.insert(practiceId, email, firstName, lastName, mobile, hash(token), now.plus(LINK_VALID), invitedBy, now);
        }
        outbox.email(practiceId, "INVITATION", email, grant.inviterName() + " invites you to Atrium",
                "Hello " + firstName + ",\n\n" + grant.inviterName() + " of " + grant.practiceName() + " has given you " + grant.levelWords()
                        + " to the file \"" + grant.clientName() + "\" on Atrium, their client portal.\n\n"
                        + "Create your account (for " + email + " only; the link works once, for 14 days):\n"
                        + link(token) + "\n\n"
                        + "When you log in you will also need a code we send to your mobile " + maskedMobile(mobile) + ".\n");
    }

    /** Tells someone who already has an account about a new grant. */
    @Transactional(propagation = Propagation.MANDATORY)
    void notice(long practiceId, String email, String firstName, Grant grant) {
        outbox.email(practiceId, "ACCESS_NOTICE", email, "You now have access to \"" + grant.clientName() + "\"",
                "Hello " + firstName + ",\n\n" + grant.inviterName() + " of " + grant.practiceName() + " has given you " + grant.levelWords()
                        + " to the file \"" + grant.clientName() + "\" on Atrium.\n\nLog in to see it: " + publicUrl.link("/login") + "\n");
    }

    /** Nothing waits at this address any more (its grant's email was corrected): the invitation's link stops working. */
    @Transactional(propagation = Propagation.MANDATORY)
    void cancel(long practiceId, String email) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        invitations.byEmail(practiceId, email, true).filter(i -> i.acceptedAt() == null && i.cancelledAt() == null).ifPresent(i -> {
            invitations.cancelled(i.id(), now);
            // the link itself is replaced too, so it cannot work even if the invitation were ever restarted
            invitations.rotate(i.id(), hash(newToken()), now);
        });
    }

    /** The invitation behind a link, if the link still works. */
    @Transactional(readOnly = true)
    public Optional<Invitation> find(String token) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        return invitations.byTokenHash(hash(token), false).filter(i -> usable(i, now));
    }

    /** Accepts the invitation: creates the account with this password and links every grant made to the email. */
    @Transactional
    public long accept(String token, String password, String confirm) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Invitation i = invitations.byTokenHash(hash(token == null ? "" : token), true).filter(x -> usable(x, now))
                .orElseThrow(() -> new NotFoundException("Invitation"));
        if (password == null || !password.equals(confirm)) {
            throw new InvalidInputException("confirm", "The two passwords are not the same.");
        }
        long userId = practice.createOutsider(i.practiceId(), i.email(), i.firstName(), i.lastName(), i.mobile(), password);
        invitations.accepted(i.id(), userId, now);
        facts.outsiderAccountCreated(i.practiceId(), i.email(), userId);
        return userId;
    }

    /**
     * Sends the reminders that are due: 7 days after the invitation, then 30 days after it, each once, while
     * the person still has no account and still has a grant waiting (otherwise the invitation is cancelled).
     * Each reminder carries a fresh link (links are stored hashed, so an old one cannot be re-sent).
     *
     * One batch ({@link InvitationRepository#REMINDER_BATCH} invitations at most) per transaction: the job calls it
     * until a batch comes back short, so a backlog never waits for the next hourly run.
     *
     * @return how many due invitations this batch looked at, and how many reminders it queued
     */
    @Transactional
    public ReminderBatch sendDueReminders() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        int sent = 0;
        java.util.List<Invitation> due = invitations.dueForReminder(now);
        for (Invitation i : due) {
            if (!access.hasUnlinkedGrant(i.practiceId(), i.email()) || practice.accountByEmail(i.email()).isPresent()) {
                invitations.cancelled(i.id(), now);
                continue;
            }
            int which = i.reminder2At() == null && !i.createdAt().isAfter(now.minusDays(30)) ? 2 : 1;
            String token = newToken();
            invitations.rotate(i.id(), hash(token), now.plus(LINK_VALID));
            invitations.reminderSent(i.id(), which, now);
            outbox.email(i.practiceId(), which == 1 ? "REMINDER_7" : "REMINDER_30", i.email(), "Reminder: your Atrium invitation",
                    "Hello " + i.firstName() + ",\n\nYou were invited to Atrium " + (which == 1 ? "a week" : "a month")
                            + " ago and have not created your account yet.\n\nCreate it here (this link replaces earlier ones; it works once,"
                            + " for 14 days):\n" + link(token) + "\n");
            sent++;
        }
        return new ReminderBatch(due.size(), sent);
    }

    /** What one batch of {@link #sendDueReminders()} did. */
    record ReminderBatch(int seen, int sent) {
        boolean full() {
            return seen >= InvitationRepository.REMINDER_BATCH;
        }
    }

    private static boolean usable(Invitation i, OffsetDateTime now) {
        return i.acceptedAt() == null && i.cancelledAt() == null && i.tokenExpiresAt().isAfter(now);
    }

    private String link(String token) {
        return publicUrl.link("/invitations/" + token);
    }

    static String maskedMobile(String mobile) {
        return mobile == null || mobile.length() < 4 ? "" : "ending in " + mobile.substring(mobile.length() - 3);
    }

    static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
