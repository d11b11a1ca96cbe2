package io.returnflow.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.TextMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.returnflow.merchants.Merchant;
import io.returnflow.merchants.MerchantStore;
import io.returnflow.support.ApiClient;
import io.returnflow.support.BrokerProbe;
import io.returnflow.support.DeadLetters;
import io.returnflow.support.ServiceTest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jms.core.JmsTemplate;

/**
 * The WMS fan-out end to end: a sandbox TikTok return is recorded, and each enabled target (the
 * sandbox NetSuite and ShipHero, which check the credentials they get) receives one Return
 * Authorization, whatever happens to the other target, to the messages, or to the tokens.
 */
@ServiceTest
class WmsReturnAuthorizationTest {

    private static final String NETSUITE_QUEUE = "returns.created.netsuite";
    private static final String SHIPHERO_QUEUE = "returns.created.shiphero";
    private static final String NETSUITE_RECORDS = "/sandbox/netsuite/services/rest/record/v1";

    @Autowired
    BrokerProbe broker;
    @Autowired
    JmsTemplate jms;
    @Autowired
    MerchantStore merchants;
    @Autowired
    JdbcClient db;
    @Autowired
    MeterRegistry meters;
    @Value("${server.port}")
    int port;

    private ApiClient api() {
        return new ApiClient(port);
    }

    @AfterEach
    void clearSandboxFaults() {
        api().delete("/sandbox/faults", null);
    }

    @Test
    void createsOneReturnAuthorizationInNetSuiteAndOneReturnInShipHeroWithOnlyTheReturnedLines() {
        ReturnFlowFixture merchant = ReturnFlowFixture.withWmsTargets(api());
        JsonNode sandbox = merchant.buyerAsksForReturn("RETURN_AND_REFUND", 3); // SBX-TEE-BLK-M x2, SBX-TEE-WHT-L x1
        String tiktokReturnId = sandbox.path("returnId").asText();

        JsonNode ret = awaitWms(merchant, tiktokReturnId, "CREATED", "CREATED");

        JsonNode ra = netsuiteReturnAuthorization("tts-" + tiktokReturnId);
        assertThat(wms(ret, "NETSUITE").path("externalId").asText()).isEqualTo(ra.path("id").asText());
        assertThat(java.time.Instant.parse(wms(ret, "NETSUITE").path("updatedAt").asText()))
                .as("when the Return Authorization was made").isAfterOrEqualTo(java.time.Instant.parse(ret.path("createdAt").asText()));
        assertThat(ra.path("memo").asText()).isEqualTo("TikTok Shop return " + tiktokReturnId + " (order "
                + sandbox.path("orderId").asText() + "): Wrong size");
        assertThat(ra.path("createdVia").asText()).isEqualTo("TRANSFORM");
        String shopifyOrder = ret.path("shopify").path("orderId").asText();
        assertThat(ra.path("createdFrom").path("id").asText()).as("the sales order of the Shopify order")
                .isEqualTo(shopifyOrder.substring(shopifyOrder.lastIndexOf('/') + 1));
        assertThat(ra.path("location").path("id").asText()).isEqualTo("1");
        assertThat(lines(ra.path("item").path("items"), "item", "refName"))
                .as("the returned lines only: not the cap the order also has")
                .containsExactly("SBX-TEE-BLK-M x2", "SBX-TEE-WHT-L x1");

        JsonNode shipheroReturn = shipheroReturn("tts-" + tiktokReturnId);
        assertThat(wms(ret, "SHIPHERO").path("externalId").asText()).isEqualTo(shipheroReturn.path("id").asText());
        assertThat(shipheroReturn.path("warehouse_id").asText()).isEqualTo(ReturnFlowFixture.SANDBOX_WAREHOUSE);
        assertThat(shipheroReturn.path("label_type").asText()).isEqualTo("FREE");
        assertThat(shipheroReturn.path("address").path("city").asText()).isEqualTo("Austin");
        assertThat(lines(shipheroReturn.path("line_items"), "line_item", "sku"))
                .containsExactly("SBX-TEE-BLK-M x2", "SBX-TEE-WHT-L x1");
        assertThat(shipheroReturn.path("line_items")).allSatisfy(line -> assertThat(line.path("reason").asText()).isEqualTo("Wrong size"));
        assertThat(wms(ret, "NETSUITE").path("error").isNull()).isTrue();
    }

    @Test
    void namesTheTargetsBreakersInMetricsWithoutTheMerchantOrItsNetSuiteAccount() {
        ReturnFlowFixture merchant = ReturnFlowFixture.withWmsTargets(api());
        String tiktokReturnId = merchant.buyerAsksForReturn("RETURN_AND_REFUND", 1).path("returnId").asText();
        awaitWms(merchant, tiktokReturnId, "CREATED", "CREATED");
        String account = merchants.find(merchant.merchantId).orElseThrow().netsuite().accountId();

        HttpResponse<String> scrape = api().get("/actuator/prometheus", ApiClient.ADMIN_TOKEN);

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).containsPattern("resilience4j_circuitbreaker_state\\{[^}]*name=\"NetSuite/[0-9a-f]{12}\"")
                .containsPattern("resilience4j_circuitbreaker_state\\{[^}]*name=\"ShipHero/[0-9a-f]{12}\"")
                .containsPattern("resilience4j_circuitbreaker_state\\{[^}]*name=\"Shopify/[0-9a-f]{12}\"")
                .doesNotContain(account).doesNotContain(merchant.merchantId).doesNotContain(merchant.shopId);
        JsonNode breakers = ApiClient.json(api().get("/api/admin/circuit-breakers", ApiClient.ADMIN_TOKEN));
        assertThat(breakers).as("the operator's own view says whose breaker it is")
                .anyMatch(b -> account.equals(b.path("tenant").asText()) && b.path("name").asText().startsWith("NetSuite/"))
                .anyMatch(b -> merchant.merchantId.equals(b.path("tenant").asText()) && b.path("partner").asText().equals("ShipHero"));
    }

    @Test
    void showsBothTargetsSkippedForAMerchantWhoEnabledNeither() {
        ReturnFlowFixture merchant = new ReturnFlowFixture(api(), ReturnFlowFixture.sandboxShopify(api()), "shpat_sandbox");
        String tiktokReturnId = merchant.buyerAsksForReturn("REFUND", 1).path("returnId").asText();

        awaitWms(merchant, tiktokReturnId, "SKIPPED", "SKIPPED");

        assertThat(netsuiteReturnAuthorizations("tts-" + tiktokReturnId)).isEmpty();
        assertThat(shipheroReturns("tts-" + tiktokReturnId)).isEmpty();
    }

    @Test
    void makesExactlyOneReturnAuthorizationPerTargetHoweverOftenTheEventIsDelivered() throws Exception {
        ReturnFlowFixture merchant = ReturnFlowFixture.withWmsTargets(api());
        String tiktokReturnId = merchant.buyerAsksForReturn("RETURN_AND_REFUND", 2).path("returnId").asText();
        JsonNode ret = awaitWms(merchant, tiktokReturnId, "CREATED", "CREATED");
        Message event = await().atMost(Duration.ofSeconds(10))
                .until(() -> eventFor(ret.path("id").asText()), found -> found != null);
        double createdBefore = createdCount("NETSUITE") + createdCount("SHIPHERO");
        long netsuiteBefore = broker.messagesAdded(NETSUITE_QUEUE);
        long shipheroBefore = broker.messagesAdded(SHIPHERO_QUEUE);

        for (int i = 0; i < 3; i++) { // as a relay that crashed after publishing would, message group included
            redeliver(event, NETSUITE_QUEUE);
            redeliver(event, SHIPHERO_QUEUE);
        }

        await().atMost(Duration.ofSeconds(15)).until(() -> broker.messagesAdded(NETSUITE_QUEUE) >= netsuiteBefore + 3
                && broker.messagesAdded(SHIPHERO_QUEUE) >= shipheroBefore + 3
                && broker.depth(NETSUITE_QUEUE) == 0 && broker.depth(SHIPHERO_QUEUE) == 0);
        assertThat(netsuiteReturnAuthorizations("tts-" + tiktokReturnId)).hasSize(1);
        assertThat(shipheroReturns("tts-" + tiktokReturnId)).hasSize(1);
        JsonNode after = merchant.findReturn(tiktokReturnId);
        assertThat(wms(after, "NETSUITE").path("externalId").asText()).isEqualTo(wms(ret, "NETSUITE").path("externalId").asText());
        assertThat(wms(after, "SHIPHERO").path("status").asText()).isEqualTo("CREATED");
        assertThat(createdCount("NETSUITE") + createdCount("SHIPHERO")).as("wms_return_authorizations_total{status=CREATED}")
                .isEqualTo(createdBefore);
    }

    private double createdCount(String target) {
        Counter counter = meters.find("wms.return.authorizations").tags("target", target, "status", "CREATED").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void waitsOutANetSuiteRateLimitAndThenCreatesTheReturnAuthorization() {
        ReturnFlowFixture merchant = ReturnFlowFixture.withWmsTargets(api());
        armFault(NETSUITE_RECORDS, 429, """
                {"type":"https://www.rfc-editor.org/rfc/rfc6585.html#section-4","title":"Too Many Requests","status":429,\
                "o:errorDetails":[{"detail":"Concurrency limit exceeded.","o:errorCode":"CONCURRENCY_LIMIT_EXCEEDED"}]}""", 3);

        String tiktokReturnId = merchant.buyerAsksForReturn("REFUND", 1).path("returnId").asText();

        awaitWms(merchant, tiktokReturnId, "CREATED", "CREATED");
        assertThat(netsuiteReturnAuthorizations("tts-" + tiktokReturnId)).hasSize(1);
    }

    @Test
    void refreshesAShipHeroTokenThatExpiresMidFlowAndStoresTheNewOneSealed() {
        String expiring = ReturnFlowFixture.sandboxShipHeroToken(api(), 1); // the order lookup works, the next call gets 401
        ReturnFlowFixture merchant = ReturnFlowFixture.withWmsTargets(api(), ReturnFlowFixture.SANDBOX_NETSUITE_TOKEN_SECRET,
                expiring, ReturnFlowFixture.SANDBOX_SHIPHERO_REFRESH_TOKEN);

        String tiktokReturnId = merchant.buyerAsksForReturn("RETURN_AND_REFUND", 1).path("returnId").asText();

        awaitWms(merchant, tiktokReturnId, "CREATED", "CREATED");
        assertThat(shipheroReturns("tts-" + tiktokReturnId)).hasSize(1);
        Merchant.ShipHero stored = merchants.find(merchant.merchantId).orElseThrow().shiphero();
        assertThat(stored.accessToken()).startsWith("sbxsh_").isNotEqualTo(expiring);
        assertThat(stored.accessTokenExpiresAt()).isBetween(Instant.now().plus(Duration.ofDays(27)), Instant.now().plus(Duration.ofDays(29)));
        String sealed = db.sql("SELECT shiphero_access_token FROM merchants WHERE id = ?").param(merchant.merchantId)
                .query(String.class).single();
        assertThat(sealed).doesNotContain(stored.accessToken());
    }

    @Test
    void refreshesAShipHeroTokenBeforeItExpires() {
        String stillValid = ReturnFlowFixture.sandboxShipHeroToken(api(), null);
        ReturnFlowFixture merchant = ReturnFlowFixture.withWmsTargets(api(), ReturnFlowFixture.SANDBOX_NETSUITE_TOKEN_SECRET,
                stillValid, ReturnFlowFixture.SANDBOX_SHIPHERO_REFRESH_TOKEN);
        // ShipHero told us it expires within the hour: within shiphero.refresh-before-expiry
        merchants.updateShipHeroTokens(merchant.merchantId, stillValid, null, Instant.now().plus(Duration.ofHours(1)));

        String tiktokReturnId = merchant.buyerAsksForReturn("REFUND", 1).path("returnId").asText();

        awaitWms(merchant, tiktokReturnId, "CREATED", "CREATED");
        Merchant.ShipHero stored = merchants.find(merchant.merchantId).orElseThrow().shiphero();
        assertThat(stored.accessToken()).isNotEqualTo(stillValid);
        assertThat(stored.accessTokenExpiresAt()).isAfter(Instant.now().plus(Duration.ofDays(27)));
    }

    @Test
    void aTargetThatIsDownNeitherHoldsUpTheOtherNorTheReturnAndFailsOnceWaitingIsGivenUp() {
        ReturnFlowFixture merchant = ReturnFlowFixture.withWmsTargets(api());
        armFault(NETSUITE_RECORDS, 503, "", 10_000);

        String tiktokReturnId = merchant.buyerAsksForReturn("RETURN_AND_REFUND", 1).path("returnId").asText();

        JsonNode meanwhile = await().atMost(Duration.ofSeconds(30)).until(() -> merchant.findReturn(tiktokReturnId),
                r -> r != null && "CREATED".equals(wms(r, "SHIPHERO").path("status").asText()));
        assertThat(wms(meanwhile, "NETSUITE").path("status").asText()).isEqualTo("PENDING");
        // test profile: waiting is given up after 3 s
        JsonNode failed = awaitWms(merchant, tiktokReturnId, "FAILED", "CREATED");
        assertThat(wms(failed, "NETSUITE").path("error").asText()).contains("NetSuite");
        assertThat(shipheroReturns("tts-" + tiktokReturnId)).hasSize(1);
        assertThat(netsuiteReturnAuthorizations("tts-" + tiktokReturnId)).isEmpty();
    }

    @Test
    void aFailedTargetReplayedFromItsDeadLetterQueueEndsCreatedWithoutADuplicateAnywhere() throws Exception {
        ReturnFlowFixture merchant = ReturnFlowFixture.withWmsTargets(api());
        armFault(NETSUITE_RECORDS, 400, """
                {"type":"https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.1","title":"Bad Request","status":400,\
                "o:errorDetails":[{"detail":"You do not have permissions to set a value for element location.","o:errorCode":"INSUFFICIENT_PERMISSION"}]}""", 1);
        String tiktokReturnId = merchant.buyerAsksForReturn("RETURN_AND_REFUND", 2).path("returnId").asText();

        JsonNode failed = awaitWms(merchant, tiktokReturnId, "FAILED", "CREATED");
        assertThat(wms(failed, "NETSUITE").path("error").asText())
                .contains("INSUFFICIENT_PERMISSION", "You do not have permissions to set a value for element location.");
        String returnId = failed.path("id").asText();

        // the operator's replay, through the admin API
        DeadLetters deadLetters = new DeadLetters(api());
        JsonNode deadLetter = deadLetters.awaitMessage("DLQ." + NETSUITE_QUEUE, message -> message.path("body").asText().contains(returnId));
        assertThat(deadLetter.path("originalQueue").asText()).isEqualTo("returns.created::" + NETSUITE_QUEUE);
        assertThat(deadLetters.replay("DLQ." + NETSUITE_QUEUE, DeadLetters.ids(deadLetter)).path("replayed").asInt()).isEqualTo(1);

        JsonNode replayed = awaitWms(merchant, tiktokReturnId, "CREATED", "CREATED");
        assertThat(wms(replayed, "NETSUITE").path("error").isNull()).isTrue();
        assertThat(netsuiteReturnAuthorizations("tts-" + tiktokReturnId)).hasSize(1);
        assertThat(shipheroReturns("tts-" + tiktokReturnId)).hasSize(1);
        assertThat(broker.browse("DLQ." + NETSUITE_QUEUE)).noneSatisfy(m -> assertThat(((TextMessage) m).getText()).contains(returnId));
    }

    @Test
    void failsWhenTheSandboxRefusesAWrongOAuthSignatureOrAWrongShipHeroToken() {
        ReturnFlowFixture merchant = ReturnFlowFixture.withWmsTargets(api(), "not-the-token-secret", "sbxsh_not-issued", "not-the-refresh-token");

        String tiktokReturnId = merchant.buyerAsksForReturn("REFUND", 1).path("returnId").asText();

        JsonNode ret = awaitWms(merchant, tiktokReturnId, "FAILED", "FAILED");
        assertThat(wms(ret, "NETSUITE").path("error").asText()).contains("INVALID_LOGIN");
        assertThat(wms(ret, "SHIPHERO").path("error").asText()).contains("refresh token was refused");
    }

    @Test
    void failsWithTheReasonWhenNoSalesOrderAppearsInTime() {
        ReturnFlowFixture merchant = ReturnFlowFixture.withWmsTargets(api());
        armFault(NETSUITE_RECORDS + "/salesOrder", 200, """
                {"links":[],"count":0,"hasMore":false,"items":[],"offset":0,"totalResults":0}""", 100);

        String tiktokReturnId = merchant.buyerAsksForReturn("REFUND", 1).path("returnId").asText();

        JsonNode ret = awaitWms(merchant, tiktokReturnId, "FAILED", "CREATED"); // test profile: waits 1.5 s
        assertThat(wms(ret, "NETSUITE").path("error").asText()).contains("no NetSuite sales order has otherRefNum = #")
                .contains("after waiting");
    }

    @Test
    void waitsForShipHeroCreditsAndThenCreatesTheReturn() {
        ReturnFlowFixture merchant = ReturnFlowFixture.withWmsTargets(api());
        armFault("/sandbox/shiphero/graphql", 200, """
                {"errors":[{"code":30,"message":"There are not enough credits to perform the requested operation, which \
                requires 101 credits. The current balance is 4. 97 more credits will be available in 0.3 seconds",\
                "operation":"orders","required_credits":101,"remaining_credits":4,"time_remaining":"0.3 seconds"}],"data":null}""", 2);

        String tiktokReturnId = merchant.buyerAsksForReturn("REFUND", 1).path("returnId").asText();

        awaitWms(merchant, tiktokReturnId, "CREATED", "CREATED");
        assertThat(shipheroReturns("tts-" + tiktokReturnId)).hasSize(1);
    }

    private JsonNode awaitWms(ReturnFlowFixture merchant, String tiktokReturnId, String netsuite, String shiphero) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> merchant.findReturn(tiktokReturnId),
                r -> r != null && netsuite.equals(wms(r, "NETSUITE").path("status").asText())
                        && shiphero.equals(wms(r, "SHIPHERO").path("status").asText()));
    }

    private static JsonNode wms(JsonNode ret, String target) {
        for (JsonNode entry : ret.path("wms")) {
            if (target.equals(entry.path("target").asText())) {
                return entry;
            }
        }
        return MissingNode.getInstance();
    }

    private void armFault(String pathPrefix, int status, String body, int times) {
        HttpResponse<String> armed = api().postJson("/sandbox/faults", null, """
                {"pathPrefix": "%s", "status": %d, "body": %s, "times": %d}""".formatted(pathPrefix, status,
                TextNode.valueOf(body), times));
        assertThat(armed.statusCode()).as(armed.body()).isEqualTo(201);
    }

    private List<JsonNode> netsuiteReturnAuthorizations(String externalId) {
        List<JsonNode> found = new ArrayList<>();
        ApiClient.json(api().get("/sandbox/netsuite/return-authorizations?externalId=" + externalId, null)).forEach(found::add);
        return found;
    }

    private JsonNode netsuiteReturnAuthorization(String externalId) {
        List<JsonNode> found = netsuiteReturnAuthorizations(externalId);
        assertThat(found).as("NetSuite Return Authorizations with external id " + externalId).hasSize(1);
        return found.get(0);
    }

    private List<JsonNode> shipheroReturns(String partnerId) {
        List<JsonNode> found = new ArrayList<>();
        ApiClient.json(api().get("/sandbox/shiphero/returns", null)).forEach(r -> {
            if (partnerId.equals(r.path("partner_id").asText())) {
                found.add(r);
            }
        });
        return found;
    }

    private JsonNode shipheroReturn(String partnerId) {
        List<JsonNode> found = shipheroReturns(partnerId);
        assertThat(found).as("ShipHero returns with partner id " + partnerId).hasSize(1);
        return found.get(0);
    }

    /** "SKU xN" per line, in order. */
    private static List<String> lines(JsonNode lines, String itemField, String skuField) {
        List<String> out = new ArrayList<>();
        lines.forEach(line -> out.add(line.path(itemField).path(skuField).asText() + " x" + line.path("quantity").asInt()));
        return out;
    }

    private Message eventFor(String returnId) throws Exception {
        for (Message message : broker.browse("returns.created::returns.created.test")) {
            if (((TextMessage) message).getText().contains("\"returnId\":\"" + returnId + "\"")) {
                return message;
            }
        }
        return null;
    }

    private void redeliver(Message event, String queue) throws Exception {
        String body = ((TextMessage) event).getText();
        String group = event.getStringProperty("JMSXGroupID");
        jms.execute(session -> {
            TextMessage copy = session.createTextMessage(body);
            copy.setStringProperty("JMSXGroupID", group);
            // a multicast queue takes a topic send to its fully qualified name (Artemis refuses an anycast one)
            try (MessageProducer producer = session.createProducer(session.createTopic("returns.created::" + queue))) {
                producer.send(copy);
            }
            return null;
        }, true);
    }
}
