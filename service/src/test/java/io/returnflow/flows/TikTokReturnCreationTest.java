package io.returnflow.flows;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.jms.Message;
import jakarta.jms.TextMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.returnflow.support.ApiClient;
import io.returnflow.support.BrokerProbe;
import io.returnflow.support.ServiceTest;
import io.returnflow.support.TikTokWebhookClient;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** Webhook to recorded return, through the real HTTP server, broker, database and the sandbox partners. */
@ServiceTest
class TikTokReturnCreationTest {

    private static final String SHOPIFY_GRAPHQL = "/admin/api/2025-10/graphql.json";

    @RegisterExtension
    static WireMockExtension shopify = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Autowired
    BrokerProbe broker;
    @Autowired
    TikTokWebhookClient tiktok;
    @Value("${server.port}")
    int port;

    private ApiClient api() {
        return new ApiClient(port);
    }

    private ReturnFlowFixture sandboxMerchant() {
        return new ReturnFlowFixture(api(), ReturnFlowFixture.sandboxShopify(api()), "shpat_sandbox");
    }

    private ReturnFlowFixture wireMockShopifyMerchant() {
        return new ReturnFlowFixture(api(), shopify.baseUrl() + "/admin/api/2025-10", "shpat_wiremock");
    }

    @ParameterizedTest
    @CsvSource({
            "REFUND, SBX-TEE-BLK-M, 2",
            "RETURN_AND_REFUND, SBX-TEE-BLK-M, 2",
            "REPLACEMENT, SBX-TEE-BLK-M, 2"})
    void recordsAReturnWithItsShopifyOrderAndOneItemPerSku(String returnType, String firstSku, int firstQuantity) {
        ReturnFlowFixture merchant = sandboxMerchant();

        JsonNode sandbox = merchant.buyerAsksForReturn(returnType, 3);
        JsonNode ret = merchant.awaitReturn(sandbox.path("returnId").asText());

        assertThat(ret.path("source").asText()).isEqualTo("TIKTOK");
        assertThat(ret.path("state").asText()).isEqualTo("OPEN");
        assertThat(ret.path("tiktok").path("returnType").asText()).isEqualTo(returnType);
        assertThat(ret.path("tiktok").path("orderId").asText()).isEqualTo(sandbox.path("orderId").asText());
        assertThat(ret.path("tiktok").path("nextAction").asText()).isEqualTo("RESPOND_REQUEST");
        assertThat(ret.path("shopify").path("orderName").asText()).startsWith("#");
        assertThat(ret.path("items")).hasSize(2);
        JsonNode first = ret.path("items").get(0);
        assertThat(first.path("sku").asText()).isEqualTo(firstSku);
        assertThat(first.path("quantity").asInt()).isEqualTo(firstQuantity);
        assertThat(first.path("matched").asBoolean()).isTrue();
        assertThat(first.path("shopifyLineItemId").asText()).startsWith("gid://shopify/LineItem/");
        assertThat(first.path("refundAmount").path("amount").asText()).isEqualTo("25.00");
        assertThat(first.path("decision").asText()).isEqualTo("PENDING");
        assertThat(ret.path("items").get(1).path("quantity").asInt()).isEqualTo(1);
    }

    @Test
    void announcesEachNewReturnOnceToEveryDownstreamConsumer() throws Exception {
        ReturnFlowFixture merchant = sandboxMerchant();
        JsonNode sandbox = merchant.buyerAsksForReturn("RETURN_AND_REFUND", 1);
        String id = merchant.awaitReturn(sandbox.path("returnId").asText()).path("id").asText();

        await().atMost(Duration.ofSeconds(10)).until(() -> eventsFor(id).size() == 1);
        redeliver(merchant, sandbox, 3);
        broker.awaitDrained("tiktok.return-events");
        broker.awaitOutboxPublished();

        assertThat(eventsFor(id)).hasSize(1);
    }

    @Test
    void recordsAReturnWhoseWebhookIsShapedAsTikTokSamplesShowIt() {
        ReturnFlowFixture merchant = sandboxMerchant();
        JsonNode sandbox = merchant.buyerAsksForReturnLater();

        HttpResponse<String> delivered = api().postJson("/sandbox/tiktok/returns/" + sandbox.path("returnId").asText()
                + "/webhook", null, "{\"envelope\":\"SAMPLE\"}");

        assertThat(ApiClient.json(delivered).path("webhookStatus").asInt()).isEqualTo(200);
        assertThat(merchant.awaitReturn(sandbox.path("returnId").asText()).path("items")).hasSize(2);
    }

    @Test
    void recordsOneReturnHoweverManyEventsArriveInWhateverOrder() {
        ReturnFlowFixture merchant = sandboxMerchant();
        JsonNode sandbox = merchant.buyerAsksForReturn("RETURN_AND_REFUND", 2);
        String tiktokReturnId = sandbox.path("returnId").asText();

        // redeliveries, new notifications, and an event carrying an older status, all at once
        redeliver(merchant, sandbox, 5);
        tiktok.deliver(tiktok.returnStatusChange(TikTokWebhookClient.newId(), merchant.shopId, tiktokReturnId)
                .replace("\"update_time\":1718305585", "\"update_time\":1"));

        merchant.awaitReturn(tiktokReturnId);
        broker.awaitDrained("tiktok.return-events");

        JsonNode page = ApiClient.json(api().get("/api/returns?q=" + tiktokReturnId, merchant.apiKey));
        assertThat(page.path("returns")).hasSize(1);
        assertThat(page.path("returns").get(0).path("state").asText()).isEqualTo("OPEN");
    }

    @Test
    void findsTheShopifyOrderWhenItAppearsOnlyOnTheThirdLookup() {
        ReturnFlowFixture merchant = wireMockShopifyMerchant();
        JsonNode sandbox = merchant.buyerAsksForReturnLater();
        String tiktokOrderId = sandbox.path("orderId").asText();
        noOrdersForAnySearch();
        String bySource = "source_identifier:\"" + tiktokOrderId + "\"";
        shopify.stubFor(post(urlEqualTo(SHOPIFY_GRAPHQL)).inScenario("sync").whenScenarioStateIs(Scenario.STARTED)
                .withRequestBody(matchingJsonPath("$.variables.query", equalTo(bySource)))
                .willReturn(okJson(orders(""))).willSetStateTo("looked once"));
        shopify.stubFor(post(urlEqualTo(SHOPIFY_GRAPHQL)).inScenario("sync").whenScenarioStateIs("looked once")
                .withRequestBody(matchingJsonPath("$.variables.query", equalTo(bySource)))
                .willReturn(okJson(orders(""))).willSetStateTo("looked twice"));
        shopify.stubFor(post(urlEqualTo(SHOPIFY_GRAPHQL)).inScenario("sync").whenScenarioStateIs("looked twice")
                .withRequestBody(matchingJsonPath("$.variables.query", equalTo(bySource)))
                .willReturn(okJson(orders(order(tiktokOrderId, "SBX-TEE-BLK-M", 2)))));

        merchant.deliverWebhookFor(sandbox);
        JsonNode ret = merchant.awaitReturn(sandbox.path("returnId").asText());

        assertThat(ret.path("shopify").path("orderName").asText()).isEqualTo("#2001");
        assertThat(ret.path("attention").isNull()).isTrue();
        assertThat(ret.path("items").get(0).path("matched").asBoolean()).isTrue();
    }

    @Test
    void flagsTheItemWhoseSkuTheShopifyOrderLacks() {
        ReturnFlowFixture merchant = wireMockShopifyMerchant();
        JsonNode sandbox = merchant.buyerAsksForReturnLater(); // SKUs SBX-TEE-BLK-M x2, SBX-TEE-WHT-L x1
        noOrdersForAnySearch();
        shopify.stubFor(post(urlEqualTo(SHOPIFY_GRAPHQL))
                .withRequestBody(matchingJsonPath("$.variables.query", equalTo("source_identifier:\"" + sandbox.path("orderId").asText() + "\"")))
                .willReturn(okJson(orders(order(sandbox.path("orderId").asText(), "SBX-TEE-BLK-M", 2)))));

        merchant.deliverWebhookFor(sandbox);
        JsonNode ret = merchant.awaitReturn(sandbox.path("returnId").asText());

        assertThat(ret.path("items")).extracting(item -> item.path("sku").asText() + "=" + item.path("matched").asBoolean())
                .containsExactly("SBX-TEE-BLK-M=true", "SBX-TEE-WHT-L=false");
        assertThat(ret.path("state").asText()).isEqualTo("OPEN");
    }

    @Test
    void recordsTheReturnForTheMerchantToLookAtWhenItsOrderNeverSyncs() {
        ReturnFlowFixture merchant = wireMockShopifyMerchant();
        JsonNode sandbox = merchant.buyerAsksForReturnLater();
        noOrdersForAnySearch();

        merchant.deliverWebhookFor(sandbox);
        JsonNode ret = merchant.awaitReturn(sandbox.path("returnId").asText());

        assertThat(ret.path("attention").asText()).contains(sandbox.path("orderId").asText());
        assertThat(ret.path("shopify").isNull()).isTrue();
        assertThat(ret.path("items").get(0).path("matched").asBoolean()).isFalse();
    }

    @Test
    void waitsOutATikTokRateLimitAndThenRecordsTheReturn() {
        ReturnFlowFixture merchant = sandboxMerchant();
        api().postJson("/sandbox/faults", null, """
                {"pathPrefix": "/sandbox/tiktok/return_refund/202309/returns/search", "status": 429,
                 "body": "{\\"code\\":429,\\"message\\":\\"Too many requests\\"}", "times": 2}""");

        JsonNode sandbox = merchant.buyerAsksForReturn("REFUND", 1);

        assertThat(merchant.awaitReturn(sandbox.path("returnId").asText()).path("state").asText()).isEqualTo("OPEN");
    }

    @Test
    void deadLettersTheEventWhenShopifyRefusesTheCall() throws Exception {
        ReturnFlowFixture merchant = wireMockShopifyMerchant();
        JsonNode sandbox = merchant.buyerAsksForReturnLater();
        shopify.stubFor(post(urlEqualTo(SHOPIFY_GRAPHQL)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"errors\":\"[API] Invalid API key or access token (unrecognized login or wrong password)\"}")));

        merchant.deliverWebhookFor(sandbox);

        Message dead = awaitDeadLetter(sandbox.path("returnId").asText());
        assertThat(dead.getStringProperty("DeadLetterReason")).contains("Shopify rejected the call with 401");
        assertThat(merchant.findReturn(sandbox.path("returnId").asText())).isNull();
    }

    @Test
    void parksTheEventOfAShopNoMerchantConnected() throws Exception {
        String returnId = TikTokWebhookClient.newId();
        tiktok.deliver(tiktok.returnStatusChange(TikTokWebhookClient.newId(), "1234567890123", returnId));

        Message parked = awaitDeadLetter(returnId);
        assertThat(parked.getStringProperty("DeadLetterReason")).contains("no merchant has connected TikTok shop 1234567890123");
    }

    @Test
    void aMerchantSeesOnlyItsOwnReturns() {
        ReturnFlowFixture owner = sandboxMerchant();
        ReturnFlowFixture other = sandboxMerchant();
        String id = owner.awaitReturn(owner.buyerAsksForReturn("REFUND", 1).path("returnId").asText()).path("id").asText();

        assertThat(api().get("/api/returns/" + id, owner.apiKey).statusCode()).isEqualTo(200);
        assertThat(api().get("/api/returns/" + id, other.apiKey).statusCode()).isEqualTo(404);
        assertThat(ApiClient.json(api().get("/api/returns", other.apiKey)).path("returns")).isEmpty();
        assertThat(api().get("/api/returns/" + id, null).statusCode()).isEqualTo(401);
    }

    private void redeliver(ReturnFlowFixture merchant, JsonNode sandbox, int times) {
        for (int i = 0; i < times; i++) {
            tiktok.deliver(tiktok.returnStatusChange(TikTokWebhookClient.newId(), merchant.shopId,
                    sandbox.path("returnId").asText()));
        }
    }

    private List<String> eventsFor(String returnId) throws Exception {
        List<String> events = new ArrayList<>();
        for (Message message : broker.browse("returns.created::returns.created.test")) {
            String text = ((TextMessage) message).getText();
            if (text.contains("\"returnId\":\"" + returnId + "\"")) {
                events.add(text);
            }
        }
        return events;
    }

    private Message awaitDeadLetter(String tiktokReturnId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (Message message : broker.browse("DLQ.tiktok.return-events")) {
                if (tiktokReturnId.equals(message.getStringProperty("TikTokReturnId"))) {
                    return message;
                }
            }
            return null;
        }, m -> m != null);
    }

    private static void noOrdersForAnySearch() {
        shopify.stubFor(post(urlEqualTo(SHOPIFY_GRAPHQL)).atPriority(10).willReturn(okJson(orders(""))));
    }

    private static String orders(String nodes) {
        return """
                {"data":{"orders":{"nodes":[%s]}},
                 "extensions":{"cost":{"requestedQueryCost":52,"actualQueryCost":12,
                   "throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":1988,"restoreRate":100.0}}}}"""
                .formatted(nodes);
    }

    private static String order(String tiktokOrderId, String sku, int quantity) {
        return """
                {"id":"gid://shopify/Order/2001","name":"#2001","sourceIdentifier":"%s","sourceName":"tiktok","tags":[],
                 "customAttributes":[],"shippingAddress":null,
                 "lineItems":{"nodes":[{"id":"gid://shopify/LineItem/21","sku":"%s","quantity":%d,"title":"Tee",
                   "variant":{"id":"gid://shopify/ProductVariant/210","sku":"%s"}}]}}"""
                .formatted(tiktokOrderId, sku, quantity, sku);
    }
}
