package io.returnflow.security;

import static io.returnflow.support.ApiClient.ADMIN_TOKEN;
import static io.returnflow.support.ApiClient.json;
import static io.returnflow.support.ApiClient.uniqueMerchantId;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import io.returnflow.support.ApiClient;
import io.returnflow.support.ServiceTest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

@ServiceTest
class ApiAuthenticationTest {

    @Value("${local.server.port}")
    int port;
    @Autowired
    JdbcTemplate db;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void refusesTheAdminApiWithoutATokenWith401AndAJsonError() {
        HttpResponse<String> answer = api.get("/api/admin/merchants/acme", null);

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(json(answer).path("error").asText()).contains("authentication required");
    }

    @Test
    void refusesTheAdminApiWithAWrongTokenWith401() {
        HttpResponse<String> answer = api.get("/api/admin/merchants/acme", "not-the-admin-token");

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(json(answer).path("error").asText()).isEqualTo("the bearer token is not valid");
    }

    @Test
    void refusesAnAuthorizationThatIsNotABearerToken() {
        HttpResponse<String> answer = api.put("/api/admin/merchants/acme", null, "{}");

        assertThat(answer.statusCode()).isEqualTo(401);
    }

    @Test
    void refusesAMerchantKeyOnTheAdminApiWith403() {
        String merchant = uniqueMerchantId();
        api.createMerchant(merchant);
        String key = api.createApiKey(merchant);

        HttpResponse<String> answer = api.get("/api/admin/merchants/" + merchant, key);

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(json(answer).has("error")).isTrue();
    }

    @Test
    void issuesAKeyOnceWithARecognisablePrefixAndStoresOnlyItsSha256() {
        String merchant = uniqueMerchantId();
        api.createMerchant(merchant);

        HttpResponse<String> answer = api.post("/api/admin/merchants/" + merchant + "/api-keys", ADMIN_TOKEN);

        assertThat(answer.statusCode()).isEqualTo(201);
        String key = json(answer).path("apiKey").asText();
        assertThat(key).startsWith("rfk_").hasSizeGreaterThanOrEqualTo(4 + 43);
        String stored = db.queryForObject("SELECT key_hash FROM merchant_api_keys WHERE merchant_id = ?", String.class, merchant);
        assertThat(stored).isEqualTo(sha256Hex(key)).doesNotContain(key.substring(4));
        assertThat(api.get("/api/admin/merchants/" + merchant, ADMIN_TOKEN).body()).doesNotContain(key);
    }

    private static String sha256Hex(String value) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void refusesToIssueAKeyForAnUnknownMerchant() {
        HttpResponse<String> answer = api.post("/api/admin/merchants/" + uniqueMerchantId() + "/api-keys", ADMIN_TOKEN);

        assertThat(answer.statusCode()).isEqualTo(404);
    }

    @Test
    void refusesTheMerchantApiWithoutAToken() {
        assertThat(api.get("/api/returns", null).statusCode()).isEqualTo(401);
        assertThat(api.get("/api/merchants/acme/tiktok/shops", null).statusCode()).isEqualTo(401);
    }

    @Test
    void refusesAnUnknownApiKeyWith401() {
        HttpResponse<String> answer = api.get("/api/returns", "rfk_" + "A".repeat(43));

        assertThat(answer.statusCode()).isEqualTo(401);
    }

    @Test
    void leavesHealthAndInfoOpen() {
        assertThat(api.get("/actuator/health", null).statusCode()).isIn(200, 503);
        assertThat(api.get("/actuator/health/liveness", null).statusCode()).isNotIn(401, 403);
        assertThat(api.get("/actuator/info", null).statusCode()).isEqualTo(200);
    }

    @Test
    void keepsMetricsAndPrometheusForTheAdmin() {
        assertThat(api.get("/actuator/metrics", null).statusCode()).isEqualTo(401);
        assertThat(api.get("/actuator/metrics", ADMIN_TOKEN).statusCode()).isEqualTo(200);
        assertThat(api.get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
        assertThat(api.get("/actuator/prometheus", ADMIN_TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void leavesTheOAuthCallbackAndTheSandboxOpen() {
        assertThat(api.get("/oauth/tiktok/callback?state=x&code=y", null).statusCode()).isNotIn(401, 403);
        assertThat(api.get("/sandbox/tiktok-auth/open/authorize?service_id=nope", null).statusCode()).isNotIn(401, 403);
    }
}
