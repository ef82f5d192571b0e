package com.atrium.crm;

import java.time.Instant;
import java.util.List;

/**
 * A client's CRM file notes: each integration of the practice and whether it holds the client ({@code externalId} null:
 * "not linked to the CRM", a state, not an error), and every note queued for it with its status (queued, sent with the
 * CRM's note id, failed with the reason), newest first.
 */
public record CrmNotesView(long clientId, List<Link> integrations, List<Note> notes, boolean canRetry) {

    /** An integration of the practice and the client's id there ({@code linked} false: "not linked to the CRM"). */
    public record Link(long integrationId, String name, boolean connected, String externalId, boolean linked, String state) {

        static Link of(long integrationId, String name, boolean connected, String externalId) {
            String state = !connected ? "not connected (notes are written only to connected, enabled integrations)"
                    : externalId == null ? "not linked to the CRM: this client has no id in " + name + ", so no file note is written there"
                    : "linked (CRM id " + externalId + ")";
            return new Link(integrationId, name, connected, externalId, externalId != null, state);
        }
    }

    /**
     * @param crmNoteId the CRM's id of the note once it was created there
     * @param reason    why the last attempt failed (while retrying, or when failed)
     */
    public record Note(long id, long integrationId, String integration, String kind, String subject, String content, String attachmentName,
                       String status, String crmNoteId, String reason, int attempts, Instant createdAt, Instant sentAt, Instant nextAttemptAt) {
        public boolean failed() {
            return "FAILED".equals(status);
        }

        public String statusLabel() {
            return switch (status) {
                case "SENT" -> "sent";
                case "FAILED" -> "failed";
                default -> attempts > 0 ? "queued (retrying)" : "queued";
            };
        }
    }

    public boolean anyIntegration() {
        return !integrations.isEmpty();
    }
}
