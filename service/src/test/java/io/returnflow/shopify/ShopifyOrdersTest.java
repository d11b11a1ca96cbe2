package io.returnflow.shopify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.returnflow.support.OpenPartnerHosts;
import io.returnflow.partners.CircuitBreakerProperties;
import io.returnflow.partners.PartnerCircuitBreakers;
import io.returnflow.partners.PartnerRejectedException;
import io.returnflow.partners.PartnerUnavailableException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ShopifyOrdersTest {

    private static final String TIKTOK_ORDER = "576653688135258178";
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    @RegisterExtension
    static WireMockExtension shopify = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final ShopifyProperties properties = new ShopifyProperties("2025-10", new ShopifyProperties.OrderMatch(
            List.of(OrderMatchStrategy.SOURCE_IDENTIFIER, OrderMatchStrategy.CUSTOM_ATTRIBUTE, OrderMatchStrategy.TAG,
                    OrderMatchStrategy.NAME),
            List.of("TikTok Order ID"), Duration.ofHours(24)));
    private final ShopifyOrders orders = new ShopifyOrders(new ShopifyClient(new ObjectMapper(), new PartnerCircuitBreakers(
            new CircuitBreakerProperties(20, 10, 50, Duration.ofSeconds(30), 3), new SimpleMeterRegistry()), new SimpleMeterRegistry(), OpenPartnerHosts.open()), properties,
            Clock.fixed(NOW, ZoneOffset.UTC));

    private ShopifyStore store() {
        return new ShopifyStore("acme.myshopify.com", "shpat_test", shopify.baseUrl() + "/admin/api/2025-10");
    }

    private static String ordersAnswer(String orderJson) {
        return """
                {"data":{"orders":{"nodes":[%s]}},
                 "extensions":{"cost":{"requestedQueryCost":52,"actualQueryCost":12,
                   "throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":1988,"restoreRate":100.0}}}}"""
                .formatted(orderJson);
    }

    private static String order(String name, String sourceIdentifier, String attributes, String tags) {
        return """
                {"id":"gid://shopify/Order/1","name":"%s","sourceIdentifier":%s,"sourceName":"tiktok","tags":%s,
                 "customAttributes":%s,"shippingAddress":null,
                 "lineItems":{"nodes":[{"id":"gid://shopify/LineItem/7","sku":"TEE-M","quantity":2,"title":"Tee",
                   "variant":{"id":"gid://shopify/ProductVariant/70","sku":"TEE-M"}}]}}"""
                .formatted(name, sourceIdentifier == null ? "null" : "\"" + sourceIdentifier + "\"", tags, attributes);
    }

    private static void answer(String search, String body) {
        shopify.stubFor(post(urlEqualTo("/admin/api/2025-10/graphql.json"))
                .withHeader("X-Shopify-Access-Token", equalTo("shpat_test"))
                .withRequestBody(matchingJsonPath("$.variables.query", equalTo(search)))
                .willReturn(okJson(body)));
    }

    private static void noOrdersForAnySearch() {
        shopify.stubFor(post(urlEqualTo("/admin/api/2025-10/graphql.json")).atPriority(10)
                .willReturn(okJson(ordersAnswer(""))));
    }

    @Test
    void findsTheOrderBySourceIdentifier() {
        answer("source_identifier:\"" + TIKTOK_ORDER + "\"", ordersAnswer(order("#1001", TIKTOK_ORDER, "[]", "[]")));

        ShopifyOrder found = orders.findForTikTokOrder(store(), TIKTOK_ORDER, null).orElseThrow();

        assertThat(found.name()).isEqualTo("#1001");
        assertThat(found.lineItems()).extracting(ShopifyOrder.LineItem::sku).containsExactly("TEE-M");
    }

    @Test
    void fallsBackToACustomAttributeWhenTheSourceIdentifierIsEmpty() {
        noOrdersForAnySearch();
        answer("\"" + TIKTOK_ORDER + "\"", ordersAnswer(order("#1002", null,
                "[{\"key\":\"TikTok Order ID\",\"value\":\"" + TIKTOK_ORDER + "\"}]", "[]")));

        assertThat(orders.findForTikTokOrder(store(), TIKTOK_ORDER, null)).get()
                .extracting(ShopifyOrder::name).isEqualTo("#1002");
    }

    @Test
    void ignoresASearchHitThatDoesNotCarryTheId() {
        noOrdersForAnySearch();
        // full-text search finds an order that merely mentions the number elsewhere
        answer("\"" + TIKTOK_ORDER + "\"", ordersAnswer(order("#1003", "999", "[{\"key\":\"Gift note\",\"value\":\"" + TIKTOK_ORDER + "\"}]", "[]")));

        assertThatThrownBy(() -> orders.findForTikTokOrder(store(), TIKTOK_ORDER, null))
                .isInstanceOf(OrderNotSyncedYetException.class);
    }

    @Test
    void findsTheOrderByTag() {
        noOrdersForAnySearch();
        answer("tag:\"" + TIKTOK_ORDER + "\"", ordersAnswer(order("#1004", null, "[]", "[\"TikTok Order ID: " + TIKTOK_ORDER + "\"]")));

        assertThat(orders.findForTikTokOrder(store(), TIKTOK_ORDER, null)).get()
                .extracting(ShopifyOrder::name).isEqualTo("#1004");
    }

    @Test
    void asksToWaitWhileTheOrderHasNotSyncedYet() {
        noOrdersForAnySearch();

        assertThatThrownBy(() -> orders.findForTikTokOrder(store(), TIKTOK_ORDER, NOW.minus(Duration.ofHours(23)).toString()))
                .isInstanceOf(OrderNotSyncedYetException.class)
                .hasMessageContaining(TIKTOK_ORDER);
    }

    @Test
    void givesUpWaitingAfterTheConfiguredTime() {
        noOrdersForAnySearch();

        assertThat(orders.findForTikTokOrder(store(), TIKTOK_ORDER, NOW.minus(Duration.ofHours(25)).toString())).isEmpty();
    }

    @Test
    void aThrottledAnswerAsksToRetryWhenTheBucketHasRefilled() {
        shopify.stubFor(post(urlEqualTo("/admin/api/2025-10/graphql.json")).willReturn(okJson("""
                {"errors":[{"message":"Throttled","extensions":{"code":"THROTTLED","documentation":"https://shopify.dev/api/usage/rate-limits"}}],
                 "extensions":{"cost":{"requestedQueryCost":502,"actualQueryCost":null,
                   "throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":2,"restoreRate":100.0}}}}""")));

        assertThatThrownBy(() -> orders.findForTikTokOrder(store(), TIKTOK_ORDER, null))
                .isInstanceOfSatisfying(PartnerUnavailableException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(5000)));
    }

    @Test
    void aServerErrorAsksToRetry() {
        shopify.stubFor(post(urlEqualTo("/admin/api/2025-10/graphql.json")).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> orders.findForTikTokOrder(store(), TIKTOK_ORDER, null))
                .isInstanceOf(PartnerUnavailableException.class);
    }

    @Test
    void aRefusedTokenIsFinal() {
        shopify.stubFor(post(urlEqualTo("/admin/api/2025-10/graphql.json")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"errors\":\"[API] Invalid API key or access token (unrecognized login or wrong password)\"}")));

        assertThatThrownBy(() -> orders.findForTikTokOrder(store(), TIKTOK_ORDER, null))
                .isInstanceOfSatisfying(PartnerRejectedException.class, e -> assertThat(e.code()).isEqualTo("401"));
        shopify.verify(1, postRequestedFor(urlEqualTo("/admin/api/2025-10/graphql.json")));
    }
}
