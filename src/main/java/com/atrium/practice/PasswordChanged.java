package com.atrium.practice;

import java.time.Instant;

/**
 * Someone changed their own password (knowing the current one). Published in the changing transaction.
 *
 * @param sessionsEnded how many of the account's other sessions were ended
 */
public record PasswordChanged(long practiceId, long userId, int sessionsEnded, Instant at) {
}
