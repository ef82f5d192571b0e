package com.atrium.household;

import com.atrium.access.AccessFacts;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * What a client list sorts, searches and narrows by (name, the people's names and emails, archived), kept in step in
 * the household row and the access module's index: after a rename, an archive or restore, or a change to the people.
 */
@Component
class ClientListing {
    private final HouseholdRepository households;
    private final AccessFacts facts;

    ClientListing(HouseholdRepository households, AccessFacts facts) {
        this.households = households;
        this.facts = facts;
    }

    /** Re-derives the search text from the household as it now is and tells the access module (same transaction). */
    void relist(long practiceId, long clientId) {
        HouseholdRepository.HouseholdRow row = households.find(practiceId, clientId).orElseThrow();
        String search = searchText(row.displayName(), households.people(clientId));
        households.setSearchText(clientId, search);
        facts.clientListed(new AccessFacts.Client(clientId, practiceId, AccessFacts.ClientKind.HOUSEHOLD,
                HouseholdRepository.sortKey(row.displayName()), search, row.status() == ClientStatus.ARCHIVED));
    }

    static String searchText(String displayName, List<PersonView> people) {
        StringBuilder sb = new StringBuilder(displayName);
        for (PersonView p : people) {
            sb.append(' ').append(p.firstName()).append(' ').append(p.lastName());
            if (p.email() != null) {
                sb.append(' ').append(p.email());
            }
        }
        String s = sb.toString().toLowerCase(Locale.ROOT);
        return s.length() > 2000 ? s.substring(0, 2000) : s;
    }
}
