package com.atrium.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.atrium.access.AccessRules.ClientFacts;
import com.atrium.access.AccessRules.MemberFacts;
import com.atrium.access.AccessSubjects.Subject;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The business-account rules (partner portal), table-driven: who works inside an account's workspace (its users, by
 * role; a staff user in advisor mode while another path still allows it), what staff paths give on an account, and
 * that none of it reaches a household. No Spring, no database.
 */
class AccountMemberRulesTests {
    static final ClientFacts ACCOUNT = new ClientFacts(1_000_000_001L, 1, true);
    static final ClientFacts HOUSEHOLD = new ClientFacts(7, 1, false);
    static final Instant DEC_4 = Instant.parse("2026-12-04T21:40:00Z");
    static final Subject DANIEL = new Subject(10, 1, null, "Daniel Okafor", "PROFESSIONAL", false, true);
    static final Subject OWNER = new Subject(30, 1, null, "Olivia Owner", "BUSINESS", false, true);
    static final Subject CLERK = new Subject(31, 1, null, "Carl Clerk", "BUSINESS", false, true);
    static final Subject FOREIGN_BUSINESS = new Subject(32, 2, null, "Far Away", "BUSINESS", false, true);
    static final Subject DISABLED = new Subject(33, 1, null, "Gone Away", "BUSINESS", false, false);
    static final Subject MANAGER_BUSINESS = new Subject(34, 1, "Harbour", "Not A Manager", "BUSINESS", true, true);
    static final Subject MANAGER = new Subject(11, 1, "Harbour Wealth", "Margaret Hale", "SUPPORT", true, true);
    static final Map<Long, Subject> PEOPLE = Map.of(10L, DANIEL);

    static Optional<MemberFacts> as(AccountRole role) {
        return Optional.of(new MemberFacts(role, 10L, DEC_4));
    }

    static Optional<TeamMembership> primary(long userId) {
        return Optional.of(new TeamMembership(ACCOUNT.clientId(), userId, TeamRole.ADVISER, true, null, DEC_4));
    }

    static Optional<TeamMembership> team(long userId, TeamRole role) {
        return Optional.of(new TeamMembership(ACCOUNT.clientId(), userId, role, false, 10L, DEC_4));
    }

    static List<AccessPath> paths(Subject s, ClientFacts c, Optional<TeamMembership> t, Optional<MemberFacts> m) {
        return AccessRules.paths(s, c, t, Optional.empty(), Optional.empty(), Optional.empty(), m, null, PEOPLE);
    }

    static Stream<Arguments> table() {
        Set<Permission> admin = EnumSet.of(Permission.VIEW_GOALS, Permission.EDIT_GOALS, Permission.ENTER_WORKSPACE,
                Permission.ADMINISTER_WORKSPACE);
        Set<Permission> member = EnumSet.of(Permission.VIEW_GOALS, Permission.EDIT_GOALS, Permission.ENTER_WORKSPACE);
        Set<Permission> none = EnumSet.noneOf(Permission.class);
        Set<Permission> primary = EnumSet.complementOf(EnumSet.of(Permission.ENTER_WORKSPACE, Permission.ADMINISTER_WORKSPACE));
        Set<Permission> primaryInAdvisorMode = EnumSet.allOf(Permission.class);
        return Stream.of(
                Arguments.of("the account's administrator", OWNER, Optional.empty(), as(AccountRole.ADMIN),
                        List.of(PathKind.ACCOUNT_ADMIN), admin),
                Arguments.of("another user of the account", CLERK, Optional.empty(), as(AccountRole.MEMBER),
                        List.of(PathKind.ACCOUNT_MEMBER), member),
                Arguments.of("a business user of no account", CLERK, Optional.empty(), Optional.empty(), List.of(), none),
                Arguments.of("a business user of another practice", FOREIGN_BUSINESS, Optional.empty(), as(AccountRole.MEMBER),
                        List.of(), none),
                Arguments.of("a disabled business user", DISABLED, Optional.empty(), as(AccountRole.ADMIN), List.of(), none),
                Arguments.of("a business user flagged manager gets no manager path", MANAGER_BUSINESS, Optional.empty(),
                        as(AccountRole.MEMBER), List.of(PathKind.ACCOUNT_MEMBER), member),
                Arguments.of("a business user on the team gets nothing from it", CLERK, team(31, TeamRole.ADVISER),
                        Optional.empty(), List.of(), none),
                Arguments.of("a business user recorded in advisor mode", OWNER, Optional.empty(), as(AccountRole.ADVISOR_MODE),
                        List.of(), none),
                Arguments.of("a staff user recorded as member", DANIEL, Optional.empty(), as(AccountRole.MEMBER), List.of(), none),
                Arguments.of("the related adviser outside advisor mode", DANIEL, primary(10), Optional.empty(),
                        List.of(PathKind.PRIMARY), primary),
                Arguments.of("the related adviser in advisor mode", DANIEL, primary(10), as(AccountRole.ADVISOR_MODE),
                        List.of(PathKind.PRIMARY, PathKind.IN_ADVISOR_MODE), primaryInAdvisorMode),
                Arguments.of("advisor mode without any other path gives nothing", DANIEL, Optional.empty(), as(AccountRole.ADVISOR_MODE),
                        List.of(), none),
                Arguments.of("a read-only team member cannot be in advisor mode", DANIEL, team(10, TeamRole.READ_ONLY),
                        as(AccountRole.ADVISOR_MODE), List.of(PathKind.TEAM), EnumSet.of(Permission.VIEW_FILE, Permission.VIEW_ENGAGEMENT, Permission.VIEW_GOALS)),
                Arguments.of("a practice manager in advisor mode", MANAGER, Optional.empty(), as(AccountRole.ADVISOR_MODE),
                        List.of(PathKind.PRACTICE_MANAGER, PathKind.IN_ADVISOR_MODE),
                        EnumSet.complementOf(EnumSet.of(Permission.MANAGE_OUTSIDERS, Permission.GRANT_FAMILY))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void whoWorksInABusinessAccount(String name, Subject subject, Optional<TeamMembership> team, Optional<MemberFacts> member,
                                    List<PathKind> kinds, Set<Permission> permissions) {
        List<AccessPath> paths = paths(subject, ACCOUNT, team, member);
        assertThat(paths).extracting(AccessPath::kind).containsExactlyElementsOf(kinds);
        assertThat(AccessRules.union(paths)).isEqualTo(permissions);
    }

    @Test
    void onAHouseholdNoPathGivesABusinessPermissionAndMembershipCountsForNothing() {
        for (Permission p : Permission.values()) {
            assertThat(p.businessOnly()).as("%s", p).isEqualTo(p.ordinal() >= Permission.VIEW_GOALS.ordinal());
        }
        List<AccessPath> primary = paths(DANIEL, HOUSEHOLD, Optional.of(new TeamMembership(7, 10, TeamRole.ADVISER, true, null, DEC_4)),
                as(AccountRole.ADVISOR_MODE));
        assertThat(primary).extracting(AccessPath::kind).containsExactly(PathKind.PRIMARY);
        assertThat(AccessRules.union(primary)).noneMatch(Permission::businessOnly).contains(Permission.MANAGE_OUTSIDERS);
        assertThat(paths(OWNER, HOUSEHOLD, Optional.empty(), as(AccountRole.ADMIN))).isEmpty();
    }

    @Test
    void explanationsInWords() {
        assertThat(paths(OWNER, ACCOUNT, Optional.empty(), as(AccountRole.ADMIN)))
                .extracting(AccessPath::description)
                .containsExactly("Administrator of the account since 4 Dec 2026, added by Daniel Okafor");
        assertThat(paths(CLERK, ACCOUNT, Optional.empty(), as(AccountRole.MEMBER)))
                .extracting(AccessPath::description)
                .containsExactly("Member of the account since 4 Dec 2026, added by Daniel Okafor");
        assertThat(paths(DANIEL, ACCOUNT, primary(10), as(AccountRole.ADVISOR_MODE)))
                .extracting(AccessPath::description)
                .contains("In advisor mode in this account since 4 Dec 2026 21:40 UTC");
        assertThat(AccessRules.noAccessReason(CLERK, ACCOUNT)).isEqualTo("they are not a user of this account");
    }
}
