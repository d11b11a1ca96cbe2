package io.returnflow.tiktok;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.returnflow.partners.PartnerHttp;
import io.returnflow.partners.PartnerRejectedException;
import io.returnflow.partners.PartnerUnavailableException;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * TikTok's token host ({@code tiktok.auth-base-url}): an authorization code or a refresh token for
 * a {@link TokenGrant}. These calls are not signed; the app secret travels in the query string, so
 * no URL of theirs may reach an exception message or a log.
 */
@Component
public class TikTokTokens {

    static final String EXCHANGE_PATH = "/api/v2/token/get";
    static final String REFRESH_PATH = "/api/v2/token/refresh";

    private final RestClient http = PartnerHttp.restClient("", Duration.ofSeconds(3), Duration.ofSeconds(10));
    private final TikTokProperties tiktok;
    private final ObjectMapper json;

    public TikTokTokens(TikTokProperties tiktok, ObjectMapper json) {
        this.tiktok = tiktok;
        this.json = json;
    }

    /** Redeems the single-use code of the authorization redirect. */
    public TokenGrant exchange(String authCode) {
        return grant(EXCHANGE_PATH, "auth_code", authCode, "authorized_code");
    }

    /** New tokens for an authorization, before its refresh token expires. */
    public TokenGrant refresh(String refreshToken) {
        return grant(REFRESH_PATH, "refresh_token", refreshToken, "refresh_token");
    }

    private TokenGrant grant(String path, String credentialName, String credential, String grantType) {
        // values percent-encoded in full: encode() would leave a '+' in a token, which TikTok reads as a space
        URI uri = UriComponentsBuilder.fromUriString(tiktok.authBaseUrl()).path(path)
                .queryParam("app_key", UriUtils.encode(tiktok.appKey(), StandardCharsets.UTF_8))
                .queryParam("app_secret", UriUtils.encode(tiktok.appSecret(), StandardCharsets.UTF_8))
                .queryParam(credentialName, UriUtils.encode(credential, StandardCharsets.UTF_8))
                .queryParam("grant_type", grantType)
                .build(true).toUri();
        JsonNode data;
        try {
            data = http.get().uri(uri).exchange((request, response) -> TikTokEnvelope.data(json, path,
                    response.getStatusCode(), response.getHeaders().getFirst("Retry-After"), response.getBody().readAllBytes()));
        } catch (ResourceAccessException e) {
            // The exception's own message quotes the URL, app secret included: keep only the root cause.
            Throwable cause = NestedExceptionUtils.getMostSpecificCause(e);
            throw new PartnerUnavailableException(TikTokEnvelope.PARTNER, "no answer on " + path + ": "
                    + cause.getClass().getSimpleName(), null, null);
        }
        if (text(data, "access_token") == null || text(data, "refresh_token") == null) {
            throw new PartnerRejectedException(TikTokEnvelope.PARTNER, null, "the answer on " + path + " holds no tokens");
        }
        return new TokenGrant(
                data.path("access_token").asText(),
                Instant.ofEpochSecond(data.path("access_token_expire_in").asLong()),
                data.path("refresh_token").asText(),
                Instant.ofEpochSecond(data.path("refresh_token_expire_in").asLong()),
                text(data, "open_id"), text(data, "seller_name"), text(data, "seller_base_region"));
    }

    private static String text(JsonNode data, String field) {
        String value = data.path(field).asText("");
        return value.isEmpty() ? null : value;
    }
}
