package com.atrium.practice;

import com.atrium.audit.SecurityEvent;
import com.atrium.audit.SecurityEventKind;
import com.atrium.audit.SecurityEvents;
import com.atrium.mail.Outbox;
import com.atrium.practice.PasswordRepository.PendingRequest;
import com.atrium.practice.PasswordRepository.Token;
import com.atrium.practice.UserRepository.UserRow;
import com.atrium.shared.Actor;
import com.atrium.shared.Emails;
import com.atrium.shared.InvalidInputException;
import com.atrium.shared.NotFoundException;
import com.atrium.shared.PublicUrl;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Passwords after the account exists: changing one's own (knowing the current one) and resetting a forgotten one by a
 * link sent by email.
 * <p>
 * <b>No account enumeration.</b> {@link #requestReset} answers before anyone looks the address up: it records the
 * request (the same row, the same statements, for any address) and returns. {@link #processPendingResets} then looks the
 * address up and, for an active account, issues the token and queues the email; it runs on a background thread right
 * after the request (and from the scheduled job, for anything a crash left behind), never on the request's thread.
 * <p>
 * <b>Tokens</b> are 256 random bits, stored only as their SHA-256, bound to one account, single use, valid
 * {@code atrium.password-reset.valid-minutes} (30); a newer link or any new password ends the older ones.
 * <p>
 * <b>Limits</b>: at most {@code links-per-address-per-hour} (3) links to one address (further requests are recorded and
 * answered the same, but no mail goes out), at most {@code requests-per-client-per-hour} (20) requests from one network
 * address (then the page answers 429, whatever the addresses asked for).
 * <p>
 * A new password ends the account's sessions (all of them after a reset; all but the current one after a change) and is
 * recorded as a security event in the audit trail ({@code PASSWORD_CHANGED}, {@code PASSWORD_RESET_REQUESTED},
 * {@code PASSWORD_RESET}). An outsider's second
 * factor is untouched: after a reset they still log in with the code sent to their mobile.
 */
@Service
public class PasswordService {
    private static final Logger log = LoggerFactory.getLogger(PasswordService.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The answer to a reset request: the same for every address. */
    public enum ResetRequestAnswer { ACCEPTED, TOO_MANY_FROM_CLIENT }

    /** A recorded request ({@code requestId} null when it was refused by the per-network-address limit). */
    public record ResetRequestReceipt(ResetRequestAnswer answer, Long requestId) {
    }

    private final UserRepository users;
    private final PasswordRepository passwords;
    private final PasswordEncoder encoder;
    private final Outbox outbox;
    private final SecurityEvents security;
    private final ObjectProvider<FindByIndexNameSessionRepository<?>> sessions;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration linkValid;
    private final int linksPerAddressPerHour;
    private final int requestsPerClientPerHour;
    private final int maxFailures;
    private final Duration lockFor;
    private final PublicUrl publicUrl;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "password-reset");
        t.setDaemon(true);
        return t;
    });

    PasswordService(UserRepository users, PasswordRepository passwords, PasswordEncoder encoder, Outbox outbox,
                    SecurityEvents security, ObjectProvider<FindByIndexNameSessionRepository<?>> sessions,
                    TransactionTemplate tx, Clock clock,
                    @Value("${atrium.password-reset.valid-minutes:30}") int validMinutes,
                    @Value("${atrium.password-reset.links-per-address-per-hour:3}") int linksPerAddressPerHour,
                    @Value("${atrium.password-reset.requests-per-client-per-hour:20}") int requestsPerClientPerHour,
                    @Value("${atrium.security.max-failed-logins:5}") int maxFailures,
                    @Value("${atrium.security.lock-minutes:15}") int lockMinutes,
                    PublicUrl publicUrl) {
        this.users = users;
        this.passwords = passwords;
        this.encoder = encoder;
        this.outbox = outbox;
        this.security = security;
        this.sessions = sessions;
        this.tx = tx;
        this.clock = clock;
        this.linkValid = Duration.ofMinutes(validMinutes);
        this.linksPerAddressPerHour = linksPerAddressPerHour;
        this.requestsPerClientPerHour = requestsPerClientPerHour;
        this.maxFailures = maxFailures;
        this.lockFor = Duration.ofMinutes(lockMinutes);
        this.publicUrl = publicUrl;
    }

    // ------------------------------------------------------------------ change

    /**
     * Changes the actor's password. Every problem comes back at once, each on its field ({@code currentPassword},
     * {@code newPassword}, {@code confirmPassword}). A wrong current password counts as a failed login (the same lock
     * applies), so a left-open session cannot be used to guess it. The account's other sessions end.
     *
     * @param keepSessionId the session the change was made in (kept), or null (e.g. an API call with a token)
     */
    @Transactional(noRollbackFor = InvalidInputException.class)
    public void change(Actor actor, PasswordChangeForm form, String keepSessionId) {
        UserRow user = users.byId(actor.userId()).filter(UserRow::active).orElseThrow(() -> new NotFoundException("Account"));
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (user.lockedUntil() != null && user.lockedUntil().isAfter(now)) {
            throw new InvalidInputException("currentPassword",
                    "Too many wrong passwords: this account is locked for a few minutes. Try again later.");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        String current = form.currentPassword();
        String next = form.newPassword();
        boolean currentRight = false;
        if (current == null || current.isEmpty()) {
            errors.put("currentPassword", "Enter your current password.");
        } else if (user.passwordHash() == null || !encoder.matches(current, user.passwordHash())) {
            errors.put("currentPassword", "This is not your current password.");
            users.recordFailedLogin(user.email(), maxFailures, now, now.plus(lockFor)).ifPresent(f -> {
                security.record(SecurityEvent.of(SecurityEventKind.LOGIN_FAILED, f.practiceId()).by(user.id()).about(user.id())
                        .detail("Wrong current password when changing the password, failure " + f.failures() + " of " + maxFailures));
                if (f.lockedNow()) {
                    security.record(SecurityEvent.of(SecurityEventKind.ACCOUNT_LOCKED, f.practiceId()).about(user.id())
                            .detail("After " + maxFailures + " wrong passwords (when changing the password)"));
                }
            });
        } else {
            currentRight = true;
        }
        if (next == null || next.isEmpty()) {
            errors.put("newPassword", "Enter a new password.");
        } else {
            PasswordPolicy.problem(next).ifPresent(p -> errors.put("newPassword", p));
            if (!errors.containsKey("newPassword") && currentRight && next.equals(current)) {
                errors.put("newPassword", "This is your current password: choose a new one.");
            }
        }
        if (form.confirmPassword() != null && next != null && !next.equals(form.confirmPassword())) {
            errors.put("confirmPassword", "The two new passwords are not the same.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors.size() == 1 ? errors.values().iterator().next()
                    : "Please correct the highlighted fields.", errors);
        }
        passwords.setPassword(user.id(), encoder.encode(next));
        passwords.endTokens(user.id(), now);
        int ended = endSessions(user.email(), keepSessionId);
        security.record(SecurityEvent.of(SecurityEventKind.PASSWORD_CHANGED, user.practiceId()).by(user.id()).about(user.id())
                .detail("Password changed; " + sessions(ended, "other ") + " ended").at(now.toInstant()));
    }

    // ------------------------------------------------------------------ reset: request

    /**
     * Records a request to reset the password of whoever uses {@code email}, and answers at once: the same answer, after
     * the same work, whether or not an account uses it (the lookup happens later, see {@link #processPendingResets}).
     * Only the per-network-address limit can refuse it, and it does not depend on the address asked for.
     */
    @Transactional
    public ResetRequestReceipt requestReset(String email, String clientAddress) {
        String normalised = Emails.normalise("email", email);
        String client = clientAddress == null || clientAddress.isBlank() ? "unknown"
                : clientAddress.length() > 64 ? clientAddress.substring(0, 64) : clientAddress;
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (passwords.requestsFromClientSince(client, now.minusHours(1)) >= requestsPerClientPerHour) {
            return new ResetRequestReceipt(ResetRequestAnswer.TOO_MANY_FROM_CLIENT, null);
        }
        return new ResetRequestReceipt(ResetRequestAnswer.ACCEPTED, passwords.insertRequest(normalised, client, now));
    }

    /** Processes this request on the background thread, right away (call after the request committed). */
    public void processSoon(long requestId) {
        try {
            background.execute(() -> {
                try {
                    processOne(requestId);
                } catch (RuntimeException e) {
                    log.warn("Password reset requests will be processed by the next scheduled run: {}", e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            // shutting down: the scheduled job picks the request up on the next start
        }
    }

    @PreDestroy
    void stop() {
        background.shutdown();
    }

    /**
     * Looks up the address of every pending request and, for an active account within the hourly limit, ends its
     * earlier links, issues a token and queues the email; each request in its own transaction, claimed with a row lock
     * (two nodes never mail the same request twice). Also forgets requests older than a day.
     *
     * @return how many requests this call processed
     */
    public int processPendingResets() {
        int done = 0;
        for (long id : passwords.pendingRequestIds()) {
            if (processOne(id)) {
                done++;
            }
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        tx.executeWithoutResult(s -> passwords.deleteRequestsBefore(now.minusDays(1)));
        return done;
    }

    private boolean processOne(long id) {
        return Boolean.TRUE.equals(tx.execute(s -> passwords.claimPending(id).map(r -> {
            process(r);
            return true;
        }).orElse(false)));
    }

    private void process(PendingRequest r) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Optional<UserRow> account = users.byEmail(r.email()).filter(u -> u.passwordHash() != null);
        if (account.isEmpty()) {
            passwords.processed(r.id(), "NO_ACCOUNT", now);
            return;
        }
        UserRow u = account.get();
        if (!u.active()) {
            passwords.processed(r.id(), "DISABLED", now);
            resetRequested(u, "No link sent: the account is disabled", r, now);
            return;
        }
        if (passwords.linksSentToSince(r.email(), now.minusHours(1)) >= linksPerAddressPerHour) {
            passwords.processed(r.id(), "RATE_LIMITED", now);
            resetRequested(u, "No link sent: " + linksPerAddressPerHour + " links were already sent in the last hour", r, now);
            return;
        }
        String token = newToken();
        passwords.endTokens(u.id(), now);
        passwords.insertToken(u.practiceId(), u.id(), hash(token), now, now.plus(linkValid));
        long minutes = linkValid.toMinutes();
        outbox.email(u.practiceId(), "PASSWORD_RESET", u.email(), "Reset your Atrium password",
                "Hello " + u.firstName() + ",\n\nSomeone, hopefully you, asked to reset the password of your Atrium account ("
                        + u.email() + ").\n\nChoose a new password here (the link works once, for " + minutes + " minutes):\n"
                        + publicUrl.link("/password-reset/" + token) + "\n\n"
                        + (u.type().isStaff() ? "" : "You will still need the code we send to your mobile when you log in.\n\n")
                        + "If you did not ask for this, ignore this email: your password stays as it is.\n");
        passwords.processed(r.id(), "SENT", now);
        resetRequested(u, "Reset link sent by email", r, now);
    }

    private void resetRequested(UserRow u, String what, PendingRequest r, OffsetDateTime now) {
        security.record(SecurityEvent.of(SecurityEventKind.PASSWORD_RESET_REQUESTED, u.practiceId()).about(u.id())
                .detail(what + "; requested from " + r.clientAddress()).at(now.toInstant()));
    }

    // ------------------------------------------------------------------ reset: complete

    /** Whether a reset link still works (open, not expired, for an active account). */
    @Transactional(readOnly = true)
    public boolean resetLinkWorks(String token) {
        return openToken(token, false).isPresent();
    }

    /**
     * Sets a new password through a reset link: the link is used up (single use, also under concurrent submits), the
     * account's other links end, its failed-password lock is lifted and every session of the account ends. An outsider
     * keeps their second factor. A password that breaks the policy leaves the link working.
     *
     * @throws NotFoundException     when the link does not work (used, expired, replaced, unknown)
     * @throws InvalidInputException on {@code newPassword} / {@code confirmPassword}
     */
    @Transactional
    public void completeReset(String token, String newPassword, String confirmPassword, String clientAddress) {
        Token t = openToken(token, true).orElseThrow(() -> new NotFoundException("Reset link"));
        Map<String, String> errors = new LinkedHashMap<>();
        if (newPassword == null || newPassword.isEmpty()) {
            errors.put("newPassword", "Enter a new password.");
        } else {
            PasswordPolicy.problem(newPassword).ifPresent(p -> errors.put("newPassword", p));
        }
        if (newPassword != null && !newPassword.equals(confirmPassword)) {
            errors.put("confirmPassword", "The two new passwords are not the same.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors.size() == 1 ? errors.values().iterator().next()
                    : "Please correct the highlighted fields.", errors);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (!passwords.useToken(t.id(), now)) {
            throw new NotFoundException("Reset link");
        }
        UserRow user = users.byId(t.userId()).orElseThrow(() -> new NotFoundException("Reset link"));
        passwords.setPassword(user.id(), encoder.encode(newPassword));
        passwords.endTokens(user.id(), now);
        passwords.clearPasswordLock(user.id());
        int ended = endSessions(user.email(), null);
        security.record(SecurityEvent.of(SecurityEventKind.PASSWORD_RESET, user.practiceId()).by(user.id()).about(user.id())
                .detail("New password set through a reset link from " + (clientAddress == null ? "unknown" : clientAddress) + "; "
                        + sessions(ended, "") + " ended").at(now.toInstant()));
    }

    private Optional<Token> openToken(String token, boolean lock) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        return passwords.tokenByHash(hash(token), lock)
                .filter(t -> t.usedAt() == null && t.expiresAt().isAfter(now))
                .filter(t -> users.byId(t.userId()).map(UserRow::active).orElse(false));
    }

    // ------------------------------------------------------------------ helpers

    /** Ends the account's sessions (stored by Spring Session, indexed by the login name), except {@code keep}. */
    private int endSessions(String email, String keep) {
        FindByIndexNameSessionRepository<?> repository = sessions.getIfAvailable();
        if (repository == null) {
            return 0;
        }
        int ended = 0;
        for (String id : repository.findByPrincipalName(email).keySet()) {
            if (!id.equals(keep)) {
                repository.deleteById(id);
                ended++;
            }
        }
        return ended;
    }

    private static String sessions(int n, String other) {
        return n + " " + other + (n == 1 ? "session" : "sessions");
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
