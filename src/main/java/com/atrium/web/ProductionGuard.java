package com.atrium.web;

import com.atrium.shared.PublicUrl;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Under the prod profile Atrium refuses to start on anything but PostgreSQL (never silently on H2), and without
 * the public address its emails link to ({@code ATRIUM_PUBLIC_URL}). {@link DemoGuard} refuses the demo features.
 */
@Component
@Profile("prod")
class ProductionGuard implements InitializingBean {
    private final DataSource dataSource;
    private final PublicUrl publicUrl;

    ProductionGuard(DataSource dataSource, PublicUrl publicUrl) {
        this.dataSource = dataSource;
        this.publicUrl = publicUrl;
    }

    @Override
    public void afterPropertiesSet() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            String product = c.getMetaData().getDatabaseProductName();
            if (!"PostgreSQL".equalsIgnoreCase(product)) {
                throw new UnsafeConfigurationException("The prod profile runs on PostgreSQL only, but the database is " + product + ".",
                        "Set SPRING_DATASOURCE_URL (and _USERNAME, _PASSWORD) to a PostgreSQL database.");
            }
        }
        if (!publicUrl.configured()) {
            throw new UnsafeConfigurationException("The prod profile needs the address people reach Atrium at: every invitation and"
                    + " notice links to it, and it is not set.", "Set ATRIUM_PUBLIC_URL, e.g. https://atrium.example.com.");
        }
    }
}
