package io.returnflow.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.returnflow.tiktok.WebhookSignature;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.core.env.Environment;

/**
 * Plays TikTok's webhook sender against the running service. Envelopes carry the service's clock
 * as their {@code timestamp} (a test that moves a MutableClock sends webhooks of its "now"): the
 * service refuses envelopes far from its own time.
 */
@TestComponent
public class TikTokWebhookClient {

    private final HttpClient http = HttpClient.newHttpClient();
    private final WebhookSignature signature;
    private final Environment environment;
    private final Clock clock;

    public TikTokWebhookClient(WebhookSignature signature, Environment environment, Clock clock) {
        this.signature = signature;
        this.environment = environment;
        this.clock = clock;
    }

    public static String newId() {
        return String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000_000_000_000_000L, Long.MAX_VALUE));
    }

    public String returnStatusChange(String notificationId, String shopId, String returnId) {
        return envelope(12, notificationId, shopId, """
                {"order_id":"576653688135258178","return_id":"%s","return_role":"BUYER",\
                "return_type":"RETURN_AND_REFUND","return_status":"RETURN_OR_REFUND_REQUEST_PENDING",\
                "create_time":1718305585,"update_time":1718305585}""".formatted(returnId));
    }

    /** TikTok's envelope, sent now by the service's clock. */
    public String envelope(int type, String notificationId, String shopId, String dataJson) {
        return envelope(type, notificationId, shopId, clock.instant().getEpochSecond(), dataJson);
    }

    public static String envelope(int type, String notificationId, String shopId, long timestamp, String dataJson) {
        return """
                {"type":%d,"tts_notification_id":"%s","shop_id":"%s","timestamp":%d,"data":%s}"""
                .formatted(type, notificationId, shopId, timestamp, dataJson);
    }

    /** Signed correctly, as TikTok would. */
    public HttpResponse<String> deliver(String body) {
        return send(body, signature.sign(body.getBytes(StandardCharsets.UTF_8)), null);
    }

    public HttpResponse<String> send(String body, String authorization, String contentType) {
        return send(body, authorization, contentType, Map.of(), null);
    }

    /** With extra HTTP headers and a query string (e.g. to forge what the event's headers are named). */
    public HttpResponse<String> send(String body, String authorization, String contentType, Map<String, String> headers,
                                     String query) {
        return send(body.getBytes(StandardCharsets.UTF_8), authorization, contentType, headers, query);
    }

    /** Raw bytes, e.g. a body that is not UTF-8. */
    public HttpResponse<String> send(byte[] body, String authorization, String contentType, Map<String, String> headers,
                                     String query) {
        HttpRequest.Builder request = HttpRequest.newBuilder(query == null ? webhookUri() : uri("/webhooks/tiktok?" + query))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return exchange(request.build());
    }

    /** A body without Content-Length (chunked transfer), to exercise the streaming limit. */
    public HttpResponse<String> sendChunked(byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(webhookUri())
                .header("Authorization", signature.sign(body))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        return exchange(request);
    }

    public String sign(String body) {
        return signature.sign(body.getBytes(StandardCharsets.UTF_8));
    }

    public String sign(byte[] body) {
        return signature.sign(body);
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + environment.getRequiredProperty("local.server.port") + path);
    }

    private URI webhookUri() {
        return uri("/webhooks/tiktok");
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("request to " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String uniqueShop() {
        return "shop-" + UUID.randomUUID();
    }
}
