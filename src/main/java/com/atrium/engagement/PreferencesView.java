package com.atrium.engagement;

import java.time.Instant;
import java.util.List;

/** A person's completed investment preferences: every question with the answer in words. */
public record PreferencesView(long id, Long personId, String personName, List<Answer> answers, Instant completedAt, String completedBy) {

    public record Answer(String question, String questionText, String answer, String answerText) {
    }
}
