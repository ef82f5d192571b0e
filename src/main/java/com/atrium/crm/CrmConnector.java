package com.atrium.crm;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** What the sync needs from a CRM, whichever it is. One implementation per {@link CrmType}. */
interface CrmConnector {

    CrmType type();

    /** A session on one integration's site (tokens refreshed as needed). */
    Session open(IntegrationRow integration);

    interface Session {
        /** The CRM user the tokens act as ("Connected as ..."). */
        String whoAmI();

        /** The CRM's advisers (users), by CRM id. */
        Map<String, Adviser> advisers();

        /** One page of clients after {@code bookmark} (null: the first page), each read completely (lists included). */
        ClientPage clients(String bookmark, int pageSize);

        /** The id of the file note with this guid on this CRM client, if the CRM has it (a delivery that may have arrived). */
        java.util.Optional<String> findFileNote(String clientId, String guid);

        /** Creates a file note on the client; its id. Sent once: a failure may or may not have reached the CRM. */
        String createFileNote(String clientId, String subject, String content, String guid);

        /** Whether the file note already carries an attachment with this file name. */
        boolean hasAttachment(String noteId, String fileName);

        /** Attaches a PDF to the file note. */
        void attach(String noteId, String fileName, byte[] pdf);
    }

    record Adviser(String id, String firstName, String lastName, String email) {
    }

    /**
     * A client as the CRM sent it, complete (its addresses, contacts and policies read too), or with {@code failure} set
     * when one of its parts could not be read (nothing of it is written then).
     */
    record Record(String externalId, JsonNode fields, JsonNode addresses, JsonNode contacts, JsonNode policies, String failure) {
    }

    record ClientPage(List<Record> records, String nextBookmark) {
    }
}
