package com.atrium.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.atrium.bench.DataGenerator.Scale;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's correctness on the small dataset, in the normal suite: the generator is deterministic and keeps its
 * promises, the loader puts every row in Atrium's schema (constraints on), and Atrium, Spring Security ACL and
 * jCasbin give the same answers as the oracle. Uses its own database (the loader writes fixed ids).
 */
class BenchmarkCorrectnessTests {
    private static Dataset data;
    private static BenchDatabase db;
    private static AtriumLoader.Result loaded;
    private static AtriumPeer atrium;
    private static AclPeer acl;
    private static CasbinPeer casbin;
    private static Features features;

    @BeforeAll
    static void load() throws Exception {
        data = DataGenerator.generate(7, Scale.SMALL);
        db = BenchDatabase.create("benchtest");
        try (Connection c = db.connect()) {
            features = Features.detect(c);
            loaded = AtriumLoader.load(data, c, features);
        }
        acl = new AclPeer(data, db, features);
        casbin = new CasbinPeer(data, db.pool(), features);
        atrium = new AtriumPeer(db);
    }

    @AfterAll
    static void drop() throws Exception {
        if (atrium != null) {
            atrium.close();
        }
        if (acl != null) {
            acl.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void theSameSeedGivesTheSameDatasetAndAnotherSeedAnotherOne() {
        assertThat(DataGenerator.generate(7, Scale.SMALL).fingerprint()).isEqualTo(data.fingerprint());
        assertThat(DataGenerator.generate(8, Scale.SMALL).fingerprint()).isNotEqualTo(data.fingerprint());
    }

    @Test
    void theGeneratorKeepsTheScaleAndTheNamedActors() {
        assertThat(data.practices).hasSize(Scale.SMALL.practices());
        assertThat(data.households).hasSize(Scale.SMALL.households());
        assertThat(data.staffCount()).isEqualTo(Scale.SMALL.staff());
        assertThat(data.workgroups).hasSize(Scale.SMALL.workgroups());
        assertThat(data.grants).hasSize(Scale.SMALL.grants());
        assertThat(data.expiredGrants()).isPositive().isLessThan(data.grants.size());
        assertThat(data.assignedClients()).isBetween(data.households.size() * 50L / 100, data.households.size() * 70L / 100);

        Dataset.NamedActors n = data.named();
        assertThat(data.user(n.manager()).manager()).isTrue();
        assertThat(data.workgroups.stream().filter(w -> w.members().contains(n.assistant())).count()).isEqualTo(5);
        assertThat(data.user(n.assistant()).type()).isEqualTo(Dataset.Type.ASSISTANT);
        assertThat(data.user(n.outsider()).type()).isEqualTo(Dataset.Type.OUTSIDER);
        assertThat(data.grants.stream().filter(g -> g.outsiderId() == n.outsider()).count()).isPositive();
        Oracle oracle = new Oracle(data, Features.NONE);
        assertThat(oracle.visibleCount(n.adviser())).isBetween(Scale.SMALL.adviserClients() * 8L / 10, Scale.SMALL.adviserClients() * 15L / 10);
        // every assistant is in 1 to 5 workgroups
        data.users.stream().filter(u -> u.type() == Dataset.Type.ASSISTANT).forEach(u ->
                assertThat(data.workgroups.stream().filter(w -> w.members().contains(u.id())).count()).isBetween(1L, 5L));
    }

    @Test
    void theLoaderPutsEveryRowInAtriumsSchema() throws Exception {
        Map<String, Long> expected = Map.of("practice", (long) data.practices.size(), "app_user", (long) data.users.size(),
                "household", (long) data.households.size(), "person", data.people.size() + data.grants.stream().filter(g -> !g.externalAdviser()).count(), "access_team", (long) data.team.size(),
                "access_client", (long) data.households.size(), "workgroup", (long) data.workgroups.size(),
                "workgroup_client", data.assignedClients(), "workgroup_member", data.workgroupMemberships(),
                "access_workgroup_member", data.workgroupMemberships() + data.workgroups.size());
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (Map.Entry<String, Long> e : expected.entrySet()) {
                assertThat(loaded.rows().get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + e.getKey())) {
                    rs.next();
                    assertThat(rs.getLong(1)).as(e.getKey()).isEqualTo(e.getValue());
                }
            }
            // exactly one primary row per client, as the schema demands
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM access_team WHERE primary_marker")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(data.households.size());
            }
        }
    }

    @Test
    void atriumAclAndCasbinAgreeWithTheOracle() {
        Oracle oracle = new Oracle(data, features);
        Dataset.NamedActors n = data.named();
        Equivalence.Result result = Equivalence.check(data, oracle, Equivalence.pairs(data, 600, 11), List.of(atrium, acl, casbin),
                List.of(n.manager(), n.adviser(), n.assistant(), n.outsider()));
        assertThat(result.mismatches()).isEmpty();
        assertThat(result.allowed()).isBetween(result.pairs() / 10, result.pairs() * 9 / 10);
        assertThat(result.pagesCompared()).containsEntry("Atrium", 8).containsEntry("jCasbin", 8);
        assertThat(result.totals()).hasSize(8).containsEntry("first page of user " + n.adviser(), oracle.visibleCount(n.adviser()));
    }

    @Test
    void aWrongTotalIsCaughtEvenWithTheRightPage() {
        Peer miscounting = new Peer() {
            @Override
            public String name() {
                return "miscounting";
            }

            @Override
            public boolean canView(long userId, long clientId) {
                return casbin.canView(userId, clientId);
            }

            @Override
            public Listing list(long userId, String query, int size) {
                Listing right = casbin.list(userId, query, size);
                return new Listing(right.page(), right.total() + 1);
            }
        };
        long adviser = data.named().adviser();
        Equivalence.Result result = Equivalence.check(data, new Oracle(data, features), Equivalence.pairs(data, 50, 5), List.of(atrium, miscounting),
                List.of(adviser));
        assertThat(result.mismatches()).isNotEmpty().allMatch(m -> m.startsWith("miscounting: ") && m.contains("has total"));
    }

    @Test
    void aDisagreementIsCaught() {
        Peer liar = new Peer() {
            @Override
            public String name() {
                return "always-yes";
            }

            @Override
            public boolean canView(long userId, long clientId) {
                return true;
            }

            @Override
            public Listing list(long userId, String query, int size) {
                return Listing.EMPTY;
            }
        };
        Equivalence.Result result = Equivalence.check(data, new Oracle(data, features), Equivalence.pairs(data, 200, 3), List.of(casbin, liar),
                List.of(data.named().adviser()));
        assertThat(result.ok()).isFalse();
        assertThat(result.mismatches()).anyMatch(m -> m.startsWith("always-yes"));
    }
}
