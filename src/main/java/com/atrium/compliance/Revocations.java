package com.atrium.compliance;

import com.atrium.access.AccessDiff;
import java.util.List;

/**
 * The answer to a bulk revocation from the access review (preview or done).
 *
 * @param dryRun  true for the preview: nothing was changed
 * @param revoked the rows revoked (or, in the preview, that would be), each with what goes
 * @param refused the rows that may not be revoked, each with the reason
 * @param effects who loses (or gains, or keeps with other permissions) access to which clients — the what-if of the
 *                access module, on the proposed facts (in the preview; empty once done)
 */
public record Revocations(boolean dryRun, List<Revoked> revoked, List<Refused> refused, List<AccessDiff.Person> effects) {

    /** One revocable row: the person, the client and what is withdrawn (in the words of Why?). */
    public record Revoked(String key, Long userId, String userName, Long clientId, String clientName, List<String> withdrawn) {
    }

    /** A row that may not be revoked, and why. */
    public record Refused(String key, String userName, String clientName, String reason) {
    }

    /** How many (person, client) accesses end (in the preview: would end). */
    public long losses() {
        return effects.stream().mapToLong(p -> p.loses().size()).sum();
    }
}
