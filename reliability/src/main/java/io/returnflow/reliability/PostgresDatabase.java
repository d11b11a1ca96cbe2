package io.returnflow.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A database of the run's own on the local PostgreSQL (127.0.0.1:5432, trust authentication):
 * created before a scenario and dropped after it, so nothing else on the server is touched. The
 * restart is the cluster's: {@code pg_ctlcluster ... restart}, which drops every connection.
 */
final class PostgresDatabase {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    private final String name;
    private final String user;

    PostgresDatabase(String name, String user) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        this.name = name;
        this.user = user;
    }

    String jdbcUrl() {
        return SERVER + name;
    }

    String user() {
        return user;
    }

    void create() throws SQLException {
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", user, "");
             Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            sql.execute("CREATE DATABASE " + name);
        }
    }

    void drop() throws SQLException {
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", user, "");
             Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user, "");
    }

    /** Restarts the PostgreSQL cluster (every database on it: the service loses all its connections). */
    static void restartCluster() throws IOException, InterruptedException {
        String version;
        try (Stream<Path> versions = Files.list(Path.of("/etc/postgresql"))) {
            version = versions.map(p -> p.getFileName().toString()).sorted().findFirst()
                    .orElseThrow(() -> new IllegalStateException("no cluster under /etc/postgresql"));
        }
        long started = System.nanoTime();
        Process restart = new ProcessBuilder(List.of("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!restart.waitFor(2, TimeUnit.MINUTES) || restart.exitValue() != 0) {
            throw new IllegalStateException("pg_ctlcluster restart failed");
        }
        System.out.printf("  PostgreSQL %s restarted in %.1f s%n", version, (System.nanoTime() - started) / 1e9);
    }
}
