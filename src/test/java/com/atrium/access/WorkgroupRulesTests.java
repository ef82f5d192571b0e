package com.atrium.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.atrium.access.AccessRules.ClientFacts;
import com.atrium.access.AccessRules.SecondaryFacts;
import com.atrium.access.AccessRules.WorkgroupFacts;
import com.atrium.access.AccessSubjects.Subject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The workgroup and secondary-adviser rules, table-driven: facts in, paths (kind and words) out. */
class WorkgroupRulesTests {
    static final Instant MAY_3 = Instant.parse("2026-05-03T10:00:00Z");
    static final ClientFacts CLIENT = new ClientFacts(7, 1);
    static final Subject OWNER = new Subject(10, 1, null, "Daniel Okafor", "PROFESSIONAL", false, true);
    static final Subject ASSISTANT = new Subject(11, 1, null, "Amy Fischer", "ASSISTANT", false, true);
    static final Subject SUPPORT = new Subject(12, 1, null, "Tom Reyes", "SUPPORT", false, true);
    static final Subject PRO = new Subject(13, 1, null, "Sophie Lambert", "PROFESSIONAL", false, true);
    static final Subject FOREIGN = new Subject(20, 2, null, "Grace Whitfield", "PROFESSIONAL", false, true);
    static final Subject DISABLED = new Subject(14, 1, null, "Gone Away", "ASSISTANT", false, false);
    static final Subject OUTSIDER = new Subject(15, 1, null, "Out Sider", "OUTSIDER", false, true);
    static final Map<Long, Subject> PEOPLE = Map.of(10L, OWNER, 11L, ASSISTANT, 12L, SUPPORT, 13L, PRO);

    static WorkgroupFacts member(Subject s) {
        return new WorkgroupFacts(3, "Okafor clients", OWNER.userId(), s.userId() == OWNER.userId(), MAY_3);
    }

    static Stream<Arguments> table() {
        SecondaryFacts secondaryPro = new SecondaryFacts(PRO.userId(), OWNER.userId(), MAY_3);
        return Stream.of(
                Arguments.of("member of the client's workgroup", ASSISTANT, Optional.of(member(ASSISTANT)), Optional.empty(),
                        List.of("WORKGROUP_MEMBER: Member of workgroup \u201cOkafor clients\u201d (owner Daniel Okafor) since 3 May 2026,"
                                + " to which this client is assigned")),
                Arguments.of("owner of the client's workgroup", OWNER, Optional.of(member(OWNER)), Optional.empty(),
                        List.of("WORKGROUP_MEMBER: Owner of workgroup \u201cOkafor clients\u201d, to which this client is assigned")),
                Arguments.of("support staff member", SUPPORT, Optional.of(member(SUPPORT)), Optional.empty(),
                        List.of("WORKGROUP_MEMBER: Member of workgroup \u201cOkafor clients\u201d (owner Daniel Okafor) since 3 May 2026,"
                                + " to which this client is assigned")),
                Arguments.of("no workgroup facts: nothing", ASSISTANT, Optional.empty(), Optional.empty(), List.of()),
                Arguments.of("disabled member: nothing", DISABLED, Optional.of(member(DISABLED)), Optional.empty(), List.of()),
                Arguments.of("other practice: nothing", FOREIGN, Optional.of(member(FOREIGN)), Optional.empty(), List.of()),
                Arguments.of("outsider never through a workgroup", OUTSIDER, Optional.of(member(OUTSIDER)), Optional.empty(), List.of()),
                Arguments.of("secondary adviser", PRO, Optional.empty(), Optional.of(secondaryPro),
                        List.of("SECONDARY_ADVISER: Secondary adviser since 3 May 2026, appointed by Daniel Okafor")),
                Arguments.of("someone else is secondary", ASSISTANT, Optional.empty(), Optional.of(secondaryPro), List.of()),
                Arguments.of("an assistant is never secondary, even if recorded", ASSISTANT, Optional.empty(),
                        Optional.of(new SecondaryFacts(ASSISTANT.userId(), null, MAY_3)), List.of()),
                Arguments.of("secondary and member: both paths", PRO, Optional.of(member(PRO)), Optional.of(secondaryPro),
                        List.of("SECONDARY_ADVISER: Secondary adviser since 3 May 2026, appointed by Daniel Okafor",
                                "WORKGROUP_MEMBER: Member of workgroup \u201cOkafor clients\u201d (owner Daniel Okafor) since 3 May 2026,"
                                        + " to which this client is assigned")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void pathsFromWorkgroupAndSecondaryFacts(String name, Subject subject, Optional<WorkgroupFacts> workgroup,
                                             Optional<SecondaryFacts> secondary, List<String> expected) {
        List<AccessPath> paths = AccessRules.paths(subject, CLIENT, Optional.empty(), workgroup, secondary, PEOPLE);
        assertThat(paths).extracting(p -> p.kind() + ": " + p.description()).containsExactlyElementsOf(expected);
        paths.forEach(p -> assertThat(p.permissions()).isEqualTo(AccessRulesTests.household(p.kind().fixedPermissions())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void noWorkgroupOrSecondaryPathManagesAccessOrOutsiders(String name, Subject subject, Optional<WorkgroupFacts> workgroup,
                                                           Optional<SecondaryFacts> secondary, List<String> expected) {
        assertThat(AccessRules.union(AccessRules.paths(subject, CLIENT, Optional.empty(), workgroup, secondary, PEOPLE)))
                .doesNotContain(Permission.MANAGE_TEAM, Permission.MANAGE_OUTSIDERS);
    }
}
