package com.atrium.engagement;

import java.time.Instant;
import java.util.List;

/** A saved values session: each person's top values in order, and the progress (picked of five per person, in %). */
public record ValuesSessionView(long id, int progress, List<PersonValues> people, Instant savedAt, String savedBy) {

    public record PersonValues(Long personId, String personName, List<String> values, List<String> labels) {
    }
}
