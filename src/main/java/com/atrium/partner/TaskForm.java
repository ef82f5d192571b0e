package com.atrium.partner;

/**
 * A task as typed (new, or changed: a null field stays as it is; an empty one clears it).
 *
 * @param assigneeId a user of the account, or staff who work on it
 * @param dueOn      YYYY-MM-DD
 * @param goalId     a goal of the same account, optional
 * @param stage      TODO, IN_PROGRESS or DONE (new tasks: the column to start in, default TODO)
 */
public record TaskForm(String title, String assigneeId, String dueOn, String goalId, String stage) {
}
