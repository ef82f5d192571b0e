package com.atrium.partner;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One goal with everything its detail page shows: outcomes, the confidence history (and its chart), the channel (newest
 * first), and what the caller may do (computed by the access module).
 */
public record GoalView(long id, long accountId, String accountName, String title, String description, long ownerId, String ownerName,
                       GoalLevel level, boolean milestone, LocalDate dueOn, GoalStatus status, int confidence, Integer previousConfidence,
                       String trend, boolean atRisk, List<Outcome> outcomes, List<ConfidencePoint> history, List<Message> channel,
                       Chart chart, boolean mayEdit, boolean mayUpdateConfidence, boolean mayPost) {

    public record Outcome(long id, String title, java.math.BigDecimal targetValue, java.math.BigDecimal currentValue, String unit,
                          boolean done, int percent) {
    }

    public record ConfidencePoint(int confidence, String comment, String byName, Instant at) {
    }

    public record Message(long id, String authorName, String kind, String body, Instant at) {
    }

    /**
     * The confidence over time as an SVG polyline (server-side; the history table is the accessible version).
     *
     * @param points    "x,y x,y …" in a 0..width × 0..height box
     * @param thresholdY where 60 % is
     */
    public record Chart(int width, int height, String points, int thresholdY, List<Dot> dots) {
    }

    public record Dot(int x, int y, String label) {
    }
}
