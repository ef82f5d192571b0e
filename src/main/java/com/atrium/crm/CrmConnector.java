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
