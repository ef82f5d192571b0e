package com.atrium.compliance;

import java.util.List;

/**
 * A departing adviser's households handed over to a new primary professional ({@code POST /api/staff/{id}/reassignment}).
 *
 * @param toUserId         the Professional who becomes primary of the households (of those not chosen per workgroup)
 * @param byWorkgroup      optionally, another new primary for the households of a workgroup
 * @param keepFormerOnTeam whether the departing adviser stays on the teams as an Adviser (default: no, they leave them)
 * @param households       the households the preview showed (their ids): the reassignment moves exactly these and is
 *                         refused if one of them changed hands in between; omitted, every household the adviser is
 *                         primary of now
 */
public record ReassignmentForm(Long toUserId, List<WorkgroupChoice> byWorkgroup, Boolean keepFormerOnTeam, List<Long> households) {

    /** The new primary for the households assigned to one workgroup. */
    public record WorkgroupChoice(Long workgroupId, Long toUserId) {
    }

    public boolean keepFormer() {
        return keepFormerOnTeam != null && keepFormerOnTeam;
    }
}
