package com.atrium.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.atrium.access.AccessRules.ClientFacts;
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

/** The pure rules, table-driven: facts in, paths and permissions out. No Spring, no database. */
class AccessRulesTests {
    static final long PRACTICE = 10;
    static final long OTHER_PRACTICE = 20;
    static final ClientFacts CLIENT = new ClientFacts(100, PRACTICE);
    static final Instant MAY_3 = Instant.parse("2026-05-03T09:30:00Z");
    static final Subject ANN = new Subject(7, PRACTICE, "Harbour Wealth", "Ann Lee", "PROFESSIONAL", true, true);
    static final Map<Long, Subject> PEOPLE = Map.of(7L, ANN);
    /** Every household permission (the business-account ones are never given on a household). */
    static final Set<Permission> ALL = EnumSet.range(Permission.VIEW_FILE, Permission.RUN_VALUES_SESSION);
    static final Set<Permission> MANAGER = EnumSet.complementOf(EnumSet.of(Permission.MANAGE_OUTSIDERS, Permission.GRANT_FAMILY));

    static {
        MANAGER.retainAll(ALL);
    }
    static final Set<Permission> NONE = EnumSet.noneOf(Permission.class);

    /** What a path gives on a household: its permissions without the business-account ones. */
    static Set<Permission> household(Set<Permission> permissions) {
        EnumSet<Permission> result = EnumSet.noneOf(Permission.class);
        permissions.stream().filter(p -> !p.businessOnly()).forEach(result::add);
        return result;
    }

    static Subject person(long practice, String type, boolean manager, boolean active) {
        return new Subject(1, practice, "Harbour Wealth", "Pat Doe", type, manager, active);
    }

    static Optional<TeamMembership> member(TeamRole role) {
        return Optional.of(new TeamMembership(CLIENT.clientId(), 1, role, false, 7L, MAY_3));
    }

    static Optional<TeamMembership> primary() {
        return Optional.of(new TeamMembership(CLIENT.clientId(), 1, TeamRole.ADVISER, true, 7L, MAY_3));
    }

    static Arguments row(String name, Subject subject, Optional<TeamMembership> team, List<PathKind> kinds, Set<Permission> permissions) {
        return Arguments.of(name, subject, team, kinds, permissions);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // path kind -> permissions
                row("practice manager (Professional)", person(PRACTICE, "PROFESSIONAL", true, true), Optional.empty(),
                        List.of(PathKind.PRACTICE_MANAGER), MANAGER),
                row("practice manager (Support staff)", person(PRACTICE, "SUPPORT", true, true), Optional.empty(),
                        List.of(PathKind.PRACTICE_MANAGER), MANAGER),
                row("practice manager (Assistant)", person(PRACTICE, "ASSISTANT", true, true), Optional.empty(),
                        List.of(PathKind.PRACTICE_MANAGER), MANAGER),
                row("primary professional", person(PRACTICE, "PROFESSIONAL", false, true), primary(),
                        List.of(PathKind.PRIMARY), ALL),
                // team role -> permissions
                row("team member as Adviser", person(PRACTICE, "PROFESSIONAL", false, true), member(TeamRole.ADVISER),
                        List.of(PathKind.TEAM), household(TeamRole.ADVISER.permissions())),
                row("team member as Paraplanner", person(PRACTICE, "PROFESSIONAL", false, true), member(TeamRole.PARAPLANNER),
                        List.of(PathKind.TEAM), household(TeamRole.PARAPLANNER.permissions())),
                row("team member as Administrator", person(PRACTICE, "SUPPORT", false, true), member(TeamRole.ADMINISTRATOR),
                        List.of(PathKind.TEAM), household(TeamRole.ADMINISTRATOR.permissions())),
                row("team member as Read-only", person(PRACTICE, "ASSISTANT", false, true), member(TeamRole.READ_ONLY),
                        List.of(PathKind.TEAM), household(TeamRole.READ_ONLY.permissions())),
                // several paths: the union
                row("manager who is also primary", person(PRACTICE, "PROFESSIONAL", true, true), primary(),
                        List.of(PathKind.PRACTICE_MANAGER, PathKind.PRIMARY), ALL),
                row("manager who is also a Read-only member", person(PRACTICE, "SUPPORT", true, true), member(TeamRole.READ_ONLY),
                        List.of(PathKind.PRACTICE_MANAGER, PathKind.TEAM), MANAGER),
                // no path
                row("staff user of the practice without a path", person(PRACTICE, "PROFESSIONAL", false, true), Optional.empty(),
                        List.of(), NONE),
                // other practice -> nothing
                row("manager of another practice", person(OTHER_PRACTICE, "PROFESSIONAL", true, true), Optional.empty(),
                        List.of(), NONE),
                row("another practice's user with a (forged) team row", person(OTHER_PRACTICE, "PROFESSIONAL", true, true), primary(),
                        List.of(), NONE),
                // disabled user -> nothing
                row("disabled practice manager", person(PRACTICE, "PROFESSIONAL", true, false), Optional.empty(),
                        List.of(), NONE),
                row("disabled primary professional", person(PRACTICE, "PROFESSIONAL", false, false), primary(),
                        List.of(), NONE),
                row("disabled team member", person(PRACTICE, "SUPPORT", false, false), member(TeamRole.ADVISER),
                        List.of(), NONE),
                // the manager capability never reaches outsiders
                row("outsider flagged as manager", person(PRACTICE, "OUTSIDER", true, true), Optional.empty(),
                        List.of(), NONE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void pathsAndPermissions(String name, Subject subject, Optional<TeamMembership> team, List<PathKind> kinds,
                             Set<Permission> permissions) {
        List<AccessPath> paths = AccessRules.paths(subject, CLIENT, team, PEOPLE);
        assertThat(paths).extracting(AccessPath::kind).containsExactlyElementsOf(kinds);
        assertThat(AccessRules.union(paths)).isEqualTo(permissions);
        paths.forEach(p -> assertThat(p.description()).isNotBlank());
    }

    static Stream<Arguments> descriptions() {
        return Stream.of(
                Arguments.of(person(PRACTICE, "SUPPORT", true, true), Optional.empty(),
                        List.of("Practice manager of Harbour Wealth")),
                Arguments.of(person(PRACTICE, "PROFESSIONAL", false, true), primary(),
                        List.of("Primary professional (file manager) since 3 May 2026, appointed by Ann Lee")),
                Arguments.of(person(PRACTICE, "PROFESSIONAL", false, true), member(TeamRole.PARAPLANNER),
                        List.of("Team member as Paraplanner since 3 May 2026, added by Ann Lee")),
                Arguments.of(person(PRACTICE, "PROFESSIONAL", false, true),
                        Optional.of(new TeamMembership(CLIENT.clientId(), 1, TeamRole.READ_ONLY, false, null, null)),
                        List.of("Team member as Read-only since an unknown date")),
                Arguments.of(person(PRACTICE, "PROFESSIONAL", false, true),
                        Optional.of(new TeamMembership(CLIENT.clientId(), 1, TeamRole.ADMINISTRATOR, false, 99L, MAY_3)),
                        List.of("Team member as Administrator since 3 May 2026, added by user #99")));
    }

    @ParameterizedTest
    @MethodSource("descriptions")
    void everyPathIsExplainedInWords(Subject subject, Optional<TeamMembership> team, List<String> expected) {
        assertThat(AccessRules.paths(subject, CLIENT, team, PEOPLE)).extracting(AccessPath::description)
                .containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> summaries() {
        return Stream.of(
                Arguments.of(person(PRACTICE, "PROFESSIONAL", true, true), member(TeamRole.PARAPLANNER),
                        "Pat Doe has access: practice manager of Harbour Wealth; team member as Paraplanner since 3 May 2026, added by Ann Lee."),
                Arguments.of(person(PRACTICE, "PROFESSIONAL", false, true), Optional.empty(),
                        "Pat Doe has no access to this client: they are not a practice manager, not the primary professional and not on the team."),
                Arguments.of(person(PRACTICE, "PROFESSIONAL", false, false), member(TeamRole.ADVISER),
                        "Pat Doe has no access to this client: their account is disabled."),
                Arguments.of(person(OTHER_PRACTICE, "PROFESSIONAL", true, true), Optional.empty(),
                        "Pat Doe has no access to this client: they belong to another practice."));
    }

    @ParameterizedTest
    @MethodSource("summaries")
    void theAnswerInOneSentenceAlsoWithoutAccess(Subject subject, Optional<TeamMembership> team, String expected) {
        List<AccessPath> paths = AccessRules.paths(subject, CLIENT, team, PEOPLE);
        String reason = paths.isEmpty() ? AccessRules.noAccessReason(subject, CLIENT) : null;
        assertThat(AccessRules.summary(subject.name(), paths, reason)).isEqualTo(expected);
    }

    @Test
    void eachPathAloneAllowsOnlyWhatTheCatalogueSays() {
        for (TeamRole role : TeamRole.values()) {
            AccessPath p = AccessRules.teamMember(member(role).orElseThrow(), PEOPLE).orElseThrow();
            assertThat(p.role()).isEqualTo(role);
            assertThat(p.permissions()).isEqualTo(role.permissions());
            assertThat(p.permissions()).doesNotContain(Permission.MANAGE_TEAM, Permission.MANAGE_OUTSIDERS);
        }
        assertThat(AccessRules.teamMember(primary().orElseThrow(), PEOPLE)).as("the primary's row is the PRIMARY path").isEmpty();
        assertThat(AccessRules.primary(member(TeamRole.ADVISER).orElseThrow(), PEOPLE)).isEmpty();
    }
}
