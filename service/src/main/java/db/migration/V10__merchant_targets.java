package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Each WMS target keeps its own settings per merchant: {@code merchant_targets}, one row per merchant
 * and target holding a sealed settings document (io.returnflow.merchants.SealedSettings). The NetSuite
 * and ShipHero settings move out of the V2 merchant columns into such rows, which are then dropped.
 * <p>
 * A Java migration because the documents are JSON (Jackson escapes what SQL string building would
 * not, the same way on H2 and PostgreSQL). No key is needed: the columns already hold AES-GCM seals
 * ({@code v1:<base64>}), which move as they are into the documents' envelopes
 * ({@code {"alg": "A256GCM", "ct": "<base64>"}}). A merchant whose target was never configured
 * (off, nothing set) gets no row: its defaults say the same.
 */
public class V10__merchant_targets extends BaseJavaMigration {

    private static final String SEAL_PREFIX = "v1:";
    private static final List<String> OLD_COLUMNS = List.of("netsuite_enabled", "netsuite_account_id",
            "netsuite_consumer_key", "netsuite_consumer_secret", "netsuite_token_id", "netsuite_token_secret",
            "netsuite_rest_base_url", "netsuite_location_id", "shiphero_enabled", "shiphero_access_token",
            "shiphero_refresh_token", "shiphero_access_token_expires_at", "shiphero_warehouse_id");

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public void migrate(Context context) throws Exception {
        Connection db = context.getConnection();
        try (Statement ddl = db.createStatement()) {
            ddl.execute("""
                    CREATE TABLE merchant_targets (
                        merchant_id VARCHAR(64)  NOT NULL,
                        target      VARCHAR(40)  NOT NULL,
                        settings    TEXT         NOT NULL,
                        updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
                        CONSTRAINT pk_merchant_targets PRIMARY KEY (merchant_id, target),
                        CONSTRAINT fk_merchant_targets_merchant FOREIGN KEY (merchant_id) REFERENCES merchants (id) ON DELETE CASCADE
                    )""");
        }
        List<Row> rows = new ArrayList<>();
        try (Statement select = db.createStatement();
             ResultSet rs = select.executeQuery("SELECT * FROM merchants")) {
            while (rs.next()) {
                rows.add(netsuite(rs));
                rows.add(shiphero(rs));
            }
        }
        try (PreparedStatement insert = db.prepareStatement(
                "INSERT INTO merchant_targets (merchant_id, target, settings, updated_at) VALUES (?, ?, ?, ?)")) {
            for (Row row : rows) {
                if (row == null) {
                    continue;
                }
                insert.setString(1, row.merchantId());
                insert.setString(2, row.target());
                insert.setString(3, json.writeValueAsString(row.document()));
                insert.setObject(4, row.updatedAt());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (Statement ddl = db.createStatement()) {
            for (String column : OLD_COLUMNS) {
                ddl.execute("ALTER TABLE merchants DROP COLUMN " + column);
            }
        }
    }

    private record Row(String merchantId, String target, ObjectNode document, OffsetDateTime updatedAt) {
    }

    private Row netsuite(ResultSet rs) throws SQLException {
        ObjectNode document = document();
        ObjectNode settings = (ObjectNode) document.get("settings");
        settings.put("enabled", rs.getBoolean("netsuite_enabled"));
        settings.put("accountId", rs.getString("netsuite_account_id"));
        settings.put("restBaseUrl", rs.getString("netsuite_rest_base_url"));
        settings.put("locationId", rs.getString("netsuite_location_id"));
        ObjectNode secrets = (ObjectNode) document.get("secrets");
        seal(secrets, "consumerKey", rs.getString("netsuite_consumer_key"));
        seal(secrets, "consumerSecret", rs.getString("netsuite_consumer_secret"));
        seal(secrets, "tokenId", rs.getString("netsuite_token_id"));
        seal(secrets, "tokenSecret", rs.getString("netsuite_token_secret"));
        return configured(rs, "NETSUITE", document);
    }

    private Row shiphero(ResultSet rs) throws SQLException {
        ObjectNode document = document();
        ObjectNode settings = (ObjectNode) document.get("settings");
        settings.put("enabled", rs.getBoolean("shiphero_enabled"));
        settings.put("warehouseId", rs.getString("shiphero_warehouse_id"));
        OffsetDateTime expires = rs.getObject("shiphero_access_token_expires_at", OffsetDateTime.class);
        settings.put("accessTokenExpiresAt", expires == null ? null : expires.toInstant().toString());
        ObjectNode secrets = (ObjectNode) document.get("secrets");
        seal(secrets, "accessToken", rs.getString("shiphero_access_token"));
        seal(secrets, "refreshToken", rs.getString("shiphero_refresh_token"));
        return configured(rs, "SHIPHERO", document);
    }

    private ObjectNode document() {
        ObjectNode document = json.createObjectNode();
        document.put("format", 1);
        document.putObject("settings");
        document.putObject("secrets");
        return document;
    }

    /** The row, unless the target is off and nothing of it was ever set. */
    private static Row configured(ResultSet rs, String target, ObjectNode document) throws SQLException {
        boolean anything = document.get("settings").properties().stream()
                .anyMatch(field -> field.getValue().isBoolean() ? field.getValue().asBoolean() : !field.getValue().isNull())
                || !document.get("secrets").isEmpty();
        return anything ? new Row(rs.getString("id"), target, document, rs.getObject("updated_at", OffsetDateTime.class)) : null;
    }

    private static void seal(ObjectNode secrets, String field, String sealed) {
        if (sealed == null) {
            return;
        }
        if (!sealed.startsWith(SEAL_PREFIX)) {
            throw new IllegalStateException("a stored " + field + " is not sealed (" + SEAL_PREFIX + "...): refusing to move it");
        }
        ObjectNode envelope = secrets.putObject(field);
        envelope.put("alg", "A256GCM");
        envelope.put("ct", sealed.substring(SEAL_PREFIX.length()));
    }
}
