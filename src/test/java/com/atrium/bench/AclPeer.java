package com.atrium.bench;

import com.atrium.access.Permission;
import com.atrium.bench.Dataset.Household;
import com.atrium.bench.Dataset.OutsiderGrant;
import com.atrium.bench.Dataset.TeamMember;
import com.atrium.bench.Dataset.User;
import com.atrium.bench.Dataset.Workgroup;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.cache.concurrent.ConcurrentMapCache;
import org.springframework.security.acls.AclPermissionEvaluator;
import org.springframework.security.acls.domain.AbstractPermission;
import org.springframework.security.acls.domain.AclAuthorizationStrategyImpl;
import org.springframework.security.acls.domain.ConsoleAuditLogger;
import org.springframework.security.acls.domain.DefaultPermissionFactory;
import org.springframework.security.acls.domain.DefaultPermissionGrantingStrategy;
import org.springframework.security.acls.domain.SpringCacheBasedAclCache;
import org.springframework.security.acls.jdbc.BasicLookupStrategy;
import org.springframework.security.acls.jdbc.JdbcMutableAclService;
import org.springframework.security.acls.model.AccessControlEntry;
import org.springframework.security.acls.model.PermissionGrantingStrategy;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Spring Security ACL as a Java team would set it up for Atrium's rules: the standard schema
 * ({@code createAclSchemaPostgres.sql} from the spring-security-acl jar) in its own PostgreSQL schema {@code acl} of the
 * run's database, {@link JdbcMutableAclService} with {@link BasicLookupStrategy} and the documented
 * {@link SpringCacheBasedAclCache} (over an unbounded {@link ConcurrentMapCache}), and checks through
 * {@link AclPermissionEvaluator#hasPermission(Authentication, java.io.Serializable, String, Object)}.
 *
 * <p>Mapping (one ACE per path, its mask the union of the path's permissions, bit i = {@code Permission.values()[i]}):
 * <ul>
 *   <li>object identities: {@code practice:<id>} (no parent), {@code workgroup:<id>} (parent: its practice),
 *       {@code household:<id>} (parent: its workgroup if assigned, else its practice), all inheriting entries;
 *       a household's owner SID is its primary professional;</li>
 *   <li>SIDs: a {@code PrincipalSid} {@code u<userId>} per person; {@code GrantedAuthoritySid}s {@code PM_<practice>}
 *       (practice managers, an authority of the user's Authentication) and {@code WG_<group>} (owner and members);</li>
 *   <li>ACEs: on the practice, {@code PM_<p>} with the manager's permissions; on a workgroup, {@code WG_<g>} with the
 *       workgroup member's permissions (inherited by its households); on a household, one per team row ({@code u<id>},
 *       primary: everything, else the role's permissions), one for the secondary adviser, one per live outsider grant
 *       (read-write or read-only; expired grants are not loaded, as the clean-up job a Spring ACL team writes would have
 *       deleted them: ACL has no expiry);</li>
 *   <li>a disabled account gets no {@code Authentication} (it cannot log in), so every check denies.</li>
 * </ul>
 * Permissions are bit masks combined per ACE, so the granting strategy tests {@code (ace & required) == required}
 * (the documented extension point {@link DefaultPermissionGrantingStrategy#isGranted(AccessControlEntry,
 * org.springframework.security.acls.model.Permission)}; the default compares masks for equality).
 *
 * <p>Lists: ACL cannot filter in SQL, so the page is the practice's households in name order (the tenant is known),
 * streamed from PostgreSQL and post-filtered with {@code hasPermission} until the page is full (early exit: the best
 * case for a post-filter; {@code @PostFilter} would check the whole collection).
 */
public final class AclPeer implements Peer {
    static final String SCHEMA = "acl";

    /**
     * Atrium's permissions as ACL permissions (bit = ordinal); {@link DefaultPermissionFactory} registers these public
     * constants and reads a combined mask back as a {@code CumulativePermission}.
     */
    public static final class AtriumAclPermission extends AbstractPermission {
        public static final AtriumAclPermission VIEW_FILE = of(Permission.VIEW_FILE, 'V');
        public static final AtriumAclPermission EDIT_PROFILE = of(Permission.EDIT_PROFILE, 'P');
        public static final AtriumAclPermission EDIT_FAMILY = of(Permission.EDIT_FAMILY, 'F');
        public static final AtriumAclPermission EDIT_INVENTORIES = of(Permission.EDIT_INVENTORIES, 'I');
        public static final AtriumAclPermission MANAGE_NOTES = of(Permission.MANAGE_NOTES, 'N');
        public static final AtriumAclPermission RUN_SIMULATIONS = of(Permission.RUN_SIMULATIONS, 'S');
        public static final AtriumAclPermission EXPORT_PLAN = of(Permission.EXPORT_PLAN, 'E');
        public static final AtriumAclPermission MANAGE_TEAM = of(Permission.MANAGE_TEAM, 'T');
        public static final AtriumAclPermission MANAGE_OUTSIDERS = of(Permission.MANAGE_OUTSIDERS, 'O');
        public static final AtriumAclPermission GRANT_FAMILY = of(Permission.GRANT_FAMILY, 'G');
        public static final AtriumAclPermission VIEW_ENGAGEMENT = of(Permission.VIEW_ENGAGEMENT, 'Y');
        public static final AtriumAclPermission COMPLETE_SURVEYS = of(Permission.COMPLETE_SURVEYS, 'C');
        public static final AtriumAclPermission RUN_VALUES_SESSION = of(Permission.RUN_VALUES_SESSION, 'R');

        AtriumAclPermission(int mask, char code) {
            super(mask, code);
        }

        private static AtriumAclPermission of(Permission p, char code) {
            return new AtriumAclPermission(1 << p.ordinal(), code);
        }
    }

    static final AtriumAclPermission VIEW = AtriumAclPermission.VIEW_FILE;

    /** Bitwise: an ACE grants every permission whose bits its mask contains. */
    static final class BitwiseGrantingStrategy extends DefaultPermissionGrantingStrategy {
        BitwiseGrantingStrategy() {
            super(new ConsoleAuditLogger());
        }

        @Override
        protected boolean isGranted(AccessControlEntry ace, org.springframework.security.acls.model.Permission p) {
            return (ace.getPermission().getMask() & p.getMask()) == p.getMask();
        }
    }

    private final Dataset d;
    private final DataSource candidates;
    private final DataSource aclPool;
    private AclPermissionEvaluator evaluator;
    private JdbcMutableAclService service;
    private final Map<Long, Authentication> authentications = new HashMap<>();
    private final Map<String, Long> loaded;
    private final long loadMillis;

    /** Creates the ACL schema in the run's database, loads the facts by COPY and builds the service. */
    public AclPeer(Dataset d, BenchDatabase db, Features features) throws SQLException, IOException {
        this.d = d;
        long start = System.nanoTime();
        try (Connection c = db.connect()) {
            loaded = load(d, c, features);
        }
        loadMillis = (System.nanoTime() - start) / 1_000_000;
        this.candidates = db.pool();
        this.aclPool = db.pool(SCHEMA, 4);
        AclAuthorizationStrategyImpl authorization = new AclAuthorizationStrategyImpl(new SimpleGrantedAuthority("ROLE_ADMIN"));
        PermissionGrantingStrategy granting = new BitwiseGrantingStrategy();
        SpringCacheBasedAclCache cache = new SpringCacheBasedAclCache(new ConcurrentMapCache("acl"), granting, authorization);
        BasicLookupStrategy lookup = new BasicLookupStrategy(aclPool, cache, authorization, granting);
        DefaultPermissionFactory permissions = new DefaultPermissionFactory(AtriumAclPermission.class);
        lookup.setPermissionFactory(permissions);
        service = new JdbcMutableAclService(aclPool, lookup, cache);
        service.setClassIdentityQuery("select currval(pg_get_serial_sequence('acl_class', 'id'))");
        service.setSidIdentityQuery("select currval(pg_get_serial_sequence('acl_sid', 'id'))");
        evaluator = new AclPermissionEvaluator(service);
        evaluator.setPermissionFactory(permissions);

        Map<Long, List<GrantedAuthority>> authorities = new HashMap<>();
        for (Workgroup w : d.workgroups) {
            authorities.computeIfAbsent(w.ownerId(), k -> new ArrayList<>()).add(new SimpleGrantedAuthority("WG_" + w.id()));
            for (long m : w.members()) {
                authorities.computeIfAbsent(m, k -> new ArrayList<>()).add(new SimpleGrantedAuthority("WG_" + w.id()));
            }
        }
        for (User u : d.users) {
            if (!u.active()) {
                continue;
            }
            List<GrantedAuthority> list = new ArrayList<>();
            if (u.staff()) {
                list.addAll(authorities.getOrDefault(u.id(), List.of()));
                if (u.manager()) {
                    list.add(new SimpleGrantedAuthority("PM_" + u.practiceId()));
                }
            }
            authentications.put(u.id(), UsernamePasswordAuthenticationToken.authenticated("u" + u.id(), null, list));
        }
    }

    @Override
    public String name() {
        return "Spring Security ACL";
    }

    public Map<String, Long> loaded() {
        return loaded;
    }

    public long loadMillis() {
        return loadMillis;
    }

    public JdbcMutableAclService service() {
        return service;
    }

    @Override
    public boolean canView(long userId, long clientId) {
        Authentication auth = authentications.get(userId);
        return auth != null && evaluator.hasPermission(auth, clientId, "household", VIEW);
    }

    @Override
    public Listing list(long userId, String query, int size) {
        Authentication auth = authentications.get(userId);
        if (auth == null) {
            return Listing.EMPTY;
        }
        return PostFilter.list(candidates, d.user(userId).practiceId(), query, size,
                id -> evaluator.hasPermission(auth, id, "household", VIEW));
    }

    @Override
    public List<Long> firstPage(long userId, String query, int size) {
        Authentication auth = authentications.get(userId);
        if (auth == null) {
            return List.of();
        }
        return PostFilter.firstPage(candidates, d.user(userId).practiceId(), query, size,
                id -> evaluator.hasPermission(auth, id, "household", VIEW));
    }

    @Override
    public void close() {
        ((com.zaxxer.hikari.HikariDataSource) aclPool).close();
    }

    /**
     * Closes the pool and lets the ACL cache go (the counts for the report stay): the HTTP rows run after the
     * in-process ones, and their load generator must not share its JVM with a heap of cached ACLs.
     */
    public void release() {
        close();
        evaluator = null;
        service = null;
        authentications.clear();
    }

    // ------------------------------------------------------------------ loading

    private static Map<String, Long> load(Dataset d, Connection c, Features features) throws SQLException, IOException {
        Map<String, Long> rows = new LinkedHashMap<>();
        String ddl;
        try (InputStream in = JdbcMutableAclService.class.getClassLoader().getResourceAsStream("createAclSchemaPostgres.sql")) {
            ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + SCHEMA);
            s.execute("SET search_path TO " + SCHEMA);
            s.execute(ddl);
        }
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        long practices = d.practices.size();
        long groups = d.workgroups.size();
        long maxUser = d.users.get(d.users.size() - 1).id();
        long system = maxUser + practices + groups + 1;

        rows.put("acl_class", AtriumLoader.copy(copy, "acl_class (id, class)", List.of("household", "workgroup", "practice"),
                new AtriumLoader.RowWriter<String>() {
                    int i = 0;

                    @Override
                    public void write(String name, AtriumLoader.Row r) {
                        r.add(++i).add(name);
                    }
                }));
        List<Object[]> sids = new ArrayList<>();
        d.users.forEach(u -> sids.add(new Object[] {u.id(), true, "u" + u.id()}));
        d.practices.forEach(p -> sids.add(new Object[] {maxUser + p.id(), false, "PM_" + p.id()}));
        d.workgroups.forEach(w -> sids.add(new Object[] {maxUser + practices + w.id(), false, "WG_" + w.id()}));
        sids.add(new Object[] {system, true, "system"});
        rows.put("acl_sid", AtriumLoader.copy(copy, "acl_sid (id, principal, sid)", sids, (Object[] s, AtriumLoader.Row r) ->
                r.add(s[0]).add(s[1]).add(s[2])));

        // object identities: practices 1..P, workgroups P+g, households P+G+h
        List<long[]> ois = new ArrayList<>();
        d.practices.forEach(p -> ois.add(new long[] {p.id(), 3, p.id(), 0, system}));
        d.workgroups.forEach(w -> ois.add(new long[] {practices + w.id(), 2, w.id(), w.practiceId(), system}));
        for (Household h : d.households) {
            long parent = h.workgroupId() != null ? practices + h.workgroupId() : h.practiceId();
            ois.add(new long[] {practices + groups + h.id(), 1, h.id(), parent, h.primaryId()});
        }
        rows.put("acl_object_identity", AtriumLoader.copy(copy, "acl_object_identity (id, object_id_class, object_id_identity, "
                + "parent_object, owner_sid, entries_inheriting)", ois, (long[] o, AtriumLoader.Row r) ->
                r.add(o[0]).add(o[1]).add(Long.toString(o[2])).add(o[3] == 0 ? null : o[3]).add(o[4]).add(true)));

        // entries: {oi, sid, mask}; ace_order counts per object identity
        List<long[]> aces = new ArrayList<>();
        d.practices.forEach(p -> aces.add(new long[] {p.id(), maxUser + p.id(), Catalogue.mask(Catalogue.MANAGER)}));
        d.workgroups.forEach(w -> aces.add(new long[] {practices + w.id(), maxUser + practices + w.id(), Catalogue.mask(Catalogue.WORKGROUP)}));
        long hBase = practices + groups;
        for (TeamMember t : d.team) {
            aces.add(new long[] {hBase + t.clientId(), t.userId(), Catalogue.mask(t.primary() ? Catalogue.PRIMARY : Catalogue.team(t.role()))});
        }
        for (Household h : d.households) {
            if (h.secondaryId() != null) {
                aces.add(new long[] {hBase + h.id(), h.secondaryId(), Catalogue.mask(Catalogue.SECONDARY)});
            }
        }
        if (features.outsiderGrants()) {
            for (OutsiderGrant g : d.grants) {
                if (g.liveAt(d.now)) {
                    aces.add(new long[] {hBase + g.clientId(), g.outsiderId(),
                            Catalogue.mask(Catalogue.grant(g).fixedPermissions())});
                }
            }
        }
        aces.sort((a, b) -> Long.compare(a[0], b[0]));
        rows.put("acl_entry", AtriumLoader.copy(copy, "acl_entry (id, acl_object_identity, ace_order, sid, mask, granting, "
                + "audit_success, audit_failure)", aces, new AtriumLoader.RowWriter<long[]>() {
                    long id = 0;
                    long lastOi = -1;
                    int order = 0;

                    @Override
                    public void write(long[] a, AtriumLoader.Row r) {
                        order = a[0] == lastOi ? order + 1 : 0;
                        lastOi = a[0];
                        r.add(++id).add(a[0]).add(order).add(a[1]).add(a[2]).add(true).add(false).add(false);
                    }
                }));
        try (Statement s = c.createStatement()) {
            for (String t : List.of("acl_class", "acl_sid", "acl_object_identity", "acl_entry")) {
                s.execute("SELECT setval(pg_get_serial_sequence('" + SCHEMA + "." + t + "', 'id'), (SELECT MAX(id) FROM " + SCHEMA + "." + t + "))");
            }
            s.execute("SET search_path TO public");
        }
        c.commit();
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute("ANALYZE " + SCHEMA + ".acl_object_identity");
            s.execute("ANALYZE " + SCHEMA + ".acl_entry");
            s.execute("ANALYZE " + SCHEMA + ".acl_sid");
        }
        c.setAutoCommit(auto);
        return rows;
    }
}
