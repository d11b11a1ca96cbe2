package io.returnflow.tiktok;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.returnflow.partners.PartnerCircuitBreakers;
import io.returnflow.partners.PartnerHttp;
import io.returnflow.partners.PartnerUnavailableException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Signed calls to the TikTok Shop Partner API. Answers the envelope's {@code data}; a non-zero
 * {@code code} becomes {@link TikTokApiException} (final) or, for 429/5xx/timeouts and the
 * retryable codes, {@link PartnerUnavailableException}.
 */
@Component
public class TikTokClient {

    static final String PARTNER = TikTokEnvelope.PARTNER;

    private final RestClient http;
    private final RequestSigner signer;
    private final TikTokProperties tiktok;
    private final ObjectMapper json;
    private final Clock clock;
    private final PartnerCircuitBreakers breakers;
    private final TikTokRateLimits rateLimits;
    private final ObjectProvider<AccessTokenRenewal> renewal;
    private final Set<Long> expiredTokenCodes;

    public TikTokClient(RequestSigner signer, TikTokProperties tiktok, ObjectMapper json, Clock clock,
                        PartnerCircuitBreakers breakers, TikTokRateLimits rateLimits,
                        ObjectProvider<AccessTokenRenewal> renewal,
                        @Value("${tiktok.expired-token-codes:105002}") Set<Long> expiredTokenCodes) {
        this.http = PartnerHttp.restClient(tiktok.apiBaseUrl(), Duration.ofSeconds(3), Duration.ofSeconds(10));
        this.signer = signer;
        this.tiktok = tiktok;
        this.json = json;
        this.clock = clock;
        this.breakers = breakers;
        this.rateLimits = rateLimits;
        this.renewal = renewal;
        this.expiredTokenCodes = expiredTokenCodes;
    }

    /** A shop-scoped or app-scoped call; {@code shopCipher} null for /authorization/* calls. */
    public JsonNode get(String path, Map<String, String> query, String accessToken, String shopCipher) {
        return send("GET", path, query, null, accessToken, shopCipher);
    }

    /** The body is serialised once: the same bytes are signed and sent. */
    public JsonNode post(String path, Map<String, String> query, Object body, String accessToken, String shopCipher) {
        return send("POST", path, query, body, accessToken, shopCipher);
    }

    public JsonNode put(String path, Map<String, String> query, Object body, String accessToken, String shopCipher) {
        return send("PUT", path, query, body, accessToken, shopCipher);
    }

    /** multipart/form-data: the body is not part of the signature. */
    public JsonNode postMultipart(String path, Map<String, String> query, MultiValueMap<String, Object> parts,
                                  String accessToken, String shopCipher) {
        rateLimits.acquire(shopCipher, path);
        URI uri = signedUri(path, query, null, shopCipher);
        return exchange(path, shopCipher, () -> http.post().uri(uri)
                .header("x-tts-access-token", accessToken)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(parts)
                .exchange((request, response) -> read(path, response.getStatusCode(),
                        response.getHeaders().getFirst("Retry-After"), response.getBody().readAllBytes())));
    }

    /** Sends; when TikTok says the access token expired, renews it once and sends again. */
    private JsonNode send(String method, String path, Map<String, String> query, Object body,
                          String accessToken, String shopCipher) {
        byte[] bytes = body == null ? null : serialise(body);
        try {
            return send(method, path, query, bytes, accessToken, shopCipher);
        } catch (TikTokApiException refused) {
            if (accessToken == null || !expiredTokenCodes.contains(refused.tiktokCode())) {
                throw refused;
            }
            AccessTokenRenewal renewer = renewal.getIfAvailable();
            String renewed = renewer == null ? null : renewer.renew(accessToken).orElse(null);
            if (renewed == null) {
                throw refused;
            }
            return send(method, path, query, bytes, renewed, shopCipher);
        }
    }

    private JsonNode send(String method, String path, Map<String, String> query, byte[] bytes,
                          String accessToken, String shopCipher) {
        rateLimits.acquire(shopCipher, path);
        URI uri = signedUri(path, query, bytes, shopCipher);
        return exchange(path, shopCipher, () -> {
            RestClient.RequestBodySpec request = http.method(org.springframework.http.HttpMethod.valueOf(method))
                    .uri(uri)
                    .header("x-tts-access-token", accessToken == null ? "" : accessToken)
                    .contentType(MediaType.APPLICATION_JSON);
            if (bytes != null) {
                request.body(bytes);
            }
            return request.exchange((req, response) -> read(path, response.getStatusCode(),
                    response.getHeaders().getFirst("Retry-After"), response.getBody().readAllBytes()));
        });
    }

    private URI signedUri(String path, Map<String, String> query, byte[] body, String shopCipher) {
        Map<String, String> params = new LinkedHashMap<>(query);
        params.put("app_key", tiktok.appKey());
        params.put("timestamp", String.valueOf(clock.instant().getEpochSecond()));
        if (shopCipher != null) {
            params.put("shop_cipher", shopCipher);
        }
        params.put("sign", signer.sign(path, params, body));
        // every character outside RFC 3986's unreserved set percent-encoded: encode() alone leaves
        // '+', which TikTok reads as a space, so a value with '+' would no longer match its signature
        MultiValueMap<String, String> encoded = new LinkedMultiValueMap<>();
        params.forEach((key, value) -> encoded.add(UriUtils.encode(key, StandardCharsets.UTF_8),
                UriUtils.encode(value, StandardCharsets.UTF_8)));
        return UriComponentsBuilder.fromUriString(tiktok.apiBaseUrl()).path(path).queryParams(encoded)
                .build(true).toUri();
    }

    private JsonNode read(String path, HttpStatusCode status, String retryAfter, byte[] body) {
        return TikTokEnvelope.data(json, path, status, retryAfter, body);
    }

    /** Through the shop's own breaker (the app's for calls without a shop): one shop failing stops no other. */
    private JsonNode exchange(String path, String shopCipher, java.util.function.Supplier<JsonNode> call) {
        return breakers.call(PARTNER, shopCipher, path, () -> {
            try {
                return call.get();
            } catch (ResourceAccessException e) {
                throw new PartnerUnavailableException(PARTNER, "no answer on " + path + ": " + e.getMessage(), null, e);
            }
        });
    }

    private byte[] serialise(Object body) {
        try {
            return body instanceof byte[] raw ? raw : json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialise TikTok request body", e);
        }
    }
}
