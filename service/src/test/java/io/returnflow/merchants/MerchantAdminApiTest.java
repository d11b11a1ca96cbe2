package io.returnflow.merchants;

import static io.returnflow.support.ApiClient.ADMIN_TOKEN;
import static io.returnflow.support.ApiClient.json;
import static io.returnflow.support.ApiClient.merchantDocument;
import static io.returnflow.support.ApiClient.uniqueMerchantId;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.returnflow.support.ApiClient;
import io.returnflow.support.ServiceTest;
import io.returnflow.wms.netsuite.NetSuiteSettings;
import io.returnflow.wms.shiphero.ShipHeroSettings;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

@ServiceTest
class MerchantAdminApiTest {

    @Value("${local.server.port}")
    int port;
    @Autowired
    JdbcTemplate db;
    @Autowired
    MerchantStore merchants;
    @Autowired
    TargetSettingsStore targets;
    @Autowired
    TargetSections sections;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void createsAMerchantAndAnswersItWithEverySecretMasked() {
        String id = uniqueMerchantId();

        HttpResponse<String> created = api.put("/api/admin/merchants/" + id, ADMIN_TOKEN, merchantDocument("Acme", "0123456789abcdef"));
        HttpResponse<String> read = api.get("/api/admin/merchants/" + id, ADMIN_TOKEN);

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(json(created)).isEqualTo(json(read));
        JsonNode merchant = json(read);
        assertThat(merchant.path("id").asText()).isEqualTo(id);
        assertThat(merchant.path("name").asText()).isEqualTo("Acme");
        assertThat(merchant.at("/shopify/shopDomain").asText()).isEqualTo("acme.myshopify.com");
        assertThat(merchant.at("/returns/mixedDecision").asText()).isEqualTo("PARTIAL_REFUND");
        assertThat(merchant.at("/returns/returnAddress/zip").asText()).isEqualTo("89501");
        assertThat(merchant.at("/netsuite/accountId").asText()).isEqualTo("1234567_SB1");
        assertThat(merchant.at("/shiphero/warehouseId").asText()).isEqualTo("V2FyZWhvdXNlOjE=");
        // Masked: four stars and, for a secret of 16 characters or more, its last four.
        assertThat(merchant.at("/shopify/accessToken").asText()).isEqualTo("****cdef");
        assertThat(merchant.at("/netsuite/consumerKey").asText()).isEqualTo("****cdef");
        assertThat(merchant.at("/netsuite/consumerSecret").asText()).isEqualTo("****cdef");
        assertThat(merchant.at("/netsuite/tokenId").asText()).isEqualTo("****cdef");
        assertThat(merchant.at("/netsuite/tokenSecret").asText()).isEqualTo("****cdef");
        assertThat(merchant.at("/shiphero/accessToken").asText()).isEqualTo("****cdef");
        assertThat(merchant.at("/shiphero/refreshToken").asText()).isEqualTo("****cdef");
        assertThat(read.body()).doesNotContain("0123456789ab");
    }

    private static JsonNode document(Object stored) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree((String) stored);
        } catch (java.io.IOException e) {
            throw new AssertionError("not a settings document: " + stored, e);
        }
    }

    @Test
    void masksAShortSecretWithoutRevealingAnyOfIt() {
        String id = uniqueMerchantId();
        api.put("/api/admin/merchants/" + id, ADMIN_TOKEN, """
                {"name": "Tiny", "shopify": {"shopDomain": "tiny.myshopify.com", "accessToken": "short-secret"}}""");

        JsonNode merchant = json(api.get("/api/admin/merchants/" + id, ADMIN_TOKEN));

        assertThat(merchant.at("/shopify/accessToken").asText()).isEqualTo("****");
    }

    @Test
    void storesEverySecretSealedAndGivesThemBackInClearToTheFlows() {
        String id = uniqueMerchantId();
        String marker = api.createMerchant(id);

        String shopifyToken = db.queryForObject("SELECT shopify_access_token FROM merchants WHERE id = ?", String.class, id);
        assertThat(shopifyToken).startsWith("v1:").doesNotContain(marker);
        Map<String, Object> documents = new java.util.HashMap<>();
        db.queryForList("SELECT target, settings FROM merchant_targets WHERE merchant_id = ?", id)
                .forEach(row -> documents.put((String) row.get("target"), row.get("settings")));
        assertThat(documents).as("a row for every target, configured or not")
                .containsOnlyKeys(sections.all().stream().map(TargetSection::target).toList());
        assertThat(document(documents.get("NETSUITE")).path("secrets").properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("consumerKey", "consumerSecret", "tokenId", "tokenSecret");
        assertThat(document(documents.get("SHIPHERO")).path("secrets").properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("accessToken", "refreshToken");
        documents.forEach((target, document) -> assertThat((String) document).as(target).doesNotContain(marker));
        assertThat(document(documents.get("NETSUITE")).at("/secrets/tokenSecret/alg").asText()).isEqualTo("A256GCM");
        Merchant merchant = merchants.find(id).orElseThrow();
        assertThat(merchant.shopify().accessToken()).isEqualTo("shpat_shopify_" + marker);
        NetSuiteSettings netsuite = targets.find(id, NetSuiteSettings.SECTION).orElseThrow();
        assertThat(netsuite.consumerKey().value()).isEqualTo("ns_consumer_key_" + marker);
        assertThat(netsuite.consumerSecret().value()).isEqualTo("ns_consumer_secret_" + marker);
        assertThat(netsuite.tokenId().value()).isEqualTo("ns_token_id_" + marker);
        assertThat(netsuite.tokenSecret().value()).isEqualTo("ns_token_secret_" + marker);
        ShipHeroSettings shiphero = targets.find(id, ShipHeroSettings.SECTION).orElseThrow();
        assertThat(shiphero.accessToken().value()).isEqualTo("sh_access_" + marker);
        assertThat(shiphero.refreshToken().value()).isEqualTo("sh_refresh_" + marker);
        assertThat(merchant + " " + netsuite + " " + shiphero).doesNotContain(marker);
    }

    @Test
    void sealsEqualSecretsDifferently() {
        String first = uniqueMerchantId();
        String second = uniqueMerchantId();
        String doc = merchantDocument("Twin", "same-secret-for-both");
        api.put("/api/admin/merchants/" + first, ADMIN_TOKEN, doc);
        api.put("/api/admin/merchants/" + second, ADMIN_TOKEN, doc);

        String a = db.queryForObject("SELECT shopify_access_token FROM merchants WHERE id = ?", String.class, first);
        String b = db.queryForObject("SELECT shopify_access_token FROM merchants WHERE id = ?", String.class, second);

        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void replacesAnExistingMerchantWith200() {
        String id = uniqueMerchantId();
        api.createMerchant(id);

        HttpResponse<String> replaced = api.put("/api/admin/merchants/" + id, ADMIN_TOKEN, """
                {"name": "Acme Two", "shopify": {"shopDomain": "acme-two.myshopify.com", "accessToken": "shpat_new_token_000000"}}""");

        assertThat(replaced.statusCode()).isEqualTo(200);
        Merchant merchant = merchants.find(id).orElseThrow();
        assertThat(merchant.name()).isEqualTo("Acme Two");
        assertThat(merchant.shopify().accessToken()).isEqualTo("shpat_new_token_000000");
        NetSuiteSettings netsuite = targets.settings(id, NetSuiteSettings.SECTION);
        assertThat(netsuite.enabled()).isFalse();
        assertThat(netsuite.consumerKey()).isNull();
        assertThat(targets.settings(id, ShipHeroSettings.SECTION).enabled()).isFalse();
    }

    @Test
    void keepsAStoredSecretThatIsSentBackMasked() {
        String id = uniqueMerchantId();
        String marker = api.createMerchant(id);
        String masked = api.get("/api/admin/merchants/" + id, ADMIN_TOKEN).body().replace("\"Acme\"", "\"Acme Renamed\"");

        HttpResponse<String> replaced = api.put("/api/admin/merchants/" + id, ADMIN_TOKEN, masked);

        assertThat(replaced.statusCode()).isEqualTo(200);
        Merchant merchant = merchants.find(id).orElseThrow();
        assertThat(merchant.name()).isEqualTo("Acme Renamed");
        assertThat(merchant.shopify().accessToken()).isEqualTo("shpat_shopify_" + marker);
        assertThat(targets.settings(id, NetSuiteSettings.SECTION).tokenSecret().value()).isEqualTo("ns_token_secret_" + marker);
        assertThat(targets.settings(id, ShipHeroSettings.SECTION).refreshToken().value()).isEqualTo("sh_refresh_" + marker);
    }

    @Test
    void refusesAMaskedSecretThatDoesNotMatchTheStoredOne() {
        String id = uniqueMerchantId();
        api.createMerchant(id);

        HttpResponse<String> answer = api.put("/api/admin/merchants/" + id, ADMIN_TOKEN, """
                {"name": "Acme", "shopify": {"shopDomain": "acme.myshopify.com", "accessToken": "****zzzz"}}""");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(json(answer).path("error").asText()).contains("shopify.accessToken");
    }

    @Test
    void defaultsTheReturnsPolicyAndDisablesAbsentPartners() {
        String id = uniqueMerchantId();

        api.put("/api/admin/merchants/" + id, ADMIN_TOKEN, """
                {"name": "Minimal", "shopify": {"shopDomain": "minimal.myshopify.com", "accessToken": "shpat_minimal_0000"}}""");

        Merchant merchant = merchants.find(id).orElseThrow();
        assertThat(merchant.returns().mixedDecision()).isEqualTo(MixedDecision.APPROVE_ALL);
        assertThat(merchant.returns().useRedoReturnLabels()).isFalse();
        assertThat(merchant.returns().returnAddress()).isNull();
        assertThat(targets.settings(id, NetSuiteSettings.SECTION)).isEqualTo(NetSuiteSettings.SECTION.defaults());
        assertThat(targets.settings(id, ShipHeroSettings.SECTION)).isEqualTo(ShipHeroSettings.SECTION.defaults());
    }

    @Test
    void answers404ForAnUnknownMerchant() {
        HttpResponse<String> answer = api.get("/api/admin/merchants/" + uniqueMerchantId(), ADMIN_TOKEN);

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(json(answer).path("error").asText()).startsWith("no merchant");
    }

    @Test
    void refusesAMerchantIdOutsideTheAllowedCharacters() {
        HttpResponse<String> answer = api.put("/api/admin/merchants/acme.shop", ADMIN_TOKEN, merchantDocument("Acme", "x"));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(json(answer).path("error").asText()).contains("merchantId");
    }

    @Test
    void refusesAMerchantIdLongerThan64Characters() {
        HttpResponse<String> answer = api.put("/api/admin/merchants/" + "a".repeat(65), ADMIN_TOKEN, merchantDocument("Acme", "x"));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(json(answer).path("error").asText()).contains("merchantId");
    }

    @Test
    void refusesAMerchantWithoutNameOrShopifyTokenNamingBothFields() {
        HttpResponse<String> answer = api.put("/api/admin/merchants/" + uniqueMerchantId(), ADMIN_TOKEN, """
                {"shopify": {"shopDomain": "acme.myshopify.com"}}""");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(json(answer).path("error").asText()).contains("name is required").contains("shopify.accessToken is required");
    }

    @Test
    void refusesAMerchantWithoutShopify() {
        HttpResponse<String> answer = api.put("/api/admin/merchants/" + uniqueMerchantId(), ADMIN_TOKEN, "{\"name\": \"Acme\"}");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(json(answer).path("error").asText()).contains("shopify is required");
    }

    @Test
    void refusesAnUnknownMixedDecisionNamingTheField() {
        HttpResponse<String> answer = api.put("/api/admin/merchants/" + uniqueMerchantId(), ADMIN_TOKEN, """
                {"name": "Acme", "shopify": {"shopDomain": "acme.myshopify.com", "accessToken": "t"},
                 "returns": {"mixedDecision": "SOMETIMES"}}""");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(json(answer).path("error").asText())
                .isEqualTo("returns.mixedDecision: must be one of APPROVE_ALL, PARTIAL_REFUND, MANUAL");
    }

    @Test
    void refusesAnEnabledNetSuiteWithoutItsCredentials() {
        HttpResponse<String> answer = api.put("/api/admin/merchants/" + uniqueMerchantId(), ADMIN_TOKEN, """
                {"name": "Acme", "shopify": {"shopDomain": "acme.myshopify.com", "accessToken": "t"},
                 "netsuite": {"enabled": true, "accountId": "1234567_SB1", "consumerKey": "k"}}""");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(json(answer).path("error").asText())
                .contains("netsuite.consumerSecret is required")
                .contains("netsuite.tokenId is required")
                .contains("netsuite.tokenSecret is required");
    }

    @Test
    void refusesAnEnabledShipHeroWithoutWarehouse() {
        HttpResponse<String> answer = api.put("/api/admin/merchants/" + uniqueMerchantId(), ADMIN_TOKEN, """
                {"name": "Acme", "shopify": {"shopDomain": "acme.myshopify.com", "accessToken": "t"},
                 "shiphero": {"enabled": true, "accessToken": "a", "refreshToken": "r"}}""");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(json(answer).path("error").asText()).contains("shiphero.warehouseId is required");
    }

    @Test
    void refusesRedoLabelsWithoutAReturnAddress() {
        HttpResponse<String> answer = api.put("/api/admin/merchants/" + uniqueMerchantId(), ADMIN_TOKEN, """
                {"name": "Acme", "shopify": {"shopDomain": "acme.myshopify.com", "accessToken": "t"},
                 "returns": {"useRedoReturnLabels": true}}""");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(json(answer).path("error").asText()).contains("returns.returnAddress is required");
    }

    @Test
    void refusesABadShopDomainCountryAndBaseUrl() {
        HttpResponse<String> answer = api.put("/api/admin/merchants/" + uniqueMerchantId(), ADMIN_TOKEN, """
                {"name": "Acme", "shopify": {"shopDomain": "not a host", "accessToken": "t", "apiBaseUrl": "ftp://x"},
                 "returns": {"returnAddress": {"name": "R", "line1": "1 Rd", "city": "Reno", "zip": "1", "country": "usa"}}}""");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(json(answer).path("error").asText())
                .contains("shopify.shopDomain").contains("shopify.apiBaseUrl").contains("returns.returnAddress.country");
    }

    @Test
    void refusesAShopDomainOutsideMyshopifyComNamingTheField() {
        HttpResponse<String> answer = api.put("/api/admin/merchants/" + uniqueMerchantId(), ADMIN_TOKEN, """
                {"name": "Acme", "shopify": {"shopDomain": "shop.attacker.example", "accessToken": "shpat_x"}}""");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(json(answer).path("error").asText())
                .contains("shopify.shopDomain must be a shop domain under *.myshopify.com");
    }

    @Test
    void refusesABodyThatIsNotJson() {
        HttpResponse<String> answer = api.put("/api/admin/merchants/" + uniqueMerchantId(), ADMIN_TOKEN, "{name: ");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(json(answer).path("error").asText()).isEqualTo("the body is not valid JSON");
    }

    @Test
    void changesATargetsStoredSettingsInPlaceForTheFlows() {
        String id = uniqueMerchantId();
        String marker = api.createMerchant(id);
        Instant expires = Instant.parse("2030-01-01T00:00:00Z");

        assertThat(targets.change(id, ShipHeroSettings.SECTION, s -> new ShipHeroSettings(s.enabled(),
                Secret.of("sh_new_access"), s.refreshToken(), s.warehouseId(), expires))).isTrue();

        ShipHeroSettings shiphero = targets.find(id, ShipHeroSettings.SECTION).orElseThrow();
        assertThat(shiphero.accessToken().value()).isEqualTo("sh_new_access");
        assertThat(shiphero.refreshToken().value()).as("kept when not given").isEqualTo("sh_refresh_" + marker);
        assertThat(shiphero.accessTokenExpiresAt()).isEqualTo(expires);
        assertThat(json(api.get("/api/admin/merchants/" + id, ADMIN_TOKEN)).at("/shiphero/accessTokenExpiresAt").asText())
                .isEqualTo("2030-01-01T00:00:00Z");
        assertThat(targets.change(uniqueMerchantId(), ShipHeroSettings.SECTION, s -> s)).isFalse();
    }
}
