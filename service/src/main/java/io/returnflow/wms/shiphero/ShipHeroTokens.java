package io.returnflow.wms.shiphero;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.returnflow.merchants.Secret;
import io.returnflow.merchants.TargetSettingsStore;
import io.returnflow.messaging.PermanentFailureException;
import io.returnflow.partners.PartnerCircuitBreakers;
import io.returnflow.partners.PartnerHttp;
import io.returnflow.partners.PartnerRejectedException;
import io.returnflow.partners.PartnerUnavailableException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * A merchant's ShipHero bearer token: used while it is valid, refreshed through
 * {@code POST /auth/refresh} shortly before it expires ({@code shiphero.refresh-before-expiry}) and
 * when ShipHero answers 401 (see {@link ShipHeroClient}). The new token is stored sealed in the
 * merchant's ShipHero settings, with its expiry.
 */
@Component
public class ShipHeroTokens {

    private static final Logger log = LoggerFactory.getLogger(ShipHeroTokens.class);

    private final RestClient http;
    private final ShipHeroProperties shiphero;
    private final TargetSettingsStore settingsStore;
    private final ObjectMapper json;
    private final Clock clock;
    private final PartnerCircuitBreakers breakers;

    public ShipHeroTokens(ShipHeroProperties shiphero, TargetSettingsStore settingsStore, ObjectMapper json, Clock clock,
                          PartnerCircuitBreakers breakers) {
        this.http = PartnerHttp.restClient(shiphero.apiBaseUrl(), shiphero.connectTimeout(), shiphero.readTimeout());
        this.shiphero = shiphero;
        this.settingsStore = settingsStore;
        this.json = json;
        this.clock = clock;
        this.breakers = breakers;
    }

    /** The merchant's access token, refreshed first when it expires soon. */
    public String accessToken(String merchantId, ShipHeroSettings settings) {
        Instant expiresAt = settings.accessTokenExpiresAt();
        boolean expiresSoon = expiresAt != null && !expiresAt.minus(shiphero.refreshBeforeExpiry()).isAfter(clock.instant());
        if (settings.accessToken() == null || expiresSoon) {
            return refresh(merchantId, settings);
        }
        return settings.accessToken().value();
    }

    /** A new access token for the merchant, stored sealed before it is answered. */
    public String refresh(String merchantId, ShipHeroSettings settings) {
        String refreshToken = Secret.valueOf(settings.refreshToken());
        if (refreshToken == null || refreshToken.isBlank()) {
            throw new PermanentFailureException("merchant " + merchantId + " has no ShipHero refresh token");
        }
        JsonNode answer = breakers.call(ShipHeroClient.PARTNER, merchantId, "POST /auth/refresh", () -> {
            try {
                return http.post().uri("/auth/refresh")
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(Map.of("refresh_token", refreshToken))
                        .exchange((request, response) -> read(response.getStatusCode().value(),
                                response.getHeaders().getFirst("Retry-After"), response.getBody().readAllBytes()));
            } catch (ResourceAccessException e) {
                throw new PartnerUnavailableException(ShipHeroClient.PARTNER, "no answer on /auth/refresh: " + e.getMessage(), null, e);
            }
        });
        String accessToken = answer.path("access_token").asText("");
        if (accessToken.isBlank()) {
            throw new PartnerRejectedException(ShipHeroClient.PARTNER, "refresh", "/auth/refresh answered no access_token");
        }
        long expiresIn = answer.path("expires_in").asLong(0);
        Instant expiresAt = expiresIn > 0 ? clock.instant().plusSeconds(expiresIn) : null;
        String newRefreshToken = answer.path("refresh_token").asText(null);
        settingsStore.change(merchantId, ShipHeroSettings.SECTION,
                stored -> stored.withTokens(accessToken, newRefreshToken, expiresAt));
        log.info("ShipHero access token of merchant {} refreshed, valid until {}", merchantId, expiresAt);
        return accessToken;
    }

    private JsonNode read(int status, String retryAfter, byte[] body) {
        if (status == 429 || status >= 500) {
            throw new PartnerUnavailableException(ShipHeroClient.PARTNER, "HTTP " + status + " on /auth/refresh",
                    PartnerHttp.retryAfter(retryAfter), null);
        }
        if (status >= 400) {
            throw new PartnerRejectedException(ShipHeroClient.PARTNER, String.valueOf(status),
                    "the refresh token was refused on /auth/refresh");
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new PartnerRejectedException(ShipHeroClient.PARTNER, String.valueOf(status), "/auth/refresh answer is not JSON");
        }
    }
}
