package com.atrium.engagement;

import java.time.LocalDate;

/** A client note: its date (today when left out), the text ({@code body}, several lines), and an optional follow-up date. */
public record NoteForm(LocalDate date, String body, LocalDate followUpOn) {
}
