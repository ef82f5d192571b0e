package com.atrium.crm;

import com.atrium.access.AccessService;
import com.atrium.access.Permission;
import com.atrium.engagement.ClientInteractionRecorded;
import com.atrium.household.HouseholdService;
import com.atrium.shared.Actor;
import com.atrium.shared.ConflictException;
import com.atrium.shared.NotFoundException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * CRM file notes (spec D4): queues one note per connected, enabled integration that holds the client, in the transaction
 * of the interaction ({@link ClientInteractionRecorded}); lists a client's notes with their status; puts a failed one
 * back in the queue. A client no integration holds gets nothing queued (its page says "not linked to the CRM").
 * {@link FileNoteJob} delivers.
 */
@Service
class FileNoteService {
    private static final Logger log = LoggerFactory.getLogger(FileNoteService.class);
    private final FileNoteRepository notes;
    private final AccessService access;
    private final HouseholdService households;
    private final Clock clock;

    FileNoteService(FileNoteRepository notes, AccessService access, HouseholdService households, Clock clock) {
        this.notes = notes;
        this.access = access;
        this.households = households;
        this.clock = clock;
    }

    /** Synchronous, in the publisher's transaction: the note is queued if and only if the interaction is saved. */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(ClientInteractionRecorded e) {
        int queued = 0;
        for (FileNoteRepository.Holding h : notes.holding(e.practiceId(), e.clientId())) {
            if (notes.queue(e.practiceId(), h.integrationId(), e.clientId(), h.externalId(), e.kind().name(), e.sourceId(), e.subject(),
                    e.content() == null ? "" : e.content(), e.attachmentName(), e.attachment(), e.actorUserId(), clock.instant())) {
                queued++;
            }
        }
        log.debug("Client {}: {} queued {} CRM file note(s)", e.clientId(), e.kind(), queued);
    }

    /** The client's CRM notes and links (staff who may write notes: MANAGE_NOTES). */
    @Transactional(readOnly = true)
    CrmNotesView list(Actor actor, long clientId) {
        access.require(actor, Permission.MANAGE_NOTES, clientId);
        households.get(actor, clientId);
        return new CrmNotesView(clientId, notes.links(actor.practiceId(), clientId), notes.list(clientId), true);
    }

    /** Retry for a failed note: queued again, due now (409 unless it failed; 404 for a note of another client). */
    @Transactional
    CrmNotesView.Note retry(Actor actor, long clientId, long noteId) {
        access.require(actor, Permission.MANAGE_NOTES, clientId);
        CrmNotesView.Note note = notes.find(clientId, noteId).orElseThrow(() -> new NotFoundException("CRM note"));
        if (!notes.retry(clientId, noteId, clock.instant())) {
            throw new ConflictException("Only a failed note can be retried; this one is " + note.statusLabel() + ".");
        }
        return notes.find(clientId, noteId).orElseThrow();
    }
}
