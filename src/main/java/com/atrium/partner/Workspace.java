package com.atrium.partner;

/**
 * Who is in a business account's workspace and what they may do there: one of its users, or an adviser in advisor
 * mode (acting as one of its members). {@code open}: the quick-start gate has opened (or the account has no diagnostic).
 */
public record Workspace(long accountId, String accountName, String licence, boolean advisorMode, String advisorName, boolean admin,
                        boolean open, boolean participant, boolean completed) {
}
