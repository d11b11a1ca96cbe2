package io.returnflow.shopify;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param apiVersion the pinned Admin API version
 * @param orderMatch how the order TikTok's Shopify channel created is found
 */
@ConfigurationProperties("shopify")
public record ShopifyProperties(
        @DefaultValue("2025-10") String apiVersion,
        @DefaultValue OrderMatch orderMatch) {

    /**
     * Which field carries the TikTok order id is not documented, so each strategy is tried in
     * order and a hit counts only if it really carries the id.
     *
     * @param strategies    SOURCE_IDENTIFIER, CUSTOM_ATTRIBUTE, TAG, NAME, in the order to try
     * @param attributeKeys custom (note) attribute keys that may hold the TikTok order id
     * @param waitUpTo      how long a return waits for its order to appear in Shopify
     */
    public record OrderMatch(
            @DefaultValue({"SOURCE_IDENTIFIER", "CUSTOM_ATTRIBUTE", "TAG", "NAME"}) List<OrderMatchStrategy> strategies,
            @DefaultValue({"TikTok Order ID", "TikTok Order Number", "tiktok_order_id"}) List<String> attributeKeys,
            @DefaultValue("24h") Duration waitUpTo) {
    }
}
