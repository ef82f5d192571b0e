package com.atrium.household;

import java.util.Map;

/**
 * Systems that own some of a person's details (a CRM the practice syncs from): the client file marks those details
 * "from Xplan — changes made here are replaced at the next sync". Implemented by the feature that syncs (the crm
 * module); the household module only asks, after its own access check. Several sources may answer; none is needed.
 */
public interface PersonSources {

    /** For the people of one client whose details come from elsewhere: person id → the source's name (e.g. "Xplan"). */
    Map<Long, String> syncedPeople(long practiceId, long clientId);
}
