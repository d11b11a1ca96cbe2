package io.returnflow.tiktok.connect;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.returnflow.partners.PartnerRejectedException;
import io.returnflow.partners.PartnerUnavailableException;
import io.returnflow.secrets.MaskedRecord;
import io.returnflow.notifications.MerchantNotices;
import io.returnflow.notifications.NoticeKind;
import io.returnflow.secrets.SecretBox;
import io.returnflow.tiktok.AccessTokenRenewal;
import io.returnflow.tiktok.TikTokTokens;
import io.returnflow.tiktok.TokenGrant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps TikTok authorizations usable: refreshes access tokens ahead of expiry (the token refresh
 * route), and at once when TikTok answers that a token expired. One refresher per authorization at
 * a time across instances: a refresh first takes a lease with a conditional UPDATE. A refresh
 * token that expired, or that TikTok refuses, disconnects the shops of the authorization.
 */
@Component("tiktokAuthorizations")
public class TikTokAuthorizations implements AccessTokenRenewal {

    private static final Logger log = LoggerFactory.getLogger(TikTokAuthorizations.class);
    /** TikTok's refresh answers that end the grant: refresh token expired (36004001) or invalid/revoked (36004005). */
    static final java.util.Set<String> AUTHORIZATION_ENDED = java.util.Set.of("36004001", "36004005");

    /** Who holds a lease: this process. */
    private final String instance = UUID.randomUUID().toString();
    private final JdbcClient db;
    private final SecretBox secrets;
    private final TikTokTokens tokens;
    private final Clock clock;
    private final MeterRegistry meters;
    private final MerchantNotices notices;
    private final Duration ahead;
    private final Duration lease;

    public TikTokAuthorizations(JdbcClient db, SecretBox secrets, TikTokTokens tokens, Clock clock, MeterRegistry meters,
                                MerchantNotices notices,
                                @Value("${tiktok.token-refresh.ahead:24h}") Duration ahead,
                                @Value("${tiktok.token-refresh.lease:2m}") Duration lease) {
        this.notices = notices;
        this.db = db;
        this.secrets = secrets;
        this.tokens = tokens;
        this.clock = clock;
        this.meters = meters;
        this.ahead = ahead;
        this.lease = lease;
    }

    /** Ids of the authorizations whose access token expires within {@code ahead}, of connected shops. */
    public List<String> dueForRefresh() {
        return db.sql("""
                        SELECT a.id FROM tiktok_authorizations a
                        WHERE a.access_token_expires_at < ?
                          AND EXISTS (SELECT 1 FROM tiktok_shops s WHERE s.authorization_id = a.id AND s.status = 'CONNECTED')
                        ORDER BY a.access_token_expires_at""")
                .param(utc(clock.instant().plus(ahead)))
                .query(String.class).list();
    }

    /**
     * Refreshes the authorization unless another refresher holds it. Answers whether this call
     * refreshed it.
     */
    public boolean refresh(String authorizationId) {
        if (!takeLease(authorizationId)) {
            return false;
        }
        try {
            return renewLeased(authorizationId);
        } finally {
            db.sql("UPDATE tiktok_authorizations SET refresh_lease_owner = NULL, refresh_lease_until = NULL WHERE id = ? AND refresh_lease_owner = ?")
                    .params(authorizationId, instance).update();
        }
    }

    @Override
    public Optional<String> renew(String expiredAccessToken) {
        String hash = AccessTokenHash.of(expiredAccessToken);
        Optional<String> id = db.sql("SELECT id FROM tiktok_authorizations WHERE access_token_hash = ?")
                .param(hash).query(String.class).optional();
        if (id.isEmpty()) {
            return currentTokenReplacing(hash, null); // renewed meanwhile: its hash moved on
        }
        refresh(id.get());
        return currentTokenReplacing(hash, id.get());
    }

    private boolean renewLeased(String authorizationId) {
        record Row(String merchantId, String refreshToken, Instant refreshExpiresAt) {
            @Override
            public String toString() {
                return MaskedRecord.toString(this);
            }
        }
        Row row = db.sql("SELECT merchant_id, refresh_token, refresh_token_expires_at FROM tiktok_authorizations WHERE id = ?")
                .param(authorizationId)
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class).toInstant()))
                .single();
        if (!row.refreshExpiresAt().isAfter(clock.instant())) {
            needReconnect(authorizationId, "the TikTok authorization expired on " + row.refreshExpiresAt()
                    + ": reconnect the shop; its work waits until then");
            count("expired");
            return false;
        }
        try {
            TokenGrant grant = tokens.refresh(secrets.open(row.refreshToken(), TikTokTokenSeals.refreshToken(row.merchantId())));
            db.sql("""
                            UPDATE tiktok_authorizations SET access_token = ?, access_token_hash = ?, access_token_expires_at = ?,
                                refresh_token = ?, refresh_token_expires_at = ?, last_refresh_error = NULL, updated_at = ?
                            WHERE id = ?""")
                    .params(secrets.seal(grant.accessToken(), TikTokTokenSeals.accessToken(row.merchantId())),
                            AccessTokenHash.of(grant.accessToken()), utc(grant.accessTokenExpiresAt()),
                            secrets.seal(grant.refreshToken(), TikTokTokenSeals.refreshToken(row.merchantId())),
                            utc(grant.refreshTokenExpiresAt()), utc(clock.instant()), authorizationId)
                    .update();
            log.info("TikTok authorization {} refreshed; access token valid until {}", authorizationId, grant.accessTokenExpiresAt());
            count("refreshed");
            return true;
        } catch (PartnerRejectedException refused) {
            if (AUTHORIZATION_ENDED.contains(refused.code())) {
                needReconnect(authorizationId, "TikTok ended the authorization (" + refused.getMessage()
                        + "): reconnect the shop; its work waits until then");
                count("reconnect_needed");
                return false;
            }
            disconnect(authorizationId, "TikTok refused to renew the authorization (" + refused.getMessage() + "): connect the shop again");
            count("refused");
            return false;
        } catch (PartnerUnavailableException unavailable) {
            db.sql("UPDATE tiktok_authorizations SET last_refresh_error = ? WHERE id = ?")
                    .params(truncate(unavailable.getMessage()), authorizationId).update();
            log.warn("TikTok authorization {} not refreshed, the next round tries again: {}", authorizationId, unavailable.getMessage());
            count("unavailable");
            return false;
        }
    }

    private boolean takeLease(String authorizationId) {
        Instant now = clock.instant();
        return db.sql("""
                        UPDATE tiktok_authorizations SET refresh_lease_owner = ?, refresh_lease_until = ?
                        WHERE id = ? AND (refresh_lease_until IS NULL OR refresh_lease_until < ?)""")
                .params(instance, utc(now.plus(lease)), authorizationId, utc(now))
                .update() == 1;
    }

    /** The token that replaced {@code expiredHash}, waiting briefly for a refresh in progress elsewhere. */
    private Optional<String> currentTokenReplacing(String expiredHash, String authorizationId) {
        Instant giveUp = clock.instant().plusSeconds(5);
        while (authorizationId != null) {
            record Current(String merchantId, String token, String hash) {
                @Override
                public String toString() {
                    return MaskedRecord.toString(this);
                }
            }
            Optional<Current> current = db.sql("""
                            SELECT a.merchant_id, a.access_token, a.access_token_hash FROM tiktok_authorizations a
                            WHERE a.id = ? AND EXISTS (SELECT 1 FROM tiktok_shops s WHERE s.authorization_id = a.id AND s.status = 'CONNECTED')""")
                    .param(authorizationId)
                    .query((rs, n) -> new Current(rs.getString(1), rs.getString(2), rs.getString(3))).optional();
            if (current.isEmpty()) {
                return Optional.empty();
            }
            if (!expiredHash.equals(current.get().hash())) {
                return Optional.of(secrets.open(current.get().token(), TikTokTokenSeals.accessToken(current.get().merchantId())));
            }
            if (clock.instant().isAfter(giveUp)) {
                return Optional.empty();
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The seller has to connect again: the shops' work is parked meanwhile (ShopReconnectNeededException). */
    private void needReconnect(String authorizationId, String reason) {
        record Shop(String shopId, String merchantId) {
        }
        List<Shop> connected = db.sql("SELECT shop_id, merchant_id FROM tiktok_shops WHERE authorization_id = ? AND status = 'CONNECTED'")
                .param(authorizationId).query((rs, n) -> new Shop(rs.getString(1), rs.getString(2))).list();
        int shops = db.sql("""
                        UPDATE tiktok_shops SET status = 'RECONNECT_NEEDED', status_reason = ?, status_changed_at = ?, updated_at = ?
                        WHERE authorization_id = ? AND status = 'CONNECTED'""")
                .params(reason, utc(clock.instant()), utc(clock.instant()), authorizationId).update();
        db.sql("UPDATE tiktok_authorizations SET last_refresh_error = ? WHERE id = ?")
                .params(truncate(reason), authorizationId).update();
        log.warn("{} TikTok shop(s) of authorization {} need reconnecting: {}", shops, authorizationId, reason);
        connected.forEach(shop -> notices.aboutShop(shop.merchantId(), shop.shopId(), NoticeKind.SHOP_RECONNECT_NEEDED,
                "TikTok shop " + shop.shopId() + " has to be connected again: its work waits until the seller reconnects it",
                truncate(reason)));
    }

    private void disconnect(String authorizationId, String reason) {
        int shops = db.sql("""
                        UPDATE tiktok_shops SET status = 'DISCONNECTED', status_reason = ?, status_changed_at = ?, updated_at = ?
                        WHERE authorization_id = ? AND status = 'CONNECTED'""")
                .params(reason, utc(clock.instant()), utc(clock.instant()), authorizationId).update();
        db.sql("UPDATE tiktok_authorizations SET last_refresh_error = ? WHERE id = ?")
                .params(truncate(reason), authorizationId).update();
        log.warn("{} TikTok shop(s) of authorization {} disconnected: {}", shops, authorizationId, reason);
    }

    private void count(String outcome) {
        meters.counter("tiktok.token.refreshes", "outcome", outcome).increment();
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 1000);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
