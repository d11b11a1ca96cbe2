package io.returnflow.tiktok;

import java.io.IOException;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.returnflow.partners.PartnerHttp;
import io.returnflow.partners.PartnerUnavailableException;

import org.springframework.http.HttpStatusCode;

/**
 * TikTok's answer envelope {@code {code, message, request_id, data}}, the same on the Partner API and
 * the token host: {@code data} when {@code code} is 0, {@link TikTokApiException} for a final error,
 * {@link PartnerUnavailableException} for 429/5xx, unreadable answers and retryable codes.
 */
final class TikTokEnvelope {

    static final String PARTNER = "TikTok";
    /** TikTok's "internal error, try again" code. */
    static final Set<Long> RETRYABLE_CODES = Set.of(36009003L);

    private TikTokEnvelope() {
    }

    static JsonNode data(ObjectMapper json, String path, HttpStatusCode status, String retryAfter, byte[] body) {
        if (status.value() == 429 || status.is5xxServerError()) {
            throw new PartnerUnavailableException(PARTNER, "HTTP " + status.value() + " on " + path,
                    PartnerHttp.retryAfter(retryAfter), null);
        }
        JsonNode envelope;
        try {
            envelope = json.readTree(body);
        } catch (IOException e) {
            throw new PartnerUnavailableException(PARTNER, "unreadable answer (HTTP " + status.value() + ") on " + path, null, e);
        }
        long code = envelope.path("code").asLong(-1);
        if (code == 0) {
            return envelope.path("data");
        }
        String message = envelope.path("message").asText("HTTP " + status.value());
        String requestId = envelope.path("request_id").asText(null);
        if (RETRYABLE_CODES.contains(code)) {
            throw new PartnerUnavailableException(PARTNER, code + " " + message + " on " + path, null, null);
        }
        throw new TikTokApiException(code, message, requestId);
    }
}
