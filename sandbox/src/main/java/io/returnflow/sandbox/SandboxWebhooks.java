package io.returnflow.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Delivers TikTok-style signed webhooks, as TikTok's servers would, to the service. */
@Component
@ConditionalOnProperty("sandbox.enabled")
class SandboxWebhooks {

    private static final int CANCELLATION_STATUS_CHANGE = 11;
    private static final int RETURN_STATUS_CHANGE = 12;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final SandboxTikTokSigning signing;
    private final ObjectMapper json;
    private final SandboxProperties sandbox;
    private final Environment environment;
    private final Clock clock;

    SandboxWebhooks(SandboxTikTokApp app, ObjectMapper json, SandboxProperties sandbox,
                    Environment environment, Clock clock) {
        this.signing = new SandboxTikTokSigning(app);
        this.json = json;
        this.sandbox = sandbox;
        this.environment = environment;
        this.clock = clock;
    }

    /** Sends a return status change (type 12) for the return; answers the notification id and HTTP status. */
    Delivery returnStatusChanged(SandboxReturn ret) {
        return returnStatusChanged(ret, "BUYER");
    }

    /** @param role who changed it: BUYER, SELLER or SYSTEM */
    Delivery returnStatusChanged(SandboxReturn ret, String role) {
        return returnStatusChanged(ret, role, Envelope.FULL);
    }

    Delivery returnStatusChanged(SandboxReturn ret, String role, Envelope shape) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("order_id", ret.orderId());
        data.put("return_id", ret.returnId());
        data.put("return_role", role);
        data.put("return_type", ret.returnType());
        data.put("return_status", ret.returnStatus());
        data.put("create_time", ret.createTime());
        data.put("update_time", ret.updateTime());
        return deliver(RETURN_STATUS_CHANGE, ret.shopId(), data, shape);
    }

    /**
     * Sends a cancellation status change (type 11) with the fields of TikTok's documentation:
     * order_id, cancellations_role, cancel_status, cancel_id, create_time. TikTok's list names no
     * update_time, so none is sent: the service re-reads the cancellation.
     *
     * @param role who changed it: BUYER, SELLER or SYSTEM
     */
    Delivery cancellationStatusChanged(SandboxCancellation cancellation, String role) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("order_id", cancellation.orderId());
        data.put("cancellations_role", role);
        data.put("cancel_status", cancellation.cancelStatus());
        data.put("cancel_id", cancellation.cancelId());
        data.put("create_time", cancellation.createTime());
        return deliver(CANCELLATION_STATUS_CHANGE, cancellation.shopId(), data);
    }

    Delivery deliver(int type, String shopId, Map<String, Object> data) {
        return deliver(type, shopId, data, Envelope.FULL);
    }

    private Delivery deliver(int type, String shopId, Map<String, Object> data, Envelope shape) {
        String notificationId = shape == Envelope.FULL ? SandboxIds.next() : null;
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("type", shape == Envelope.SAMPLE ? (Object) String.valueOf(type) : type);
        if (notificationId != null) {
            envelope.put("tts_notification_id", notificationId);
        }
        envelope.put("shop_id", shopId);
        envelope.put("timestamp", clock.instant().getEpochSecond());
        envelope.put("data", data);
        try {
            byte[] body = json.writeValueAsBytes(envelope);
            HttpRequest request = HttpRequest.newBuilder(URI.create(webhookUrl()))
                    .timeout(Duration.ofSeconds(3)) // TikTok's own patience
                    .header("Content-Type", "application/json")
                    .header("Authorization", signing.webhookSignature(body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return new Delivery(notificationId, status);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            return new Delivery(notificationId, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Delivery(notificationId, -1);
        }
    }

    private String webhookUrl() {
        if (sandbox.webhookUrl() != null && !sandbox.webhookUrl().isBlank()) {
            return sandbox.webhookUrl();
        }
        return "http://localhost:" + environment.getProperty("local.server.port", "8080") + "/webhooks/tiktok";
    }

    /** @param notificationId null when the envelope carried none */
    record Delivery(String notificationId, int status) {
    }

    /**
     * How the envelope is shaped: {@code FULL} with {@code tts_notification_id} and a numeric
     * {@code type}; {@code SAMPLE} as in TikTok's published samples and its overview's list of the
     * fields every notification has: no {@code tts_notification_id}, {@code type} a string ("12").
     */
    enum Envelope { FULL, SAMPLE }

    /** TikTok ids are long numeric strings. */
    static final class SandboxIds {
        private SandboxIds() {
        }

        static String next() {
            return String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000_000_000_000_000L, Long.MAX_VALUE));
        }
    }
}
