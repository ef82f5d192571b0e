package com.atrium.outsider;

import com.atrium.access.AccessFacts;
import com.atrium.audit.SecurityEvent;
import com.atrium.audit.SecurityEventKind;
import com.atrium.audit.SecurityEvents;
import com.atrium.mail.Outbox;
import com.atrium.mail.SmsSender;
import com.atrium.practice.Account;
import com.atrium.practice.PracticeService;
import com.atrium.shared.Actor;
import com.atrium.shared.ConflictException;
import com.atrium.shared.Emails;
import com.atrium.shared.InvalidInputException;
import com.atrium.shared.NotFoundException;
import com.atrium.shared.PhoneNumbers;
import com.atrium.shared.PublicUrl;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An outsider changes their own email and mobile in the portal (once their account exists, the file manager no longer
 * can): a new email is confirmed by a link sent to it (24 hours, once, while logged in as that account), a new mobile by
 * a 6-digit code sent to it by text message (10 minutes, 5 wrong tries, and the hourly limit of login codes). Only then
 * does the account change; the grants follow ({@link AccessFacts#outsiderContactChanged}, audited on each file), the old
 * address is told, and each step is a security event. The answer to a new email never says whether another account uses
 * it: that address gets an email saying so instead of a link.
 */
@Service
class ContactChanges {
    static final Duration LINK_VALID = Duration.ofHours(24);
    static final Duration CODE_VALID = Duration.ofMinutes(10);
    static final int MAX_CODE_FAILURES = 5;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final PracticeService practice;
    private final AccessFacts facts;
    private final Invitations invitations;
    private final Outbox outbox;
    private final SmsSender sms;
    private final LoginCodes codes;
    private final SecurityEvents events;
    private final Clock clock;
    private final PublicUrl publicUrl;

    ContactChanges(JdbcClient jdbc, PracticeService practice, AccessFacts facts, Invitations invitations, Outbox outbox, SmsSender sms,
                   LoginCodes codes, SecurityEvents events, Clock clock, PublicUrl publicUrl) {
        this.jdbc = jdbc;
        this.practice = practice;
        this.facts = facts;
        this.invitations = invitations;
        this.outbox = outbox;
        this.sms = sms;
        this.codes = codes;
        this.events = events;
        this.clock = clock;
        this.publicUrl = publicUrl;
    }

    /** A change waiting for its confirmation. */
    record Pending(long id, String kind, String newValue, OffsetDateTime expiresAt) {
    }

    /** The outsider's account as the page shows it, with a mobile change waiting for its code, if any. */
    record Mine(String email, String mobile, Pending pendingEmail, Pending pendingMobile) {
        public String mobileDisplay() {
            return PhoneNumbers.display(mobile);
        }

        public String pendingMobileDisplay() {
            return pendingMobile == null ? null : PhoneNumbers.display(pendingMobile.newValue());
        }
    }

    @Transactional(readOnly = true)
    Mine mine(Actor actor) {
        Account me = account(actor);
        return new Mine(me.email(), me.phone(), pending(actor.userId(), "EMAIL").orElse(null), pending(actor.userId(), "MOBILE").orElse(null));
    }

    /** Sends a confirmation link to the new address (or, if an account already uses it, an email saying so, and the same answer). */
    @Transactional
    void requestEmail(Actor actor, String raw) {
        Account me = account(actor);
        String email = Emails.normalise("email", raw);
        if (email.equals(me.email())) {
            throw new InvalidInputException("email", "This is already your email address.");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        forget(actor.userId(), "EMAIL");
        if (practice.accountByEmail(email).isPresent()) {
            outbox.email(actor.practiceId(), "EMAIL_CHANGE_REFUSED", email, "Your email address on Atrium",
                    "Hello,\n\nSomeone logged in to Atrium asked to use this address for their account. An Atrium account already uses it,"
                            + " so nothing was changed. If it was you, log in with this address instead.\n");
        } else {
            String token = Invitations.newToken();
            insert(actor.userId(), "EMAIL", email, Invitations.hash(token), now.plus(LINK_VALID), now);
            outbox.email(actor.practiceId(), "EMAIL_CHANGE", email, "Confirm your new email address for Atrium",
                    "Hello " + firstName(me) + ",\n\nTo use this address for your Atrium account, open this link and confirm (log in first"
                            + " if you are asked to; the link works once, for 24 hours):\n" + publicUrl.link("/portal/account/email/confirm?token="
                            + token) + "\n\nIf you did not ask for this, ignore this email: nothing changes.\n");
        }
        outbox.email(actor.practiceId(), "EMAIL_CHANGE_NOTICE", me.email(), "Your Atrium email address may change",
                "Hello " + firstName(me) + ",\n\nA change of the email address of your Atrium account was asked for. It changes only once"
                        + " the link we sent to the new address is opened. If you did not ask for this, change your password and tell your"
                        + " file manager.\n");
        events.record(SecurityEvent.of(SecurityEventKind.EMAIL_CHANGE_REQUESTED, actor.practiceId()).by(actor.userId()).about(actor.userId())
                .detail("a confirmation link to " + email));
    }

    /** The change a link stands for, if it still works and is the logged-in outsider's. */
    @Transactional(readOnly = true)
    Optional<Pending> emailLink(Actor actor, String token) {
        return byToken(actor, token, false);
    }

    /** Confirms the new email: the account, its grants and the login follow. */
    @Transactional
    String confirmEmail(Actor actor, String token) {
        Pending p = byToken(actor, token, true).orElseThrow(() -> new NotFoundException("Link"));
        Account me = account(actor);
        OffsetDateTime now = OffsetDateTime.now(clock);
        used(p.id(), now);
        if (!practice.changeOutsiderContact(actor.userId(), p.newValue(), me.phone())) {
            throw new ConflictException("An Atrium account already uses " + p.newValue() + ", so your email was not changed.");
        }
        facts.outsiderContactChanged(actor.practiceId(), actor.userId(), me.email(), p.newValue(), me.phone(), me.phone());
        // an invitation waiting at the new address is now answered by this account
        invitations.cancel(actor.practiceId(), p.newValue());
        events.record(SecurityEvent.of(SecurityEventKind.EMAIL_CHANGED, actor.practiceId()).by(actor.userId()).about(actor.userId())
                .detail(me.email() + " -> " + p.newValue()));
        outbox.email(actor.practiceId(), "EMAIL_CHANGED", me.email(), "Your Atrium email address was changed",
                "Hello " + firstName(me) + ",\n\nYour Atrium account now uses " + p.newValue() + "; log in with it from now on. If you did"
                        + " not do this, tell your file manager at once.\n");
        return p.newValue();
    }

    /** Sends a code to the new mobile (counted with the login codes' hourly limit). */
    @Transactional
    String requestMobile(Actor actor, String raw) {
        Account me = account(actor);
        String mobile = PhoneNumbers.normaliseMobile("mobile", raw);
        if (mobile == null) {
            throw new InvalidInputException("mobile", "Enter your new mobile number with its country code, e.g. +61 412 345 678.");
        }
        if (mobile.equals(me.phone())) {
            throw new InvalidInputException("mobile", "This is already your mobile number.");
        }
        LoginCodes.SendDecision d = codes.beforeSend(actor, Invitations.maskedMobile(mobile) + " (new mobile)", false);
        if (!d.sent()) {
            throw new InvalidInputException("mobile", d.lockedUntil() != null
                    ? "Too many wrong codes: code entry is paused for a while. Try again later."
                    : "We have sent you several codes in the last hour: ask for a new one a little later.");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        forget(actor.userId(), "MOBILE");
        String code = String.format("%06d", RANDOM.nextInt(1_000_000));
        insert(actor.userId(), "MOBILE", mobile, codeHash(actor, mobile, code), now.plus(CODE_VALID), now);
        sms.send(actor.practiceId(), mobile, "Your Atrium code to confirm this mobile number: " + code + " (valid 10 minutes).");
        return mobile;
    }

    /** Confirms the new mobile with the code sent to it; wrong codes count (and are kept when the answer is an error). */
    @Transactional(noRollbackFor = InvalidInputException.class)
    String confirmMobile(Actor actor, String code) {
        Account me = account(actor);
        OffsetDateTime now = OffsetDateTime.now(clock);
        Row r = jdbc.sql("SELECT id, new_value, secret_hash, expires_at, failures FROM outsider_contact_change "
                        + "WHERE user_id = :u AND kind = 'MOBILE' AND used_at IS NULL ORDER BY id DESC FETCH FIRST 1 ROWS ONLY FOR UPDATE")
                .param("u", actor.userId())
                .query((rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class), rs.getInt(5)))
                .optional().orElseThrow(() -> new InvalidInputException("code", "No new mobile is waiting for a code: enter the number first."));
        if (!r.expiresAt().isAfter(now)) {
            used(r.id(), now);
            throw new InvalidInputException("code", "This code has expired: ask for a new one.");
        }
        String entered = code == null ? "" : code.replaceAll("\\s", "");
        if (!r.hash().equals(codeHash(actor, r.newValue(), entered))) {
            int failures = r.failures() + 1;
            jdbc.sql("UPDATE outsider_contact_change SET failures = :f, used_at = CASE WHEN :f >= :max THEN :at ELSE NULL END WHERE id = :id")
                    .param("f", failures).param("max", MAX_CODE_FAILURES).param("at", now).param("id", r.id()).update();
            throw new InvalidInputException("code", failures >= MAX_CODE_FAILURES
                    ? "Too many wrong codes: this code no longer works. Enter the number again to get a new one."
                    : "That code is not right. Check the last text message from Atrium (" + (MAX_CODE_FAILURES - failures)
                    + (MAX_CODE_FAILURES - failures == 1 ? " try" : " tries") + " left).");
        }
        used(r.id(), now);
        practice.changeOutsiderContact(actor.userId(), me.email(), r.newValue());
        facts.outsiderContactChanged(actor.practiceId(), actor.userId(), me.email(), me.email(), me.phone(), r.newValue());
        events.record(SecurityEvent.of(SecurityEventKind.MOBILE_CHANGED, actor.practiceId()).by(actor.userId()).about(actor.userId())
                .detail(Invitations.maskedMobile(me.phone()) + " -> " + Invitations.maskedMobile(r.newValue())));
        outbox.email(actor.practiceId(), "MOBILE_CHANGED", me.email(), "Your Atrium login codes go to a new mobile",
                "Hello " + firstName(me) + ",\n\nFrom now on your Atrium login codes go to your mobile " + Invitations.maskedMobile(r.newValue())
                        + ". If you did not do this, tell your file manager at once.\n");
        return r.newValue();
    }

    private record Row(long id, String newValue, String hash, OffsetDateTime expiresAt, int failures) {
    }

    private Optional<Pending> byToken(Actor actor, String token, boolean lock) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        return jdbc.sql("SELECT id, kind, new_value, expires_at, user_id, used_at FROM outsider_contact_change WHERE secret_hash = :h AND kind = 'EMAIL'"
                        + (lock ? " FOR UPDATE" : ""))
                .param("h", Invitations.hash(token))
                .query((rs, i) -> rs.getLong("user_id") == actor.userId() && rs.getObject("used_at") == null
                        && rs.getObject("expires_at", OffsetDateTime.class).isAfter(now)
                        ? new Pending(rs.getLong("id"), rs.getString("kind"), rs.getString("new_value"), rs.getObject("expires_at", OffsetDateTime.class))
                        : null)
                .list().stream().filter(java.util.Objects::nonNull).findFirst();
    }

    private Optional<Pending> pending(long userId, String kind) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return jdbc.sql("SELECT id, kind, new_value, expires_at FROM outsider_contact_change WHERE user_id = :u AND kind = :k AND used_at IS NULL"
                        + " AND expires_at > :now ORDER BY id DESC FETCH FIRST 1 ROWS ONLY")
                .param("u", userId).param("k", kind).param("now", now)
                .query((rs, i) -> new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class)))
                .optional();
    }

    private void insert(long userId, String kind, String value, String hash, OffsetDateTime expires, OffsetDateTime now) {
        jdbc.sql("INSERT INTO outsider_contact_change (user_id, kind, new_value, secret_hash, expires_at, created_at) VALUES (:u, :k, :v, :h, :x, :at)")
                .param("u", userId).param("k", kind).param("v", value).param("h", hash).param("x", expires).param("at", now).update();
    }

    /** A new request replaces the earlier one of its kind (its link or code stops working). */
    private void forget(long userId, String kind) {
        jdbc.sql("DELETE FROM outsider_contact_change WHERE user_id = :u AND kind = :k").param("u", userId).param("k", kind).update();
    }

    private void used(long id, OffsetDateTime now) {
        jdbc.sql("UPDATE outsider_contact_change SET used_at = :at WHERE id = :id").param("at", now).param("id", id).update();
    }

    private static String codeHash(Actor actor, String mobile, String code) {
        return Invitations.hash("mobile:" + actor.userId() + ":" + mobile + ":" + code);
    }

    private Account account(Actor actor) {
        return practice.accountByEmail(actor.email()).filter(a -> a.id() == actor.userId())
                .orElseThrow(() -> new NotFoundException("Account"));
    }

    private static String firstName(Account a) {
        int space = a.name().indexOf(' ');
        return space < 0 ? a.name() : a.name().substring(0, space);
    }
}
