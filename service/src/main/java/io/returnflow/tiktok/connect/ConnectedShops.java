package io.returnflow.tiktok.connect;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.returnflow.secrets.MaskedRecord;
import io.returnflow.secrets.SecretBox;
import io.returnflow.tiktok.TokenGrant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The TikTok shops merchants connected, and the authorizations (token pairs) they were connected
 * with. Tokens are sealed with {@link SecretBox} in the database and come out in clear only
 * through {@link #findByShopId}. A shop the seller deauthorized keeps no tokens ({@link #unlink}).
 */
@Component
public class ConnectedShops {

    private static final Logger log = LoggerFactory.getLogger(ConnectedShops.class);

    private final JdbcClient db;
    private final SecretBox secrets;
    private final Clock clock;

    public ConnectedShops(JdbcClient db, SecretBox secrets, Clock clock) {
        this.db = db;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** The shop of a webhook's {@code shop_id}, with what calling the Partner API for it takes. */
    /** Why the shop is not CONNECTED, as recorded; empty when nothing was. */
    public Optional<String> statusReason(String shopId) {
        return db.sql("SELECT status_reason FROM tiktok_shops WHERE shop_id = ?").param(shopId).query(String.class).optional()
                .filter(reason -> reason != null && !reason.isBlank());
    }

    public Optional<ConnectedShop> findByShopId(String shopId) {
        return db.sql("""
                SELECT s.shop_id, s.merchant_id, s.name, s.region, s.cipher, s.status,
                       a.merchant_id AS token_merchant_id, a.access_token, a.access_token_expires_at
                FROM tiktok_shops s LEFT JOIN tiktok_authorizations a ON a.id = s.authorization_id
                WHERE s.shop_id = ?""")
                .param(shopId)
                .query((rs, n) -> new ConnectedShop(rs.getString("shop_id"), rs.getString("merchant_id"),
                        rs.getString("name"), rs.getString("region"), rs.getString("cipher"),
                        openToken(rs.getString("access_token"), rs.getString("token_merchant_id")), instant(rs, "access_token_expires_at"),
                        ShopStatus.valueOf(rs.getString("status"))))
                .optional();
    }

    List<ShopSummary> listByMerchant(String merchantId) {
        return db.sql("""
                SELECT s.shop_id, s.name, s.region, s.seller_type, s.status, s.status_reason, s.connected_at,
                       s.authorization_expiring_at, a.access_token_expires_at, a.refresh_token_expires_at,
                       s.webhook_subscription_status, s.webhook_subscription_address, s.webhook_subscription_error,
                       s.webhook_subscription_at
                FROM tiktok_shops s LEFT JOIN tiktok_authorizations a ON a.id = s.authorization_id
                WHERE s.merchant_id = ? ORDER BY s.connected_at, s.shop_id""")
                .param(merchantId)
                .query((rs, n) -> new ShopSummary(rs.getString("shop_id"), rs.getString("name"), rs.getString("region"),
                        rs.getString("seller_type"), ShopStatus.valueOf(rs.getString("status")), rs.getString("status_reason"),
                        instant(rs, "access_token_expires_at"), instant(rs, "refresh_token_expires_at"),
                        instant(rs, "authorization_expiring_at"), instant(rs, "connected_at"),
                        webhookSubscription(rs)))
                .list();
    }

    /** Null while the shop was never subscribed (the setting is off, or its first round is still to come). */
    private static ShopSummary.WebhookSubscription webhookSubscription(ResultSet rs) throws SQLException {
        String status = rs.getString("webhook_subscription_status");
        return status == null ? null : new ShopSummary.WebhookSubscription(status, rs.getString("webhook_subscription_address"),
                rs.getString("webhook_subscription_error"), instant(rs, "webhook_subscription_at"));
    }

    /**
     * Stores the grant and binds every shop it covers to the merchant, CONNECTED. Connecting again
     * (same seller) renews the tokens in place. A shop another merchant holds never moves: the whole
     * connect is refused ({@link ShopHeldByAnotherMerchantException}) and nothing is stored, until an
     * operator releases the shop ({@link #release}).
     */
    @Transactional
    void connect(String merchantId, TokenGrant grant, List<AuthorizedShop> shops) {
        List<String> heldElsewhere = shops.stream().map(AuthorizedShop::id)
                .filter(shopId -> db.sql("SELECT merchant_id FROM tiktok_shops WHERE shop_id = ?").param(shopId)
                        .query(String.class).optional().filter(holder -> !holder.equals(merchantId)).isPresent())
                .toList();
        if (!heldElsewhere.isEmpty()) {
            throw new ShopHeldByAnotherMerchantException(merchantId, heldElsewhere);
        }
        OffsetDateTime now = utc(clock.instant());
        String authorizationId = saveAuthorization(merchantId, grant, now);
        for (AuthorizedShop shop : shops) {
            ShopRow row = new ShopRow(shop.id(), merchantId, authorizationId, shop.name(), shop.region(),
                    shop.sellerType(), shop.code(), shop.cipher(), now);
            // merchant_id in the WHERE: a shop another merchant took meanwhile is not updated, and
            // the INSERT below then meets its key.
            int updated = db.sql("""
                    UPDATE tiktok_shops SET authorization_id = :authorization, name = :name,
                        region = :region, seller_type = :sellerType, shop_code = :code, cipher = :cipher,
                        status_changed_at = CASE WHEN status = 'CONNECTED' THEN status_changed_at ELSE :now END,
                        status = 'CONNECTED', status_reason = NULL, authorization_expiring_at = NULL, updated_at = :now,
                        webhook_subscription_status = NULL, webhook_subscription_address = NULL,
                        webhook_subscription_error = NULL, webhook_subscription_at = NULL
                    WHERE shop_id = :shopId AND merchant_id = :merchant""")
                    .paramSource(row)
                    .update();
            if (updated == 0) {
                try {
                    db.sql("""
                            INSERT INTO tiktok_shops (shop_id, merchant_id, authorization_id, name, region, seller_type,
                                shop_code, cipher, status, status_changed_at, connected_at, updated_at)
                            VALUES (:shopId, :merchant, :authorization, :name, :region, :sellerType, :code, :cipher,
                                'CONNECTED', :now, :now, :now)""")
                            .paramSource(row)
                            .update();
                } catch (DuplicateKeyException raced) {
                    throw new ShopHeldByAnotherMerchantException(merchantId, List.of(shop.id()));
                }
            }
        }
        deleteUnusedAuthorizations();
    }

    /**
     * An operator releases a shop from its merchant: the shop is unbound and its tokens erased (its
     * grant too, when no other shop uses it), so another merchant may connect it. The merchant's
     * recorded returns of the shop stay with the merchant, as its history; no flow acts on them for
     * the shop any more. False when no merchant holds the shop.
     */
    @Transactional
    public boolean release(String shopId) {
        Optional<String> holder = db.sql("SELECT merchant_id FROM tiktok_shops WHERE shop_id = ?").param(shopId)
                .query(String.class).optional();
        if (holder.isEmpty()) {
            return false;
        }
        db.sql("DELETE FROM tiktok_shops WHERE shop_id = ?").param(shopId).update();
        deleteUnusedAuthorizations();
        log.warn("TikTok shop {} released from merchant {} by an operator: its tokens are erased", shopId, holder.get());
        return true;
    }

    /**
     * The shop keeps its row (and status) but no longer points at its authorization, whose tokens
     * are erased once no other shop of the same grant is connected with them.
     */
    @Transactional
    public void unlink(String shopId) {
        db.sql("UPDATE tiktok_shops SET authorization_id = NULL WHERE shop_id = ?").param(shopId).update();
        deleteUnusedAuthorizations();
    }

    private String openToken(String sealed, String merchantId) {
        return sealed == null ? null : secrets.open(sealed, TikTokTokenSeals.accessToken(merchantId));
    }

    /** A grant no shop uses acts for nobody: no token is kept without a use. */
    private void deleteUnusedAuthorizations() {
        db.sql("DELETE FROM tiktok_authorizations WHERE id NOT IN "
                + "(SELECT authorization_id FROM tiktok_shops WHERE authorization_id IS NOT NULL)").update();
    }

    private String saveAuthorization(String merchantId, TokenGrant grant, OffsetDateTime now) {
        Optional<String> existing = grant.openId() == null ? Optional.empty()
                : db.sql("SELECT id FROM tiktok_authorizations WHERE merchant_id = ? AND open_id = ?")
                .params(merchantId, grant.openId()).query(String.class).optional();
        String id = existing.orElseGet(() -> UUID.randomUUID().toString());
        AuthorizationRow row = new AuthorizationRow(id, merchantId, grant.openId(), grant.sellerName(),
                grant.sellerBaseRegion(), secrets.seal(grant.accessToken(), TikTokTokenSeals.accessToken(merchantId)), AccessTokenHash.of(grant.accessToken()),
                utc(grant.accessTokenExpiresAt()),
                secrets.seal(grant.refreshToken(), TikTokTokenSeals.refreshToken(merchantId)), utc(grant.refreshTokenExpiresAt()), now);
        if (existing.isPresent()) {
            db.sql("""
                    UPDATE tiktok_authorizations SET seller_name = :sellerName, seller_base_region = :sellerBaseRegion,
                        access_token = :accessToken, access_token_hash = :accessTokenHash,
                        access_token_expires_at = :accessExpires,
                        refresh_token = :refreshToken, refresh_token_expires_at = :refreshExpires,
                        last_refresh_error = NULL, updated_at = :now
                    WHERE id = :id""").paramSource(row).update();
        } else {
            db.sql("""
                    INSERT INTO tiktok_authorizations (id, merchant_id, open_id, seller_name, seller_base_region,
                        access_token, access_token_hash, access_token_expires_at, refresh_token, refresh_token_expires_at,
                        created_at, updated_at)
                    VALUES (:id, :merchantId, :openId, :sellerName, :sellerBaseRegion, :accessToken, :accessTokenHash,
                        :accessExpires, :refreshToken, :refreshExpires, :now, :now)""").paramSource(row).update();
        }
        return id;
    }

    private record AuthorizationRow(String id, String merchantId, String openId, String sellerName,
                                    String sellerBaseRegion, String accessToken, String accessTokenHash,
                                    OffsetDateTime accessExpires,
                                    String refreshToken, OffsetDateTime refreshExpires, OffsetDateTime now) {
        /** Sealed values, yet printed masked like any token. */
        @Override
        public String toString() {
            return MaskedRecord.toString(this);
        }
    }

    private record ShopRow(String shopId, String merchant, String authorization, String name, String region,
                           String sellerType, String code, String cipher, OffsetDateTime now) {
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
