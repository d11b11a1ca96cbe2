package io.returnflow.intake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.Body;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * Reads the TikTok envelope ({@code type, tts_notification_id, shop_id, timestamp, data}) and
 * puts what routing needs into headers. The body stays the raw JSON as received.
 */
@Component
public class NotificationReader {

    /** Headers set on the intake exchange and carried on the queued event. */
    public static final String NOTIFICATION_ID = "TikTokNotificationId";
    public static final String SHOP_ID = "TikTokShopId";
    public static final String EVENT_TYPE = "TikTokEventType";
    public static final String RETURN_ID = "TikTokReturnId";
    /** The queue the event goes to; absent for a type no flow handles. */
    public static final String QUEUE = "TikTokEventQueue";
    /** Artemis message grouping: one consumer at a time per return (per shop for shop events). */
    public static final String GROUP_ID = "JMSXGroupID";
    /** Artemis duplicate detection, a second guard behind the notification id table. */
    public static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

    static final int RETURN_STATUS_CHANGE = 12;

    private final ObjectMapper json;
    private final IntakeProperties intake;

    public NotificationReader(ObjectMapper json, IntakeProperties intake) {
        this.json = json;
        this.intake = intake;
    }

    public String read(@Body byte[] rawBody, Message message) {
        JsonNode envelope = parse(rawBody);
        String notificationId = requiredText(envelope, "tts_notification_id");
        String shopId = requiredText(envelope, "shop_id");
        JsonNode type = envelope.get("type");
        if (type == null || !type.canConvertToInt()) {
            throw new WebhookRefusedException(400, "malformed", "missing or non-numeric \"type\"");
        }
        int eventType = type.asInt();
        String returnId = envelope.path("data").path("return_id").asText(null);

        message.setHeader(NOTIFICATION_ID, notificationId);
        message.setHeader(SHOP_ID, shopId);
        message.setHeader(EVENT_TYPE, eventType);
        String queue = intake.queues().get(eventType);
        if (queue != null) {
            message.setHeader(QUEUE, queue);
        }
        message.setHeader(DUPLICATE_ID, notificationId);
        if (returnId != null && !returnId.isBlank()) {
            message.setHeader(RETURN_ID, returnId);
            message.setHeader(GROUP_ID, shopId + ":" + returnId);
        } else {
            message.setHeader(GROUP_ID, shopId);
        }
        if (eventType == RETURN_STATUS_CHANGE && returnId == null) {
            throw new WebhookRefusedException(400, "malformed", "return status change without data.return_id");
        }
        return new String(rawBody, StandardCharsets.UTF_8);
    }

    private JsonNode parse(byte[] rawBody) {
        try {
            JsonNode node = json.readTree(rawBody);
            if (node == null || !node.isObject()) {
                throw new WebhookRefusedException(400, "malformed", "body is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new WebhookRefusedException(400, "malformed", "body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new WebhookRefusedException(400, "malformed", "body is not readable JSON");
        }
    }

    private static String requiredText(JsonNode envelope, String field) {
        JsonNode value = envelope.get(field);
        if (value == null || !value.isValueNode() || value.asText().isBlank()) {
            throw new WebhookRefusedException(400, "malformed", "missing \"" + field + "\"");
        }
        String text = value.asText();
        if (text.length() > 128) {
            throw new WebhookRefusedException(400, "malformed", "\"" + field + "\" is too long");
        }
        return text;
    }
}
