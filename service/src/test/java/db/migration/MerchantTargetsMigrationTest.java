package db.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.returnflow.merchants.SealedSettings;
import io.returnflow.secrets.SecretBox;
import io.returnflow.support.LegacySeals;
import io.returnflow.wms.netsuite.NetSuiteSettings;
import io.returnflow.wms.shiphero.ShipHeroSettings;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * V10 moves the NetSuite and ShipHero settings of existing merchants out of the V2 columns into
 * sealed settings documents that the targets read back exactly, secrets and all, and drops the
 * columns. On H2, or on the PostgreSQL of the postgres profile (a schema of its own, dropped after).
 */
class MerchantTargetsMigrationTest {

    private static final byte[] KEY = new byte[32];
    private static final SecretKeySpec KEY_SPEC = new SecretKeySpec(KEY, "AES");
    private final SecretBox box = new SecretBox(KEY_SPEC);
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    private final String schema = "mig" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final boolean postgres = String.valueOf(System.getProperty("spring.profiles.active")).contains("postgres");
    private SingleConnectionDataSource dataSource;

    @AfterEach
    void dropSchema() throws SQLException {
        if (dataSource != null) {
            if (postgres) {
                new JdbcTemplate(dataSource).execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
            dataSource.destroy();
        }
    }

    @Test
    void movesNetSuiteAndShipHeroSettingsIntoSealedDocumentsTheTargetsReadBack() {
        JdbcTemplate db = new JdbcTemplate(database());
        flyway("9").migrate();
        OffsetDateTime expires = OffsetDateTime.of(2030, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);
        db.update("""
                INSERT INTO merchants (id, name, shopify_shop_domain, shopify_access_token, use_redo_return_labels, mixed_decision,
                    netsuite_enabled, netsuite_account_id, netsuite_consumer_key, netsuite_consumer_secret, netsuite_token_id,
                    netsuite_token_secret, netsuite_rest_base_url, netsuite_location_id,
                    shiphero_enabled, shiphero_access_token, shiphero_refresh_token, shiphero_access_token_expires_at,
                    shiphero_warehouse_id, created_at, updated_at)
                VALUES ('acme', 'Acme', 'acme.myshopify.com', ?, FALSE, 'APPROVE_ALL',
                    TRUE, '1234567_SB1', ?, ?, ?, ?, 'https://ns.example/services/rest', 'loc "7"',
                    FALSE, ?, ?, ?, 'V2FyZWhvdXNlOjE=', ?, ?)""",
                LegacySeals.v1(KEY_SPEC, "shpat"), LegacySeals.v1(KEY_SPEC, "ck"), LegacySeals.v1(KEY_SPEC, "cs"), LegacySeals.v1(KEY_SPEC, "tk"), LegacySeals.v1(KEY_SPEC, "ts"),
                LegacySeals.v1(KEY_SPEC, "jwt"), LegacySeals.v1(KEY_SPEC, "refresh"), expires, expires, expires);
        db.update("""
                INSERT INTO merchants (id, name, shopify_shop_domain, shopify_access_token, use_redo_return_labels, mixed_decision,
                    netsuite_enabled, shiphero_enabled, created_at, updated_at)
                VALUES ('bare', 'Bare', 'bare.myshopify.com', ?, FALSE, 'APPROVE_ALL', FALSE, FALSE, ?, ?)""",
                LegacySeals.v1(KEY_SPEC, "shpat"), expires, expires);

        flyway(null).migrate();

        Map<String, String> documents = new java.util.TreeMap<>();
        db.queryForList("SELECT merchant_id, target, settings FROM merchant_targets")
                .forEach(row -> documents.put(row.get("merchant_id") + "/" + row.get("target"), (String) row.get("settings")));
        assertThat(documents).as("a merchant that never set a target up gets no row: its defaults say the same")
                .containsOnlyKeys("acme/NETSUITE", "acme/SHIPHERO");
        SealedSettings sealed = new SealedSettings(json, box);
        NetSuiteSettings netsuite = sealed.open("acme", "NETSUITE", documents.get("acme/NETSUITE"), NetSuiteSettings.class);
        assertThat(netsuite.enabled()).isTrue();
        assertThat(netsuite.accountId()).isEqualTo("1234567_SB1");
        assertThat(List.of(netsuite.consumerKey().value(), netsuite.consumerSecret().value(), netsuite.tokenId().value(),
                netsuite.tokenSecret().value())).containsExactly("ck", "cs", "tk", "ts");
        assertThat(netsuite.restBaseUrl()).isEqualTo("https://ns.example/services/rest");
        assertThat(netsuite.locationId()).isEqualTo("loc \"7\"");
        ShipHeroSettings shiphero = sealed.open("acme", "SHIPHERO", documents.get("acme/SHIPHERO"), ShipHeroSettings.class);
        assertThat(shiphero.enabled()).as("kept as it was: off, with its tokens").isFalse();
        assertThat(shiphero.accessToken().value()).isEqualTo("jwt");
        assertThat(shiphero.refreshToken().value()).isEqualTo("refresh");
        assertThat(shiphero.warehouseId()).isEqualTo("V2FyZWhvdXNlOjE=");
        assertThat(shiphero.accessTokenExpiresAt()).isEqualTo(Instant.parse("2030-01-02T03:04:05Z"));
        assertThat(documents.values()).allSatisfy(document -> assertThat(document).doesNotContain("\"ck\"", "jwt", "refresh\""));
        assertThat(db.queryForList("SELECT * FROM merchants WHERE id = 'acme'").get(0).keySet())
                .map(String::toLowerCase).noneMatch(column -> column.startsWith("netsuite_") || column.startsWith("shiphero_"));
    }

    private Flyway flyway(String target) {
        var configuration = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
        if (postgres) {
            configuration.schemas(schema);
        }
        if (target != null) {
            configuration.target(target);
        }
        return configuration.load();
    }

    private DataSource database() {
        try {
            Connection connection = postgres
                    ? DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test",
                            System.getenv().getOrDefault("PGUSER", "postgres"), "")
                    : DriverManager.getConnection("jdbc:h2:mem:" + schema
                            + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "");
            dataSource = new SingleConnectionDataSource(connection, true);
            if (postgres) {
                new JdbcTemplate(dataSource).execute("CREATE SCHEMA " + schema);
                new JdbcTemplate(dataSource).execute("SET search_path TO " + schema);
            }
            return dataSource;
        } catch (SQLException e) {
            throw new IllegalStateException("no database for the migration test", e);
        }
    }
}
