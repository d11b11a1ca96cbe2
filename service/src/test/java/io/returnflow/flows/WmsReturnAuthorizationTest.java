package io.returnflow.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.returnflow.merchants.Secret;
import io.returnflow.merchants.TargetSettingsStore;
import io.returnflow.partners.PartnerRejectedException;
import io.returnflow.support.ApiClient;
import io.returnflow.support.ServiceTest;
import io.returnflow.wms.netsuite.NetSuiteAccount;
import io.returnflow.wms.netsuite.NetSuiteClient;
import io.returnflow.wms.netsuite.NetSuiteSettings;
import io.returnflow.wms.shiphero.ShipHeroSettings;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The WMS fan-out end to end, what is particular to NetSuite and ShipHero (their records' contents,
 * ShipHero's tokens, NetSuite's sales orders, the credentials the sandboxes check) and targets being
 * independent of each other. What every target does is WmsTargetContract, run per target.
 */
@ServiceTest
class WmsReturnAuthorizationTest {

    private static final String NETSUITE_RECORDS = "/sandbox/netsuite/services/rest/record/v1";

    @Autowired
    TargetSettingsStore targets;
    @Autowired
    NetSuiteClient netsuite;
    @Autowired
    JdbcClient db;
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
        String account = ApiClient.json(api().get("/api/admin/merchants/" + merchant.merchantId, ApiClient.ADMIN_TOKEN))
                .path("netsuite").path("accountId").asText();

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
    void refreshesAShipHeroTokenThatExpiresMidFlowAndStoresTheNewOneSealed() {
        String expiring = ReturnFlowFixture.sandboxShipHeroToken(api(), 1); // the order lookup works, the next call gets 401
        ReturnFlowFixture merchant = ReturnFlowFixture.withWmsTargets(api(), ReturnFlowFixture.SANDBOX_NETSUITE_TOKEN_SECRET,
                expiring, ReturnFlowFixture.SANDBOX_SHIPHERO_REFRESH_TOKEN);

        String tiktokReturnId = merchant.buyerAsksForReturn("RETURN_AND_REFUND", 1).path("returnId").asText();

        awaitWms(merchant, tiktokReturnId, "CREATED", "CREATED");
        assertThat(shipheroReturns("tts-" + tiktokReturnId)).hasSize(1);
        ShipHeroSettings stored = targets.find(merchant.merchantId, ShipHeroSettings.SECTION).orElseThrow();
        assertThat(stored.accessToken().value()).startsWith("sbxsh_").isNotEqualTo(expiring);
        assertThat(stored.accessTokenExpiresAt()).isBetween(Instant.now().plus(Duration.ofDays(27)), Instant.now().plus(Duration.ofDays(29)));
        String sealed = db.sql("SELECT settings FROM merchant_targets WHERE merchant_id = ? AND target = 'SHIPHERO'")
                .param(merchant.merchantId).query(String.class).single();
        assertThat(sealed).doesNotContain(stored.accessToken().value());
    }

    @Test
    void refreshesAShipHeroTokenBeforeItExpires() {
        String stillValid = ReturnFlowFixture.sandboxShipHeroToken(api(), null);
        ReturnFlowFixture merchant = ReturnFlowFixture.withWmsTargets(api(), ReturnFlowFixture.SANDBOX_NETSUITE_TOKEN_SECRET,
                stillValid, ReturnFlowFixture.SANDBOX_SHIPHERO_REFRESH_TOKEN);
        // ShipHero told us it expires within the hour: within shiphero.refresh-before-expiry
        targets.change(merchant.merchantId, ShipHeroSettings.SECTION, s -> new ShipHeroSettings(s.enabled(),
                Secret.of(stillValid), s.refreshToken(), s.warehouseId(), Instant.now().plus(Duration.ofHours(1))));

        String tiktokReturnId = merchant.buyerAsksForReturn("REFUND", 1).path("returnId").asText();

        awaitWms(merchant, tiktokReturnId, "CREATED", "CREATED");
        ShipHeroSettings stored = targets.find(merchant.merchantId, ShipHeroSettings.SECTION).orElseThrow();
        assertThat(stored.accessToken().value()).isNotEqualTo(stillValid);
        assertThat(stored.accessTokenExpiresAt()).isAfter(Instant.now().plus(Duration.ofDays(27)));
    }

    @Test
    void aTargetThatIsDownHoldsUpNeitherTheOtherTargetsNorTheReturn() {
        ReturnFlowFixture merchant = ReturnFlowFixture.withSections(api(), Map.of(
                "netsuite", ReturnFlowFixture.sandboxNetSuite(api(), null),
                "shiphero", ReturnFlowFixture.sandboxShipHero(ReturnFlowFixture.sandboxShipHeroToken(api(), null), null),
                "shopifyReturns", "{\"enabled\": true}"));
        armFault(NETSUITE_RECORDS, 503, "", 10_000);

        String tiktokReturnId = merchant.buyerAsksForReturn("RETURN_AND_REFUND", 1).path("returnId").asText();

        JsonNode meanwhile = await().atMost(Duration.ofSeconds(30)).until(() -> merchant.findReturn(tiktokReturnId),
                r -> r != null && "CREATED".equals(wms(r, "SHIPHERO").path("status").asText())
                        && "CREATED".equals(wms(r, "SHOPIFY").path("status").asText()));
        assertThat(wms(meanwhile, "NETSUITE").path("status").asText()).isEqualTo("PENDING");
        assertThat(meanwhile.path("state").asText()).as("the return itself is recorded and open").isEqualTo("OPEN");
        // test profile: waiting is given up after 3 s
        JsonNode failed = awaitWms(merchant, tiktokReturnId, "FAILED", "CREATED");
        assertThat(wms(failed, "NETSUITE").path("error").asText()).contains("NetSuite");
        assertThat(shipheroReturns("tts-" + tiktokReturnId)).hasSize(1);
        assertThat(netsuiteReturnAuthorizations("tts-" + tiktokReturnId)).isEmpty();
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

    @Test
    void theSandboxNetSuiteRefusesATransformReplacingItemsWithLinesThatNameNoItem() {
        ReturnFlowFixture merchant = ReturnFlowFixture.withWmsTargets(api());
        String salesOrder = salesOrderOfANewReturn(merchant);

        assertThatThrownBy(() -> netsuite.post(sandboxAccount(merchant), "/salesOrder/" + salesOrder + "/!transform/returnAuthorization",
                Map.of("replace", "item"), Map.of("externalId", "tts-replace-" + salesOrder,
                        "item", Map.of("items", List.of(Map.of("orderLine", 1, "quantity", 1))))))
                .isInstanceOf(PartnerRejectedException.class)
                .hasMessageContaining("Please enter value(s) for: Item");
    }

    @Test
    void theSandboxNetSuiteCopiesEveryLineOfTheSalesOrderThatATransformDoesNotName() {
        ReturnFlowFixture merchant = ReturnFlowFixture.withWmsTargets(api());
        String salesOrder = salesOrderOfANewReturn(merchant);

        netsuite.post(sandboxAccount(merchant), "/salesOrder/" + salesOrder + "/!transform/returnAuthorization", Map.of(),
                Map.of("externalId", "tts-partial-" + salesOrder, "item", Map.of("items", List.of(Map.of("orderLine", 1, "quantity", 1)))));

        assertThat(lines(netsuiteReturnAuthorization("tts-partial-" + salesOrder).path("item").path("items"), "item", "refName"))
                .as("line 1 as named, the others whole").containsExactly("SBX-TEE-BLK-M x1", "SBX-TEE-WHT-L x1", "SBX-CAP-ONE x1");
    }

    /** The sandbox sales order of a new return of 3 units (2 + 1 of two SKUs; the order has a cap too). */
    private static String salesOrderOfANewReturn(ReturnFlowFixture merchant) {
        JsonNode ret = merchant.awaitReturn(merchant.buyerAsksForReturn("RETURN_AND_REFUND", 3).path("returnId").asText());
        String shopifyOrder = ret.path("shopify").path("orderId").asText();
        return shopifyOrder.substring(shopifyOrder.lastIndexOf('/') + 1);
    }

    private NetSuiteAccount sandboxAccount(ReturnFlowFixture merchant) {
        return NetSuiteAccount.of(merchant.merchantId, new NetSuiteSettings(true, "SBX_TRANSFORMS",
                Secret.of("sbx-ns-consumer-key"), Secret.of("sbx-ns-consumer-secret"), Secret.of("sbx-ns-token-id"),
                Secret.of(ReturnFlowFixture.SANDBOX_NETSUITE_TOKEN_SECRET), api().uri("/sandbox/netsuite/services/rest").toString(), "1"));
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
}
