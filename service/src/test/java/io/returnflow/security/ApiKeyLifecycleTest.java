package io.returnflow.security;

import static io.returnflow.support.ApiClient.ADMIN_TOKEN;
import static io.returnflow.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.databind.JsonNode;

import io.returnflow.support.ApiClient;
import io.returnflow.support.MutableClock;
import io.returnflow.support.ServiceTest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Import;

/** API keys have a lifecycle: listed without the key, given an expiry, revoked; all effective at once. */
@ServiceTest
@Import(MutableClock.Config.class)
class ApiKeyLifecycleTest {

    @Value("${local.server.port}")
    int port;
    @Autowired
    MutableClock clock;

    ApiClient api;
    String merchant;
    String keys;

    @BeforeEach
    void merchant() {
        api = new ApiClient(port);
        merchant = ApiClient.uniqueMerchantId();
        api.createMerchant(merchant);
        keys = "/api/admin/merchants/" + merchant + "/api-keys";
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void listsEachKeyByItsPrefixWithWhenItWasCreatedAndLastUsedButNeverTheKey() {
        HttpResponse<String> issued = api.post(keys, ADMIN_TOKEN);
        String key = json(issued).path("apiKey").asText();
        String unused = api.createApiKey(merchant);
        assertThat(api.get("/api/returns", key).statusCode()).isEqualTo(200);

        HttpResponse<String> listed = api.get(keys, ADMIN_TOKEN);

        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).doesNotContain(key).doesNotContain(unused);
        JsonNode first = json(listed).get(0);
        assertThat(json(listed)).hasSize(2);
        assertThat(first.path("id").asText()).isEqualTo(json(issued).path("id").asText());
        assertThat(first.path("prefix").asText()).hasSize(12).startsWith("rfk_").isEqualTo(key.substring(0, 12));
        assertThat(Instant.parse(first.path("createdAt").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(first.path("lastUsedAt").isNull()).as("used just now").isFalse();
        assertThat(first.path("expiresAt").isNull()).isTrue();
        assertThat(json(listed).get(1).path("lastUsedAt").isNull()).as("never used").isTrue();
        assertThat(api.get(keys, key).statusCode()).as("for the admin only").isEqualTo(403);
    }

    @Test
    void refusesARevokedKeyFromItsNextRequest() {
        HttpResponse<String> issued = api.post(keys, ADMIN_TOKEN);
        String key = json(issued).path("apiKey").asText();
        String other = api.createApiKey(merchant);
        assertThat(api.get("/api/returns", key).statusCode()).isEqualTo(200);

        assertThat(api.delete(keys + "/" + json(issued).path("id").asText(), ADMIN_TOKEN).statusCode()).isEqualTo(204);

        assertThat(api.get("/api/returns", key).statusCode()).isEqualTo(401);
        assertThat(api.get("/api/returns", other).statusCode()).as("the merchant's other keys work on").isEqualTo(200);
        assertThat(json(api.get(keys, ADMIN_TOKEN))).hasSize(1);
        assertThat(api.delete(keys + "/" + json(issued).path("id").asText(), ADMIN_TOKEN).statusCode()).isEqualTo(404);
    }

    @Test
    void refusesAKeyOnceItExpired() {
        Instant expiresAt = clock.instant().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
        HttpResponse<String> issued = api.postJson(keys, ADMIN_TOKEN, "{\"expiresAt\": \"" + expiresAt + "\"}");
        assertThat(issued.statusCode()).isEqualTo(201);
        String key = json(issued).path("apiKey").asText();
        assertThat(Instant.parse(json(issued).path("expiresAt").asText())).isEqualTo(expiresAt);
        assertThat(api.get("/api/returns", key).statusCode()).isEqualTo(200);

        clock.advance(Duration.ofDays(30).plusSeconds(1));

        assertThat(api.get("/api/returns", key).statusCode()).isEqualTo(401);
        assertThat(Instant.parse(json(api.get(keys, ADMIN_TOKEN)).get(0).path("expiresAt").asText())).isEqualTo(expiresAt);
    }

    @Test
    void refusesAnExpiryInThePast() {
        HttpResponse<String> answer = api.postJson(keys, ADMIN_TOKEN, "{\"expiresAt\": \"" + clock.instant().minusSeconds(1) + "\"}");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(json(api.get(keys, ADMIN_TOKEN))).isEmpty();
    }

    @Test
    void doesNotRevokeAnotherMerchantsKey() {
        HttpResponse<String> issued = api.post(keys, ADMIN_TOKEN);
        String other = ApiClient.uniqueMerchantId();
        api.createMerchant(other);

        assertThat(api.delete("/api/admin/merchants/" + other + "/api-keys/" + json(issued).path("id").asText(), ADMIN_TOKEN)
                .statusCode()).isEqualTo(404);
        assertThat(api.get("/api/returns", json(issued).path("apiKey").asText()).statusCode()).isEqualTo(200);
    }
}
