package com.atrium.engagement;

/**
 * A client interaction that compliance should see in the CRM (spec D4, the seed's table): a Your Life survey or
 * investment preferences completed, a values session saved, a plan or the investment preferences exported, a client
 * note sent. Published in the transaction that records it; the crm module queues one file note per CRM integration
 * holding the client in that same transaction (the outbox), so the note exists if and only if the interaction does.
 *
 * @param sourceId       the id of what was recorded (survey, session, preferences, note; for an export, the audit entry)
 * @param attachmentName the PDF's file name, or null when the note has no attachment
 * @param attachment     the PDF, or null
 */
public record ClientInteractionRecorded(long practiceId, long clientId, Kind kind, long sourceId, String subject, String content,
                                        String attachmentName, byte[] attachment, Long actorUserId) {

    public enum Kind {
        YOUR_LIFE_COMPLETED("Your Life survey completed"),
        VALUES_SESSION_SAVED("Values session saved"),
        PLAN_EXPORTED("Plan exported"),
        PREFERENCES_COMPLETED("Investment preferences completed"),
        PREFERENCES_EXPORTED("Investment preferences exported"),
        CLIENT_NOTE_SENT("Client note sent");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
