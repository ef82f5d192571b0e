package com.atrium.practice;

import java.time.Instant;

/**
 * Someone chose a new password through a reset link. Published in the changing transaction.
 *
 * @param sessionsEnded how many sessions of the account were ended
 */
public record PasswordResetCompleted(long practiceId, long userId, int sessionsEnded, String clientAddress, Instant at) {
}
