package com.atrium.engagement;

import java.time.Instant;
import java.time.LocalDate;

/** A client note as listed (newest first). */
public record NoteView(long id, LocalDate date, String body, LocalDate followUpOn, String author, Instant createdAt) {
}
