package io.returnflow.tiktok;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.returnflow.partners.PartnerUnavailableException;
import io.returnflow.support.ApiClient;
import io.returnflow.support.ServiceTest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.util.UriComponentsBuilder;

/** The token host client against the sandbox TikTok authorization host. */
@ServiceTest
class TikTokTokensTest {

    @Value("${local.server.port}")
    int port;
    @Autowired
    TikTokTokens tokens;
    @Autowired
    TikTokProperties tiktok;
    @Autowired
    ObjectMapper json;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void exchangesAnAuthorizationCodeForTokensWithTheirExpiries() {
        TokenGrant grant = tokens.exchange(sandboxCode());

        assertThat(grant.accessToken()).isNotBlank();
        assertThat(grant.refreshToken()).isNotBlank().isNotEqualTo(grant.accessToken());
        assertThat(grant.accessTokenExpiresAt()).isBetween(Instant.now().plus(Duration.ofDays(6)), Instant.now().plus(Duration.ofDays(8)));
        assertThat(grant.refreshTokenExpiresAt()).isAfter(grant.accessTokenExpiresAt());
        assertThat(grant.openId()).isNotBlank();
        assertThat(grant.sellerBaseRegion()).isEqualTo("US");
        assertThat(grant.toString()).doesNotContain(grant.accessToken()).doesNotContain(grant.refreshToken());
    }

    @Test
    void refusesAnAuthorizationCodeUsedTwice() {
        String code = sandboxCode();
        tokens.exchange(code);

        assertThatThrownBy(() -> tokens.exchange(code))
                .isInstanceOfSatisfying(TikTokApiException.class, e -> assertThat(e.tiktokCode()).isEqualTo(36004004L));
    }

    @Test
    void refreshesTheTokensOfAGrant() {
        TokenGrant first = tokens.exchange(sandboxCode());

        TokenGrant refreshed = tokens.refresh(first.refreshToken());

        assertThat(refreshed.accessToken()).isNotEqualTo(first.accessToken());
        assertThat(refreshed.refreshTokenExpiresAt()).isEqualTo(first.refreshTokenExpiresAt());
        assertThat(refreshed.openId()).isEqualTo(first.openId());
    }

    @Test
    void refusesAForgedRefreshToken() {
        assertThatThrownBy(() -> tokens.refresh("sbxrt_forged.token")).isInstanceOf(TikTokApiException.class);
    }

    @Test
    void sandboxRefusesTheExchangeWithAnotherAppSecret() throws Exception {
        URI uri = UriComponentsBuilder.fromUriString(tiktok.authBaseUrl()).path("/api/v2/token/get")
                .queryParam("app_key", tiktok.appKey()).queryParam("app_secret", "wrong-secret")
                .queryParam("auth_code", sandboxCode()).queryParam("grant_type", "authorized_code").build().toUri();

        JsonNode envelope = json.readTree(api.get(uri).body());

        assertThat(envelope.path("code").asLong()).isEqualTo(36004001L);
        assertThat(envelope.path("data").isNull()).isTrue();
        assertThat(envelope.path("request_id").asText()).isNotBlank();
    }

    @Test
    void sandboxRefusesToAuthorizeAnotherServiceId() {
        HttpResponse<String> answer = api.get("/sandbox/tiktok-auth/open/authorize?service_id=another&state=s", null);

        assertThat(answer.statusCode()).isEqualTo(400);
    }

    @Test
    void keepsTheAppSecretOutOfTheErrorWhenTheTokenHostIsDown() {
        TikTokProperties unreachable = new TikTokProperties(tiktok.appKey(), tiktok.appSecret(), tiktok.serviceId(),
                tiktok.apiBaseUrl(), "http://127.0.0.1:1", tiktok.authorizeUrl(), tiktok.oauthRedirectUrl());

        assertThatThrownBy(() -> new TikTokTokens(unreachable, json).exchange("code"))
                .isInstanceOf(PartnerUnavailableException.class)
                .hasMessageNotContaining(tiktok.appSecret())
                .hasNoCause();
    }

    /** The code TikTok's authorization page hands back through the redirect. */
    private String sandboxCode() {
        HttpResponse<String> redirect = api.get("/sandbox/tiktok-auth/open/authorize?service_id=" + tiktok.serviceId() + "&state=s", null);
        assertThat(redirect.statusCode()).isEqualTo(302);
        URI back = URI.create(redirect.headers().firstValue("Location").orElseThrow());
        assertThat(back.toString()).startsWith(tiktok.oauthRedirectUrl());
        return UriComponentsBuilder.fromUri(back).build().getQueryParams().getFirst("code");
    }
}
