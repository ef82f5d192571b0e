package com.atrium.household;

import com.atrium.access.Explanation;
import com.atrium.access.PathKind;
import com.atrium.access.TeamRole;
import com.atrium.practice.StaffView;
import java.util.List;

/**
 * The "Team &amp; access" screen of a household, with what the viewer may do already decided by the access
 * module (templates never decide access).
 *
 * @param client            the household
 * @param people            everyone with access (primary, practice managers, team members) and team members whose
 *                          account is disabled, each with the explanation of their access in words
 * @param canManage         whether the viewer may change the team (practice managers and the primary professional)
 * @param addable           active staff users of the practice not on the team yet (the "Staff access" select)
 * @param primaryCandidates active Professionals who could take over as primary professional
 * @param staff             every staff user of the practice (for "Why can ... see this client?")
 * @param roles             the team roles, in catalogue order
 */
public record AccessPageView(ClientView client, List<AccessRow> people, boolean canManage, List<StaffView> addable,
                             List<StaffView> primaryCandidates, List<StaffView> staff, List<TeamRole> roles) {

    /** One person on the screen: their team place (if any) and why they have access. */
    public record AccessRow(long userId, String name, String userTypeLabel, TeamMemberView member, Explanation explanation) {

        public boolean onTeam() {
            return member != null;
        }

        public boolean primary() {
            return member != null && member.primary();
        }

        public boolean practiceManager() {
            return explanation.paths().stream().anyMatch(p -> p.kind() == PathKind.PRACTICE_MANAGER);
        }

        /**
         * For someone not on the team, how they reach the client in their own words: "Access through the practice" only
         * for practice managers; a workgroup member, the secondary adviser or an outsider says their own path.
         */
        public String pathNote() {
            if (practiceManager()) {
                return "Access through the practice";
            }
            for (PathKind kind : List.of(PathKind.WORKGROUP_MEMBER, PathKind.SECONDARY_ADVISER)) {
                var path = explanation.paths().stream().filter(p -> p.kind() == kind).findFirst();
                if (path.isPresent()) {
                    return kind == PathKind.WORKGROUP_MEMBER ? "Access through the workgroup" : "Access as secondary adviser";
                }
            }
            return explanation.paths().stream().filter(p -> p.kind().outsider()).findFirst().map(p -> "Access through a grant")
                    .orElse(explanation.paths().isEmpty() ? "No access" : "Access through " + explanation.paths().get(0).description());
        }

        /** What the person is on this household: their team role, or "Practice manager" when that is their only path. */
        public String roleLabel() {
            if (member != null) {
                return member.roleLabel();
            }
            return practiceManager() ? "Practice manager" : "—";
        }
    }
}
