package com.atrium.audit;

import java.time.Instant;

/**
 * The result of walking one practice's audit chain.
 *
 * @param ok         true when every entry matches its hash, links to its predecessor, and nothing is missing
 * @param entries    how many entries were checked (all of them when ok; those before the break otherwise)
 * @param lastHash   hash of the last good entry (the value to note down outside Atrium to anchor the chain)
 * @param brokenSeq  the first entry that fails, when not ok
 * @param problem    what is wrong there, when not ok
 * @param detail     the same in words
 */
public record ChainVerification(long practiceId, boolean ok, long entries, String lastHash, Long brokenSeq,
                                Problem problem, String detail, Instant checkedAt) {

    public enum Problem {
        /** The entry's content no longer matches its stored hash: it was changed after it was written. */
        CONTENT_ALTERED,
        /** The entry's prev_hash is not the previous entry's hash: an entry before it was replaced or re-hashed. */
        LINK_BROKEN,
        /** An entry is missing (deleted), or the sequence jumps. */
        GAP,
        /** The chain head Atrium keeps does not match the last entry: entries were cut from the end or added outside Atrium. */
        HEAD_MISMATCH,
        /**
         * An unsigned (plain SHA-256) entry where the chain must be signed (after a signed entry, or as the last entry):
         * someone without the audit key rewrote it.
         */
        UNSIGNED,
        /** The entry is signed with a key id that is not configured (a retired key was dropped from the configuration). */
        UNKNOWN_KEY
    }
}
