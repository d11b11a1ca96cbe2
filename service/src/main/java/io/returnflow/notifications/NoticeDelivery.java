package io.returnflow.notifications;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.returnflow.messaging.PermanentFailureException;
import io.returnflow.messaging.RetryLaterException;
import io.returnflow.partners.PartnerHosts;
import io.returnflow.partners.PartnerHttp;
import io.returnflow.partners.PartnerText;
import io.returnflow.secrets.HmacSha256;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Delivers one notice to its merchant's webhook: a JSON body a Slack incoming webhook takes as is
 * ({@code text}) with the notice's fields beside it, signed with the merchant's secret:
 * {@code X-Returnflow-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">} and
 * {@code X-Returnflow-Timestamp} (Unix seconds), so a receiver can check both the sender and the
 * age. A receiver that is down, slow or throttling (timeouts, 408, 429, 5xx) is tried again later
 * by the queue's policy; any other answer but 2xx dead-letters the notice, with the status.
 */
@Component("noticeDelivery")
public class NoticeDelivery {

    private static final Logger log = LoggerFactory.getLogger(NoticeDelivery.class);

    private final NotificationSettings settings;
    private final ObjectMapper json;
    private final Clock clock;
    private final RestClient http;

    public NoticeDelivery(NotificationSettings settings, ObjectMapper json, Clock clock, PartnerHosts hosts) {
        this.settings = settings;
        this.json = json;
        this.clock = clock;
        // the URL is the merchant's: it never resolves to the service's own network
        this.http = PartnerHttp.restClient("", Duration.ofSeconds(3), Duration.ofSeconds(10), hosts.resolver());
    }

    public void deliver(String body) throws IOException {
        Notice notice = json.readValue(body, Notice.class);
        Optional<NotificationSettings.Webhook> webhook = settings.webhook(notice.merchantId());
        if (webhook.isEmpty()) {
            log.info("Notice {} for merchant {} dropped: it has no notification webhook now", notice.id(), notice.merchantId());
            return;
        }
        byte[] message = json.writeValueAsBytes(message(notice));
        String timestamp = String.valueOf(clock.instant().getEpochSecond());
        try {
            http.post().uri(webhook.get().url())
                    .contentType(MediaType.APPLICATION_JSON)
                    .header("X-Returnflow-Notice-Id", notice.id())
                    .header("X-Returnflow-Timestamp", timestamp)
                    .header("X-Returnflow-Signature", "sha256=" + signature(webhook.get().signingSecret(), timestamp, message))
                    .body(message)
                    .retrieve()
                    .onStatus(HttpStatusCode::isError, (request, answer) -> {
                        int status = answer.getStatusCode().value();
                        if (status == 408 || status == 429 || status >= 500) {
                            throw new RetryLaterException("the merchant's notification webhook answered " + status,
                                    PartnerHttp.retryAfter(answer.getHeaders().getFirst("Retry-After")), null);
                        }
                        throw new PermanentFailureException("the merchant's notification webhook refused the notice: HTTP "
                                + status);
                    })
                    .toBodilessEntity();
        } catch (ResourceAccessException unreachable) {
            throw new RetryLaterException("the merchant's notification webhook cannot be reached: "
                    + PartnerText.cut(unreachable.getMessage()), null, unreachable);
        }
        log.info("Notice {} ({}) delivered to merchant {}", notice.id(), notice.kind(), notice.merchantId());
    }

    /** The notice as the receiver reads it: Slack's {@code text}, then the fields for programs. */
    private static Map<String, Object> message(Notice notice) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("text", notice.text());
        message.put("kind", notice.kind().name());
        message.put("noticeId", notice.id());
        message.put("merchantId", notice.merchantId());
        message.put("returnId", notice.returnId());
        message.put("tiktokReturnId", notice.sourceReturnId());
        message.put("shopId", notice.shopId());
        message.put("detail", notice.detail());
        message.put("at", notice.at().toString());
        return message;
    }

    static String signature(String secret, String timestamp, byte[] body) {
        return HmacSha256.hex(secret, (timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
    }
}
