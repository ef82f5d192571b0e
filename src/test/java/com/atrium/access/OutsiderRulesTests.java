package com.atrium.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.atrium.access.AccessRules.ClientFacts;
import com.atrium.access.AccessRules.GrantFacts;
import com.atrium.access.AccessSubjects.Subject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The outsider rules, table-driven: grants in, paths out; who may grant what. Pure, no database. */
class OutsiderRulesTests {
    static final ClientFacts CLIENT = new ClientFacts(100, 10);
    static final Instant NOV_4 = Instant.parse("2026-11-04T10:00:00Z");
    static final LocalDate TODAY = LocalDate.of(2026, 11, 20);
    static final Subject OUTSIDER = new Subject(5, 10, "Harbour Wealth", "Anne Martin", "OUTSIDER", false, true);
    static final Subject STAFF = new Subject(6, 10, "Harbour Wealth", "Tom Reyes", "SUPPORT", false, true);
    static final Subject DANIEL = new Subject(7, 10, "Harbour Wealth", "Daniel Okafor", "PROFESSIONAL", false, true);
    static final Map<Long, Subject> PEOPLE = Map.of(7L, DANIEL);

    static GrantFacts grant(GrantSubject s, boolean holder, AccessLevel level, LocalDate expires) {
        return new GrantFacts(1, s, holder, level, expires, 7L, NOV_4);
    }

    static Stream<Arguments> paths() {
        LocalDate nov30 = LocalDate.of(2026, 11, 30);
        return Stream.of(
                Arguments.of("holder RW", OUTSIDER, grant(GrantSubject.FAMILY, true, AccessLevel.READ_WRITE, null), PathKind.HOLDER_READ_WRITE,
                        "Read-write access as holder / co-holder granted by Daniel Okafor on 4 Nov 2026"),
                Arguments.of("holder RO", OUTSIDER, grant(GrantSubject.FAMILY, true, AccessLevel.READ_ONLY, null), PathKind.HOLDER_READ_ONLY, null),
                Arguments.of("family RW until 30 Nov", OUTSIDER, grant(GrantSubject.FAMILY, false, AccessLevel.READ_WRITE, nov30),
                        PathKind.FAMILY_READ_WRITE, "Read-write access as family member granted by Daniel Okafor on 4 Nov 2026, expires 30 Nov 2026"),
                Arguments.of("family RO", OUTSIDER, grant(GrantSubject.FAMILY, false, AccessLevel.READ_ONLY, null), PathKind.FAMILY_READ_ONLY, null),
                Arguments.of("adviser RW", OUTSIDER, grant(GrantSubject.ADVISER, false, AccessLevel.READ_WRITE, null), PathKind.ADVISER_READ_WRITE,
                        "Read-write access as external adviser granted by Daniel Okafor on 4 Nov 2026"),
                Arguments.of("adviser RO", OUTSIDER, grant(GrantSubject.ADVISER, false, AccessLevel.READ_ONLY, null), PathKind.ADVISER_READ_ONLY, null),
                Arguments.of("last day is today: still works", OUTSIDER, grant(GrantSubject.FAMILY, false, AccessLevel.READ_ONLY, TODAY),
                        PathKind.FAMILY_READ_ONLY, null),
                Arguments.of("expired yesterday: nothing", OUTSIDER, grant(GrantSubject.FAMILY, false, AccessLevel.READ_WRITE, TODAY.minusDays(1)),
                        null, null),
                Arguments.of("a grant never gives staff anything", STAFF, grant(GrantSubject.FAMILY, false, AccessLevel.READ_WRITE, null), null, null),
                Arguments.of("another practice: nothing", new Subject(5, 20, "Other", "Anne", "OUTSIDER", false, true),
                        grant(GrantSubject.FAMILY, true, AccessLevel.READ_WRITE, null), null, null),
                Arguments.of("disabled account: nothing", new Subject(5, 10, "Harbour Wealth", "Anne", "OUTSIDER", false, false),
                        grant(GrantSubject.FAMILY, true, AccessLevel.READ_WRITE, null), null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void grantToPath(String name, Subject subject, GrantFacts g, PathKind expected, String words) {
        List<AccessPath> paths = AccessRules.paths(subject, CLIENT, Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(g),
                TODAY, PEOPLE);
        if (expected == null) {
            assertThat(paths).isEmpty();
            return;
        }
        assertThat(paths).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(expected);
            assertThat(p.permissions()).isEqualTo(expected.fixedPermissions());
            if (words != null) {
                assertThat(p.description()).isEqualTo(words);
            }
        });
    }

    static AccessPath path(PathKind k) {
        return new AccessPath(k, null, k.name(), NOV_4, null, k.fixedPermissions());
    }

    static OutsiderGrant existing(boolean holder, AccessLevel level, long grantedBy) {
        return new OutsiderGrant(9, 100, GrantSubject.FAMILY, 3, "Leo Martin", holder, level, "leo@example.org", "+33612345678", null, null,
                grantedBy, "x", NOV_4, false);
    }

    static Stream<Arguments> grantRules() {
        AccessPath primary = path(PathKind.PRIMARY);
        AccessPath manager = path(PathKind.PRACTICE_MANAGER);
        AccessPath team = new AccessPath(PathKind.TEAM, TeamRole.ADVISER, "team", NOV_4, null, TeamRole.ADVISER.permissions());
        AccessPath holderRw = path(PathKind.HOLDER_READ_WRITE);
        AccessPath holderRo = path(PathKind.HOLDER_READ_ONLY);
        AccessPath familyRw = path(PathKind.FAMILY_READ_WRITE);
        return Stream.of(
                Arguments.of("file manager grants an adviser", primary, GrantSubject.ADVISER, AccessLevel.READ_WRITE, null, false, null),
                Arguments.of("practice manager may not", manager, GrantSubject.FAMILY, AccessLevel.READ_ONLY, null, false, "Only the file manager"),
                Arguments.of("team adviser may not", team, GrantSubject.FAMILY, AccessLevel.READ_ONLY, null, false, "Only the file manager"),
                Arguments.of("family member RW may not", familyRw, GrantSubject.FAMILY, AccessLevel.READ_ONLY, null, false, "Only the file manager"),
                Arguments.of("holder RW grants family RW", holderRw, GrantSubject.FAMILY, AccessLevel.READ_WRITE, null, false, null),
                Arguments.of("holder RO grants family RO", holderRo, GrantSubject.FAMILY, AccessLevel.READ_ONLY, null, false, null),
                Arguments.of("holder RO may not grant RW", holderRo, GrantSubject.FAMILY, AccessLevel.READ_WRITE, null, false, "read-only"),
                Arguments.of("holder may not grant an adviser", holderRw, GrantSubject.ADVISER, AccessLevel.READ_ONLY, null, false, "family only"),
                Arguments.of("holder changes a grant they made", holderRw, GrantSubject.FAMILY, AccessLevel.READ_ONLY,
                        existing(false, AccessLevel.READ_WRITE, 5), false, null),
                Arguments.of("holder may not change the file manager's grant", holderRw, GrantSubject.FAMILY, AccessLevel.READ_ONLY,
                        existing(false, AccessLevel.READ_WRITE, 7), false, "only the access you granted"),
                Arguments.of("nobody withdraws a holder's grant", primary, GrantSubject.FAMILY, null, existing(true, AccessLevel.READ_ONLY, 7), true,
                        "never be withdrawn"),
                Arguments.of("nobody downgrades a holder's grant", primary, GrantSubject.FAMILY, AccessLevel.READ_ONLY,
                        existing(true, AccessLevel.READ_WRITE, 7), false, "never be downgraded"),
                Arguments.of("a holder's grant may go up", primary, GrantSubject.FAMILY, AccessLevel.READ_WRITE,
                        existing(true, AccessLevel.READ_ONLY, 7), false, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("grantRules")
    void whoMayGrant(String name, AccessPath actorPath, GrantSubject subject, AccessLevel level, OutsiderGrant existing, boolean withdraw,
                     String refusal) {
        String reason = AccessRules.grantRule(5, List.of(actorPath), subject, level, existing, withdraw);
        if (refusal == null) {
            assertThat(reason).isNull();
        } else {
            assertThat(reason).contains(refusal);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void outsiderPathsNeverGiveStaffWork(String name, Subject subject, GrantFacts g, PathKind expected, String words) {
        if (expected != null) {
            assertThat(expected.fixedPermissions()).doesNotContainAnyElementsOf(EnumSet.of(Permission.RUN_SIMULATIONS, Permission.EXPORT_PLAN,
                    Permission.MANAGE_NOTES, Permission.MANAGE_TEAM, Permission.MANAGE_OUTSIDERS));
        }
    }

    // ------------------------------------------------------------------ holders and co-holders (security review, finding 1)

    static Stream<Arguments> holderRecordRules() {
        AccessPath team = new AccessPath(PathKind.TEAM, TeamRole.ADVISER, "team", NOV_4, null, TeamRole.ADVISER.permissions());
        return Stream.of(
                Arguments.of("the file manager records holders", List.of(path(PathKind.PRIMARY)), true),
                Arguments.of("a practice manager may not", List.of(path(PathKind.PRACTICE_MANAGER)), false),
                Arguments.of("a team adviser with write access may not", List.of(team), false),
                Arguments.of("a secondary adviser may not", List.of(path(PathKind.SECONDARY_ADVISER)), false),
                Arguments.of("a workgroup member may not", List.of(path(PathKind.WORKGROUP_MEMBER)), false),
                Arguments.of("a holder in the portal may not", List.of(path(PathKind.HOLDER_READ_WRITE)), false),
                Arguments.of("a family member in the portal may not", List.of(path(PathKind.FAMILY_READ_WRITE)), false),
                Arguments.of("an external adviser may not", List.of(path(PathKind.ADVISER_READ_WRITE)), false),
                Arguments.of("nobody without a path", List.of(), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("holderRecordRules")
    void whoRecordsHoldersAndCoHolders(String name, List<AccessPath> paths, boolean allowed) {
        String reason = AccessRules.holderRecordRule(paths);
        if (allowed) {
            assertThat(reason).isNull();
        } else {
            assertThat(reason).startsWith("Only the file manager").contains("permanent");
        }
    }

    static Stream<Arguments> removalRules() {
        return Stream.of(
                Arguments.of("no grant: may go", null, null, null),
                Arguments.of("a family grant: withdrawn first", existing(false, AccessLevel.READ_WRITE, 7),
                        "Leo Martin has access to this file (read-write): the file manager withdraws it first", null),
                Arguments.of("a permanent grant: stays in the family and stays holder", existing(true, AccessLevel.READ_ONLY, 7),
                        "Leo Martin has access to this file as holder or co-holder, which is permanent, so they stay in the family.",
                        "Leo Martin has permanent access to this file as holder or co-holder, so they stay holder or co-holder."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("removalRules")
    void aPersonWithAGrantStaysInTheFamily(String name, OutsiderGrant grant, String removal, String endOfRecord) {
        String reason = AccessRules.familyMemberRemovalRule("Leo Martin", grant);
        if (removal == null) {
            assertThat(reason).isNull();
        } else {
            assertThat(reason).startsWith(removal);
        }
        assertThat(AccessRules.holderRecordEndRule("Leo Martin", grant)).isEqualTo(endOfRecord);
    }
}
