package io.returnflow.wms.shopify;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
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
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.returnflow.support.OpenPartnerHosts;
import io.returnflow.messaging.PermanentFailureException;
import io.returnflow.messaging.RetryLaterException;
import io.returnflow.partners.CircuitBreakerProperties;
import io.returnflow.partners.PartnerCircuitBreakers;
import io.returnflow.partners.PartnerRejectedException;
import io.returnflow.returns.ReturnSource;
import io.returnflow.returns.ReturnState;
import io.returnflow.shopify.ShopifyClient;
import io.returnflow.shopify.ShopifyStore;
import io.returnflow.shopify.ShopifyStores;
import io.returnflow.wms.FollowedOutcome;
import io.returnflow.wms.WmsOutcome;
import io.returnflow.wms.WmsReturn;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Shopify's answer shapes for returns, against WireMock (end to end with the sandbox: ShopifyReturnsFlowTest). */
class ShopifyReturnsTest {

    @RegisterExtension
    static WireMockExtension shopify = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String GRAPHQL = "/admin/api/2025-10/graphql.json";
    private static final WmsReturn RETURN = new WmsReturn("r-1", "acme", ReturnSource.TIKTOK, "576", "999",
            "RETURN_AND_REFUND", "gid://shopify/Order/5100", "#1001", "Item arrived damaged",
            List.of(new WmsReturn.Item("i-1", "TEE-M", "Tee", 3, "gid://shopify/LineItem/11"),
                    new WmsReturn.Item("i-2", "CAP", "Cap", 1, null)));
    private static final String RETURN_ID = "gid://shopify/Return/77";

    private ShopifyReturns returns;

    @BeforeEach
    void target() {
        PartnerCircuitBreakers breakers = new PartnerCircuitBreakers(
                new CircuitBreakerProperties(20, 10, 50, Duration.ofSeconds(30), 3), new SimpleMeterRegistry());
        ShopifyStores stores = new ShopifyStores(null, null) {
            @Override
            public ShopifyStore forMerchant(String merchantId) {
                return new ShopifyStore("acme.myshopify.com", "shpat_test", shopify.baseUrl() + "/admin/api/2025-10");
            }
        };
        returns = new ShopifyReturns(new ShopifyClient(new ObjectMapper(), breakers, new SimpleMeterRegistry(), OpenPartnerHosts.open()), stores,
                new ShopifyReturnsProperties(null, "OTHER", Duration.ofHours(24)), Clock.systemUTC());
    }

    private static void answer(String operation, String data) {
        shopify.stubFor(post(urlEqualTo(GRAPHQL)).withRequestBody(matchingJsonPath("$.query", containing(operation)))
                .willReturn(okJson("{\"data\":" + data + "}")));
    }

    private static void noReturnsYet() {
        answer("ShopifyOrderReturns", "{\"order\":{\"id\":\"gid://shopify/Order/5100\",\"name\":\"#1001\",\"returns\":{\"nodes\":[]}}}");
    }

    @Test
    void returnsEachItemsUnitsFromTheFulfillmentLineItemsOfItsOrderLineWithTheReasonAndTheNote() {
        noReturnsYet();
        answer("ShopifyReturnableFulfillments", """
                {"returnableFulfillments":{"nodes":[
                  {"id":"gid://shopify/ReturnableFulfillment/1","returnableFulfillmentLineItems":{"nodes":[
                    {"quantity":2,"fulfillmentLineItem":{"id":"gid://shopify/FulfillmentLineItem/1","lineItem":{"id":"gid://shopify/LineItem/11","sku":"TEE-M"}}},
                    {"quantity":1,"fulfillmentLineItem":{"id":"gid://shopify/FulfillmentLineItem/3","lineItem":{"id":"gid://shopify/LineItem/13","sku":"CAP"}}}]}},
                  {"id":"gid://shopify/ReturnableFulfillment/2","returnableFulfillmentLineItems":{"nodes":[
                    {"quantity":5,"fulfillmentLineItem":{"id":"gid://shopify/FulfillmentLineItem/2","lineItem":{"id":"gid://shopify/LineItem/11","sku":"TEE-M"}}}]}}]}}""");
        answer("ShopifyReturnCreate", "{\"returnCreate\":{\"return\":{\"id\":\"" + RETURN_ID + "\",\"status\":\"OPEN\"},\"userErrors\":[]}}");

        assertThat(returns.createReturnAuthorization(RETURN, new ShopifyReturnsSettings(true, null), null)).isEqualTo(RETURN_ID);

        String note = "[tts-576] TikTok Shop return 576 (order 999): Item arrived damaged";
        shopify.verify(postRequestedFor(urlEqualTo(GRAPHQL)).withHeader("X-Shopify-Access-Token", equalTo("shpat_test"))
                .withRequestBody(matchingJsonPath("$.variables", equalToJson("""
                        {"returnInput":{"orderId":"gid://shopify/Order/5100","returnLineItems":[
                          {"fulfillmentLineItemId":"gid://shopify/FulfillmentLineItem/1","quantity":2,"returnReason":"DEFECTIVE","returnReasonNote":"%1$s"},
                          {"fulfillmentLineItemId":"gid://shopify/FulfillmentLineItem/2","quantity":1,"returnReason":"DEFECTIVE","returnReasonNote":"%1$s"},
                          {"fulfillmentLineItemId":"gid://shopify/FulfillmentLineItem/3","quantity":1,"returnReason":"DEFECTIVE","returnReasonNote":"%1$s"}]}}"""
                        .formatted(note), true, false))));
    }

    @Test
    void answersTheReturnItMadeBeforeWithoutMakingAnother() {
        answer("ShopifyOrderReturns", """
                {"order":{"id":"gid://shopify/Order/5100","name":"#1001","returns":{"nodes":[
                  {"id":"gid://shopify/Return/1","status":"OPEN","returnLineItems":{"nodes":[{"returnReasonNote":"Customer's own"}]}},
                  {"id":"%s","status":"OPEN","returnLineItems":{"nodes":[{"returnReasonNote":"[tts-576] TikTok Shop return 576"}]}}]}}}"""
                .formatted(RETURN_ID));

        assertThat(returns.createReturnAuthorization(RETURN, new ShopifyReturnsSettings(true, null), null)).isEqualTo(RETURN_ID);

        shopify.verify(0, postRequestedFor(urlEqualTo(GRAPHQL)).withRequestBody(containing("returnCreate")));
    }

    @Test
    void waitsForTheItemsToBeFulfilledThenFailsNamingThem() {
        noReturnsYet();
        answer("ShopifyReturnableFulfillments", "{\"returnableFulfillments\":{\"nodes\":[]}}");
        ShopifyReturnsSettings on = new ShopifyReturnsSettings(true, null);

        assertThatThrownBy(() -> returns.createReturnAuthorization(RETURN, on, null))
                .isInstanceOf(RetryLaterException.class).hasMessageContaining("yet");
        assertThatThrownBy(() -> returns.createReturnAuthorization(RETURN, on, Instant.now().minus(Duration.ofDays(2)).toString()))
                .isInstanceOf(PermanentFailureException.class)
                .hasMessage("Shopify order #1001 has no fulfilled, returnable units for 3 x TEE-M, 1 x CAP, after waiting PT24H");
    }

    @Test
    void aRefusalOfReturnCreateIsFinalInShopifysWords() {
        noReturnsYet();
        answer("ShopifyReturnableFulfillments", """
                {"returnableFulfillments":{"nodes":[{"id":"gid://shopify/ReturnableFulfillment/1","returnableFulfillmentLineItems":{"nodes":[
                  {"quantity":3,"fulfillmentLineItem":{"id":"gid://shopify/FulfillmentLineItem/1","lineItem":{"id":"gid://shopify/LineItem/11","sku":"TEE-M"}}},
                  {"quantity":1,"fulfillmentLineItem":{"id":"gid://shopify/FulfillmentLineItem/3","lineItem":{"id":"gid://shopify/LineItem/13","sku":"CAP"}}}]}}]}}""");
        answer("ShopifyReturnCreate", """
                {"returnCreate":{"return":null,"userErrors":[{"field":["returnInput","returnLineItems","0","quantity"],
                 "message":"Quantity is not available for return","code":"INVALID"}]}}""");

        assertThatThrownBy(() -> returns.createReturnAuthorization(RETURN, new ShopifyReturnsSettings(true, null), null))
                .isInstanceOf(PartnerRejectedException.class)
                .hasMessage("Shopify rejected the call with INVALID: returnCreate: returnInput.returnLineItems.0.quantity: "
                        + "Quantity is not available for return");
    }

    @Test
    void processesTheReturnedUnitsWithoutARefundRestocksThemAndClosesTheReturnWhenTikTokCompletesIt() {
        answer("query ShopifyReturn(", """
                {"return":{"id":"%s","status":"OPEN","returnLineItems":{"nodes":[
                  {"id":"gid://shopify/ReturnLineItem/1","quantity":2,"processableQuantity":2,"fulfillmentLineItem":{"id":"gid://shopify/FulfillmentLineItem/1"}},
                  {"id":"gid://shopify/ReturnLineItem/2","quantity":1,"processableQuantity":0,"fulfillmentLineItem":{"id":"gid://shopify/FulfillmentLineItem/3"}}]}}}"""
                .formatted(RETURN_ID));
        answer("ShopifyReturnReverseFulfillment", """
                {"return":{"reverseFulfillmentOrders":{"nodes":[{"lineItems":{"nodes":[
                  {"id":"gid://shopify/ReverseFulfillmentOrderLineItem/9","totalQuantity":2,"fulfillmentLineItem":{"id":"gid://shopify/FulfillmentLineItem/1"}}]}}]}}}""");
        answer("ShopifyReturnProcess", "{\"returnProcess\":{\"return\":{\"id\":\"" + RETURN_ID + "\",\"status\":\"OPEN\"},\"userErrors\":[]}}");
        answer("ShopifyReturnClose", "{\"returnClose\":{\"return\":{\"id\":\"" + RETURN_ID + "\",\"status\":\"CLOSED\"},\"userErrors\":[]}}");

        FollowedOutcome followed = returns.follow(outcome(ReturnState.COMPLETED, "RETURN_AND_REFUND"), RETURN_ID,
                new ShopifyReturnsSettings(true, "gid://shopify/Location/4"));

        assertThat(followed).isEqualTo(FollowedOutcome.followed("CLOSED"));
        shopify.verify(postRequestedFor(urlEqualTo(GRAPHQL)).withRequestBody(matchingJsonPath("$.variables", equalToJson("""
                {"input":{"returnId":"%s","notifyCustomer":false,"returnLineItems":[{"id":"gid://shopify/ReturnLineItem/1","quantity":2,
                 "dispositions":[{"reverseFulfillmentOrderLineItemId":"gid://shopify/ReverseFulfillmentOrderLineItem/9","quantity":2,
                                  "dispositionType":"RESTOCKED","locationId":"gid://shopify/Location/4"}]}]}}""".formatted(RETURN_ID)))));
        shopify.verify(1, postRequestedFor(urlEqualTo(GRAPHQL)).withRequestBody(containing("returnClose(")));
        shopify.verify(0, postRequestedFor(urlEqualTo(GRAPHQL)).withRequestBody(containing("financialTransfer")));
    }

    @Test
    void keepsTheReturnInShopifysWordsWhenShopifyWillNotCancelIt() {
        answer("query ShopifyReturn(", "{\"return\":{\"id\":\"" + RETURN_ID + "\",\"status\":\"OPEN\",\"returnLineItems\":{\"nodes\":[]}}}");
        answer("ShopifyReturnCancel", """
                {"returnCancel":{"return":null,"userErrors":[{"field":["id"],"message":"Return has been inspected","code":"INVALID_STATE"}]}}""");

        FollowedOutcome followed = returns.follow(outcome(ReturnState.CANCELLED, "RETURN_AND_REFUND"), RETURN_ID,
                new ShopifyReturnsSettings(true, null));

        assertThat(followed).isEqualTo(FollowedOutcome.kept("id: Return has been inspected"));
    }

    @Test
    void asksNothingOfShopifyWhileTikTokHasNotDecided() {
        assertThat(returns.follow(outcome(ReturnState.APPROVED, "RETURN_AND_REFUND"), RETURN_ID,
                new ShopifyReturnsSettings(true, null))).isNull();
        shopify.verify(0, postRequestedFor(urlEqualTo(GRAPHQL)));
    }

    private static WmsOutcome outcome(ReturnState state, String returnType) {
        return new WmsOutcome("r-1", "acme", ReturnSource.TIKTOK, state, "SOME_STATUS", returnType, false);
    }
}
