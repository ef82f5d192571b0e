package com.atrium.practice;

import java.time.Instant;

/**
 * A reset of this account's password was asked for on the "forgot password" page. Published (in the processing
 * transaction) only for an existing account: a request for an unknown address belongs to no practice.
 *
 * @param linkSent      whether a link was mailed (false: refused by the hourly limit, or the account is disabled)
 * @param reason        why no link was sent, in words (null when one was)
 * @param clientAddress the network address the request came from
 */
public record PasswordResetRequested(long practiceId, long userId, boolean linkSent, String reason, String clientAddress, Instant at) {
}
