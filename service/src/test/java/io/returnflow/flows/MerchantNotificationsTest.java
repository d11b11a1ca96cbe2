package io.returnflow.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.sun.net.httpserver.HttpServer;

import io.returnflow.support.ApiClient;
import io.returnflow.support.DeadLetters;
import io.returnflow.support.ServiceTest;
import io.returnflow.tiktok.connect.TikTokAuthorizations;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Merchant notifications end to end: a FAILED sync or Return Authorization raises a notice, which
 * the merchant-notice route delivers, signed, to a real HTTP server standing in for the merchant's
 * receiver (a Slack incoming webhook, say), again after the receiver fails, and to the DLQ when the
 * receiver refuses it.
 */
@ServiceTest
class MerchantNotificationsTest {

    private static final String DLQ = "DLQ.merchant.notices.webhook";

    @Value("${server.port}")
    int port;
    @Autowired
    TikTokAuthorizations authorizations;
    @Autowired
    JdbcClient db;

    private HttpServer receiver;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** Statuses the receiver answers, one per call, then 200. */
    private final ConcurrentLinkedQueue<Integer> answers = new ConcurrentLinkedQueue<>();

    record Received(Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name))
                    .map(h -> h.getValue().get(0)).findFirst().orElse(null);
        }

        JsonNode json() {
            try {
                return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(Map.copyOf(exchange.getRequestHeaders()), new String(body, StandardCharsets.UTF_8)));
            Integer status = answers.poll();
            exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
        api().delete("/sandbox/faults", null);
    }

    @Test
    void theSigningSecretIsShownOnceWhenTheWebhookIsSet() {
        ReturnFlowFixture merchant = merchant();

        HttpResponse<String> first = setWebhook(merchant, webhookUrl());
        HttpResponse<String> again = setWebhook(merchant, webhookUrl() + "?again");
        HttpResponse<String> shown = api().get(notifications(merchant), merchant.apiKey);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(first).path("signingSecret").asText()).startsWith("whsec_");
        assertThat(ApiClient.json(again).has("signingSecret")).as("the secret stays, unseen").isFalse();
        assertThat(ApiClient.json(shown).path("webhookUrl").asText()).endsWith("?again");
        assertThat(shown.body()).doesNotContain(ApiClient.json(first).path("signingSecret").asText());
    }

    @Test
    void aWebhookUrlThatIsNotAWebAddressIsRefusedNamingTheField() {
        HttpResponse<String> refused = setWebhook(merchant(), "ftp://hooks.example.com/x");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("webhookUrl");
    }

    @Test
    void aSyncTikTokRefusesIsNotifiedSignedWithTheMerchantsSecret() throws Exception {
        ReturnFlowFixture merchant = merchant();
        String secret = ApiClient.json(setWebhook(merchant, webhookUrl())).path("signingSecret").asText();
        String tiktokReturnId = merchant.buyerAsksForReturn("REFUND", 1).path("returnId").asText();
        JsonNode ret = merchant.awaitReturn(tiktokReturnId);
        arm("/sandbox/tiktok/return_refund/202309/returns/" + tiktokReturnId + "/approve", 200,
                "{\"code\":25004003,\"message\":\"Refused in the sandbox\",\"request_id\":\"r1\"}", 1);

        decideApproved(merchant, ret);

        Received notice = awaitNotices(1).get(0);
        JsonNode body = notice.json();
        assertThat(body.path("kind").asText()).isEqualTo("SYNC_FAILED");
        assertThat(body.path("text").asText()).contains("FAILED").contains(tiktokReturnId);
        assertThat(body.path("returnId").asText()).isEqualTo(ret.path("id").asText());
        assertThat(body.path("tiktokReturnId").asText()).isEqualTo(tiktokReturnId);
        assertThat(body.path("detail").asText()).contains("25004003");
        String timestamp = notice.header("X-Returnflow-Timestamp");
        assertThat(notice.header("X-Returnflow-Signature")).isEqualTo("sha256=" + hmac(secret, timestamp + "." + notice.body()));
    }

    @Test
    void aReturnAuthorizationThatFailsIsNotified() {
        ReturnFlowFixture merchant = ReturnFlowFixture.withWmsTargets(api(), "not-the-token-secret",
                ReturnFlowFixture.sandboxShipHeroToken(api(), null), null);
        setWebhook(merchant, webhookUrl());

        String tiktokReturnId = merchant.buyerAsksForReturn("REFUND", 1).path("returnId").asText();

        Received notice = awaitNotices(1).get(0);
        assertThat(notice.json().path("kind").asText()).isEqualTo("WMS_FAILED");
        assertThat(notice.json().path("text").asText()).contains("NETSUITE").contains(tiktokReturnId);
        assertThat(notice.json().path("detail").asText()).contains("INVALID_LOGIN");
    }

    @Test
    void aShopWhoseRefreshTokenTikTokRevokedIsNotifiedAsNeedingReconnection() {
        ReturnFlowFixture merchant = merchant();
        setWebhook(merchant, webhookUrl());
        api().postJson("/sandbox/faults", null, """
                {"pathPrefix": "/sandbox/tiktok-auth/api/v2/token/refresh", "status": 200,
                 "body": "{\\"code\\":36004005,\\"message\\":\\"The refresh_token is invalid or expired\\",\\"request_id\\":\\"r2\\",\\"data\\":null}",
                 "times": 1}""");

        assertThat(authorizations.refresh(db.sql("SELECT authorization_id FROM tiktok_shops WHERE shop_id = ?")
                .param(merchant.shopId).query(String.class).single())).isFalse();

        JsonNode notice = awaitNotices(1).get(0).json();
        assertThat(notice.path("kind").asText()).isEqualTo("SHOP_RECONNECT_NEEDED");
        assertThat(notice.path("shopId").asText()).isEqualTo(merchant.shopId);
        assertThat(notice.path("text").asText()).contains("connected again");
        assertThat(notice.path("detail").asText()).contains("36004005");
    }

    @Test
    void aReceiverThatIsDownGetsTheSameNoticeAgainLater() {
        ReturnFlowFixture merchant = merchant();
        setWebhook(merchant, webhookUrl());
        answers.add(503);
        answers.add(503);

        refusedSync(merchant);

        List<Received> attempts = awaitNotices(3);
        assertThat(attempts).extracting(r -> r.header("X-Returnflow-Notice-Id")).containsOnly(attempts.get(0).header("X-Returnflow-Notice-Id"));
    }

    @Test
    void aReceiverThatRefusesTheNoticeSendsItToTheDeadLetterQueue() {
        ReturnFlowFixture merchant = merchant();
        setWebhook(merchant, webhookUrl());
        answers.add(400);

        refusedSync(merchant);

        String noticeId = awaitNotices(1).get(0).header("X-Returnflow-Notice-Id");
        JsonNode dead = new DeadLetters(api()).awaitMessage(DLQ, m -> m.toString().contains(noticeId));
        assertThat(dead.toString()).contains("HTTP 400");
    }

    @Test
    void aMerchantWithoutAWebhookIsNotNotified() {
        ReturnFlowFixture merchant = merchant();
        setWebhook(merchant, webhookUrl());
        assertThat(api().delete(notifications(merchant), merchant.apiKey).statusCode()).isEqualTo(204);

        refusedSync(merchant);
        ReturnFlowFixture other = merchant();
        setWebhook(other, webhookUrl());
        refusedSync(other);

        List<Received> notices = awaitNotices(1);
        assertThat(notices).extracting(n -> n.json().path("merchantId").asText()).containsExactly(other.merchantId);
    }

    private void refusedSync(ReturnFlowFixture merchant) {
        String tiktokReturnId = merchant.buyerAsksForReturn("REFUND", 1).path("returnId").asText();
        JsonNode ret = merchant.awaitReturn(tiktokReturnId);
        arm("/sandbox/tiktok/return_refund/202309/returns/" + tiktokReturnId + "/approve", 200,
                "{\"code\":25004003,\"message\":\"Refused in the sandbox\",\"request_id\":\"r1\"}", 1);
        decideApproved(merchant, ret);
        await().atMost(Duration.ofSeconds(30)).until(() -> merchant.findReturn(tiktokReturnId).path("sync").path("status").asText(),
                "FAILED"::equals);
    }

    private void decideApproved(ReturnFlowFixture merchant, JsonNode ret) {
        List<String> items = new ArrayList<>();
        ret.path("items").forEach(item -> items.add("{\"itemId\": \"" + item.path("id").asText() + "\", \"decision\": \"APPROVE\"}"));
        HttpResponse<String> decided = api().postJson("/api/returns/" + ret.path("id").asText() + "/decision", merchant.apiKey,
                "{\"items\": [" + String.join(", ", items) + "]}");
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(202);
    }

    private List<Received> awaitNotices(int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= count);
        // nothing more on its way: the next would arrive within the queue's first retry
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(received).hasSize(count);
        return List.copyOf(received);
    }

    private HttpResponse<String> setWebhook(ReturnFlowFixture merchant, String url) {
        return api().put(notifications(merchant), merchant.apiKey, "{\"webhookUrl\": \"" + url + "\"}");
    }

    private static String notifications(ReturnFlowFixture merchant) {
        return "/api/merchants/" + merchant.merchantId + "/notifications";
    }

    private String webhookUrl() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
    }

    private void arm(String pathPrefix, int status, String body, int times) {
        String fault = "{\"pathPrefix\": \"%s\", \"status\": %d, \"body\": %s, \"times\": %d}".formatted(pathPrefix, status,
                TextNode.valueOf(body).toString(), times);
        assertThat(api().postJson("/sandbox/faults", null, fault).statusCode()).isEqualTo(201);
    }

    private static String hmac(String secret, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }

    private ApiClient api() {
        return new ApiClient(port);
    }

    private ReturnFlowFixture merchant() {
        return new ReturnFlowFixture(api(), ReturnFlowFixture.sandboxShopify(api()), "shpat_sandbox");
    }
}
