package io.returnflow.tiktok.connect;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.returnflow.partners.PartnerRejectedException;
import io.returnflow.partners.PartnerUnavailableException;
import io.returnflow.tiktok.TikTokClient;
import io.returnflow.tiktok.TikTokEndpoints;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Subscribes connected shops to TikTok's RETURN_STATUS_CHANGE webhook at the configured address
 * (the webhook subscription route). A shop is due while TikTok has neither confirmed nor refused the
 * current address: a new address makes every shop due again, a reconnected shop is due again.
 * TikTok's PUT replaces the shop's subscription for that event, so subscribing twice (two
 * instances in the same round) does no harm.
 */
@Component("tiktokWebhookSubscriptions")
class TikTokWebhookSubscriptions {

    static final String EVENT_TYPE = "RETURN_STATUS_CHANGE";
    private static final Logger log = LoggerFactory.getLogger(TikTokWebhookSubscriptions.class);

    private final WebhookSubscriptionSettings settings;
    private final ConnectedShops shops;
    private final TikTokClient tiktok;
    private final TikTokEndpoints endpoints;
    private final JdbcClient db;
    private final Clock clock;
    private final MeterRegistry meters;

    TikTokWebhookSubscriptions(WebhookSubscriptionSettings settings, ConnectedShops shops, TikTokClient tiktok,
                               TikTokEndpoints endpoints, JdbcClient db, Clock clock, MeterRegistry meters) {
        this.settings = settings;
        this.shops = shops;
        this.tiktok = tiktok;
        this.endpoints = endpoints;
        this.db = db;
        this.clock = clock;
        this.meters = meters;
    }

    /** Connected shops whose subscription to the current address is not settled; none when disabled. */
    public List<String> dueShops() {
        if (!settings.enabled()) {
            return List.of();
        }
        return db.sql("""
                        SELECT shop_id FROM tiktok_shops
                        WHERE status = 'CONNECTED'
                          AND (webhook_subscription_address IS NULL OR webhook_subscription_address <> ?)
                        ORDER BY connected_at""")
                .param(settings.address())
                .query(String.class).list();
    }

    /**
     * Subscribes one shop. TikTok's refusal is an outcome (FAILED, with TikTok's message, until the
     * address changes or the shop is connected again); no answer leaves the shop due for the next
     * round, with the error shown on the shop.
     */
    public void subscribe(String shopId) {
        ConnectedShop shop = shops.findByShopId(shopId).filter(found -> found.status() == ShopStatus.CONNECTED).orElse(null);
        if (shop == null) {
            return; // disconnected since the round began
        }
        try {
            tiktok.put(endpoints.webhooks(), Map.of(),
                    Map.of("address", settings.address(), "event_type", EVENT_TYPE), shop.accessToken(), shop.cipher());
            record(shopId, "SUBSCRIBED", settings.address(), null);
            log.info("TikTok shop {} subscribed to {} webhooks at {}", shopId, EVENT_TYPE, settings.address());
            count("subscribed");
        } catch (PartnerRejectedException refused) {
            record(shopId, "FAILED", settings.address(), refused.getMessage());
            log.warn("TikTok refused the {} webhook subscription of shop {}: {}", EVENT_TYPE, shopId, refused.getMessage());
            count("refused");
        } catch (PartnerUnavailableException unavailable) {
            record(shopId, "PENDING", null, unavailable.getMessage());
            count("unavailable");
            throw unavailable;
        }
    }

    private void record(String shopId, String status, String address, String error) {
        db.sql("""
                        UPDATE tiktok_shops SET webhook_subscription_status = ?, webhook_subscription_address = ?,
                            webhook_subscription_error = ?, webhook_subscription_at = ?
                        WHERE shop_id = ?""")
                .params(status, address, error == null || error.length() <= 1000 ? error : error.substring(0, 1000),
                        clock.instant().atOffset(ZoneOffset.UTC), shopId)
                .update();
    }

    private void count(String outcome) {
        meters.counter("tiktok.webhook.subscriptions", "outcome", outcome).increment();
    }
}
