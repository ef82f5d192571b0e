package com.atrium.web;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults for the demo features, decided by the database (finding 7 of the security review): the demo data
 * ({@code atrium.demo.enabled}), the dev mailbox ({@code atrium.dev-mailbox.enabled}) and the demo SMTP server
 * ({@code atrium.mail.demo-smtp.enabled}) are on by default only on the embedded H2 database of the default run.
 * Against any other database they are off unless configured; the {@code demo} profile turns them on
 * explicitly, and {@link DemoGuard} refuses to start when they are on against a non-H2 database without that
 * explicit ask (and always under {@code prod}). The defaults have the lowest precedence: any configured value wins.
 */
class DemoDefaults implements EnvironmentPostProcessor, Ordered {
    static final String SOURCE = "atriumDemoDefaults";
    static final String DEMO = "atrium.demo.enabled";
    static final String MAILBOX = "atrium.dev-mailbox.enabled";
    static final String SMTP = "atrium.mail.demo-smtp.enabled";
    static final String ALLOW = "atrium.demo.allow-external-database";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        String on = Boolean.toString(embeddedH2(env.getProperty("spring.datasource.url")));
        env.getPropertySources().remove(SOURCE);
        env.getPropertySources().addLast(new MapPropertySource(SOURCE, Map.of(DEMO, on, MAILBOX, on, SMTP, on)));
    }

    /** The default run's database: H2 in memory or in a file, in this JVM (no URL configured counts as Boot's embedded default). */
    static boolean embeddedH2(String url) {
        if (url == null || url.isBlank()) {
            return true;
        }
        String u = url.trim().toLowerCase(java.util.Locale.ROOT);
        return u.startsWith("jdbc:h2:") && !u.startsWith("jdbc:h2:tcp:") && !u.startsWith("jdbc:h2:ssl:");
    }

    @Override
    public int getOrder() {
        // after the config files and profiles are loaded
        return Ordered.LOWEST_PRECEDENCE;
    }
}
