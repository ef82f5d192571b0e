package com.atrium.web;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refuses to start when the demo data, the dev mailbox (an anonymous page showing every invitation link and login
 * code) or the demo SMTP server are on against a database that is not H2, unless the {@code demo} profile (or
 * {@code atrium.demo.allow-external-database=true}) explicitly asks for it; under {@code prod} it refuses them always.
 * Runs while the context starts, before the demo is seeded and before the server takes a request.
 */
@Component
class DemoGuard implements InitializingBean {
    private static final Logger log = LoggerFactory.getLogger(DemoGuard.class);

    private final DataSource dataSource;
    private final Environment env;

    DemoGuard(DataSource dataSource, Environment env) {
        this.dataSource = dataSource;
        this.env = env;
    }

    @Override
    public void afterPropertiesSet() throws SQLException {
        List<String> on = new ArrayList<>();
        if (flag(DemoDefaults.DEMO)) {
            on.add("the demo data (atrium.demo.enabled)");
        }
        if (flag(DemoDefaults.MAILBOX)) {
            on.add("the dev mailbox (atrium.dev-mailbox.enabled)");
        }
        if (flag(DemoDefaults.SMTP)) {
            on.add("the demo SMTP server (atrium.mail.demo-smtp.enabled)");
        }
        if (on.isEmpty()) {
            return;
        }
        if (env.matchesProfiles("prod")) {
            throw new UnsafeConfigurationException("The prod profile is active but " + String.join(", ", on) + (on.size() > 1 ? " are" : " is")
                    + " on.", "Remove the setting that turns " + (on.size() > 1 ? "them" : "it")
                    + " on (an environment variable such as ATRIUM_DEMO_ENABLED, or the demo profile): production never runs the demo.");
        }
        String product;
        try (Connection c = dataSource.getConnection()) {
            product = c.getMetaData().getDatabaseProductName();
        }
        if ("H2".equalsIgnoreCase(product)) {
            return;
        }
        if (flag(DemoDefaults.ALLOW)) {
            log.warn("Running {} against {} because it was explicitly asked (demo profile or {}=true). Never do this with real data.",
                    String.join(", ", on), product, DemoDefaults.ALLOW);
            return;
        }
        throw new UnsafeConfigurationException(String.join(", ", on) + (on.size() > 1 ? " are" : " is") + " on, but the database is "
                + product + ", not the embedded H2 of the demo run. The dev mailbox shows every invitation link and login code to"
                + " anyone, and the demo data adds users with a published password.",
                "Against a real database run with the prod profile. To try the demo on " + product + ", ask for it explicitly with"
                        + " the demo profile (e.g. -Dspring-boot.run.profiles=postgres,demo). Otherwise turn the features off"
                        + " (ATRIUM_DEMO_ENABLED=false, ATRIUM_DEV_MAILBOX_ENABLED=false, ATRIUM_MAIL_DEMO_SMTP_ENABLED=false).");
    }

    private boolean flag(String key) {
        return env.getProperty(key, Boolean.class, false);
    }
}
