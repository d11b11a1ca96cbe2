package io.returnflow.intake;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Reads the TikTok envelope ({@code type, tts_notification_id, shop_id, timestamp, data}; the
 * notification id may be absent, {@code type} a number or a string of digits) and
 * puts what routing needs into headers. The body stays the raw JSON as received. Strict on
 * purpose: the body must be valid UTF-8 and one JSON object with no key twice (two parsers could
 * otherwise read two different envelopes out of the same signed bytes), and its {@code timestamp}
 * within {@code app.webhooks.max-age} before and {@code max-ahead} after this service's clock, so
 * a signed webhook captured long ago cannot be played again once its id is forgotten.
 */
@Component
public class NotificationReader {

    /** Headers set on the intake exchange and carried on the queued event. */
    public static final String NOTIFICATION_ID = "TikTokNotificationId";
    public static final String SHOP_ID = "TikTokShopId";
    public static final String EVENT_TYPE = "TikTokEventType";
    public static final String RETURN_ID = "TikTokReturnId";
    /** Artemis message grouping: one consumer at a time per return (per shop for shop events). */
    public static final String GROUP_ID = "JMSXGroupID";
    /** Artemis duplicate detection, a second guard behind the notification id table. */
    public static final String DUPLICATE_ID = "_AMQ_DUPL_ID";
    /**
     * The exchange variable naming the queue the event goes to; absent for a type no flow handles.
     * A variable, not a header: it never travels with the event, and no HTTP header can be it.
     */
    public static final String QUEUE_VARIABLE = "eventQueue";

    public static final int CANCELLATION_STATUS_CHANGE = 11;
    public static final int RETURN_STATUS_CHANGE = 12;
    /** TikTok's ids are long numeric strings; a little more is allowed, nothing that is not an id (quotes, NUL...). */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern TYPE_DIGITS = Pattern.compile("[0-9]{1,9}");
    /** The notification id of an envelope without {@code tts_notification_id}: SHA-256 of its raw body. */
    static final String DERIVED_ID_PREFIX = "sha256:";

    private final ObjectReader envelopes;
    private final IntakeQueues queues;
    private final IntakeProperties intake;
    private final Clock clock;

    public NotificationReader(ObjectMapper json, IntakeQueues queues, IntakeProperties intake, Clock clock) {
        this.envelopes = json.reader()
                .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.queues = queues;
        this.intake = intake;
        this.clock = clock;
    }

    public String read(@Body byte[] rawBody, Exchange exchange) {
        String text = utf8(rawBody);
        JsonNode envelope = parse(text);
        String notificationId = notificationId(envelope, rawBody);
        String shopId = requiredText(envelope, "shop_id");
        int eventType = eventType(envelope.get("type"));
        checkTimestamp(envelope.get("timestamp"));
        // a cancellation is recorded as a case whose source return id is its cancel_id: its events
        // are ordered per cancellation and its history is the case's, as a return's are
        String returnId = eventType == CANCELLATION_STATUS_CHANGE
                ? optionalId(envelope.path("data").path("cancel_id"), "data.cancel_id")
                : optionalId(envelope.path("data").path("return_id"), "data.return_id");

        var message = exchange.getMessage();
        message.setHeader(NOTIFICATION_ID, notificationId);
        message.setHeader(SHOP_ID, shopId);
        message.setHeader(EVENT_TYPE, eventType);
        String queue = queues.queueFor(eventType);
        if (queue != null) {
            exchange.setVariable(QUEUE_VARIABLE, queue);
        }
        message.setHeader(DUPLICATE_ID, notificationId);
        if (returnId != null) {
            message.setHeader(RETURN_ID, returnId);
            message.setHeader(GROUP_ID, shopId + ":" + returnId);
        } else {
            message.setHeader(GROUP_ID, shopId);
        }
        if (eventType == RETURN_STATUS_CHANGE && returnId == null) {
            throw new WebhookRefusedException(400, "malformed", "return status change without data.return_id");
        }
        if (eventType == CANCELLATION_STATUS_CHANGE && returnId == null) {
            throw new WebhookRefusedException(400, "malformed", "cancellation status change without data.cancel_id");
        }
        return text;
    }

    /**
     * TikTok's {@code tts_notification_id}, or, where the envelope has none (TikTok's overview does
     * not list it among the fields every notification carries, and its samples omit it), a key
     * derived from the signed bytes: a redelivery of the same notification is the same body.
     */
    private static String notificationId(JsonNode envelope, byte[] rawBody) {
        JsonNode value = envelope.get("tts_notification_id");
        if (value == null || value.isNull()) {
            return DERIVED_ID_PREFIX + HexFormat.of().formatHex(sha256(rawBody));
        }
        return requiredText(envelope, "tts_notification_id");
    }

    /** {@code type} as a number, or as a string of digits ("12"), which TikTok's samples also show. */
    private static int eventType(JsonNode type) {
        if (type != null && type.isIntegralNumber() && type.canConvertToInt()) {
            return type.asInt();
        }
        if (type != null && type.isTextual() && TYPE_DIGITS.matcher(type.asText()).matches()) {
            return Integer.parseInt(type.asText());
        }
        throw new WebhookRefusedException(400, "malformed", "missing or non-integer \"type\"");
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    /** TikTok's {@code timestamp}: Unix seconds when the notification was sent. */
    private void checkTimestamp(JsonNode timestamp) {
        if (timestamp == null || !timestamp.isIntegralNumber() || !timestamp.canConvertToLong()) {
            throw new WebhookRefusedException(400, "malformed", "missing or non-integer \"timestamp\"");
        }
        long seconds = timestamp.asLong();
        Instant now = clock.instant();
        if (seconds < now.minus(intake.maxAge()).getEpochSecond()) {
            throw new WebhookRefusedException(400, "stale", "\"timestamp\" " + seconds + " is more than "
                    + intake.maxAge().toHours() + " hours old");
        }
        if (seconds > now.plus(intake.maxAhead()).getEpochSecond()) {
            throw new WebhookRefusedException(400, "ahead", "\"timestamp\" " + seconds + " is more than "
                    + intake.maxAhead().toMinutes() + " minutes ahead of this service's clock");
        }
    }

    private static String utf8(byte[] rawBody) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(rawBody)).toString();
        } catch (CharacterCodingException e) {
            throw new WebhookRefusedException(400, "malformed", "body is not valid UTF-8");
        }
    }

    private JsonNode parse(String text) {
        try {
            JsonNode node = envelopes.readTree(text);
            if (node == null || !node.isObject()) {
                throw new WebhookRefusedException(400, "malformed", "body is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new WebhookRefusedException(400, "malformed", "body is not JSON: " + abbreviate(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new WebhookRefusedException(400, "malformed", "body is not readable JSON");
        }
    }

    /** An id the envelope must carry, as a string. */
    private static String requiredText(JsonNode envelope, String field) {
        JsonNode value = envelope.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new WebhookRefusedException(400, "malformed", "missing \"" + field + "\" (a string)");
        }
        return id(value.asText(), field);
    }

    /** An id the envelope may carry: null when absent or blank; a string id when present. */
    private static String optionalId(JsonNode value, String field) {
        if (value.isMissingNode() || value.isNull() || value.isTextual() && value.asText().isBlank()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new WebhookRefusedException(400, "malformed", "\"" + field + "\" is not a string");
        }
        return id(value.asText(), field);
    }

    private static String id(String text, String field) {
        if (!ID.matcher(text).matches()) {
            throw new WebhookRefusedException(400, "malformed", "\"" + field + "\" is not an id (too long, or characters an id has not)");
        }
        return text;
    }

    /** A parser's message may quote the hostile input: the log gets a bounded part of it. */
    private static String abbreviate(String message) {
        return message == null || message.length() <= 200 ? message : message.substring(0, 200) + "...";
    }
}
