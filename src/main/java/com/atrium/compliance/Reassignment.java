package com.atrium.compliance;

import com.atrium.access.AccessDiff;
import java.util.List;

/**
 * A bulk reassignment of a departing adviser's households, previewed ({@code dryRun}) or done.
 *
 * @param households   how many households it concerns (moved, already moved and refused ones)
 * @param moved        how many change primary (in the preview: would change)
 * @param alreadyMoved how many already had the chosen primary (a retried reassignment: nothing to do for them)
 * @param moves        household by household: the team change
 * @param workgroups   the workgroups whose households change primary, each with its new primary
 * @param refusals     why households cannot move; when not empty nothing moves at all
 * @param effects      the what-if: who loses and who gains access to which clients (preview only)
 * @param householdIds the households concerned, to confirm exactly what the preview showed
 */
public record Reassignment(boolean dryRun, long adviserId, String adviserName, boolean keepFormerOnTeam, int households, int moved,
                           int alreadyMoved, List<Move> moves, List<WorkgroupMove> workgroups, List<String> refusals,
                           List<AccessDiff.Person> effects, List<Long> householdIds) {

    /** One household: from the departing adviser to its new primary (the adviser leaves the team or stays as Adviser). */
    public record Move(long clientId, String clientName, Long workgroupId, String workgroup, long toUserId, String toName,
                       boolean alreadyDone) {
    }

    /** The households of one workgroup (null: in no workgroup) and who becomes their primary. */
    public record WorkgroupMove(Long workgroupId, String workgroup, int households, long toUserId, String toName) {
    }

    public boolean refused() {
        return !refusals.isEmpty();
    }
}
