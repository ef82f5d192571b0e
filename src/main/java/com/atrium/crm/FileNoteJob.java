package com.atrium.crm;

import com.atrium.shared.OutboxRuns;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the CRM file notes (the mail outbox's rules: {@link OutboxRuns}), one node at a time (ShedLock
 * {@code crm-file-notes}). Each note: claimed and leased in a transaction committed before the CRM is called; then
 * {@code POST /resourceful/docnote-v2} (with the note's guid) and, for an export, {@code POST .../attachment-v3} with the
 * PDF; each step recorded as soon as it is done. <b>Exactly once</b>: a note whose earlier attempt may have reached the
 * CRM (a failure after sending, a node that stopped before recording) is first searched for by its guid, and its PDF
 * looked for by file name, before anything is sent again. A failure is retried with the back-off (1, 2, 4 ... minutes);
 * after {@code atrium.crm.notes.attempts} attempts (default 8), or at once when the CRM refuses the note, it is
 * <i>failed</i> with the reason, and a person may retry it.
 */
@Component
class FileNoteJob {
    private static final Logger log = LoggerFactory.getLogger(FileNoteJob.class);
    private final FileNoteRepository notes;
    private final IntegrationRepository integrations;
    private final java.util.Map<CrmType, CrmConnector> connectors;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final int maxAttempts;
    private final Duration lease;

    FileNoteJob(FileNoteRepository notes, IntegrationRepository integrations, java.util.List<CrmConnector> connectors, TransactionTemplate tx,
                Clock clock, @Value("${atrium.crm.notes.attempts:8}") int maxAttempts,
                @Value("${atrium.crm.notes.lease:PT10M}") Duration lease) {
        this.notes = notes;
        this.integrations = integrations;
        this.connectors = connectors.stream().collect(java.util.stream.Collectors.toMap(CrmConnector::type, c -> c));
        this.tx = tx;
        this.clock = clock;
        this.maxAttempts = Math.max(1, maxAttempts);
        this.lease = lease;
    }

    /** Delivers every due note; how many were sent in this run (null when another node holds the lock). */
    @SchedulerLock(name = "crm-file-notes", lockAtMostFor = "PT10M")
    public Integer deliverDue() {
        return OutboxRuns.drain(this::deliverOne);
    }

    /** null when nothing is due, true when sent, false when the attempt failed (rescheduled or failed for good). */
    Boolean deliverOne() {
        Instant now = clock.instant();
        Optional<FileNoteRepository.Due> claimed = tx.execute(s -> notes.claim(now, now.plus(lease)));
        if (claimed == null || claimed.isEmpty()) {
            return null;
        }
        FileNoteRepository.Due n = claimed.get();
        try {
            IntegrationRow integration = integrations.findAny(n.integrationId())
                    .orElseThrow(() -> new CrmUnavailableException.Refused("The integration no longer exists."));
            if (!integration.connected() || !integration.enabled()) {
                throw new CrmUnavailableException.Refused(integration.name() + " is not connected and enabled: connect it again, then retry.");
            }
            CrmConnector.Session crm = connectors.get(integration.type()).open(integration);
            String docid = n.docid();
            if (docid == null && n.attempts() > 0) {
                // an earlier attempt may have created it before failing: look for our guid first
                docid = crm.findFileNote(n.externalId(), n.guid().toString()).orElse(null);
                if (docid != null) {
                    log.info("CRM note {}: found in the CRM as {} (an earlier attempt had reached it)", n.id(), docid);
                }
            }
            if (docid == null) {
                docid = crm.createFileNote(n.externalId(), n.subject(), n.content(), n.guid().toString());
            }
            String created = docid;
            tx.executeWithoutResult(s -> notes.recordDocid(n.id(), created));
            if (n.attachment() != null && !n.attachmentSent()) {
                if (n.attempts() == 0 || !crm.hasAttachment(docid, n.attachmentName())) {
                    crm.attach(docid, n.attachmentName(), n.attachment());
                }
                tx.executeWithoutResult(s -> notes.recordAttachmentSent(n.id()));
            }
            tx.executeWithoutResult(s -> notes.sent(n.id(), created, clock.instant()));
            return true;
        } catch (RuntimeException e) {
            boolean refused = e instanceof CrmUnavailableException.Refused;
            boolean giveUp = refused || n.roundAttempts() + 1 >= maxAttempts;
            String reason = OutboxRuns.reason(e instanceof CrmUnavailableException ? e.getMessage()
                    : "Atrium could not send it (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
            Instant next = giveUp ? null : clock.instant().plus(OutboxRuns.backoff(n.roundAttempts() + 1));
            tx.executeWithoutResult(s -> notes.failed(n.id(), reason, next));
            log.warn("CRM note {} not delivered (attempt {}{}): {}", n.id(), n.attempts() + 1, giveUp ? ", failed" : ", will retry", reason);
            return false;
        }
    }

    /** The schedule, unless {@code atrium.jobs.enabled=false} (tests call {@link #deliverDue()}). */
    @Component
    @ConditionalOnProperty(name = "atrium.jobs.enabled", havingValue = "true", matchIfMissing = true)
    static class Schedule {
        private final FileNoteJob job;

        Schedule(FileNoteJob job) {
            this.job = job;
        }

        @Scheduled(fixedDelayString = "${atrium.crm.notes.delay:PT5S}", initialDelayString = "PT7S")
        void run() {
            job.deliverDue();
        }
    }
}
