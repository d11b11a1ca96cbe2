package io.returnflow.merchants;

import static io.returnflow.support.ApiClient.ADMIN_TOKEN;
import static io.returnflow.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.returnflow.support.ApiClient;
import io.returnflow.support.ServiceTest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** GET /api/merchants/{id} and PATCH /api/merchants/{id}/returns: what a merchant key sees and changes itself. */
@ServiceTest
class MerchantProfileApiTest {

    @Value("${local.server.port}")
    int port;
    @Autowired
    TargetSections sections;

    ApiClient api;
    String merchant;
    String marker;
    String key;

    @BeforeEach
    void merchantWithKey() {
        api = new ApiClient(port);
        merchant = ApiClient.uniqueMerchantId();
        marker = api.createMerchant(merchant);
        key = api.createApiKey(merchant);
    }

    @Test
    void showsTheMerchantItsSettingsAndWmsTargetsWithoutSecrets() {
        HttpResponse<String> answer = api.get("/api/merchants/" + merchant, key);

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode profile = json(answer);
        assertThat(profile.path("id").asText()).isEqualTo(merchant);
        assertThat(profile.path("returns").path("useRedoReturnLabels").asBoolean()).isTrue();
        assertThat(profile.path("returns").path("mixedDecision").asText()).isEqualTo("PARTIAL_REFUND");
        assertThat(profile.path("returns").path("returnAddress").path("city").asText()).isEqualTo("Reno");
        List<String> listed = new ArrayList<>();
        profile.path("wmsTargets").forEach(target -> {
            listed.add(target.path("target").asText());
            assertThat(target.path("enabled").asBoolean()).as(target.toString())
                    .isEqualTo(List.of("NETSUITE", "SHIPHERO").contains(target.path("target").asText()));
            assertThat(target.path("displayName").asText()).as(target.toString()).isNotBlank();
        });
        assertThat(listed).as("every target of the list, in its order")
                .isEqualTo(sections.all().stream().map(TargetSection::target).toList());
        assertThat(answer.body()).doesNotContain(marker).doesNotContain("shopify").doesNotContain("accountId");
    }

    @Test
    void turnsRedoReturnLabelsOffAndOnAgain() {
        HttpResponse<String> off = api.patch("/api/merchants/" + merchant + "/returns", key, "{\"useRedoReturnLabels\": false}");

        assertThat(off.statusCode()).isEqualTo(200);
        assertThat(json(off).path("returns").path("useRedoReturnLabels").asBoolean()).isFalse();
        assertThat(json(api.get("/api/admin/merchants/" + merchant, ADMIN_TOKEN)).path("returns").path("useRedoReturnLabels")
                .asBoolean()).isFalse();
        HttpResponse<String> on = api.patch("/api/merchants/" + merchant + "/returns", key, "{\"useRedoReturnLabels\": true}");
        assertThat(json(on).path("returns").path("useRedoReturnLabels").asBoolean()).isTrue();
        assertThat(json(api.get("/api/admin/merchants/" + merchant, ADMIN_TOKEN)).path("returns").path("mixedDecision").asText())
                .as("the rest of the merchant stays").isEqualTo("PARTIAL_REFUND");
    }

    @Test
    void refusesRedoReturnLabelsWithoutAReturnAddress() {
        String bare = ApiClient.uniqueMerchantId();
        api.put("/api/admin/merchants/" + bare, ADMIN_TOKEN,
                "{\"name\": \"Bare\", \"shopify\": {\"shopDomain\": \"bare.myshopify.com\", \"accessToken\": \"shpat_x\"}}");

        HttpResponse<String> answer = api.patch("/api/merchants/" + bare + "/returns", api.createApiKey(bare),
                "{\"useRedoReturnLabels\": true}");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(json(answer).path("error").asText()).contains("need a return address");
        assertThat(json(api.get("/api/admin/merchants/" + bare, ADMIN_TOKEN)).path("returns").path("useRedoReturnLabels")
                .asBoolean()).isFalse();
    }

    @Test
    void refusesAChangeThatSaysNothing() {
        HttpResponse<String> answer = api.patch("/api/merchants/" + merchant + "/returns", key, "{}");

        assertThat(answer.statusCode()).isEqualTo(400);
    }

    @Test
    void anotherMerchantsProfileIsNotFound() {
        String other = ApiClient.uniqueMerchantId();
        api.createMerchant(other);

        assertThat(api.get("/api/merchants/" + other, key).statusCode()).isEqualTo(404);
        assertThat(api.patch("/api/merchants/" + other + "/returns", key, "{\"useRedoReturnLabels\": false}").statusCode())
                .isEqualTo(404);
    }
}
