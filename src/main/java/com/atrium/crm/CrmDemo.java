package com.atrium.crm;

import com.atrium.practice.Account;
import com.atrium.practice.PracticeService;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo run (never under {@code prod}): when the fake Xplan runs beside Atrium ({@code ./mvnw spring-boot:run}
 * starts it and sets {@code atrium.crm.demo.*}), Harbour Wealth gets one integration already connected to it (as if its
 * manager had given the consent), so a newcomer can press <em>Sync now</em> and watch. On later starts only the host
 * (the fake's port) is brought up to date.
 */
@Component
class CrmDemo {
    static final String NAME = "Harbour Xplan (demo)";
    private static final Logger log = LoggerFactory.getLogger(CrmDemo.class);
    private final Environment env;
    private final PracticeService practice;
    private final IntegrationRepository integrations;
    private final CrmSecrets secrets;
    private final TransactionTemplate tx;
    private final Clock clock;

    CrmDemo(Environment env, PracticeService practice, IntegrationRepository integrations, CrmSecrets secrets, TransactionTemplate tx,
            Clock clock) {
        this.env = env;
        this.practice = practice;
        this.integrations = integrations;
        this.secrets = secrets;
        this.tx = tx;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(10)
    void connectDemo() {
        String host = env.getProperty("atrium.crm.demo.host");
        if (host == null || env.matchesProfiles("prod") || !env.getProperty("atrium.demo.enabled", Boolean.class, false)) {
            return;
        }
        Optional<Account> manager = practice.accountByEmail("manager@harbour.example");
        if (manager.isEmpty()) {
            return;
        }
        long practiceId = manager.get().practiceId();
        String appId = env.getProperty("atrium.crm.demo.app-id");
        tx.executeWithoutResult(s -> {
            Instant now = clock.instant();
            Optional<IntegrationRow> existing = integrations.list(practiceId).stream().filter(i -> appId.equals(i.appId())).findFirst();
            long id = existing.map(IntegrationRow::id).orElseGet(() -> integrations.insert(practiceId, CrmType.XPLAN, NAME,
                    manager.get().id(), now));
            IntegrationRow i = integrations.findAny(id).orElseThrow();
            integrations.updateDetails(id, i.name(), host, appId, secrets.encrypt(env.getProperty("atrium.crm.demo.secret")),
                    existing.map(IntegrationRow::enabled).orElse(true), IntegrationStatus.CONNECTED, now);
            integrations.confirmMappings(id, now);
            integrations.saveTokens(id, null, null, null, secrets.encrypt(env.getProperty("atrium.crm.demo.refresh-token")));
            if (existing.isEmpty() || existing.get().connectedBy() == null) {
                integrations.connected(id, env.getProperty("atrium.crm.demo.user", "Service, Atrium"), manager.get().id(), now);
            }
            log.info("Demo: \u201c{}\u201d is connected to the fake Xplan at http://{} (log in as manager@harbour.example,"
                    + " Integrations, Sync now)", NAME, host);
        });
    }
}
