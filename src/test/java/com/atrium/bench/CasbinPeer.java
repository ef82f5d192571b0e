package com.atrium.bench;

import com.atrium.access.Permission;
import com.atrium.bench.Dataset.Household;
import com.atrium.bench.Dataset.OutsiderGrant;
import com.atrium.bench.Dataset.Role;
import com.atrium.bench.Dataset.TeamMember;
import com.atrium.bench.Dataset.User;
import com.atrium.bench.Dataset.Workgroup;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.casbin.jcasbin.main.SyncedCachedEnforcer;

/**
 * jCasbin as a Java team would model Atrium's rules: RBAC with domains (domain = practice), a small catalogue of
 * role policies, and the per-client facts as role links ({@code g}) in the client's practice. The enforcer is the
 * documented thread-safe, decision-caching {@link SyncedCachedEnforcer}, loaded from a CSV policy file (the
 * standard file adapter) written from the dataset.
 *
 * <p>Model ({@link #MODEL}): a request is {@code (u<user>, p<practice of the client>, c<client>, <PERMISSION>)}. A
 * policy {@code p, ROLE, client, PERMISSION} grants through a link {@code g, u<user>, ROLE@c<client>, p<practice>};
 * a policy {@code p, MANAGER, practice, PERMISSION} through {@code g, u<user>, MANAGER, p<practice>}. Mapping:
 * <ul>
 *   <li>practice manager (active staff with the capability): {@code g, u, MANAGER, p};</li>
 *   <li>primary professional: {@code g, u, PRIMARY@c, p}; team member: {@code g, u, <ROLE>@c, p};
 *       secondary adviser: {@code g, u, SECONDARY@c, p};</li>
 *   <li>workgroups as roles with inheritance: {@code g, u, wg<id>, p} for the owner and each member, and
 *       {@code g, wg<id>, WORKGROUP@c, p} for each client assigned to it;</li>
 *   <li>live outsider grants: {@code g, u, FAMILY_READ_WRITE@c, p} (or {@code FAMILY_READ_ONLY}, {@code ADVISER_READ_WRITE}, {@code ADVISER_READ_ONLY}, Atrium's path names) (expired grants are not loaded:
 *       Casbin has no expiry of links);</li>
 *   <li>a disabled account cannot log in, so it is denied before the enforcer is asked;</li>
 *   <li>another practice's user has no link in the client's domain, so the matcher fails.</li>
 * </ul>
 * One enforcer serves all practices (the domain partitions the role graph); there are about 60 policy lines, and
 * the per-client facts live in the role manager's hash maps rather than as policy lines the matcher would scan.
 */
public final class CasbinPeer implements Peer {
    static final String MODEL = """
            [request_definition]
            r = sub, dom, obj, act

            [policy_definition]
            p = sub, scope, act

            [role_definition]
            g = _, _, _

            [policy_effect]
            e = some(where (p.eft == allow))

            [matchers]
            m = r.act == p.act && ((p.scope == "client" && g(r.sub, p.sub + "@" + r.obj, r.dom)) || (p.scope == "practice" && g(r.sub, p.sub, r.dom)))
            """;

    private final Dataset d;
    private final DataSource candidates;
    private SyncedCachedEnforcer enforcer;
    private final long[] practiceOfClient;
    private final boolean[] active;
    private final long policyLines;
    private final long links;
    private final long loadMillis;

    public CasbinPeer(Dataset d, DataSource candidates, Features features) throws IOException {
        this.d = d;
        this.candidates = candidates;
        long start = System.nanoTime();
        Path dir = Files.createTempDirectory("atrium-casbin");
        Path model = dir.resolve("model.conf");
        Path policy = dir.resolve("policy.csv");
        Files.writeString(model, MODEL);
        long[] counts = writePolicy(d, policy, features);
        policyLines = counts[0];
        links = counts[1];
        org.casbin.jcasbin.util.Util.enableLog = false; // it would print every role link while loading
        enforcer = new SyncedCachedEnforcer(model.toString(), policy.toString());
        enforcer.enableLog(false);
        loadMillis = (System.nanoTime() - start) / 1_000_000;
        Files.delete(policy);
        Files.delete(model);
        Files.delete(dir);
        long maxClient = d.households.get(d.households.size() - 1).id();
        practiceOfClient = new long[(int) maxClient + 1];
        d.households.forEach(h -> practiceOfClient[(int) h.id()] = h.practiceId());
        long maxUser = d.users.get(d.users.size() - 1).id();
        active = new boolean[(int) maxUser + 1];
        d.users.forEach(u -> active[(int) u.id()] = u.active());
    }

    @Override
    public String name() {
        return "jCasbin";
    }

    public long policyLines() {
        return policyLines;
    }

    public long links() {
        return links;
    }

    public long loadMillis() {
        return loadMillis;
    }

    public SyncedCachedEnforcer enforcer() {
        return enforcer;
    }

    /** Lets the enforcer and its role links go (the counts for the report stay): see {@link AclPeer#release()}. */
    public void release() {
        enforcer = null;
    }

    @Override
    public boolean canView(long userId, long clientId) {
        if (userId <= 0 || userId >= active.length || !active[(int) userId] || clientId <= 0 || clientId >= practiceOfClient.length) {
            return false;
        }
        return enforcer.enforce("u" + userId, "p" + practiceOfClient[(int) clientId], "c" + clientId, Permission.VIEW_FILE.name());
    }

    @Override
    public Listing list(long userId, String query, int size) {
        User u = d.user(userId);
        if (u == null || !u.active()) {
            return Listing.EMPTY;
        }
        String sub = "u" + userId;
        String dom = "p" + u.practiceId();
        return PostFilter.list(candidates, u.practiceId(), query, size,
                id -> enforcer.enforce(sub, dom, "c" + id, Permission.VIEW_FILE.name()));
    }

    @Override
    public List<Long> firstPage(long userId, String query, int size) {
        User u = d.user(userId);
        if (u == null || !u.active()) {
            return List.of();
        }
        String sub = "u" + userId;
        String dom = "p" + u.practiceId();
        return PostFilter.firstPage(candidates, u.practiceId(), query, size,
                id -> enforcer.enforce(sub, dom, "c" + id, Permission.VIEW_FILE.name()));
    }

    /** Writes the policy CSV; returns {policy lines, grouping lines}. */
    private static long[] writePolicy(Dataset d, Path file, Features features) throws IOException {
        long p = 0;
        long g = 0;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            Map<String, Set<Permission>> clientRoles = new java.util.LinkedHashMap<>();
            clientRoles.put("PRIMARY", Catalogue.PRIMARY);
            for (Role r : Role.values()) {
                clientRoles.put(r.name(), Catalogue.team(r));
            }
            clientRoles.put("SECONDARY", Catalogue.SECONDARY);
            clientRoles.put("WORKGROUP", Catalogue.WORKGROUP);
            for (String kind : List.of("FAMILY_READ_WRITE", "FAMILY_READ_ONLY", "ADVISER_READ_WRITE", "ADVISER_READ_ONLY")) {
                clientRoles.put(kind, com.atrium.access.PathKind.valueOf(kind).fixedPermissions());
            }
            for (Map.Entry<String, Set<Permission>> e : clientRoles.entrySet()) {
                for (Permission perm : e.getValue()) {
                    w.write("p, " + e.getKey() + ", client, " + perm.name() + "\n");
                    p++;
                }
            }
            for (Permission perm : Catalogue.MANAGER) {
                w.write("p, MANAGER, practice, " + perm.name() + "\n");
                p++;
            }
            for (User u : d.users) {
                if (u.staff() && u.manager()) {
                    w.write("g, u" + u.id() + ", MANAGER, p" + u.practiceId() + "\n");
                    g++;
                }
            }
            Map<Long, Long> practiceOf = new java.util.HashMap<>(d.households.size() * 2);
            d.households.forEach(h -> practiceOf.put(h.id(), h.practiceId()));
            for (TeamMember t : d.team) {
                w.write("g, u" + t.userId() + ", " + (t.primary() ? "PRIMARY" : t.role().name()) + "@c" + t.clientId() + ", p"
                        + practiceOf.get(t.clientId()) + "\n");
                g++;
            }
            for (Household h : d.households) {
                if (h.secondaryId() != null) {
                    w.write("g, u" + h.secondaryId() + ", SECONDARY@c" + h.id() + ", p" + h.practiceId() + "\n");
                    g++;
                }
                if (h.workgroupId() != null) {
                    w.write("g, wg" + h.workgroupId() + ", WORKGROUP@c" + h.id() + ", p" + h.practiceId() + "\n");
                    g++;
                }
            }
            for (Workgroup wg : d.workgroups) {
                w.write("g, u" + wg.ownerId() + ", wg" + wg.id() + ", p" + wg.practiceId() + "\n");
                g++;
                for (long m : wg.members()) {
                    w.write("g, u" + m + ", wg" + wg.id() + ", p" + wg.practiceId() + "\n");
                    g++;
                }
            }
            if (features.outsiderGrants()) {
                for (OutsiderGrant gr : d.grants) {
                    if (gr.liveAt(d.now)) {
                        w.write("g, u" + gr.outsiderId() + ", " + Catalogue.grant(gr).name() + "@c" + gr.clientId()
                                + ", p" + gr.practiceId() + "\n");
                        g++;
                    }
                }
            }
        }
        return new long[] {p, g};
    }
}
