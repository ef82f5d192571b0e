package com.atrium.partner;

/**
 * A goal as typed (new, or changed: a null field stays as it is). Dates and numbers stay text here so a form keeps what
 * was typed and every error is reported on its field.
 *
 * @param dueOn      YYYY-MM-DD, empty for none
 * @param confidence 0 to 100 (a new goal's starting confidence; changes go through a confidence update)
 */
public record GoalForm(String title, String description, Long ownerId, String level, Boolean milestone, String dueOn, String status,
                       String confidence) {
}
