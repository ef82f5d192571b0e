package com.atrium.access;

import static com.atrium.access.Permission.EDIT_FAMILY;
import static com.atrium.access.Permission.EDIT_INVENTORIES;
import static com.atrium.access.Permission.EDIT_PROFILE;
import static com.atrium.access.Permission.EXPORT_PLAN;
import static com.atrium.access.Permission.MANAGE_NOTES;
import static com.atrium.access.Permission.RUN_SIMULATIONS;
import static com.atrium.access.Permission.VIEW_FILE;
import static org.assertj.core.api.Assertions.assertThat;

import com.atrium.access.AccessRules.ClientFacts;
import com.atrium.access.AccessSubjects.Subject;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each team role's permissions written out literally (not read back from {@link TeamRole}), checked through the
 * rules a decision uses: a team member of the client, nothing else. Changing a role's catalogue fails here until
 * this table is changed too.
 */
class TeamRolePermissionsTests {
    private static final Map<TeamRole, Set<Permission>> EXPECTED = Map.of(
            TeamRole.ADVISER, EnumSet.of(VIEW_FILE, EDIT_PROFILE, EDIT_FAMILY, EDIT_INVENTORIES, MANAGE_NOTES, RUN_SIMULATIONS, EXPORT_PLAN,
                    Permission.VIEW_ENGAGEMENT, Permission.COMPLETE_SURVEYS, Permission.RUN_VALUES_SESSION),
            TeamRole.PARAPLANNER, EnumSet.of(VIEW_FILE, EDIT_FAMILY, EDIT_INVENTORIES, MANAGE_NOTES, RUN_SIMULATIONS, EXPORT_PLAN,
                    Permission.VIEW_ENGAGEMENT, Permission.COMPLETE_SURVEYS, Permission.RUN_VALUES_SESSION),
            TeamRole.ADMINISTRATOR, EnumSet.of(VIEW_FILE, EDIT_PROFILE, MANAGE_NOTES, Permission.VIEW_ENGAGEMENT, Permission.COMPLETE_SURVEYS),
            TeamRole.READ_ONLY, EnumSet.of(VIEW_FILE, Permission.VIEW_ENGAGEMENT));

    @ParameterizedTest
    @EnumSource(TeamRole.class)
    void aTeamMemberMayDoExactlyWhatTheirRoleLists(TeamRole role) {
        Subject member = new Subject(7, 1, "Harbour", "Tess Member", "SUPPORT", false, true);
        TeamMembership row = new TeamMembership(42, 7, role, false, 3L, Instant.parse("2026-05-03T09:00:00Z"));
        List<AccessPath> paths = AccessRules.paths(member, new ClientFacts(42, 1), Optional.of(row), Map.of());
        assertThat(paths).extracting(AccessPath::kind).containsExactly(PathKind.TEAM);
        assertThat(AccessRules.union(paths)).isEqualTo(EXPECTED.get(role));
        // never access management, whatever the role
        assertThat(AccessRules.union(paths)).doesNotContain(Permission.MANAGE_TEAM, Permission.MANAGE_OUTSIDERS, Permission.GRANT_FAMILY);
    }
}
