package com.atrium.partner;

import java.time.LocalDate;

/** A goal in a list (an account's goals, risk insights, the adviser's home). {@code trend}: up, down, flat or new. */
public record GoalSummary(long id, long accountId, String accountName, String title, long ownerId, String ownerName, GoalLevel level,
                          boolean milestone, LocalDate dueOn, GoalStatus status, int confidence, Integer previousConfidence, String trend,
                          boolean atRisk) {

    /** The trend as an arrow, for lists. */
    public String trendArrow() {
        return switch (trend) {
            case "up" -> "▲";
            case "down" -> "▼";
            case "flat" -> "▶";
            default -> "•";
        };
    }
}
