package io.returnflow.support;

import javax.sql.DataSource;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/** Drops a context's PostgreSQL schema when the context closes, so runs leave nothing behind. */
@TestComponent
public class PostgresSchemaCleanup {

    private final DataSource dataSource;
    private final Environment environment;

    public PostgresSchemaCleanup(DataSource dataSource, Environment environment) {
        this.dataSource = dataSource;
        this.environment = environment;
    }

    @EventListener(ContextClosedEvent.class)
    public void dropSchema() {
        String url = environment.getProperty("spring.datasource.url", "");
        if (url.startsWith("jdbc:postgresql:")) {
            String schema = environment.getRequiredProperty(TestIsolation.ID);
            new JdbcTemplate(dataSource).execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
