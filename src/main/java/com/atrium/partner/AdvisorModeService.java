package com.atrium.partner;

import com.atrium.audit.AuditRecord;
import com.atrium.partner.AccountRepository.AccountRow;
import com.atrium.shared.Actor;
import com.atrium.shared.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Advisor mode: an adviser acts inside a business account's workspace as one of its members. At most one open
 * session per adviser (the database says so); starting one ends any other. The start, the end and every action
 * taken in the workspace meanwhile are in the audit trail as "<adviser> acting in <account>".
 */
@Service
public class AdvisorModeService {
    private final JdbcClient jdbc;
    private final AccountRepository accounts;
    private final AccountAccess access;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AdvisorModeService(JdbcClient jdbc, AccountRepository accounts, AccountAccess access, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.access = access;
        this.events = events;
        this.clock = clock;
    }

    /** An open advisor-mode session. */
    public record AdvisorSession(long id, long accountId, String accountName, Instant startedAt, String workspaceUrl) {
    }

    @Transactional
    public AdvisorSession start(Actor actor, long accountId) {
        access.requireAdvisorMode(actor, accountId);
        AccountRow a = accounts.find(actor.practiceId(), accountId).orElseThrow(() -> new NotFoundException("Account"));
        Optional<AdvisorSession> open = current(actor);
        if (open.isPresent() && open.get().accountId() == accountId) {
            return open.get();
        }
        open.ifPresent(s -> close(actor, s));
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("""
                        INSERT INTO partner_advisor_session (practice_id, adviser_id, account_id, started_at, open_marker)
                        VALUES (:p, :u, :a, :at, TRUE)""")
                .param("p", actor.practiceId()).param("u", actor.userId()).param("a", a.id()).param("at", now).update();
        access.advisorModeEntered(a.id(), actor.userId());
        record(actor, a.id(), "ADVISOR_MODE_STARTED", actor.name() + " acting in " + a.name() + ": advisor mode started");
        return current(actor).orElseThrow();
    }

    /** Ends the actor's advisor-mode session in this account (nothing to do if none is open). */
    @Transactional
    public void end(Actor actor, long accountId) {
        access.requireVisible(actor, accountId);
        current(actor).filter(s -> s.accountId() == accountId).ifPresent(s -> close(actor, s));
    }

    /** Ends whatever advisor-mode session the actor has open (Exit advisor mode). */
    @Transactional
    public void endAny(Actor actor) {
        current(actor).ifPresent(s -> close(actor, s));
    }

    private void close(Actor actor, AdvisorSession s) {
        jdbc.sql("UPDATE partner_advisor_session SET ended_at = :at, open_marker = NULL WHERE id = :id")
                .param("at", OffsetDateTime.now(clock)).param("id", s.id()).update();
        access.advisorModeLeft(s.accountId(), actor.userId());
        record(actor, s.accountId(), "ADVISOR_MODE_ENDED", actor.name() + " acting in " + s.accountName() + ": advisor mode ended");
    }

    /** The actor's open advisor-mode session, if any (staff only). */
    @Transactional(readOnly = true)
    public Optional<AdvisorSession> current(Actor actor) {
        if (!actor.isStaff()) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        SELECT s.id, s.account_id, a.name, s.started_at FROM partner_advisor_session s
                        JOIN partner_account a ON a.id = s.account_id AND a.practice_id = s.practice_id
                        WHERE s.adviser_id = :u AND s.practice_id = :p AND s.open_marker = TRUE""")
                .param("u", actor.userId()).param("p", actor.practiceId())
                .query((rs, i) -> new AdvisorSession(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant(), "/workspace/" + rs.getLong(2)))
                .optional();
    }

    /** Records an action the adviser took in the account's workspace, as "<adviser> acting in <account>: <what>". */
    void acted(Actor actor, long accountId, String accountName, String what) {
        record(actor, accountId, "ADVISOR_MODE_ACTION", actor.name() + " acting in " + accountName + ": " + what);
    }

    private void record(Actor actor, long accountId, String action, String text) {
        events.publishEvent(new PartnerAudited(AuditRecord.of(actor.practiceId(), actor.userId(), action).client(accountId)
                .change(null, text).at(clock.instant())));
    }
}
