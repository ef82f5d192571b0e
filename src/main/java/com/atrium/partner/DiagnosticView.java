package com.atrium.partner;

import java.time.Instant;
import java.util.List;

/**
 * An account's diagnostic as the quick-start page, the adviser and the API see it: participation (completed /
 * participants, removed ones do not count), whether the 80 % gate is open, and the results so far.
 *
 * @param round          the diagnostic's number (0: the account has none — Goals licence)
 * @param firstDiagnostic whether this is the account's first diagnostic (advisers may then add participants and remind)
 * @param workspaceOpen  whether the account's users reach the full workspace (the gate opened, or no diagnostic)
 */
public record DiagnosticView(long accountId, String accountName, int round, boolean firstDiagnostic, int participants, int completed,
                             int percent, boolean workspaceOpen, List<ParticipantView> people, List<AreaResult> results,
                             boolean mayAddParticipants, boolean mayRemind, boolean mayRemove) {

    public record ParticipantView(long userId, String name, String email, boolean completed, Instant completedAt, Instant remindedAt) {
    }

    public record AreaResult(String title, String description, double average, List<StatementResult> statements) {
        public String averageText() {
            return average == 0 ? "—" : String.format(java.util.Locale.ENGLISH, "%.1f", average);
        }

        public int widthPercent() {
            return (int) Math.round(average / 5.0 * 100);
        }
    }

    public record StatementResult(int id, String text, double average, int answers) {
        public String averageText() {
            return answers == 0 ? "—" : String.format(java.util.Locale.ENGLISH, "%.1f", average);
        }
    }

    /** "7 of 9 completed (77 %)". */
    public String participationText() {
        return completed + " of " + participants + " completed (" + percent + " %)";
    }
}
