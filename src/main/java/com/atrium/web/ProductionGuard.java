package com.atrium.web;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** Under the prod profile Atrium refuses to start on anything but PostgreSQL (never silently on H2). */
@Component
@Profile("prod")
class ProductionGuard implements InitializingBean {
    private final DataSource dataSource;

    ProductionGuard(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void afterPropertiesSet() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            String product = c.getMetaData().getDatabaseProductName();
            if (!"PostgreSQL".equalsIgnoreCase(product)) {
                throw new IllegalStateException("The prod profile runs on PostgreSQL only, but the database is " + product
                        + ". Set SPRING_DATASOURCE_URL to a PostgreSQL database.");
            }
        }
    }
}
