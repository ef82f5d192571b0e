package com.atrium.shared;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The transactional outbox's delivery rules, shared by every outbox (the mail outbox, the CRM file notes): drain what is
 * due one message at a time, and after a failure wait 1, 2, 4 ... up to 60 minutes before the next attempt. Each outbox
 * keeps its own table and its own way of sending; the loop and the back-off are written once, here.
 */
public final class OutboxRuns {
    /** At most this many messages in one run, so a run always ends. */
    public static final int MAX_PER_RUN = 100_000;

    private OutboxRuns() {
    }

    /**
     * Calls {@code deliverOne} until it answers null (nothing due); true counts a delivery, false a failed attempt (already
     * rescheduled into the future by the caller, so the loop ends even while the other side is down). Returns the
     * number delivered.
     */
    public static int drain(Supplier<Boolean> deliverOne) {
        int delivered = 0;
        for (int i = 0; i < MAX_PER_RUN; i++) {
            Boolean result = deliverOne.get();
            if (result == null) {
                break;
            }
            if (result) {
                delivered++;
            }
        }
        return delivered;
    }

    /** How long to wait after the {@code attempts}-th failed attempt (1 = the first): 1, 2, 4 ... minutes, at most 60. */
    public static Duration backoff(int attempts) {
        return Duration.ofMinutes(Math.min(60, 1L << Math.min(6, Math.max(0, attempts - 1))));
    }

    /** A failure's reason as stored (at most 1,000 characters). */
    public static String reason(String message) {
        if (message == null || message.isBlank()) {
            return "unknown error";
        }
        return message.length() > 1000 ? message.substring(0, 1000) : message;
    }
}
