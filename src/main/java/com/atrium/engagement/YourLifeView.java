package com.atrium.engagement;

import java.time.Instant;
import java.util.List;

/** One completed Your Life survey: the score, each dimension's rating and percentage, and the goals to address. */
public record YourLifeView(long id, Long personId, String personName, int score, List<DimensionScore> dimensions, List<String> goals,
                           Instant completedAt, String completedBy) {

    public record DimensionScore(String dimension, String label, int rating, int percent) {
    }
}
