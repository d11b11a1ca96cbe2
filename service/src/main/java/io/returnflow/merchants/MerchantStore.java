package io.returnflow.merchants;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import io.returnflow.secrets.MaskedRecord;
import io.returnflow.secrets.SealBinding;
import io.returnflow.secrets.SealedStore;
import io.returnflow.secrets.SecretBox;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;


/**
 * The merchants table. Secrets are sealed with {@link SecretBox} on the way in and opened on the
 * way out, so callers only ever handle {@link Merchant} with clear values. Each target's settings
 * live in {@link TargetSettingsStore}.
 */
@Component
public class MerchantStore implements SealedStore {

    private final JdbcClient db;
    private final SecretBox secrets;
    private final Clock clock;

    public MerchantStore(JdbcClient db, SecretBox secrets, Clock clock) {
        this.db = db;
        this.secrets = secrets;
        this.clock = clock;
    }

    public Optional<Merchant> find(String merchantId) {
        return db.sql("SELECT * FROM merchants WHERE id = ?").param(merchantId).query(this::merchant).optional();
    }

    public boolean exists(String merchantId) {
        return db.sql("SELECT COUNT(*) FROM merchants WHERE id = ?").param(merchantId).query(Integer.class).single() > 0;
    }

    /**
     * Creates or replaces the merchant, every column as given (its API keys and shops stay).
     * Answers true when it was created.
     */
    public boolean save(Merchant merchant) {
        if (replace(merchant)) {
            return false;
        }
        try {
            insert(merchant);
            return true;
        } catch (DuplicateKeyException raced) {
            // Another request created it in between: ours replaces it. No transaction around the
            // pair on purpose, since PostgreSQL aborts a transaction at its first failed statement.
            replace(merchant);
            return false;
        }
    }

    private boolean replace(Merchant merchant) {
        return db.sql("""
                UPDATE merchants SET name = :name,
                    shopify_shop_domain = :shopDomain, shopify_access_token = :shopifyToken, shopify_api_base_url = :shopifyUrl,
                    use_redo_return_labels = :redo, mixed_decision = :mixed,
                    return_address_name = :aName, return_address_line1 = :aLine1, return_address_line2 = :aLine2,
                    return_address_city = :aCity, return_address_province = :aProvince, return_address_zip = :aZip,
                    return_address_country = :aCountry, return_address_phone = :aPhone,
                    updated_at = :now
                WHERE id = :id""").paramSource(columns(merchant, now())).update() == 1;
    }

    private void insert(Merchant merchant) {
        db.sql("""
                INSERT INTO merchants (id, name, shopify_shop_domain, shopify_access_token, shopify_api_base_url,
                    use_redo_return_labels, mixed_decision, return_address_name, return_address_line1, return_address_line2,
                    return_address_city, return_address_province, return_address_zip, return_address_country,
                    return_address_phone, created_at, updated_at)
                VALUES (:id, :name, :shopDomain, :shopifyToken, :shopifyUrl, :redo, :mixed, :aName, :aLine1, :aLine2,
                    :aCity, :aProvince, :aZip, :aCountry, :aPhone, :now, :now)""").paramSource(columns(merchant, now())).update();
    }

    /** Whether any merchant has Redo return labels on. */
    public boolean anyUsesRedoReturnLabels() {
        return db.sql("SELECT COUNT(*) FROM merchants WHERE use_redo_return_labels = TRUE").query(Long.class).single() > 0;
    }

    /**
     * Turns Redo return labels on or off for the merchant. Turning them on needs a return address
     * (labels need a destination), checked in the same statement as the change.
     *
     * @return false when the merchant does not exist or, turning labels on, has no return address
     */
    public boolean useRedoReturnLabels(String merchantId, boolean use) {
        return db.sql("UPDATE merchants SET use_redo_return_labels = :use, updated_at = :now WHERE id = :id"
                        + (use ? " AND return_address_line1 IS NOT NULL" : ""))
                .param("use", use)
                .param("now", now())
                .param("id", merchantId)
                .update() == 1;
    }

    private Record columns(Merchant m, OffsetDateTime now) {
        Merchant.ReturnAddress a = m.returns().returnAddress();
        boolean hasAddress = a != null;
        return new Record(m.id(), m.name(), m.shopify().shopDomain(), secrets.seal(m.shopify().accessToken(), shopifyToken(m.id())),
                m.shopify().apiBaseUrl(), m.returns().useRedoReturnLabels(), m.returns().mixedDecision().name(),
                hasAddress ? a.name() : null, hasAddress ? a.line1() : null, hasAddress ? a.line2() : null,
                hasAddress ? a.city() : null, hasAddress ? a.province() : null, hasAddress ? a.zip() : null,
                hasAddress ? a.country() : null, hasAddress ? a.phone() : null, now);
    }

    /** Named parameters of the merchants row (JdbcClient reads a record's components by name). */
    private record Record(String id, String name, String shopDomain, String shopifyToken, String shopifyUrl,
                          boolean redo, String mixed, String aName, String aLine1, String aLine2, String aCity,
                          String aProvince, String aZip, String aCountry, String aPhone, OffsetDateTime now) {
        /** Sealed values, yet printed masked like any secret. */
        @Override
        public String toString() {
            return MaskedRecord.toString(this);
        }
    }

    private Merchant merchant(ResultSet rs, int row) throws SQLException {
        Merchant.ReturnAddress address = rs.getString("return_address_line1") == null ? null
                : new Merchant.ReturnAddress(rs.getString("return_address_name"), rs.getString("return_address_line1"),
                rs.getString("return_address_line2"), rs.getString("return_address_city"),
                rs.getString("return_address_province"), rs.getString("return_address_zip"),
                rs.getString("return_address_country"), rs.getString("return_address_phone"));
        return new Merchant(
                rs.getString("id"),
                rs.getString("name"),
                new Merchant.Shopify(rs.getString("shopify_shop_domain"), secrets.open(rs.getString("shopify_access_token"), shopifyToken(rs.getString("id"))),
                        rs.getString("shopify_api_base_url")),
                new Merchant.Returns(rs.getBoolean("use_redo_return_labels"),
                        MixedDecision.valueOf(rs.getString("mixed_decision")), address));
    }

    private static SealBinding shopifyToken(String merchantId) {
        return new SealBinding(merchantId, "shopify.accessToken");
    }

    @Override
    public String name() {
        return "merchants";
    }

    /** Each Shopify token not sealed under the current key, sealed anew; a token changed meanwhile is left to its writer. */
    @Override
    public int reseal() {
        record Row(String id, String token) {
            @Override
            public String toString() {
                return MaskedRecord.toString(this);
            }
        }
        int resealed = 0;
        for (Row row : db.sql("SELECT id, shopify_access_token FROM merchants WHERE shopify_access_token IS NOT NULL")
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2))).list()) {
            if (!secrets.isCurrent(row.token())) {
                String token = secrets.open(row.token(), shopifyToken(row.id()));
                resealed += db.sql("UPDATE merchants SET shopify_access_token = ? WHERE id = ? AND shopify_access_token = ?")
                        .params(secrets.seal(token, shopifyToken(row.id())), row.id(), row.token()).update();
            }
        }
        return resealed;
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
