package com.atrium.bench;

import com.atrium.AtriumApplication;
import com.atrium.access.AccessService;
import com.atrium.access.Explanation;
import com.atrium.access.Permission;
import com.atrium.household.ClientSummary;
import com.atrium.household.HouseholdService;
import com.atrium.practice.PracticeService;
import com.atrium.shared.Actor;
import com.atrium.shared.Page;
import com.atrium.shared.PageRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Atrium itself, in-process: the real application context (no web server) on the loaded database, asked through
 * its public services: {@link AccessService#allows(long, Permission, long)} (the yes/no check by user id, the same answer as
 * the integrators' check, which also reads the user and so denies a disabled account), {@link HouseholdService#list} (the SQL-filtered, paged list
 * the client screens and {@code /api/clients} use) and {@link AccessService#explain}.
 */
public final class AtriumPeer implements Peer {
    private final ConfigurableApplicationContext context;
    private final AccessService access;
    private final HouseholdService households;
    private final PracticeService practice;
    private final Map<Long, Optional<Actor>> actors = new ConcurrentHashMap<>();

    public AtriumPeer(BenchDatabase db) {
        SpringApplication app = new SpringApplication(AtriumApplication.class);
        app.setLogStartupInfo(false);
        List<String> args = new java.util.ArrayList<>(appArguments(db));
        args.add("--server.port=0"); // the security configuration needs the servlet stack; nothing calls this port
        context = app.run(args.toArray(String[]::new));
        access = context.getBean(AccessService.class);
        households = context.getBean(HouseholdService.class);
        practice = context.getBean(PracticeService.class);
    }

    /** The command-line properties that point the app at the loaded database (also used by {@link HttpLoad}). */
    static List<String> appArguments(BenchDatabase db) {
        return List.of("--spring.datasource.url=" + db.url, "--spring.datasource.username=" + db.user,
                "--spring.datasource.password=" + db.password, "--atrium.demo.enabled=false", "--logging.level.root=WARN",
                "--spring.main.banner-mode=off", "--spring.jmx.enabled=false");
    }

    @Override
    public String name() {
        return "Atrium";
    }

    @Override
    public boolean canView(long userId, long clientId) {
        return access.allows(userId, Permission.VIEW_FILE, clientId); // a yes/no, like jCasbin's enforce and ACL's hasPermission
    }

    /** {@link HouseholdService#list}: the page and its total, as {@code /api/clients} serves them. */
    @Override
    public Listing list(long userId, String query, int size) {
        Optional<Actor> actor = actor(userId);
        if (actor.isEmpty()) {
            return Listing.EMPTY;
        }
        Page<ClientSummary> page = households.list(actor.get(), query, PageRequest.of(0, size));
        return new Listing(page.items().stream().map(ClientSummary::id).toList(), page.total());
    }

    /** Why may the user see the client (asked by a practice manager of the client's practice). */
    public Explanation explain(long askerId, long clientId, long userId) {
        return access.explain(actor(askerId).orElseThrow(), clientId, userId);
    }

    public Optional<Actor> actor(long userId) {
        return actors.computeIfAbsent(userId, practice::actor);
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
