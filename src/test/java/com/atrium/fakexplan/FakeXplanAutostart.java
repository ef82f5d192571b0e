package com.atrium.fakexplan;

import java.io.IOException;
import java.net.URL;
import java.util.Map;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * Starts the fake Xplan inside {@code ./mvnw spring-boot:run} (the plugin runs with the test classpath and sets
 * {@code atrium.fakexplan.autostart=true}; nothing else sets it, so tests and production never start it this way).
 * It tells Atrium where the fake is ({@code atrium.crm.demo.*}) so the demo practice is connected to it, and keeps the
 * rest of the test classes out of the component scan, so the demo run is the application and nothing of the tests.
 * Registered in {@code src/test/resources/META-INF/spring.factories}.
 */
public class FakeXplanAutostart implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (!Boolean.getBoolean("atrium.fakexplan.autostart") || context.getParent() != null) {
            return;
        }
        context.getBeanFactory().registerSingleton("testClassesExcludeFilter", new TestClassesExcludeFilter());
        int port = Integer.getInteger("atrium.fakexplan.port", 8099);
        int clients = Integer.getInteger("atrium.fakexplan.clients", 40);
        FakeXplan fake;
        try {
            fake = FakeXplan.start(port, clients, 1L);
        } catch (IllegalStateException busy) {
            fake = FakeXplan.start(0, clients, 1L); // the preferred port is taken (another Atrium on this machine)
        }
        FakeXplan started = fake;
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("fakeXplan", Map.of(
                "atrium.crm.demo.host", started.host(),
                "atrium.crm.demo.app-id", FakeXplan.DEMO_APP_ID,
                "atrium.crm.demo.secret", FakeXplan.DEMO_SECRET,
                "atrium.crm.demo.refresh-token", started.demoRefreshToken(),
                "atrium.crm.demo.user", FakeXplan.USER_NAME)));
        context.addApplicationListener(e -> {
            if (e instanceof ContextClosedEvent) {
                started.close();
            }
        });
        System.out.println("Fake Xplan (demo CRM) on http://" + started.host() + " with " + clients + " clients");
    }

    /** Leaves every class compiled from src/test out of the application's component scan. */
    static final class TestClassesExcludeFilter extends TypeExcludeFilter {
        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
            URL url = reader.getResource().getURL();
            return url.toString().contains("/test-classes/");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof TestClassesExcludeFilter;
        }

        @Override
        public int hashCode() {
            return TestClassesExcludeFilter.class.hashCode();
        }
    }
}
